"""The count of a motion explained in the reader's language.

The voting core writes its explanation in English into the stored result (the record stays
the same whoever reads it); pages explain the same numbers again here, through gettext, from
the stored result (``Tally.to_json``), so a Chinese reader reads it in Chinese."""

from fractions import Fraction
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def _number(text: str) -> str:
    value = Fraction(text)
    if value.denominator == 1:
        return str(value.numerator)
    return _("%(fraction)s (about %(decimal)s)") % {
        "fraction": str(value),
        "decimal": number_format(float(value), decimal_pos=2),
    }


def explain(result: dict[str, Any]) -> list[str]:
    """Sentences for a stored result; an empty list when it is not one (nothing to explain)."""
    try:
        rule = result["rule"]
        entitled, quorum_needed = int(result["entitled"]), int(result["quorum_needed"])
        yes, no, abstain = int(result["yes"]), int(result["no"]), int(result["abstain"])
    except (KeyError, TypeError, ValueError):
        return []
    present = {
        "entitled": entitled, "present": result.get("present_or_represented", 0),
        "room": result.get("in_room", 0), "online": result.get("online", 0),
        "proxy": result.get("by_proxy", 0),
    }  # fmt: skip
    lines = [
        ngettext(
            "%(entitled)d member is entitled to vote; %(present)d present or represented "
            "(%(room)d in the room, %(online)d online, %(proxy)d by proxy).",
            "%(entitled)d members are entitled to vote; %(present)d present or represented "
            "(%(room)d in the room, %(online)d online, %(proxy)d by proxy).",
            entitled,
        )
        % present
    ]
    quorum = {"quorum": rule.get("quorum", ""), "needed": quorum_needed}
    if not result.get("quorum_reached"):
        lines.append(
            _("The quorum is %(quorum)s of the members, so %(needed)d needed: not reached, so "
              "the motion cannot be decided.") % quorum
        )  # fmt: skip
        return lines
    lines.append(_("The quorum is %(quorum)s of the members, so %(needed)d needed: reached.") % quorum)  # fmt: skip
    lines.append(
        _("Votes: %(yes)d yes, %(no)d no, %(abstain)d abstaining; %(not_voted)d did not vote.")
        % {"yes": yes, "no": no, "abstain": abstain, "not_voted": result.get("not_voted", 0)}
    )
    majority, base = rule.get("majority"), result.get("base", 0)
    if majority != "absolute":
        counted = rule.get("abstentions") == "counted"
        lines.append(
            (_("Abstentions count as votes cast: %(cast)d cast.") if counted
             else _("Abstentions do not count as votes cast: %(cast)d cast."))
            % {"cast": result.get("votes_cast", 0)}
        )  # fmt: skip
    params = {
        "base": base, "fraction": rule.get("fraction", ""),
        "threshold": _number(str(result.get("threshold", "0"))),
        "needed": result.get("yes_needed", 0),
    }  # fmt: skip
    if majority == "simple":
        need = _("A simple majority needs more yes than half of the %(base)d votes cast (%(threshold)s): at least %(needed)d yes.")  # fmt: skip
    elif majority == "absolute":
        need = _("An absolute majority needs more yes than half of the %(base)d members (%(threshold)s): at least %(needed)d yes.")  # fmt: skip
    else:
        need = _("A majority of %(fraction)s needs at least %(fraction)s of the %(base)d votes cast (%(threshold)s): at least %(needed)d yes.")  # fmt: skip
    lines.append(need % params)
    if result.get("outcome") == "carried":
        verdict = _("%(yes)d yes: the motion is carried.")
    elif result.get("votes_cast") == 0 and majority != "absolute":
        verdict = _("%(yes)d yes: no votes were cast, so the motion is rejected.")
    elif result.get("strict") and Fraction(str(result.get("threshold", "0"))) == yes:
        verdict = _("%(yes)d yes: exactly half is not a majority (a tie), so the motion is rejected.")  # fmt: skip
    else:
        verdict = _("%(yes)d yes: the motion is rejected.")
    lines.append(verdict % {"yes": yes})
    return lines
