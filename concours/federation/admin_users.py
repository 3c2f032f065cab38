"""User accounts in the office. Registered by the federation app because accounts are the
secretariat's to manage (the accounts app sits below the federation layer)."""

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from concours.accounts.models import User
from concours.federation.access import is_secretariat


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts are the secretariat's: office staff never browse other people's log-ins."""

    add_form = UserCreationForm
    form = UserEditForm
    ordering = ["email"]
    list_display = [
        "email",
        "full_name",
        "preferred_language",
        "is_active",
        "is_staff",
        "date_joined",
    ]
    list_filter = ["is_active", "is_staff", "preferred_language"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})
    ]

    def _secretariat(self, request: HttpRequest) -> bool:
        return is_secretariat(request.user)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._secretariat(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._secretariat(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._secretariat(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._secretariat(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._secretariat(request)
