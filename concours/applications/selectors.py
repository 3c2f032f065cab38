from collections.abc import Sequence

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.applications.models import Application
from concours.competitions.access import competitions_for_office
from concours.competitions.models import EditionStatus, Round, RoundKind


def applications_of(user: User) -> QuerySet[Application]:
    """The signed-in candidate's own applications, and nobody else's."""
    return (
        Application.objects.filter(candidate__user=user)
        .select_related("candidate", "division__edition__competition")
        .order_by("-division__edition__starts_on", "division__order")
    )


#: What the candidate's pages show around an application: its candidate, division, edition,
#: competition and host city (the default).
PAGE_RELATIONS: tuple[str, ...] = ("candidate", "division__edition__competition__city")
#: What a submit reads: the candidate (eligibility), the division's rules and the edition's
#: dates and time zone.
SUBMIT_RELATIONS: tuple[str, ...] = ("candidate", "division__edition")
#: The application alone: the documents page and its uploads (its status and reference).
APPLICATION_ONLY: tuple[str, ...] = ()


def access_application_for_candidate(
    user: User, reference: object, *, relations: Sequence[str] = PAGE_RELATIONS
) -> Application:
    """The application, if it is ``user``'s own; otherwise ``Http404`` (never reveal it exists).

    ``relations`` are read with it in the same query. Handlers that only write ask for fewer:
    each related row costs CPU to compile and read (the five of ``PAGE_RELATIONS`` about 1.4 ms
    on the deadline rush's machine, docs/benchmarks.md), and what they do not read is loaded
    only if used."""
    queryset = Application.objects.all()
    if relations:  # select_related() without names would follow every foreign key
        queryset = queryset.select_related(*relations)
    try:
        application = queryset.get(reference=reference, candidate__user=user)
    except Application.DoesNotExist:
        raise Http404(_("No such application.")) from None
    if Application.candidate.is_cached(application):
        application.candidate.user = user  # the query made sure of it: no need to read it again
    return application


def open_preselections_for_office(user: User) -> QuerySet[Round]:
    """The pre-selection rounds of the office's editions that are announced or running, whose
    panels' progress the office follows."""
    return (
        Round.objects.filter(
            kind=RoundKind.PRESELECTION,
            division__edition__competition__in=competitions_for_office(user),
            division__edition__status__in=[EditionStatus.ANNOUNCED, EditionStatus.RUNNING],
        )
        .select_related("division__edition__competition")
        .order_by(
            "division__edition__starts_on",
            "division__edition__competition__name_en",
            "division__order",
        )
    )
