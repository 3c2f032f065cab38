from django.urls import path

from concours.directory.views import public

app_name = "directory"

urlpatterns = [
    # Served here, before the competitions' own ``members/``, so ``directory:members`` opens it.
    path("members/", public.members, name="members"),
    path("calendar/", public.calendar_page, name="calendar"),
    path("calendar.ics", public.calendar_ics, name="calendar_ics"),
    path("calendar.csv", public.calendar_csv, name="calendar_csv"),
    path("calendar/clashes/", public.clash_check, name="clashes"),
    path("cities/", public.city_list, name="cities"),
    path("cities/<slug:slug>/", public.city_detail, name="city"),
]
