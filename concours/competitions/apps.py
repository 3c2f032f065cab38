from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CompetitionsConfig(AppConfig):
    default = True
    name = "concours.competitions"
    verbose_name = _("Competitions")


class OfficeAdminConfig(admin_apps.AdminConfig):
    """Replaces ``django.contrib.admin`` so the admin site is the office site."""

    default = False
    default_site = "concours.competitions.admin_site.OfficeAdminSite"
