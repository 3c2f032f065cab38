"""The upload protocol (namespace ``uploads``); see docs/uploads.md."""

from django.urls import path

from concours.uploads import views

app_name = "uploads"

urlpatterns = [
    path("uploads/", views.start, name="start"),
    path("uploads/<uuid:upload_id>/", views.upload, name="upload"),
]
