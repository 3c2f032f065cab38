"""The office's screens for events: scoped to the office's competition; the secretariat's for
city and federation events; fees, revoking join links, CSV export; moving a session e-mails."""

import datetime as dt

from concours.events.models import FeeStatus, Registration
from concours.events.tests.factories import EventFactory
from concours.federation.tests.factories import FederationFactory, SecretariatMemberFactory


def test_office_sees_its_own_events_only(client, seminar):
    federation_event = EventFactory(competition=None, federation=FederationFactory(), title_en="Harbin gathering")  # fmt: skip
    other = EventFactory(title_en="Other competition's seminar")
    client.force_login(seminar.office)
    text = client.get("/office/events/event/").content.decode()
    assert "Strings Seminar" in text
    assert "Harbin gathering" not in text
    assert "Other competition" not in text
    assert client.get(f"/office/events/event/{other.pk}/change/").status_code in (302, 404)
    assert client.get(f"/office/events/event/{federation_event.pk}/change/").status_code in (302, 404)  # fmt: skip
    assert client.get(f"/office/events/event/{seminar.event.pk}/change/").status_code == 200
    client.force_login(SecretariatMemberFactory().user)
    assert "Harbin gathering" in client.get("/office/events/event/").content.decode()


def test_registrations_export_and_revoke(client, seminar):
    registration = seminar.register(seminar.people[0])
    secret = registration.link_secret
    client.force_login(seminar.office)
    assert (
        seminar.people[0].full_name in client.get("/office/events/registration/").content.decode()
    )
    csv_response = client.post("/office/events/registration/", {"action": "export_csv", "_selected_action": [registration.pk]})  # fmt: skip
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert seminar.people[0].email in csv_response.content.decode()
    client.post("/office/events/registration/", {"action": "revoke_join_links", "_selected_action": [registration.pk]})  # fmt: skip
    registration.refresh_from_db()
    assert registration.link_secret != secret
    client.force_login(seminar.other_office)
    assert (
        seminar.people[0].full_name
        not in client.get("/office/events/registration/").content.decode()
    )


def test_fee_recorded_in_the_change_form(client, seminar):
    registration = seminar.register(seminar.people[0])
    client.force_login(seminar.office)
    response = client.post(f"/office/events/registration/{registration.pk}/change/", {"fee_status": "paid"})  # fmt: skip
    assert response.status_code == 302
    assert Registration.objects.get().fee_status == FeeStatus.PAID


def test_moving_a_session_emails_its_registrants(client, seminar, mailoutbox, django_capture_on_commit_callbacks):  # fmt: skip
    seminar.register(seminar.people[0])
    from concours.events.notifications import reschedule_session

    starts = seminar.morning.starts_at + dt.timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert reschedule_session(session=seminar.morning, starts_at=starts, ends_at=starts + dt.timedelta(hours=2)) == 1  # fmt: skip
    assert [m.to for m in mailoutbox] == [[seminar.people[0].email]]
    assert mailoutbox[0].subject == "New time: Morning lecture"


def test_reminders_the_day_before(seminar, mailoutbox, django_capture_on_commit_callbacks):
    from concours.events.notifications import send_session_reminders

    seminar.register(seminar.people[0])
    before = seminar.morning.starts_at - dt.timedelta(hours=20)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders(now=before) == 2  # the morning lecture and the panel
    with django_capture_on_commit_callbacks(execute=True):
        assert send_session_reminders(now=before) == 0
    assert sorted(m.subject for m in mailoutbox) == ["Tomorrow: Evening panel", "Tomorrow: Morning lecture"]  # fmt: skip
