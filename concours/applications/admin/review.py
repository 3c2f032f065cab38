"""What the office reads at the top of an application's page: eligibility at a glance, what
would stop the submission, the items open for correction, the fee, and the forms to act."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concours.applications import checks
from concours.applications.admin.forms import (
    PROBLEM_LABELS,
    ExceptionForm,
    FeeDecisionForm,
    ReopenForm,
)
from concours.applications.models import (
    Application,
    ApplicationStatus,
    Fee,
    ItemKind,
)
from concours.applications.services import FEE_OPEN
from concours.competitions.models import FeePolicy

#: The service refuses to reopen these (``services.reopen_item``); the form is not offered.
NOT_REOPENABLE = frozenset({ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN})
OTHER_ITEMS = {"account": _("Account"), "deadline": _("Deadline")}


def item_label(item: str) -> str:
    if item in ItemKind.values:
        return str(ItemKind(item).label)
    return str(OTHER_ITEMS.get(item, item))


def _url(name: str, application: Application) -> str:
    return reverse(f"admin:applications_application_{name}", args=[application.pk])


def eligibility(application: Application, *, on: dt.date) -> dict[str, Any]:
    """The verdict on ``on`` (the submission day), with the problems in the reader's words."""
    try:
        verdict = checks.eligibility_verdict(application, on=on)
    except ValueError:
        return {"checked": False, "on": on}
    minors = verdict.needs_guardian_consent
    messages = checks.eligibility_messages(application, [*verdict.problems, *verdict.waived])
    return {
        "checked": True,
        "on": on,
        "eligible": verdict.eligible,
        "problems": [
            {"code": problem.code.value, "label": PROBLEM_LABELS[problem.code], "message": message}
            for problem, message in zip(verdict.problems, messages, strict=False)
        ],
        "waived": messages[len(verdict.problems) :],
        "needs_consent": minors,
        "consent_confirmed": minors
        and application.consents.filter(confirmed_at__isnull=False).exists(),
    }


def review_context(application: Application, *, now: dt.datetime) -> dict[str, Any]:
    edition = application.division.edition
    as_of = application.submitted_at or now
    verdict = eligibility(application, on=as_of.astimezone(edition.zone).date())
    fee = Fee.objects.filter(application=application).select_related("confirmed_by").first()
    fee_decidable = (
        fee.status in FEE_OPEN
        if fee is not None
        else application.division.fee_policy != FeePolicy.NONE
    )
    return {
        "as_of": as_of,
        "eligibility": verdict,
        "findings": [
            {"item": item_label(finding.item), "code": finding.code, "message": finding.message}
            for finding in checks.submission_findings(application, now=as_of)
        ],
        "open_reopenings": list(
            application.reopenings.filter(closed_at__isnull=True)
            .select_related("opened_by")
            .order_by("opened_at", "id")
        ),
        "reopen_form": ReopenForm() if application.status not in NOT_REOPENABLE else None,
        "reopen_url": _url("reopen", application),
        "fee": fee,
        "fee_policy": application.division.get_fee_policy_display(),
        "fee_form": FeeDecisionForm() if fee_decidable else None,
        "fee_url": _url("fee", application),
        "exception_form": ExceptionForm(
            initial={"waived": [problem["code"] for problem in verdict.get("problems", [])]}
        ),
        "exception_url": _url("exception", application),
    }
