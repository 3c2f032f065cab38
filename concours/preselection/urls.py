from django.urls import path

from concours.preselection import views

app_name = "preselection"

urlpatterns = [
    path("jury/preselection/<int:round_id>/", views.panel, name="panel"),
    path("jury/preselection/<int:round_id>/<uuid:reference>/", views.review, name="review"),
    path(
        "jury/preselection/<int:round_id>/<uuid:reference>/recordings/<int:recording_id>/",
        views.recording,
        name="recording",
    ),
    path("preselection/<int:round_id>/", views.office, name="office"),
    path("preselection/<int:round_id>/compute/", views.compute, name="compute"),
    path("preselection/<int:round_id>/admit/", views.admit, name="admit"),
]
