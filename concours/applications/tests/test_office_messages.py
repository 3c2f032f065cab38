"""The office writes to a list of candidates: kept on the application, e-mailed, scoped."""

import pytest
from django.core import mail
from django.urls import reverse

from concours.applications.models import OfficeMessage
from concours.applications.tests.factories import ApplicationFactory
from concours.competitions.tests.factories import OfficeStaffFactory

pytestmark = pytest.mark.django_db


def test_write_to_selected_candidates(client, draft, django_capture_on_commit_callbacks):
    staff = OfficeStaffFactory(competition=draft.division.edition.competition).user
    other = ApplicationFactory()  # another competition's candidate
    client.force_login(staff)
    url = reverse("admin:applications_application_changelist")
    form = client.post(
        url, {"action": "write_to_candidates", "_selected_action": [draft.pk, other.pk]}
    )
    assert form.status_code == 200
    assert [a.pk for a in form.context["applications"]] == [draft.pk]  # only their own
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "write_to_candidates", "_selected_action": [draft.pk, other.pk],
                                     "subject": "Rehearsal times", "body": "Please be there at 9:00.",
                                     "send": "Send"}, follow=True)  # fmt: skip
    assert [str(m) for m in response.context["messages"]][-1] == "Message sent to 1 candidate."
    assert list(OfficeMessage.objects.values_list("application_id", "subject")) == [
        (draft.pk, "Rehearsal times")
    ]
    assert [(m.to, m.subject) for m in mail.outbox] == [(["ana@example.org"], "Rehearsal times")]
    client.force_login(draft.candidate.user)
    page = client.get(reverse("candidate:application", kwargs={"reference": draft.reference})).text
    assert "Please be there at 9:00." in page


def test_a_message_needs_a_subject_and_text(client, draft):
    client.force_login(OfficeStaffFactory(competition=draft.division.edition.competition).user)
    url = reverse("admin:applications_application_changelist")
    response = client.post(url, {"action": "write_to_candidates", "_selected_action": [draft.pk], "subject": "",
                                 "body": "", "send": "Send"})  # fmt: skip
    assert response.context["form"].errors["subject"] == ["This field is required."]
    assert OfficeMessage.objects.count() == 0
