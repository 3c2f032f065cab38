"""Reads for results: who is in a round, its marks, its latest computation."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from concours.applications.models import Application, ApplicationStatus
from concours.competitions.models import JuryMember, Round, RoundKind
from concours.results.models import CandidateScore, Computation, DecisionKind, Mark

NOT_COMPETING = (ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN)


def candidates_for_round(round_: Round) -> QuerySet[Application]:
    """The division's applications that are still in the competition."""
    return (
        Application.objects.filter(division=round_.division)
        .exclude(status__in=NOT_COMPETING)
        .select_related("candidate")
        .order_by("candidate__family_name", "candidate__given_name", "id")
    )


def jurors_for_round(round_: Round) -> QuerySet[JuryMember]:
    """The jurors of the round's division, and those who sit on every division."""
    division = round_.division
    return JuryMember.objects.filter(
        Q(division=division) | Q(division__isnull=True), edition_id=division.edition_id
    ).order_by("name_en", "id")


def marks_for_round(round_: Round) -> QuerySet[Mark]:
    return Mark.objects.filter(round=round_).select_related("application__candidate", "juror")


def latest_computation(round_: Round) -> Computation | None:
    return Computation.objects.filter(round=round_).order_by("-computed_at", "-id").first()


def scores_of(computation: Computation) -> QuerySet[CandidateScore]:
    return computation.scores.select_related("application__candidate").order_by(
        "rank", "application__candidate__family_name"
    )


def previous_live_round(round_: Round) -> Round | None:
    """The division's live round just before this one (pre-selection does not count)."""
    return (
        Round.objects.filter(division_id=round_.division_id, number__lt=round_.number)
        .exclude(kind=RoundKind.PRESELECTION)
        .order_by("-number")
        .first()
    )


def advancers_of(round_: Round) -> list[Application]:
    """Who goes on from a computed round: the jury's confirmed advancers when they decided, else
    those the rule advanced (a tie at the cut left to the jury advances nobody until decided)."""
    computation = latest_computation(round_)
    if computation is None:
        return []
    rows = list(computation.scores.select_related("application__candidate"))
    decision = (
        computation.decisions.filter(kind=DecisionKind.CONFIRM_ADVANCERS).order_by("-id").first()
    )
    if decision is not None:
        labels = unique_labels([row.application for row in rows], "candidate")
        named = decision.payload.get("candidates", [])
        return [labels[name] for name in named if name in labels]
    return [row.application for row in rows if row.advanced]


def live_candidates(round_: Round) -> list[Application]:
    """The candidates who perform in a live round or final: those admitted to the live rounds
    for the first one, those who advanced from the round before for the others; never a
    withdrawn one. Alphabetical here; ``order_of_appearance`` puts them in the drawn order."""
    before = previous_live_round(round_)
    if before is None:
        found = list(
            Application.objects.filter(
                division_id=round_.division_id, status=ApplicationStatus.ADMITTED
            ).select_related("candidate")
        )
    else:
        found = [a for a in advancers_of(before) if a.status != ApplicationStatus.WITHDRAWN]
    return sorted(found, key=_alphabetical)


def is_live_candidate(round_: Round, application: Application) -> bool:
    """Whether ``application`` performs in the live round (``live_candidates``, for one)."""
    if application.division_id != round_.division_id:
        return False
    if application.status == ApplicationStatus.WITHDRAWN:
        return False
    before = previous_live_round(round_)
    if before is None:
        return application.status == ApplicationStatus.ADMITTED
    # Who advanced does not change while a round is marked: remembered on this round object
    # (one request, or one loop over a round's marks).
    advanced: set[int] | None = getattr(round_, "_advanced_ids", None)
    if advanced is None:
        advanced = {found.pk for found in advancers_of(before)}
        round_._advanced_ids = advanced  # type: ignore[attr-defined]
    return application.pk in advanced


def _alphabetical(application: Application) -> tuple[str, str, int]:
    candidate = application.candidate
    return (candidate.family_name.casefold(), candidate.given_name.casefold(), application.pk)


def unique_labels[T: (Application, JuryMember)](objects: Iterable[T], name: str) -> dict[str, T]:
    """Label → object; people who share a name are told apart by their number (“Li Wei #12”)."""
    items = list(objects)
    names = [_label_name(item, name) for item in items]
    return {
        (label if names.count(label) == 1 else f"{label} #{item.pk}"): item
        for item, label in zip(items, names, strict=True)
    }


def _label_name(item: Application | JuryMember, name: str) -> str:
    if isinstance(item, Application):
        return item.candidate.display_name
    return str(getattr(item, name))
