from django.urls import path

from concours.masterclasses.views import candidate, office, public

app_name = "masterclasses"

EVENT = "master-classes/<slug:slug>/"

urlpatterns = [
    path(f"{EVENT}apply/", candidate.apply, name="apply"),
    path(f"{EVENT}my-application/", candidate.mine, name="mine"),
    path(f"{EVENT}my-application/withdraw/", candidate.withdraw, name="withdraw"),
    path(f"{EVENT}timetable/", public.timetable, name="timetable"),
    path(f"{EVENT}office/", office.applications, name="office_applications"),
    path(f"{EVENT}office/<int:application_id>/", office.application, name="office_application"),
    path(f"{EVENT}office/timetable/", office.timetable, name="office_timetable"),
]
