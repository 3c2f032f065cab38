"""What an application still needs before it can be submitted: the one adapter between the
application's rows and the eligibility and repertoire cores, with the cores' problem codes
turned into messages in the reader's language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concours.applications import laureates
from concours.applications.models import (
    Application,
    Document,
    DocumentKind,
    EligibilityException,
    FeeStatus,
    GuardianConsent,
    ItemKind,
    Recording,
)
from concours.competitions.models import (
    FeePolicy,
    RepertoireCategory,
    RepertoireRequirement,
    Round,
    RoundKind,
)
from concours.core.bilingual import pick_stored
from concours.eligibility import (
    DivisionRules,
    Member,
    Problem,
    ProblemCode,
    TotalAgeCap,
    Verdict,
    Waiver,
    check_eligibility,
)
from concours.eligibility.ages import BirthDateWindow
from concours.repertoire import (
    Piece,
    Report,
    Requirement,
    RoundRules,
    seconds_of,
    validate_application,
)
from concours.repertoire import ProblemCode as RepertoireCode

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
REQUIRED_DOCUMENTS = (DocumentKind.PHOTO, DocumentKind.CV, DocumentKind.BIRTH_PROOF)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing that stops a submission, and where the candidate fixes it."""

    item: str  # an ItemKind, or "account" / "deadline"
    code: str
    message: str


# --- what the application holds, in one query --------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """Whether the application has a recording, an eligibility exception and each required
    document: read with the application's row (``with_facts``) instead of a query each."""

    has_recording: bool
    has_exception: bool
    documents: frozenset[str]  # the required kinds present

    @classmethod
    def from_row(cls, row: dict[str, object]) -> Facts:
        return cls(
            has_recording=bool(row["has_recording"]),
            has_exception=bool(row["has_exception"]),
            documents=frozenset(kind.value for kind in REQUIRED_DOCUMENTS if row[f"has_{kind}"]),
        )


FACT_FIELDS = ("has_recording", "has_exception", *(f"has_{kind}" for kind in REQUIRED_DOCUMENTS))


def with_facts(applications: QuerySet[Application]) -> QuerySet[Application]:
    """``applications`` annotated with ``FACT_FIELDS`` (read them with ``Facts.from_row``)."""
    mine = OuterRef("pk")
    return applications.annotate(
        has_recording=Exists(Recording.objects.filter(application=mine)),
        has_exception=Exists(EligibilityException.objects.filter(application=mine)),
        **{
            f"has_{kind}": Exists(Document.objects.filter(application=mine, kind=kind))
            for kind in REQUIRED_DOCUMENTS
        },
    )


def facts_of(application: Application) -> Facts:
    row = with_facts(Application.objects.filter(pk=application.pk)).values(*FACT_FIELDS).get()
    return Facts.from_row(row)


# --- eligibility ---------------------------------------------------------------------------


def division_rules(application: Application) -> DivisionRules:
    division = application.division
    cap = None
    if division.max_total_age is not None and division.ages_counted_on is not None:
        cap = TotalAgeCap(max_total_age=division.max_total_age, counted_on=division.ages_counted_on)
    return DivisionRules(
        window=BirthDateWindow(division.born_on_or_after, division.born_on_or_before),
        min_members=division.min_members,
        max_members=division.max_members,
        required_instruments=frozenset(division.instruments.values_list("code", flat=True)),
        total_age_cap=cap,
        excluded_laureates=laureates.excluded_prize_identifiers(division),
    )


def _people(application: Application) -> list[tuple[laureates.Person, str | None]]:
    """The application's people in the core's member order, each with their instrument: the
    soloist, or the ensemble's members (by their order)."""
    if application.division.is_ensemble:
        return [
            (
                laureates.Person(member.given_name, member.family_name, member.birth_date),
                member.instrument.code,
            )
            for member in application.members.select_related("instrument")
        ]
    candidate = application.candidate
    return [
        (
            laureates.Person(
                candidate.given_name, candidate.family_name, candidate.birth_date, candidate.pk
            ),
            None,
        )
    ]


def members_of(application: Application) -> list[Member]:
    """A soloist is one member; an ensemble lists its members. Each carries the excluded
    prizes the office's record says they won (``laureates``)."""
    people = _people(application)
    won = laureates.prizes_won(application.division, [person for person, _i in people])
    return [
        Member(birth_date=person.birth_date, instrument=instrument, laureate_of=prizes)
        for (person, instrument), prizes in zip(people, won, strict=True)
    ]


def member_names(application: Application) -> list[str]:
    """The names of ``members_of(application)``, in the same order."""
    return [f"{person.given_name} {person.family_name}" for person, _i in _people(application)]


