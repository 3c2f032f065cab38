from django.urls import path

from concours.applications.views import links

app_name = "links"

urlpatterns = [
    path("links/consent/<str:token>/", links.consent, name="consent"),
    path("links/letter/<str:token>/", links.letter, name="letter"),
]
