from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssemblyConfig(AppConfig):
    name = "concours.assembly"
    verbose_name = _("General Assembly")
