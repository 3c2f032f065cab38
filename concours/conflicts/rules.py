"""The conflict check: every (juror, candidate) pair the policy flags, with its reasons, and the
pairs that came close, apart (spec §6, §7).

Teacher histories name teachers as candidates typed them; jurors' declarations name the
candidate directly. Both are read through the same rules, so a pair the two sources agree on
has reasons from each.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from concours.conflicts.messages import reason_message
from concours.conflicts.model import (
    CLAUSE_OF,
    Assessment,
    Candidate,
    Clause,
    Declaration,
    Finding,
    Juror,
    Reason,
    ReasonCode,
    Relation,
    Source,
)
from concours.conflicts.names import (
    NameMatch,
    ParsedName,
    compare_parsed,
    institution_key,
    parse_name,
)
from concours.conflicts.policy import ParamValue, Policy

_CODE_ORDER = {code: position for position, code in enumerate(ReasonCode)}
_SOURCE_ORDER = {Source.HISTORY: 0, Source.DECLARATION: 1}


def window_start(on: dt.date, years: int) -> dt.date:
    """The first day of "the last ``years`` years" before ``on`` (§2.3): the day after the same
    date ``years`` years earlier (29 February falls back to 28 February); with 0 years, ``on``."""
    if years == 0:
        return on
    try:
        earlier = on.replace(year=on.year - years)
    except ValueError:
        earlier = dt.date(on.year - years, 2, 28)
    return earlier + dt.timedelta(days=1)


@dataclass(frozen=True, slots=True)
class _Fact:
    """A relationship of one pair, from one source, ready for the rules."""

    index: int
    source: Source
    relation: Relation
    started_on: dt.date | None
    ended_on: dt.date | None
    lessons: int | None
    teacher: str | None = None
    juror_name: str | None = None
    institution: str | None = None
    note: str | None = None

    def within(self, since: dt.date) -> bool:
        return self.ended_on is None or self.ended_on >= since

    def params(self) -> dict[str, ParamValue]:
        return {
            "teacher": self.teacher,
            "juror_name": self.juror_name,
            "institution": self.institution,
            "started_on": _iso(self.started_on),
            "ended_on": _iso(self.ended_on),
            "lessons": self.lessons,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class _Context:
    on: dt.date
    policy: Policy
    study_since: dt.date
    private_since: dt.date
    master_since: dt.date


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _reason(
    code: ReasonCode, source: Source, clause: Clause, params: dict[str, ParamValue]
) -> Reason:
    return Reason(
        code=code,
        source=source,
        clause=clause,
        params=params,
        message=reason_message(code, source, params),
    )


def _study(fact: _Fact, ctx: _Context) -> Reason:
    if fact.ended_on is None or fact.ended_on >= ctx.on:
        code = ReasonCode.STUDY_CURRENT
    elif fact.within(ctx.study_since):
        code = ReasonCode.STUDY_RECENT
    else:
        code = ReasonCode.STUDY_BEFORE_WINDOW
    params = {
        **fact.params(),
        "years": ctx.policy.study_years,
        "since": ctx.study_since.isoformat(),
    }
    return _reason(code, fact.source, Clause.STUDY, params)


def _master_class(fact: _Fact, ctx: _Context) -> Reason:
    if not ctx.policy.master_classes_counted:
        return _reason(
            ReasonCode.MASTER_CLASS_EXEMPT, fact.source, Clause.MASTER_CLASSES, fact.params()
        )
    code = (
        ReasonCode.MASTER_CLASS
        if fact.within(ctx.master_since)
        else ReasonCode.MASTER_CLASS_BEFORE_WINDOW
    )
    params = {
        **fact.params(),
        "years": ctx.policy.master_class_years,
        "since": ctx.master_since.isoformat(),
    }
    return _reason(code, fact.source, Clause.MASTER_CLASSES, params)


def _lessons(code: ReasonCode, group: list[_Fact], ctx: _Context) -> Reason:
    """Private lessons of one source, summed over the periods of ``group`` (§7.2)."""
    first = group[0]
    ends = [fact.ended_on for fact in group]
    lessons = sum(fact.lessons or 0 for fact in group)
    unknown = sum(1 for fact in group if fact.lessons is None)
    params: dict[str, ParamValue] = {
        "teacher": first.teacher,
        "juror_name": first.juror_name,
        "note": first.note,
        "lessons": lessons,
        "unknown_counts": unknown,
        "periods": len(group),
        "min_lessons": ctx.policy.private_lessons_min,
        "years": ctx.policy.private_lessons_years,
        "since": ctx.private_since.isoformat(),
        "started_on": _iso(
            min((fact.started_on for fact in group if fact.started_on is not None), default=None)
        ),
        "ended_on": None if None in ends else _iso(max(end for end in ends if end is not None)),
    }
    if (
        code is ReasonCode.PRIVATE_LESSONS
        and not unknown
        and lessons < ctx.policy.private_lessons_min
    ):
        code = ReasonCode.LESSONS_BELOW_THRESHOLD
    return _reason(code, first.source, Clause.PRIVATE_LESSONS, params)


def _private_lessons(facts: list[_Fact], ctx: _Context) -> list[Reason]:
    reasons = []
    for source in (Source.HISTORY, Source.DECLARATION):
        inside = [f for f in facts if f.source is source and f.within(ctx.private_since)]
        before = [f for f in facts if f.source is source and not f.within(ctx.private_since)]
        if inside:
            reasons.append(_lessons(ReasonCode.PRIVATE_LESSONS, inside, ctx))
        if before:
            reasons.append(_lessons(ReasonCode.LESSONS_BEFORE_WINDOW, before, ctx))
    return reasons


def _declared_only(fact: _Fact, ctx: _Context) -> Reason:
    """Relatives, "other" and a declared shared institution (§7.4–§7.6)."""
    if fact.relation is Relation.SAME_INSTITUTION:
        code = (
            ReasonCode.SAME_INSTITUTION
            if ctx.policy.same_institution
            else ReasonCode.SAME_INSTITUTION_NOT_COUNTED
        )
        params: dict[str, ParamValue] = {
            "institution": None,
            "candidate_institution": None,
            "note": fact.note,
        }
        return _reason(code, fact.source, Clause.SAME_INSTITUTION, params)
    code = ReasonCode.RELATIVE if fact.relation is Relation.RELATIVE else ReasonCode.OTHER
    return _reason(code, fact.source, CLAUSE_OF[fact.relation], {"note": fact.note})


def _shared_institution(juror_form: str, candidate_form: str, ctx: _Context) -> Reason:
    code = (
        ReasonCode.SAME_INSTITUTION
        if ctx.policy.same_institution
        else ReasonCode.SAME_INSTITUTION_NOT_COUNTED
    )
    params: dict[str, ParamValue] = {
        "institution": juror_form,
        "candidate_institution": candidate_form,
        "note": None,
    }
    return _reason(code, Source.HISTORY, Clause.SAME_INSTITUTION, params)


def _incomplete_name(fact: _Fact, ctx: _Context) -> Reason | None:
    """A teacher named only in part (§7.7), noted where the full name would count."""
    relation = fact.relation
    if relation is Relation.REGULAR_STUDY:
        counts = fact.within(ctx.study_since)
    elif relation is Relation.PRIVATE_LESSONS:
        counts = fact.within(ctx.private_since)
    else:
        counts = ctx.policy.master_classes_counted and fact.within(ctx.master_since)
    if not counts:
        return None
    params = {**fact.params(), "relation": str(relation)}
    return _reason(ReasonCode.NAME_INCOMPLETE, Source.HISTORY, CLAUSE_OF[relation], params)


def _assess_pair(
    facts: list[_Fact],
    partial: list[_Fact],
    shared: Mapping[str, str],
    ctx: _Context,
) -> list[Reason]:
    keyed: list[tuple[tuple[int, int, int], Reason]] = []

    def add(reason: Reason | None, index: int) -> None:
        if reason is not None:
            keyed.append(((_CODE_ORDER[reason.code], _SOURCE_ORDER[reason.source], index), reason))

    for fact in facts:
        if fact.relation is Relation.REGULAR_STUDY:
            add(_study(fact, ctx), fact.index)
        elif fact.relation is Relation.MASTER_CLASS:
            add(_master_class(fact, ctx), fact.index)
        elif not fact.relation.is_teaching:
            add(_declared_only(fact, ctx), fact.index)
    for reason in _private_lessons(
        [fact for fact in facts if fact.relation is Relation.PRIVATE_LESSONS], ctx
    ):
        add(reason, 0)
    for index, (juror_form, candidate_form) in enumerate(shared.items()):
        add(_shared_institution(juror_form, candidate_form, ctx), index)
    for fact in partial:
        add(_incomplete_name(fact, ctx), fact.index)
    keyed.sort(key=lambda item: item[0])
    return [reason for _key, reason in keyed]


class _JurorIndex:
    """Every juror's parsed names, and which jurors a typed name can possibly match (§3.5)."""

    def __init__(self, jurors: Sequence[Juror]) -> None:
        self.names = [[parse_name(name) for name in juror.names] for juror in jurors]
        self.by_key: dict[str, set[int]] = defaultdict(set)
        for position, parsed in enumerate(self.names):
            for name in parsed:
                for key in name.index_keys():
                    self.by_key[key].add(position)

    def lookup(self, typed: ParsedName) -> list[tuple[int, NameMatch, str]]:
        """(juror position, ``MATCH`` or ``PARTIAL``, the juror's name that matched); a full
        match with any of the juror's names wins over a partial one."""
        found = []
        positions = set().union(*(self.by_key.get(key, set()) for key in typed.lookup_keys()))
        for position in sorted(positions):
            results = [(compare_parsed(typed, name), name.text) for name in self.names[position]]
            for wanted in (NameMatch.MATCH, NameMatch.PARTIAL):
                form = next((text for match, text in results if match is wanted), None)
                if form is not None:
                    found.append((position, wanted, form))
                    break
        return found


