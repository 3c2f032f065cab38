from django.urls import path

from concours.cooperation.views import public

app_name = "cooperation"

urlpatterns = [
    path("projects/", public.project_list, name="projects"),
    path("projects/<slug:slug>/", public.project_detail, name="project"),
    path(
        "projects/<slug:slug>/documents/<int:pk>/",
        public.project_document,
        name="document",
    ),
]
