"""The office back-end: Django's admin, opened to the roles that run competitions."""

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class OfficeAdminSite(admin.AdminSite):
    site_header = _("Concours office")
    site_title = _("Concours office")
    index_title = _("Your competitions")

    def has_permission(self, request: HttpRequest) -> bool:
        from concours.competitions.access import has_office_access

        return has_office_access(request.user)
