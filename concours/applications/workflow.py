"""The application's status workflow: which change is allowed, and to whom (issue 4).

draft → submitted → complete / incomplete → eligible / ineligible → in pre-selection
      → admitted / reserve / not admitted;  withdrawn from anywhere before the end.
"""

from concours.applications.models import ApplicationStatus as S

#: Office transitions: from each status, where the office may move an application.
OFFICE_TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.COMPLETE, S.INCOMPLETE, S.WITHDRAWN}),
    S.INCOMPLETE: frozenset({S.COMPLETE, S.WITHDRAWN}),
    S.COMPLETE: frozenset({S.ELIGIBLE, S.INELIGIBLE, S.INCOMPLETE, S.WITHDRAWN}),
    S.ELIGIBLE: frozenset({S.IN_PRESELECTION, S.ADMITTED, S.INELIGIBLE, S.WITHDRAWN}),
    S.INELIGIBLE: frozenset({S.ELIGIBLE, S.WITHDRAWN}),
    S.IN_PRESELECTION: frozenset({S.ADMITTED, S.RESERVE, S.NOT_ADMITTED, S.WITHDRAWN}),
    S.RESERVE: frozenset({S.ADMITTED, S.NOT_ADMITTED, S.WITHDRAWN}),
    S.ADMITTED: frozenset({S.WITHDRAWN}),
    S.NOT_ADMITTED: frozenset(),
    S.DRAFT: frozenset({S.WITHDRAWN}),
    S.WITHDRAWN: frozenset(),
}

#: Statuses in which the candidate may still edit (all items before submitting; reopened items
#: after).
CANDIDATE_EDITABLE = frozenset({S.DRAFT})
#: Statuses from which the candidate may withdraw.
CANDIDATE_MAY_WITHDRAW = frozenset(
    {
        S.DRAFT,
        S.SUBMITTED,
        S.INCOMPLETE,
        S.COMPLETE,
        S.ELIGIBLE,
        S.IN_PRESELECTION,
        S.RESERVE,
        S.ADMITTED,
    }
)


def office_may_move(old: str, new: str) -> bool:
    return new in OFFICE_TRANSITIONS.get(old, frozenset())
