from django.db.models import QuerySet

from concours.accounts.models import User
from concours.applications.models import Application


def applications_of(user: User) -> QuerySet[Application]:
    """The signed-in candidate's own applications, and nobody else's."""
    return (
        Application.objects.filter(candidate__user=user)
        .select_related("candidate", "division__edition__competition")
        .order_by("-division__edition__starts_on", "division__order")
    )
