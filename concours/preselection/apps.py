from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreselectionConfig(AppConfig):
    name = "concours.preselection"
    verbose_name = _("Pre-selection")
