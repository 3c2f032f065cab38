"""Who may change cooperation projects: the secretariat changes everything; the office staff of a
partner competition may write their projects' news (and nothing else)."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from concours.accounts.models import User
from concours.competitions.access import competitions_for_office
from concours.cooperation.models import Project, ProjectNews
from concours.federation.access import is_secretariat


def may_manage_projects(user: User | AnonymousUser) -> bool:
    """Create projects, change their partners, status, documents: the secretariat."""
    return is_secretariat(user)


def projects_for_news(user: User | AnonymousUser) -> QuerySet[Project]:
    """The projects whose news ``user`` may write."""
    if is_secretariat(user):
        return Project.objects.all()
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    partner_of = Project.objects.filter(competitions__in=competitions_for_office(user))
    return Project.objects.filter(pk__in=partner_of.values("pk"))


def news_for_office(user: User | AnonymousUser) -> QuerySet[ProjectNews]:
    return ProjectNews.objects.filter(project__in=projects_for_news(user))


def may_write_news(user: User | AnonymousUser, project: Project) -> bool:
    return projects_for_news(user).filter(pk=project.pk).exists()
