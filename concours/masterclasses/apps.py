from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MasterclassesConfig(AppConfig):
    name = "concours.masterclasses"
    verbose_name = _("Master classes")

    def ready(self) -> None:
        from concours.core import portal
        from concours.masterclasses.portal import section

        portal.register(
            key="masterclasses", template="masterclasses/_portal.html", context=section, order=30
        )
