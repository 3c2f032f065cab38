"""Problems found in a document: a code, where (a JSON pointer) and the values of the message.

The English messages are a catalogue keyed by code, with ``%(name)s`` parameters, so that a
translating adapter can show the same problem in another language (spec §9).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

#: Every message, by code. The Django adapter keeps a translatable copy of this table.
MESSAGES: Final[dict[str, str]] = {
    "too_large": "The document is larger than %(limit)s bytes.",
    "not_utf8": "The document is not UTF-8 text.",
    "syntax": "This is not JSON: %(detail)s (line %(line)s, column %(column)s).",
    "too_deep": "The document is nested too deeply.",
    "duplicate_key": "The member “%(key)s” appears more than once in this object.",
    "float": "Numbers with a fraction or an exponent are not allowed; write “%(text)s” as a "
    "string.",
    "wrong_format": "This is not a concours-edition document (format “%(found)s”).",
    "bad_version": "“%(found)s” is not a version; write it as “1.0”.",
    "unsupported_version": "Version %(found)s is not supported: this reader reads versions "
    "%(major)s.x.",
    "required": "This member is required.",
    "unknown_member": "Unknown member “%(key)s”.",
    "not_object": "Expected an object.",
    "not_list": "Expected a list.",
    "not_string": "Expected a string.",
    "not_integer": "Expected a whole number.",
    "not_boolean": "Expected true or false.",
    "empty": "This must not be empty.",
    "too_long": "At most %(limit)s characters.",
    "too_many": "At most %(limit)s items.",
    "too_many_digits": "At most %(limit)s digits.",
    "out_of_range": "Expected a whole number from %(minimum)s to %(maximum)s.",
    "not_code": "“%(value)s” is not a code: use letters, digits, “-” and “_” only.",
    "not_date": "“%(value)s” is not a date; write it as YYYY-MM-DD.",
    "not_datetime": "“%(value)s” is not a date and time with an offset; write it as "
    "YYYY-MM-DDTHH:MM:SSZ.",
    "not_decimal": "“%(value)s” is not a decimal number written as a string, such as “1500.00”.",
    "too_many_places": "At most %(places)s decimal places.",
    "not_positive": "This must be greater than zero.",
    "not_currency": "“%(value)s” is not a currency code; use three capital letters such as USD.",
    "not_country": "“%(value)s” is not a country code; use two capital letters such as CN.",
    "not_url": "“%(value)s” is not a web address starting with https:// or http://.",
    "not_time_zone": "“%(value)s” is not a known time zone; use a name such as Asia/Shanghai.",
    "not_digest": "“%(value)s” is not a SHA-256 digest (64 lowercase hexadecimal digits).",
    "not_choice": "“%(value)s” is not one of: %(choices)s.",
    "not_in_order": "This cannot be before %(other)s.",
    "year_mismatch": "The edition of %(year)s must start or end in %(year)s.",
    "duplicate_code": "The code “%(value)s” is used twice.",
    "duplicate_round": "Round %(value)s appears twice in this division.",
    "duplicate_place": "There are two placed prizes for place %(value)s in this division.",
    "duplicate_result": "Results for this round appear twice.",
    "unknown_division": "No division has the code “%(value)s”.",
    "unknown_round": "Division “%(division)s” has no round %(value)s.",
    "unknown_candidate": "No candidate of these results has the code “%(value)s”.",
    "unknown_discipline": "“%(value)s” is not a discipline of the competition.",
    "place_needs_division": "A placed prize needs a place and a division.",
    "special_without_place": "A special prize has no place.",
    "amount_needs_currency": "An amount needs a currency.",
    "members_in_order": "The largest ensemble cannot be smaller than the smallest.",
    "first_rank": "The first rank must be 1.",
    "rank_sequence": "Rank %(value)s cannot follow rank %(previous)s in row %(row)s; ranks "
    "are 1, 2, 2, 4, ….",
    "listed_twice": "“%(value)s” is listed twice.",
    "award_without_prize": "Division “%(division)s” has no placed prize for place %(value)s.",
    "withheld_with_candidates": "A withheld prize goes to nobody.",
    # Problems the Django adapter finds against the database (spec §8).
    "unknown_discipline_code": "“%(value)s” is not a discipline known to the federation.",
    "unknown_country": "“%(value)s” is not a known country.",
    "edition_managed_here": "%(competition)s %(year)s is run on this site; an import cannot "
    "replace it.",
    "scoring_parameters": "These parameters do not fit the scoring rule: %(detail)s",
    "rejected": "The site refused this value: %(detail)s",
}


def pointer(*parts: str | int) -> str:
    """The JSON pointer (RFC 6901) of a member: ``pointer("divisions", 2, "code")``."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


@dataclass(frozen=True)
class Problem:
    """One problem: ``code`` names the message, ``path`` is a JSON pointer ("" for the whole
    document), ``params`` fill the message's ``%(name)s`` parameters."""

    code: str
    path: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return MESSAGES[self.code] % self.params

    def __str__(self) -> str:
        return f"{self.path or '/'}: {self.message}"
