from django.urls import path

from concours.competitions.views import public

app_name = "public"

urlpatterns = [
    path("", public.home, name="home"),
    path("competitions/<slug:slug>/", public.competition_detail, name="competition"),
    path("competitions/<slug:slug>/<int:year>/", public.edition_detail, name="edition"),
]
