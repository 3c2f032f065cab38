from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "concours.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from concours.core import portal
        from concours.events.portal import section

        portal.register(key="events", template="events/_portal.html", context=section, order=20)
