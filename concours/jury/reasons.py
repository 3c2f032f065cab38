"""The conflict core's reasons (stored as ``Reason.to_json()``) in the reader's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from concours.conflicts import ReasonCode, Source
from concours.jury.models import RelationshipKind


def _date(value: Any) -> str:
    return date_format(dt.date.fromisoformat(value)) if value else ""


def _period(p: Mapping[str, Any]) -> str:
    started, ended = _date(p.get("started_on")), _date(p.get("ended_on"))
    if started and ended:
        return _("from %(start)s to %(end)s") % {"start": started, "end": ended}
    if started:
        return _("since %(start)s") % {"start": started}
    if ended:
        return _("until %(end)s") % {"end": ended}
    return ""


def _who(p: Mapping[str, Any]) -> str:
    """The juror's name and, when the candidate wrote it otherwise, how they wrote it."""
    name, typed = p.get("juror_name"), p.get("teacher")
    if not name:
        return _("the juror")
    if typed and typed != name:
        return _("%(name)s (written “%(typed)s”)") % {"name": name, "typed": typed}
    return str(name)


def _lessons(p: Mapping[str, Any]) -> str:
    count = p.get("lessons") or 0
    text = ngettext("%(count)s private lesson", "%(count)s private lessons", count) % {
        "count": count
    }
    unknown = p.get("unknown_counts") or 0
    if unknown:
        text += " " + ngettext(
            "(and %(count)s period without a number)",
            "(and %(count)s periods without a number)",
            unknown,
        ) % {"count": unknown}
    return text


def source_label(source: str) -> str:
    return {
        Source.HISTORY: _("candidate's application"),
        Source.DECLARATION: _("juror's declaration"),
        Source.BOTH: _("both"),
    }.get(source, source)


def reason_text(reason: Mapping[str, Any]) -> str:
    """One stored reason as a sentence in the active language; unknown codes fall back to the
    core's English message."""
    return _sentence(reason).strip()


def _sentence(reason: Mapping[str, Any]) -> str:
    code, p = reason.get("code"), dict(reason.get("params") or {})
    period = _period(p)
    values = {
        "who": f"{_who(p)} {period}" if period else _who(p),
        "period": period,
        "years": p.get("years"),
        "since": _date(p.get("since")),
        "minimum": p.get("min_lessons"),
        "lessons": _lessons(p),
        "note": p.get("note") or "",
        "institution": p.get("institution") or "",
        "candidate_institution": p.get("candidate_institution") or "",
        "typed": p.get("teacher") or "",
        "name": p.get("juror_name") or "",
    }
    if code == ReasonCode.STUDY_CURRENT:
        return _("Studies with %(who)s, still now.") % values
    if code == ReasonCode.STUDY_RECENT:
        return (
            _("Studied with %(who)s: ended inside the %(years)s-year window (since %(since)s).")
            % values
        )
    if code == ReasonCode.STUDY_BEFORE_WINDOW:
        return (
            _("Studied with %(who)s: ended before %(since)s, outside the %(years)s-year window.")
            % values
        )
    if code == ReasonCode.PRIVATE_LESSONS:
        return (
            _("%(lessons)s with %(who)s since %(since)s; the policy counts %(minimum)s or more.")
            % values
        )
    if code == ReasonCode.LESSONS_BELOW_THRESHOLD:
        return (
            _("%(lessons)s with %(who)s since %(since)s: fewer than the %(minimum)s that count.")
            % values
        )
    if code == ReasonCode.LESSONS_BEFORE_WINDOW:
        return _("%(lessons)s with %(who)s, all before %(since)s.") % values
    if code == ReasonCode.MASTER_CLASS:
        return _("Master class with %(who)s: master classes count.") % values
    if code == ReasonCode.MASTER_CLASS_EXEMPT:
        return _("Master class with %(who)s: master classes are exempt.") % values
    if code == ReasonCode.MASTER_CLASS_BEFORE_WINDOW:
        return _("Master class with %(who)s, before %(since)s.") % values
    if code == ReasonCode.RELATIVE:
        return _("Relative. %(note)s") % values
    if code == ReasonCode.OTHER:
        return _("Another relationship: %(note)s") % values
    if code in (ReasonCode.SAME_INSTITUTION, ReasonCode.SAME_INSTITUTION_NOT_COUNTED):
        if values["institution"]:
            text = _("Same institution: %(institution)s (the candidate wrote “%(candidate_institution)s”).") % values  # fmt: skip
        else:
            text = (_("Same institution, as the juror declares. %(note)s") % values).strip()
        if code == ReasonCode.SAME_INSTITUTION_NOT_COUNTED:
            text += " " + _("The policy does not count it.")
        return text
    if code == ReasonCode.NAME_INCOMPLETE:
        kind = f"{RelationshipKind(p.get('relation')).label} {period}".strip()
        return _("The teacher list names “%(typed)s” (%(kind)s): is it %(name)s?") % {
            **values,
            "kind": kind,
        }
    return str(reason.get("message", ""))
