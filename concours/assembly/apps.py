from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "concours.assembly"
    verbose_name = _("General Assembly")

    def ready(self) -> None:
        from concours.assembly.portal import section
        from concours.core import portal

        portal.register(key="assembly", template="assembly/_portal.html", context=section, order=40)
