"""The confidentiality and conflict-of-interest declaration every juror accepts before anything
else. A change of wording gets a new version; jurors then accept the new text."""

from django.utils.translation import gettext as _

#: Raise when the wording changes in substance (not for a typo or a translation).
DECLARATION_VERSION = "2025-1"


def declaration_paragraphs() -> list[str]:
    """The declaration in the active language, paragraph by paragraph."""
    return [
        _(
            "I will keep confidential everything I learn as a juror: candidates' applications, "
            "recordings and personal data, the marks and the deliberations of the jury, until "
            "the competition publishes them, and personal data for ever."
        ),
        _(
            "I will not discuss a candidate's performance or marks with the candidate, their "
            "teachers or the press before the results are published."
        ),
        _(
            "I declare every relationship I have or had with a candidate: current or former "
            "students, private lessons, master classes, relatives, colleagues at the same "
            "institution and anything else that could make my judgement seem partial. I declare "
            "relationships that arise during the competition at once."
        ),
        _(
            "I will not mark a candidate with whom I have a conflict of interest; the "
            "competition's office decides on each declared or detected conflict, and marks "
            "such pairs as not marked by me (S)."
        ),
    ]


def declaration_text() -> str:
    """The whole declaration as stored with the juror's acceptance."""
    return "\n\n".join(declaration_paragraphs())
