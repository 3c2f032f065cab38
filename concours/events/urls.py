from django.urls import path

from concours.events.views import office, public, registrant

app_name = "events"

urlpatterns = [
    path("events/", public.event_list, name="list"),
    path("events/me/", registrant.my_registrations, name="mine"),
    path("events/me/calendar/", registrant.new_feed, name="new_feed"),
    path("events/me/<int:registration_id>/", registrant.registration, name="registration"),
    path("events/me/<int:registration_id>/cancel/", registrant.cancel, name="cancel"),
    path("events/me/<int:registration_id>/confirm/", registrant.confirm, name="confirm"),
    path("events/me/<int:registration_id>/badge.pdf", registrant.badge, name="badge"),
    path(
        "events/me/<int:registration_id>/certificate.pdf",
        registrant.certificate,
        name="certificate",
    ),
    path(
        "events/join/<int:registration_id>/<int:session_id>/<str:signature>/",
        registrant.join,
        name="join",
    ),
    path("events/feeds/<str:token>.ics", registrant.personal_feed, name="personal_feed"),
    path("events/<slug:slug>/", public.event_detail, name="event"),
    path("events/<slug:slug>/register/", registrant.register, name="register"),
    path("events/<slug:slug>/calendar.ics", public.event_calendar, name="calendar"),
    path("events/<slug:slug>/check-in/", office.check_in, name="check_in"),
]
