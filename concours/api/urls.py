from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from concours.api import federation, views

router = DefaultRouter()
router.register("competitions", views.CompetitionViewSet, basename="competition")
router.register("editions", views.EditionViewSet, basename="edition")
router.register("divisions", views.DivisionViewSet, basename="division")
router.register("rounds", views.RoundViewSet, basename="round")
router.register("cities", federation.CityViewSet, basename="city")
router.register("events", federation.EventViewSet, basename="event")
router.register("projects", federation.ProjectViewSet, basename="project")

app_name = "api"

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its initialisation script from ``?script=`` instead of inlining it, so
    # the page works under the site's Content-Security-Policy (script-src 'self').
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="api/swagger_ui.html"
        ),
        name="docs",
    ),
]
