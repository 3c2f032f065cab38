"""Object-level permissions of the office: every check of “may this person see or change this
competition's data” goes through here, so there is one rule and one set of tests for it."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.competitions.models import Competition, OfficeStaff, Round, RoundKind
from concours.federation.access import is_secretariat


def has_office_access(user: User | AnonymousUser) -> bool:
    """May use the office back-end at all: the secretariat, or staff of some competition."""
    if not user.is_authenticated or not user.is_active:
        return False
    if is_secretariat(user):
        return True
    cached: bool | None = getattr(user, "_concours_has_office_role", None)
    if cached is None:
        cached = OfficeStaff.objects.filter(user=user).exists()
        user._concours_has_office_role = cached  # type: ignore[union-attr]
    return cached


def competitions_for_office(user: User | AnonymousUser) -> QuerySet[Competition]:
    """The competitions whose data ``user`` may see and change in the office."""
    if not user.is_authenticated or not user.is_active:
        return Competition.objects.none()
    if is_secretariat(user):
        return Competition.objects.all()
    return Competition.objects.filter(office_staff__user=user)


def scope_to_office[M: Model](
    queryset: QuerySet[M], user: User | AnonymousUser, competition_lookup: str
) -> QuerySet[M]:
    """Narrow ``queryset`` to rows of competitions ``user`` runs; ``competition_lookup`` is the
    path from the model to its competition (``"edition__competition"``), or ``""`` for
    ``Competition`` itself."""
    if is_secretariat(user):
        return queryset
    allowed = competitions_for_office(user).values("pk")
    field = f"{competition_lookup}__in" if competition_lookup else "pk__in"
    return queryset.filter(**{field: allowed})


def access_competition_for_office(user: User | AnonymousUser, competition_id: int) -> Competition:
    """The competition, if ``user`` may manage it; otherwise ``Http404`` (never reveal it exists)."""
    try:
        return competitions_for_office(user).get(pk=competition_id)
    except Competition.DoesNotExist:
        raise Http404(_("No such competition.")) from None


def access_round_for_office(
    user: User | AnonymousUser, round_id: int, *, preselection: bool
) -> Round:
    """A round of a competition ``user`` manages — a pre-selection or a live round, as asked —
    with its division, edition and competition; otherwise ``Http404``."""
    rounds = Round.objects.select_related("division__edition__competition").filter(
        pk=round_id, division__edition__competition__in=competitions_for_office(user)
    )
    rounds = (
        rounds.filter(kind=RoundKind.PRESELECTION)
        if preselection
        else rounds.exclude(kind=RoundKind.PRESELECTION)
    )
    found = rounds.first()
    if found is None:
        raise Http404(_("No such pre-selection.") if preselection else _("No such round."))
    return found
