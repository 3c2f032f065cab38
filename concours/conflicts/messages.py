"""English sentences for reasons (spec §6.3), built only from the code, the source and the
parameters, with fixed month names so the text never depends on the process locale."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from concours.conflicts.model import ReasonCode, Source
from concours.conflicts.policy import ParamValue

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_RELATIONS = {
    "regular_study": "regular study",
    "private_lessons": "private lessons",
    "master_class": "master class",
}


def english_date(value: ParamValue) -> str:
    """``1 March 2010`` from an ISO date."""
    day = dt.date.fromisoformat(str(value))
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def _count(amount: ParamValue, unit: str) -> str:
    return f"{amount} {unit}" if amount == 1 else f"{amount} {unit}s"


def _period(p: Mapping[str, ParamValue]) -> str:
    started, ended = p["started_on"], p["ended_on"]
    if started is not None and ended is not None:
        return f" from {english_date(started)} to {english_date(ended)}"
    if started is not None:
        return f" since {english_date(started)}"
    if ended is not None:
        return f" until {english_date(ended)}"
    return ""


def _with(p: Mapping[str, ParamValue]) -> str:
    """ "with Matthias Krüger (written “Prof. M. Krueger”)", or "with the juror"."""
    who = p["juror_name"] or "the juror"
    teacher = p["teacher"]
    typed = f" (written “{teacher}”)" if teacher is not None and teacher != who else ""
    return f"with {who}{typed}"


def _lessons(p: Mapping[str, ParamValue]) -> str:
    if not p["unknown_counts"]:
        return _count(p["lessons"], "private lesson")
    return (
        f"Private lessons ({_count(p['lessons'], 'lesson')} counted, "
        f"{_count(p['unknown_counts'], 'period')} without a number)"
    )


def _note(p: Mapping[str, ParamValue]) -> str:
    return f": “{p['note']}”" if p["note"] else ""


def reason_message(code: ReasonCode, source: Source, p: Mapping[str, ParamValue]) -> str:
    """The English sentence for a reason (§6.3)."""
    where = " (candidate's application)" if source is Source.HISTORY else " (juror's declaration)"
    if code is ReasonCode.RELATIVE:
        return f"The juror declares a family relationship with the candidate{_note(p)}."
    if code is ReasonCode.OTHER:
        return f"The juror declares another relationship, for the office to decide{_note(p)}."
    if code in (ReasonCode.SAME_INSTITUTION, ReasonCode.SAME_INSTITUTION_NOT_COUNTED):
        if source is Source.HISTORY:
            text = f"The juror's institution “{p['institution']}” is the candidate's “{p['candidate_institution']}”"
        else:
            text = f"The juror declares working at the candidate's institution{_note(p)}"
        if code is ReasonCode.SAME_INSTITUTION_NOT_COUNTED:
            text += "; the policy does not count the same institution"
        return f"{text}{where}."
    if code is ReasonCode.NAME_INCOMPLETE:
        return (
            f"The teacher list names “{p['teacher']}” ({_RELATIONS[str(p['relation'])]}"
            f"{_period(p)}), which may be {p['juror_name']}: the name is incomplete."
        )
    last = f"the last {_count(p.get('years'), 'year')}"
    since = english_date(p["since"]) if p.get("since") is not None else ""
    before = f"ended before {since}, outside {last}{where}."
    if code is ReasonCode.STUDY_CURRENT:
        return f"Regular study {_with(p)}{_period(p)}, still current{where}."
    if code is ReasonCode.STUDY_RECENT:
        return f"Regular study {_with(p)}{_period(p)}: ended within {last} (on or after {since}){where}."
    if code is ReasonCode.STUDY_BEFORE_WINDOW:
        return f"Regular study {_with(p)}{_period(p)}: {before}"
    if code is ReasonCode.PRIVATE_LESSONS:
        unknown = ", and an unknown number counts as reaching it" if p["unknown_counts"] else ""
        return (
            f"{_lessons(p)} {_with(p)}{_period(p)} within {last} (on or after {since}); "
            f"the policy counts {p['min_lessons']} or more{unknown}{where}."
        )
    if code is ReasonCode.LESSONS_BELOW_THRESHOLD:
        return (
            f"{_lessons(p)} {_with(p)}{_period(p)} within {last} (on or after {since}): "
            f"fewer than the {p['min_lessons']} the policy counts{where}."
        )
    if code is ReasonCode.LESSONS_BEFORE_WINDOW:
        return f"{_lessons(p)} {_with(p)}{_period(p)}: {before}"
    if code is ReasonCode.MASTER_CLASS:
        return (
            f"Master class {_with(p)}{_period(p)} within {last} (on or after {since}); "
            f"the policy counts master classes{where}."
        )
    if code is ReasonCode.MASTER_CLASS_EXEMPT:
        return f"Master class {_with(p)}{_period(p)}: master classes are exempt under the policy{where}."
    return f"Master class {_with(p)}{_period(p)}: {before}"