def eligibility_verdict(
    application: Application, *, on: dt.date, facts: Facts | None = None
) -> Verdict:
    exceptions = application.exceptions.all() if facts is None or facts.has_exception else []
    waivers = [
        Waiver(code=ProblemCode(code)) for exception in exceptions for code in exception.waived
    ]
    return check_eligibility(
        rules=division_rules(application),
        members=members_of(application),
        on=on,
        exceptions=waivers,
    )


def eligibility_messages(application: Application, problems: Iterable[Problem]) -> list[str]:
    """``problems`` of ``application``'s verdict in the reader's language, naming the member a
    problem concerns where the message needs it."""
    problems = list(problems)
    names = (
        member_names(application)
        if any(p.code == ProblemCode.FORMER_LAUREATE for p in problems)
        else []
    )
    return [
        eligibility_message(
            p.code,
            dict(p.params),
            name=names[p.member] if p.member is not None and p.member < len(names) else "",
        )
        for p in problems
    ]


def eligibility_message(code: str, params: dict[str, object], *, name: str = "") -> str:
    """The problem in the reader's language, with dates as the reader writes them; ``name`` is
    the member the problem concerns (used for a former laureate)."""
    if code == ProblemCode.FORMER_LAUREATE:
        return _(
            "%(name)s won the %(prize)s (%(division)s) at %(edition)s; this division does not admit laureates of earlier editions. If this is not right, please write to the office."
        ) % {
            **laureates.describe_prize(str(params["laureate"])),
            "name": name or _("The candidate"),
        }
    p = {
        key: date_format(dt.date.fromisoformat(value))
        if isinstance(value, str) and _ISO_DATE.fullmatch(value)
        else value
        for key, value in params.items()
    }
    if code == ProblemCode.BORN_TOO_EARLY:
        return (
            _(
                "Born on %(birth_date)s: this division accepts birth dates from %(born_on_or_after)s."
            )
            % p
        )
    if code == ProblemCode.BORN_TOO_LATE:
        return (
            _(
                "Born on %(birth_date)s: this division accepts birth dates until %(born_on_or_before)s."
            )
            % p
        )
    if code == ProblemCode.TOO_FEW_MEMBERS:
        return (
            _("The ensemble has %(members)s members; this division needs at least %(min_members)s.")
            % p
        )
    if code == ProblemCode.TOO_MANY_MEMBERS:
        return (
            _("The ensemble has %(members)s members; this division allows at most %(max_members)s.")
            % p
        )
    if code == ProblemCode.MISSING_INSTRUMENT:
        return _("The ensemble needs a member who plays %(instrument)s.") % p
    return (
        _(
            "The members' ages add up to %(total_age)s on %(counted_on)s; the limit is %(max_total_age)s."
        )
        % p
    )


# --- repertoire ----------------------------------------------------------------------------


def division_rounds(application: Application) -> list[Round]:
    """The division's rounds in order, each with its requirements and their categories (two
    queries), for pages that show them; the checks read ``round_outlines`` instead."""
    return list(
        application.division.rounds.order_by("number").prefetch_related(
            Prefetch(
                "requirements", queryset=RepertoireRequirement.objects.select_related("category")
            )
        )
    )


def _needs_repertoire(kind: str, has_requirements: bool) -> bool:
    """A programme is entered for every round but a pre-selection without requirements."""
    return kind != RoundKind.PRESELECTION or has_requirements


def rounds_needing_repertoire(
    application: Application, rounds: Sequence[Round] | None = None
) -> list[Round]:
    """The rounds a programme is entered for: all but a pre-selection without requirements.
    ``rounds`` are ``division_rounds(application)`` when the caller has them already."""
    return [
        round_
        for round_ in (division_rounds(application) if rounds is None else rounds)
        if _needs_repertoire(round_.kind, bool(round_.requirements.all()))
    ]


def round_rules(round_: Round) -> RoundRules:
    return RoundRules(
        number=round_.number,
        name=str(round_.name),
        min_duration=seconds_of(round_.min_duration) if round_.min_duration else None,
        max_duration=seconds_of(round_.max_duration) if round_.max_duration else None,
        requirements=tuple(
            Requirement(category=r.category.code, min_count=r.min_count, max_count=r.max_count)
            for r in round_.requirements.all()
        ),
        may_repeat=round_.repertoire_may_repeat,
    )


@dataclass(frozen=True, slots=True)
class RoundOutline:
    """A round as the checks read it: its kind and what it asks of a programme."""

    pk: int
    kind: str
    rules: RoundRules

    @property
    def number(self) -> int:
        return self.rules.number

    @property
    def needs_repertoire(self) -> bool:
        return _needs_repertoire(self.kind, bool(self.rules.requirements))


