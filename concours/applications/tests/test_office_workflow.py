"""The office's status workflow as admin actions: every move goes through the service, is
recorded with who and when, a refusal is reported for that application, and nothing outside the
office's competitions moves."""

import pytest
from django.utils import timezone

from concours.applications.models import (
    ApplicationStatus,
    Fee,
    FeeStatus,
    StatusChange,
)
from concours.applications.tests.test_office_world import (
    OfficeWorld,
    change_url,
    changelist_url,
    messages_of,
)

pytestmark = pytest.mark.django_db

MOVES = [
    "move_to_complete",
    "move_to_incomplete",
    "move_to_eligible",
    "move_to_ineligible",
    "move_to_in_preselection",
    "move_to_admitted",
    "move_to_reserve",
    "move_to_not_admitted",
    "move_to_withdrawn",
]


@pytest.fixture
def office(db):
    return OfficeWorld()


def _act(client, action: str, *applications, note: str = ""):
    return client.post(
        changelist_url(),
        {
            "action": action,
            "index": "0",
            "note": note,
            "_selected_action": [application.pk for application in applications],
        },
    )


def _history(application) -> list[tuple[str, str, object, str]]:
    return list(
        StatusChange.objects.filter(application=application).values_list(
            "old_status", "new_status", "changed_by", "note"
        )
    )


def test_the_list_offers_a_move_for_each_office_transition_and_no_delete(client, office):
    client.force_login(office.office_a)
    response = client.get(changelist_url())
    choices = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert choices == [
        "",
        *MOVES,
        "confirm_fee_payment",
        "write_to_candidates",
        "export_csv",
        "export_xlsx",
    ]
    labels = dict(response.context["action_form"].fields["action"].choices)
    assert labels["move_to_in_preselection"] == "Move to “In pre-selection”"


def test_move_goes_through_the_service_and_is_recorded(client, office):
    client.force_login(office.office_a)
    response = _act(client, "move_to_complete", office.wang, note="All documents checked.")
    assert response.status_code == 302
    office.wang.refresh_from_db()
    assert office.wang.status == ApplicationStatus.COMPLETE
    assert _history(office.wang) == [
        ("submitted", "complete", office.office_a.pk, "All documents checked.")
    ]
    change = StatusChange.objects.get(application=office.wang)
    assert abs((timezone.now() - change.changed_at).total_seconds()) < 60
    assert messages_of(response) == ["1 application moved to “Complete”."]


@pytest.mark.parametrize(
    ("action", "application", "old", "new"),
    [
        ("move_to_complete", "wang", "submitted", "complete"),
        ("move_to_incomplete", "wang", "submitted", "incomplete"),
        ("move_to_withdrawn", "wang", "submitted", "withdrawn"),
        ("move_to_eligible", "kowalska", "complete", "eligible"),
        ("move_to_ineligible", "kowalska", "complete", "ineligible"),
        ("move_to_in_preselection", "berg", "eligible", "in_preselection"),
        ("move_to_admitted", "berg", "eligible", "admitted"),
    ],
)
def test_each_allowed_move(client, office, action, application, old, new):
    target = getattr(office, application)
    client.force_login(office.office_a)
    _act(client, action, target)
    target.refresh_from_db()
    assert target.status == new
    assert _history(target) == [(old, new, office.office_a.pk, "")]


@pytest.mark.parametrize("action", ["move_to_reserve", "move_to_not_admitted"])
def test_moves_after_pre_selection(client, office, action):
    office.berg.status = ApplicationStatus.IN_PRESELECTION
    office.berg.save()
    client.force_login(office.office_a)
    _act(client, action, office.berg)
    office.berg.refresh_from_db()
    assert office.berg.status == action.removeprefix("move_to_")


