from django.urls import path

app_name = "jury"

urlpatterns: list = []