def outline_of(round_: Round) -> RoundOutline:
    """The outline of a round read with its requirements (``division_rounds``)."""
    return RoundOutline(pk=round_.pk, kind=round_.kind, rules=round_rules(round_))


_OUTLINE_FIELDS = (
    "pk", "number", "kind", "min_duration", "max_duration", "repertoire_may_repeat",
    "requirements__category__code", "requirements__min_count", "requirements__max_count",
    *Round.name.field_names(),
)  # fmt: skip


def round_outlines(application: Application) -> list[RoundOutline]:
    """The outlines of the division's rounds in order (one query, plain values: what
    ``[outline_of(r) for r in division_rounds(application)]`` gives, for a third of its CPU;
    a submission reads them at every deadline)."""
    rows = (
        Round.objects.filter(division_id=application.division_id)
        .order_by("number", "requirements__id")  # requirements in their own order (by id)
        .values_list(*_OUTLINE_FIELDS)
    )
    outlines: dict[int, RoundOutline] = {}
    requirements: dict[int, list[Requirement]] = {}
    for pk, number, kind, least, most, may_repeat, code, low, high, *names in rows:
        if pk not in outlines:
            outlines[pk] = RoundOutline(
                pk=pk,
                kind=kind,
                rules=RoundRules(
                    number=number,
                    name=pick_stored(*names),
                    min_duration=seconds_of(least) if least else None,
                    max_duration=seconds_of(most) if most else None,
                    may_repeat=may_repeat,
                ),
            )
            requirements[pk] = []
        if code is not None:
            requirements[pk].append(Requirement(category=code, min_count=low, max_count=high))
    return [
        replace(outline, rules=replace(outline.rules, requirements=tuple(requirements[pk])))
        for pk, outline in outlines.items()
    ]


def repertoire_report(
    application: Application,
    *,
    rounds: Sequence[RoundOutline] | None = None,
    category_codes: Iterable[str] | None = None,
) -> Report:
    """The programme checked against the rounds' rules. ``rounds`` (``round_outlines``, or
    ``outline_of`` each of ``division_rounds``) and ``category_codes`` (the edition's) save
    their queries when the caller has them already."""
    every_round = round_outlines(application) if rounds is None else rounds
    needing = [outline for outline in every_round if outline.needs_repertoire]
    number_of = {outline.pk: outline.number for outline in every_round}
    pieces: dict[int, list[Piece]] = {outline.number: [] for outline in needing}
    # One row per piece and category (a piece without categories has one, with ``None``).
    rows = application.pieces.order_by("order", "id").values_list(
        "pk", "round_id", "composer", "work", "movements", "duration_seconds", "categories__code"
    )
    found: dict[int, tuple[int, Piece]] = {}
    for pk, round_id, composer, work, movements, duration, code in rows:
        number = number_of.get(round_id)
        if number is None:
            continue
        if pk in found:
            _number, piece = found[pk]
            found[pk] = (number, replace(piece, categories=piece.categories | {code}))
        else:
            codes = frozenset() if code is None else frozenset({code})
            found[pk] = (
                number,
                Piece(composer=composer, work=work, movements=movements, duration=duration,
                      categories=codes),
            )  # fmt: skip
    for number, piece in found.values():
        pieces.setdefault(number, []).append(piece)
    if category_codes is None:
        category_codes = application.division.edition.repertoire_categories.values_list(
            "code", flat=True
        )
    known = {outline.number for outline in needing}
    return validate_application(
        rounds=[outline.rules for outline in needing],
        programmes={number: found for number, found in pieces.items() if number in known},
        categories=frozenset(category_codes),
    )


