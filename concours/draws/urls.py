from django.urls import path

app_name = "draws"

urlpatterns: list = []
