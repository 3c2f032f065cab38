"""The interchange core's messages, translatable (docs/algorithms/interchange.md §8).

The core keeps English templates keyed by code (``concours.interchange.MESSAGES``); this is the
same table through gettext, so problems show in the reader's language. A test keeps both in
step.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from concours.interchange import Problem

MESSAGES: dict[str, Promise] = {
    "too_large": _("The document is larger than %(limit)s bytes."),
    "not_utf8": _("The document is not UTF-8 text."),
    "syntax": _("This is not JSON: %(detail)s (line %(line)s, column %(column)s)."),
    "too_deep": _("The document is nested too deeply."),
    "duplicate_key": _("The member “%(key)s” appears more than once in this object."),
    "float": _(
        "Numbers with a fraction or an exponent are not allowed; write “%(text)s” as a string."
    ),
    "wrong_format": _("This is not a concours-edition document (format “%(found)s”)."),
    "bad_version": _("“%(found)s” is not a version; write it as “1.0”."),
    "unsupported_version": _(
        "Version %(found)s is not supported: this reader reads versions %(major)s.x."
    ),
    "required": _("This member is required."),
    "unknown_member": _("Unknown member “%(key)s”."),
    "not_object": _("Expected an object."),
    "not_list": _("Expected a list."),
    "not_string": _("Expected a string."),
    "not_integer": _("Expected a whole number."),
    "not_boolean": _("Expected true or false."),
    "empty": _("This must not be empty."),
    "too_long": _("At most %(limit)s characters."),
    "too_many": _("At most %(limit)s items."),
    "too_many_digits": _("At most %(limit)s digits."),
    "out_of_range": _("Expected a whole number from %(minimum)s to %(maximum)s."),
    "not_code": _("“%(value)s” is not a code: use letters, digits, “-” and “_” only."),
    "not_date": _("“%(value)s” is not a date; write it as YYYY-MM-DD."),
    "not_datetime": _(
        "“%(value)s” is not a date and time with an offset; write it as YYYY-MM-DDTHH:MM:SSZ."
    ),
    "not_decimal": _("“%(value)s” is not a decimal number written as a string, such as “1500.00”."),
    "too_many_places": _("At most %(places)s decimal places."),
    "not_positive": _("This must be greater than zero."),
    "not_currency": _("“%(value)s” is not a currency code; use three capital letters such as USD."),
    "not_country": _("“%(value)s” is not a country code; use two capital letters such as CN."),
    "not_url": _("“%(value)s” is not a web address starting with https:// or http://."),
    "not_time_zone": _("“%(value)s” is not a known time zone; use a name such as Asia/Shanghai."),
    "not_digest": _("“%(value)s” is not a SHA-256 digest (64 lowercase hexadecimal digits)."),
    "not_choice": _("“%(value)s” is not one of: %(choices)s."),
    "not_in_order": _("This cannot be before %(other)s."),
    "year_mismatch": _("The edition of %(year)s must start or end in %(year)s."),
    "duplicate_code": _("The code “%(value)s” is used twice."),
    "duplicate_round": _("Round %(value)s appears twice in this division."),
    "duplicate_place": _("There are two placed prizes for place %(value)s in this division."),
    "duplicate_result": _("Results for this round appear twice."),
    "unknown_division": _("No division has the code “%(value)s”."),
    "unknown_round": _("Division “%(division)s” has no round %(value)s."),
    "unknown_candidate": _("No candidate of these results has the code “%(value)s”."),
    "unknown_discipline": _("“%(value)s” is not a discipline of the competition."),
    "place_needs_division": _("A placed prize needs a place and a division."),
    "special_without_place": _("A special prize has no place."),
    "amount_needs_currency": _("An amount needs a currency."),
    "members_in_order": _("The largest ensemble cannot be smaller than the smallest."),
    "first_rank": _("The first rank must be 1."),
    "rank_sequence": _(
        "Rank %(value)s cannot follow rank %(previous)s in row %(row)s; ranks are 1, 2, 2, 4, …."
    ),
    "listed_twice": _("“%(value)s” is listed twice."),
    "award_without_prize": _("Division “%(division)s” has no placed prize for place %(value)s."),
    "withheld_with_candidates": _("A withheld prize goes to nobody."),
    "unknown_discipline_code": _("“%(value)s” is not a discipline known to the federation."),
    "unknown_country": _("“%(value)s” is not a known country."),
    "edition_managed_here": _(
        "%(competition)s %(year)s is run on this site; an import cannot replace it."
    ),
    "scoring_parameters": _("These parameters do not fit the scoring rule: %(detail)s"),
    "rejected": _("The site refused this value: %(detail)s"),
}


def describe(problem: Problem) -> str:
    """The problem's message in the active language."""
    return str(MESSAGES[problem.code]) % problem.params


def line(name: str, problem: Problem) -> str:
    """``name: /path: message``, as the import command and page show it."""
    return f"{name}: {problem.path or '/'}: {describe(problem)}"