def test_a_refused_move_is_reported_per_application_and_the_others_move(client, office):
    client.force_login(office.office_a)
    response = _act(client, "move_to_complete", office.wang, office.berg, office.draft)
    assert response.status_code == 302
    assert messages_of(response) == [
        f"{office.berg}: An application cannot go from “Eligible” to “Complete”.",
        f"{office.draft}: An application cannot go from “Draft” to “Complete”.",
        "1 application moved to “Complete”.",
    ]
    for application, status in (
        (office.wang, "complete"),
        (office.berg, "eligible"),
        (office.draft, "draft"),
    ):
        application.refresh_from_db()
        assert application.status == status
    assert StatusChange.objects.count() == 1


def test_admission_makes_a_fee_due_on_admission_due(client, office):
    fee = Fee.objects.create(application=office.berg, status=FeeStatus.NOT_DUE)
    client.force_login(office.office_a)
    _act(client, "move_to_admitted", office.berg)
    fee.refresh_from_db()
    assert fee.status == FeeStatus.DUE


def test_move_from_the_applications_page(client, office):
    client.force_login(office.office_a)
    response = client.post(
        change_url(office.wang),
        {
            "CHANGE_FORM-action": "move_to_incomplete",
            "CHANGE_FORM-note": "Photo missing.",
            "_selected_action": office.wang.pk,
        },
    )
    assert response.status_code == 302
    office.wang.refresh_from_db()
    assert office.wang.status == ApplicationStatus.INCOMPLETE
    assert _history(office.wang) == [
        ("submitted", "incomplete", office.office_a.pk, "Photo missing.")
    ]


def test_the_status_history_is_shown_read_only_on_the_page(client, office):
    client.force_login(office.office_a)
    _act(client, "move_to_complete", office.wang, note="Checked.")
    _act(client, "move_to_eligible", office.wang)
    response = client.get(change_url(office.wang))
    history = next(
        formset
        for formset in response.context["inline_admin_formsets"]
        if formset.opts.model is StatusChange
    )
    assert [(f.instance.old_status, f.instance.new_status) for f in history.formset.forms] == [
        ("submitted", "complete"),
        ("complete", "eligible"),
    ]
    assert history.has_add_permission is False
    assert history.has_change_permission is False
    assert history.has_delete_permission is False
    assert "Checked." in response.text


def test_office_cannot_move_another_competitions_applications(client, office):
    client.force_login(office.office_a)
    response = _act(client, "move_to_complete", office.other)
    assert response.status_code == 302
    office.other.refresh_from_db()
    assert office.other.status == ApplicationStatus.SUBMITTED
    assert StatusChange.objects.count() == 0
    response = client.post(
        change_url(office.other),
        {"CHANGE_FORM-action": "move_to_complete", "_selected_action": office.other.pk},
    )
    office.other.refresh_from_db()
    assert office.other.status == ApplicationStatus.SUBMITTED
    assert StatusChange.objects.count() == 0


def test_secretariat_moves_any_competitions_applications(client, office):
    client.force_login(office.secretariat)
    _act(client, "move_to_complete", office.other)
    office.other.refresh_from_db()
    assert office.other.status == ApplicationStatus.COMPLETE


def test_confirm_fee_payment_action(client, office):
    client.force_login(office.office_a)
    response = _act(client, "confirm_fee_payment", office.wang, office.kowalska, office.berg)
    assert messages_of(response) == [
        f"{office.berg}: This division has no application fee.",
        f"{office.kowalska}: The fee is already “Paid”.",
        "Payment confirmed for 1 application.",
    ]
    fee = Fee.objects.get(application=office.wang)
    assert (fee.status, fee.confirmed_by) == (FeeStatus.PAID, office.office_a)
    assert abs((timezone.now() - fee.confirmed_at).total_seconds()) < 60
    assert not Fee.objects.filter(application=office.berg).exists()


def test_office_cannot_confirm_another_competitions_fee(client, office):
    fee = Fee.objects.create(application=office.other, status=FeeStatus.DUE)
    client.force_login(office.office_a)
    _act(client, "confirm_fee_payment", office.other)
    fee.refresh_from_db()
    assert (fee.status, fee.confirmed_by) == (FeeStatus.DUE, None)
