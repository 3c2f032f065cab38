"""Admin classes that keep office staff inside their own competition.

Every office ``ModelAdmin`` names the path from its model to the competition; the querysets,
the object permissions and the choices offered in foreign-key fields all follow from it.
"""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from concours.competitions.access import has_office_access, scope_to_office

#: Path from each scoped model to its competition, used to narrow foreign-key choices.
COMPETITION_LOOKUPS: dict[str, str] = {
    "competitions.competition": "",
    "competitions.edition": "competition",
    "competitions.division": "edition__competition",
    "competitions.round": "division__edition__competition",
    "competitions.repertoirecategory": "edition__competition",
    "competitions.repertoirerequirement": "round__division__edition__competition",
    "competitions.prize": "edition__competition",
    "competitions.jurymember": "edition__competition",
    "competitions.officestaff": "competition",
    "applications.application": "division__edition__competition",
}


def _scope(queryset: models.QuerySet[Any], request: HttpRequest) -> models.QuerySet[Any]:
    lookup = COMPETITION_LOOKUPS.get(queryset.model._meta.label_lower)
    if lookup is None:
        return queryset
    return scope_to_office(queryset, request.user, lookup)


class ScopedChoicesMixin:
    """Foreign-key and many-to-many choices narrowed to the user's competitions."""

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        kwargs.setdefault(
            "queryset", _scope(db_field.remote_field.model._default_manager.all(), request)
        )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]


class OfficeScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """A model the office manages inside its own competitions; the secretariat sees all."""

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return _scope(super().get_queryset(request), request)

    def _in_scope(self, request: HttpRequest, obj: models.Model | None) -> bool:
        if not has_office_access(request.user):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return has_office_access(request.user)

    def has_view_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return has_office_access(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: models.Model | None = None) -> bool:
        return self._in_scope(request, obj)


class OfficeScopedInline(ScopedChoicesMixin, admin.TabularInline):
    """An inline of a scoped parent: permitted exactly when the parent is."""

    extra = 0

    def _allowed(self, request: HttpRequest) -> bool:
        return has_office_access(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._allowed(request)
