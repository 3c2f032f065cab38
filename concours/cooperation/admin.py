"""Cooperation projects in the office: the secretariat manages every project (partners, status,
documents, news); the office staff of a partner competition write their projects' news."""

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from concours.competitions.access import has_office_access
from concours.cooperation.access import may_manage_projects, news_for_office, projects_for_news
from concours.cooperation.forms import ProjectAdminForm
from concours.cooperation.models import Project, ProjectDocument, ProjectNews


class SecretariatOnly:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return may_manage_projects(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_manage_projects(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_manage_projects(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return may_manage_projects(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_manage_projects(request.user)


class ProjectDocumentInline(SecretariatOnly, admin.TabularInline):
    model = ProjectDocument
    extra = 0
    fields = ["title_en", "title_zh", "file", "is_public"]


class ProjectNewsInline(SecretariatOnly, admin.StackedInline):
    model = ProjectNews
    extra = 0


@admin.register(Project)
class ProjectAdmin(SecretariatOnly, admin.ModelAdmin):
    form = ProjectAdminForm
    list_display = ["title_en", "kind", "status", "starts_on", "ends_on"]
    list_filter = ["kind", "status", "cities"]
    search_fields = ["title_en", "title_zh", "slug"]
    prepopulated_fields = {"slug": ["title_en"]}
    filter_horizontal = ["competitions", "cities"]
    inlines = [ProjectDocumentInline, ProjectNewsInline]
    fieldsets = [
        (None, {"fields": ["title_en", "title_zh", "slug", "kind", "status"]}),
        (None, {"fields": ["summary_en", "summary_zh", "description_en", "description_zh"]}),
        (None, {"fields": ["starts_on", "ends_on", "competitions", "cities"]}),
    ]


@admin.register(ProjectNews)
class ProjectNewsAdmin(admin.ModelAdmin):
    """News of the projects the user's competitions take part in (all of them for the
    secretariat)."""

    list_display = ["date", "title_en", "project"]
    list_select_related = ["project"]
    search_fields = ["title_en", "title_zh"]
    fields = ["project", "date", "title_en", "title_zh", "text_en", "text_zh"]

    def get_queryset(self, request: HttpRequest) -> models.QuerySet[Any]:
        return news_for_office(request.user).select_related("project")

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "project":
            kwargs["queryset"] = projects_for_news(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _in_scope(self, request: HttpRequest, obj: Any) -> bool:
        if not has_office_access(request.user) or not projects_for_news(request.user).exists():
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._in_scope(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._in_scope(request, None)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._in_scope(request, obj)
