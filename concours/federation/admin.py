from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from concours.federation.access import is_secretariat
from concours.federation.models import City, Discipline, Federation, Instrument, SecretariatMember
from concours.ledger.access import allow_readers

# The integrity log (a lower layer) is read by the federation's secretariat.
allow_readers(is_secretariat)


class SecretariatAdmin(admin.ModelAdmin):
    """Federation data: the secretariat changes it; anyone let into the office may look."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.admin_site.has_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.admin_site.has_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_secretariat(request.user)


class SecretariatMemberInline(admin.TabularInline):
    model = SecretariatMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Federation)
class FederationAdmin(SecretariatAdmin):
    list_display = ["short_name", "name_en", "name_zh", "founded_year"]
    search_fields = ["short_name", "name_en", "name_zh"]
    inlines = [SecretariatMemberInline]


@admin.register(City)
class CityAdmin(SecretariatAdmin):
    list_display = ["name_en", "name_zh", "country", "time_zone", "unesco_city_of_music"]
    list_filter = ["unesco_city_of_music", "country"]
    search_fields = ["name_en", "name_zh"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Discipline)
class DisciplineAdmin(SecretariatAdmin):
    list_display = ["name_en", "name_zh", "code", "is_ensemble"]
    search_fields = ["name_en", "name_zh", "code"]


@admin.register(Instrument)
class InstrumentAdmin(SecretariatAdmin):
    list_display = ["name_en", "name_zh", "code"]
    search_fields = ["name_en", "name_zh", "code"]


from concours.federation import admin_users  # noqa: F401,E402  (registers the User admin)