def repertoire_message(code: str, params: dict[str, object], category_names: dict[str, str]) -> str:
    p = dict(params)
    if "category" in p:
        p["category"] = category_names.get(str(p["category"]), str(p["category"]))
    if code == RepertoireCode.EMPTY_PROGRAMME:
        return _("%(round)s has no pieces yet.") % p
    if code == RepertoireCode.BAD_DURATION:
        return (
            _(
                "Piece %(piece)s of %(round)s (“%(title)s”) has no valid duration; enter it as m:ss, such as 4:30."
            )
            % p
        )
    if code == RepertoireCode.UNKNOWN_CATEGORY:
        return (
            _("Piece %(piece)s of %(round)s (“%(title)s”) has a category this round does not know.")
            % p
        )
    if code == RepertoireCode.DUPLICATE_IN_ROUND:
        return (
            _("Piece %(piece)s of %(round)s (“%(title)s”) is the same as piece %(first_piece)s.")
            % p
        )
    if code == RepertoireCode.REPEATED_PIECE:
        return (
            _(
                "Piece %(piece)s of %(round)s (“%(title)s”) is already in the programme of %(earlier_round)s."
            )
            % p
        )
    if code == RepertoireCode.MISSING_CATEGORY:
        return (
            ngettext(
                "%(round)s needs at least %(minimum)s piece in “%(category)s”; the programme has %(count)s.",
                "%(round)s needs at least %(minimum)s pieces in “%(category)s”; the programme has %(count)s.",
                int(str(p["minimum"])),
            )
            % p
        )
    if code == RepertoireCode.TOO_MANY_IN_CATEGORY:
        return (
            ngettext(
                "%(round)s allows at most %(maximum)s piece in “%(category)s”; the programme has %(count)s.",
                "%(round)s allows at most %(maximum)s pieces in “%(category)s”; the programme has %(count)s.",
                int(str(p["maximum"])),
            )
            % p
        )
    if code == RepertoireCode.TOO_SHORT:
        return (
            _("%(round)s lasts %(duration)s; the minimum is %(minimum)s (%(shortfall)s too short).")
            % p
        )
    return _("%(round)s lasts %(duration)s; the maximum is %(maximum)s (%(excess)s too long).") % p


# --- everything before a submission ----------------------------------------------------------


def submission_findings(
    application: Application, *, now: dt.datetime, facts: Facts | None = None
) -> list[Finding]:
    """Everything that stops ``application`` from being submitted at ``now``, in order.
    ``facts`` (``with_facts``) save a query when the caller read them with the application."""
    if facts is None:
        facts = facts_of(application)
    findings: list[Finding] = []
    edition = application.division.edition
    if not edition.applications_open(now):
        findings.append(
            Finding("deadline", "closed", _("Applications to this edition are not open."))
        )
    user = application.candidate.user
    if user is None or not user.email_verified:
        findings.append(
            Finding("account", "email_unverified", _("Confirm your e-mail address first."))
        )
    today = now.astimezone(edition.zone).date()
    try:
        verdict = eligibility_verdict(application, on=today, facts=facts)
    except ValueError:
        findings.append(
            Finding(
                ItemKind.PROFILE, "birth_date_in_future", _("A date of birth is in the future.")
            )
        )
    else:
        item = ItemKind.MEMBERS if application.division.is_ensemble else ItemKind.PROFILE
        findings.extend(
            Finding(item, p.code, message)
            for p, message in zip(
                verdict.problems,
                eligibility_messages(application, verdict.problems),
                strict=True,
            )
        )
        if verdict.needs_guardian_consent and not _consent_confirmed(application.consents.all()):
            findings.append(
                Finding(
                    ItemKind.PROFILE,
                    "guardian_consent",
                    _(
                        "A parent or guardian must confirm their consent (the candidate is under 18)."
                    ),
                )
            )
    rounds = round_outlines(application)
    names = {
        code: pick_stored(*stored)
        for code, *stored in edition.repertoire_categories.values_list(
            "code", *RepertoireCategory.name.field_names()
        )
    }
    findings.extend(
        Finding(ItemKind.PROGRAMME, p.code, repertoire_message(p.code, dict(p.params), names))
        for p in repertoire_report(application, rounds=rounds, category_codes=names).problems
    )
    findings.extend(_missing_recordings(rounds, facts))
    kinds = facts.documents
    findings.extend(
        Finding(
            ItemKind.DOCUMENTS,
            f"missing_{kind}",
            _("Missing document: %(kind)s.") % {"kind": kind.label},
        )
        for kind in REQUIRED_DOCUMENTS
        if kind.value not in kinds
    )
    findings.extend(_fee_findings(application))
    return findings


def _consent_confirmed(consents: Iterable[GuardianConsent]) -> bool:
    return any(consent.confirmed_at is not None for consent in consents)


def _missing_recordings(rounds: Sequence[RoundOutline], facts: Facts) -> list[Finding]:
    preselection = any(round_.kind == RoundKind.PRESELECTION for round_ in rounds)
    if preselection and not facts.has_recording:
        return [
            Finding(
                ItemKind.RECORDINGS,
                "missing_recording",
                _("Add the recording for the pre-selection."),
            )
        ]
    return []


def _fee_findings(application: Application) -> list[Finding]:
    if application.division.fee_policy != FeePolicy.ON_SUBMISSION:
        return []
    fee = getattr(application, "fee", None)
    if fee is not None and fee.status in (
        FeeStatus.PROOF_UPLOADED,
        FeeStatus.PAID,
        FeeStatus.WAIVED,
    ):
        return []
    return [
        Finding(
            ItemKind.FEE,
            "fee_unpaid",
            _("Pay the application fee and upload the proof of payment."),
        )
    ]
