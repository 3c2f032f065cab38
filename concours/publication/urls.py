from django.urls import path

app_name = "publication"

urlpatterns: list = []