def _positions(keys: Iterable[str], what: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for position, key in enumerate(keys):
        if key in positions:
            raise ValueError(f"two {what}s have the key {key!r}")
        positions[key] = position
    return positions


def find_conflicts(
    *,
    jurors: Sequence[Juror],
    candidates: Sequence[Candidate],
    on: dt.date,
    policy: Policy | None = None,
    declarations: Iterable[Declaration] = (),
) -> Assessment:
    """Every juror × candidate pair the policy flags, and the near misses (§6).

    ``on`` is the reference day the windows count back from (the round's first day, or the
    edition's). Findings come in the order of ``jurors``, then of ``candidates``. Raises
    ``ValueError`` for duplicate keys and for a declaration naming an unknown juror or candidate.
    """
    policy = policy if policy is not None else Policy()
    juror_at = _positions((juror.key for juror in jurors), "juror")
    candidate_at = _positions((candidate.key for candidate in candidates), "candidate")
    declared: dict[int, dict[int, list[_Fact]]] = defaultdict(lambda: defaultdict(list))
    for index, declaration in enumerate(declarations):
        if declaration.juror not in juror_at:
            raise ValueError(f"declaration {index} names an unknown juror {declaration.juror!r}")
        if declaration.candidate not in candidate_at:
            raise ValueError(
                f"declaration {index} names an unknown candidate {declaration.candidate!r}"
            )
        declared[candidate_at[declaration.candidate]][juror_at[declaration.juror]].append(
            _Fact(
                index=index,
                source=Source.DECLARATION,
                relation=declaration.relation,
                started_on=declaration.started_on,
                ended_on=declaration.ended_on,
                lessons=declaration.lessons,
                note=declaration.note or None,
            )
        )
    ctx = _Context(
        on=on,
        policy=policy,
        study_since=window_start(on, policy.study_years),
        private_since=window_start(on, policy.private_lessons_years),
        master_since=window_start(on, policy.master_class_years),
    )
    juror_index = _JurorIndex(jurors)
    workplaces: dict[tuple[str, tuple[str, ...]], list[tuple[int, str]]] = defaultdict(list)
    for position, juror in enumerate(jurors):
        for form in juror.institutions:
            key = institution_key(form)
            if key is not None:
                workplaces[key].append((position, form))
    found: dict[tuple[int, int], list[Reason]] = {}
    for column, candidate in enumerate(candidates):
        facts: dict[int, list[_Fact]] = defaultdict(list)
        partial: dict[int, list[_Fact]] = defaultdict(list)
        for entry_index, entry in enumerate(candidate.teachers):
            for position, match, form in juror_index.lookup(parse_name(entry.teacher)):
                fact = _Fact(
                    index=entry_index,
                    source=Source.HISTORY,
                    relation=entry.relation,
                    started_on=entry.started_on,
                    ended_on=entry.ended_on,
                    lessons=entry.lessons,
                    teacher=entry.teacher,
                    juror_name=form,
                    institution=entry.institution or None,
                )
                (facts if match is NameMatch.MATCH else partial)[position].append(fact)
        for position, declared_facts in declared[column].items():
            facts[position].extend(declared_facts)
        shared = _shared_institutions(candidate, workplaces, ctx)
        for position in sorted(set(facts) | set(partial) | set(shared)):
            reasons = _assess_pair(
                facts.get(position, []), partial.get(position, []), shared.get(position, {}), ctx
            )
            if reasons:
                found[(position, column)] = reasons
    conflicts: list[Finding] = []
    notes: list[Finding] = []
    for (position, column), reasons in sorted(found.items()):
        flags = tuple(reason for reason in reasons if reason.code.is_conflict)
        finding = Finding(
            juror=jurors[position].key,
            candidate=candidates[column].key,
            reasons=flags or tuple(reasons),
        )
        (conflicts if flags else notes).append(finding)
    return Assessment(on=on, policy=policy, conflicts=tuple(conflicts), notes=tuple(notes))


def _shared_institutions(
    candidate: Candidate,
    workplaces: Mapping[tuple[str, tuple[str, ...]], list[tuple[int, str]]],
    ctx: _Context,
) -> dict[int, dict[str, str]]:
    """For each juror, their institutions the candidate studies at (§4): now, or in regular
    study inside the study window. The first of the candidate's forms is kept."""
    forms = list(candidate.institutions)
    forms.extend(
        entry.institution
        for entry in candidate.teachers
        if entry.relation is Relation.REGULAR_STUDY
        and entry.institution
        and (entry.ended_on is None or entry.ended_on >= ctx.study_since)
    )
    shared: dict[int, dict[str, str]] = defaultdict(dict)
    for form in forms:
        key = institution_key(form)
        for position, juror_form in workplaces.get(key, []) if key is not None else []:
            shared[position].setdefault(juror_form, form)
    return shared
