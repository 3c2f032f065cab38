"""Every page of events, with its permissions (anonymous, other person, other office)."""

import datetime as dt
import shutil
import subprocess

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from concours.accounts.tests.factories import UserFactory
from concours.events import services, tickets
from concours.events.models import (
    Attendance,
    EventStatus,
    QuestionKind,
    Registration,
    RegistrationStatus,
)
from concours.events.tests.factories import (
    EventFactory,
    QuestionFactory,
    SessionFactory,
    SessionSpeakerFactory,
    SpeakerFactory,
)
from concours.federation.tests.factories import SecretariatMemberFactory


def _login(client, user):
    client.force_login(user)
    return client


# Public pages ------------------------------------------------------------------------------


def test_event_list_shows_public_events_by_kind_and_time(client, seminar, django_assert_max_num_queries):  # fmt: skip
    EventFactory(title_en="Hidden draft", status=EventStatus.DRAFT)
    EventFactory(title_en="Old concert", kind="concert", starts_on=dt.date(2020, 5, 1), ends_on=dt.date(2020, 5, 1))  # fmt: skip
    for _ in range(5):
        EventFactory()
    with django_assert_max_num_queries(3):
        page = client.get("/events/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Strings Seminar" in text
    assert "Hidden draft" not in text
    assert "Old concert" not in text
    past = client.get("/events/?when=past&kind=concert").content.decode()
    assert "Old concert" in past
    assert "Strings Seminar" not in past


def test_event_page_shows_timetable_speakers_and_modes(client, seminar, django_assert_max_num_queries):  # fmt: skip
    speaker = SpeakerFactory(name_en="Anna Weber", bio_en="Violinist in Vienna.", bio_zh="维也纳的小提琴家。")  # fmt: skip
    SessionSpeakerFactory(session=seminar.morning, speaker=speaker)
    for _ in range(4):
        SessionSpeakerFactory(session=SessionFactory(event=seminar.event))
    with django_assert_max_num_queries(8):
        page = client.get(seminar.event.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Morning lecture" in text
    assert "At the venue and online" in text
    assert "Violinist in Vienna." in text
    assert "meet.example.org" not in text  # the platform's URL is never shown
    assert reverse("events:register", args=[seminar.event.slug]) in text
    zh = client.get(
        seminar.event.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "维也纳的小提琴家。" in zh


def test_draft_event_is_not_found(client, db):
    draft = EventFactory(status=EventStatus.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/events/{draft.slug}/calendar.ics").status_code == 404
    assert client.get(f"/events/{draft.slug}/register/").status_code in (302, 404)


def test_event_calendar_parses(client, seminar):
    response = client.get(f"/events/{seminar.event.slug}/calendar.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Morning lecture — Strings Seminar", "Evening panel — Strings Seminar"]  # fmt: skip
    assert events[0].decoded("dtstart") == seminar.morning.starts_at
    assert events[0].decoded("dtstart").utcoffset() == dt.timedelta(0)
    assert b"DTSTART:" in response.content
    assert b"Z\r\n" in response.content


# Registering -------------------------------------------------------------------------------


def test_register_needs_an_account(client, seminar):
    response = client.get(f"/events/{seminar.event.slug}/register/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_register_with_questions_and_field_errors(client, seminar):
    question = QuestionFactory(event=seminar.event, required=True, text_en="Your institution")
    visa = QuestionFactory(event=seminar.event, kind=QuestionKind.YES_NO, text_en="Need a visa letter?")  # fmt: skip
    _login(client, seminar.people[0])
    url = f"/events/{seminar.event.slug}/register/"
    assert "Your institution" in client.get(url).content.decode()
    bad = client.post(url, {"category": str(seminar.category.pk), f"q_{visa.pk}": "perhaps"})
    assert bad.status_code == 400
    assert Registration.objects.count() == 0
    assert bad.context["form"].errors.keys() == {f"q_{question.pk}", f"q_{visa.pk}"}
    good = client.post(url, {"category": str(seminar.category.pk), f"q_{question.pk}": "Harbin Conservatory", f"q_{visa.pk}": "yes"})  # fmt: skip
    registration = Registration.objects.get()
    assert good.status_code == 302
    assert good["Location"] == f"/events/me/{registration.pk}/"
    assert registration.answers == {str(question.pk): "Harbin Conservatory", str(visa.pk): True}
    client.get(good["Location"])  # the registration page shows (and so uses up) the message
    # The same form sent again: the same registration.
    again = client.post(url, {"category": str(seminar.category.pk), f"q_{question.pk}": "Harbin Conservatory"})  # fmt: skip
    assert again["Location"] == f"/events/me/{registration.pk}/"
    assert list(again.wsgi_request._messages) == []  # no second "you are registered"
    # Even a form that would not be valid leads a registered person to their registration.
    invalid = client.post(url, {"category": str(seminar.category.pk)})
    assert invalid["Location"] == f"/events/me/{registration.pk}/"
    assert Registration.objects.count() == 1


def test_register_without_category_is_a_field_error(client, seminar):
    _login(client, seminar.people[0])
    response = client.post(f"/events/{seminar.event.slug}/register/", {"category": "9999"})
    assert response.status_code == 400
    assert "category" in response.context["form"].errors


def test_register_when_closed_says_so(client, seminar):
    seminar.event.registration_closes_at = timezone.now() - dt.timedelta(hours=1)
    seminar.event.save()
    _login(client, seminar.people[0])
    response = client.post(f"/events/{seminar.event.slug}/register/", {"category": str(seminar.category.pk)})  # fmt: skip
    assert response.status_code == 403
    assert "Registration is closed" in response.content.decode()
    assert Registration.objects.count() == 0


def test_register_when_full_puts_on_the_waiting_list(client, seminar):
    seminar.register(seminar.people[0])
    seminar.register(seminar.people[1])
    _login(client, seminar.people[2])
    response = client.post(f"/events/{seminar.event.slug}/register/", {"category": str(seminar.category.pk)}, follow=True)  # fmt: skip
    text = response.content.decode()
    assert "you are on the waiting list" in text
    assert "You are number 1 on the waiting list" in text


def test_register_path_stays_lean(client, seminar, django_assert_max_num_queries):
    _login(client, seminar.people[0])
    url = f"/events/{seminar.event.slug}/register/"
    with django_assert_max_num_queries(14):
        client.post(url, {"category": str(seminar.category.pk)})
    assert Registration.objects.count() == 1


# The registrant's pages --------------------------------------------------------------------


def test_my_registrations_lists_own_only(client, seminar, django_assert_max_num_queries):
    for event in EventFactory.create_batch(3):
        from concours.events.tests.factories import CategoryFactory

        services.register(event=event, user=seminar.people[0], category=CategoryFactory(event=event), by_office=True)  # fmt: skip
    seminar.register(seminar.people[1])
    _login(client, seminar.people[0])
    with django_assert_max_num_queries(6):
        page = client.get("/events/me/")
    assert page.status_code == 200
    assert len(page.context["registrations"]) == 3
    assert "Strings Seminar" not in page.content.decode()


def test_registration_page_shows_ticket_and_is_private(client, seminar):
    registration = seminar.register(seminar.people[0])
    assert client.get(f"/events/me/{registration.pk}/").status_code == 302
    _login(client, seminar.people[1])
    assert client.get(f"/events/me/{registration.pk}/").status_code == 404
    assert client.post(f"/events/me/{registration.pk}/cancel/").status_code == 404
    _login(client, seminar.people[0])
    text = client.get(f"/events/me/{registration.pk}/").content.decode()
    assert "<svg" in text
    assert registration.ticket_code in text
    assert tickets.join_path(registration, seminar.evening) in text


def test_cancel_and_confirm_an_offer_through_the_pages(client, seminar):
    first = seminar.register(seminar.people[0])
    seminar.register(seminar.people[1])
    third = seminar.register(seminar.people[2])
    _login(client, seminar.people[0])
    client.post(f"/events/me/{first.pk}/cancel/")
    _login(client, seminar.people[2])
    page = client.get(f"/events/me/{third.pk}/").content.decode()
    assert "A place is free for you" in page
    client.post(f"/events/me/{third.pk}/confirm/")
    third.refresh_from_db()
    assert third.status == RegistrationStatus.CONFIRMED


def test_an_expired_offer_is_expired_lazily_when_viewed(client, seminar):
    first = seminar.register(seminar.people[0])
    seminar.register(seminar.people[1])
    third = seminar.register(seminar.people[2])
    fourth = seminar.register(seminar.people[3])
    services.cancel_registration(registration=first, now=timezone.now() - dt.timedelta(days=3))
    _login(client, seminar.people[2])
    client.get(f"/events/me/{third.pk}/")
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, fourth.status) == (RegistrationStatus.EXPIRED, RegistrationStatus.OFFERED)  # fmt: skip


# Check-in ----------------------------------------------------------------------------------


def test_check_in_permissions(client, seminar):
    url = f"/events/{seminar.event.slug}/check-in/"
    assert client.get(url).status_code == 302
    _login(client, seminar.people[0])
    assert client.get(url).status_code == 404
    _login(client, seminar.other_office)
    assert client.get(url).status_code == 404
    _login(client, seminar.office)
    assert client.get(url).status_code == 200
    _login(client, SecretariatMemberFactory().user)
    assert client.get(url).status_code == 200


def test_federation_event_check_in_is_for_the_secretariat_only(client, seminar):
    from concours.federation.tests.factories import FederationFactory

    event = EventFactory(competition=None, federation=FederationFactory())
    _login(client, seminar.office)
    assert client.get(f"/events/{event.slug}/check-in/").status_code == 404


def test_check_in_answers(client, seminar):
    registration = seminar.register(seminar.people[0])
    waiting = [seminar.register(p) for p in seminar.people[1:3]][-1]
    _login(client, seminar.office)
    url = f"/events/{seminar.event.slug}/check-in/"
    spaced = registration.ticket_code.lower().replace("-", " ")
    first = client.post(url, {"session": seminar.morning.pk, "code": spaced})
    assert first.context["result"].result == "checked_in"
    assert f"Checked in: {seminar.people[0].full_name}, Observer" in first.content.decode()
    again = client.post(url, {"session": seminar.morning.pk, "code": registration.ticket_secret})
    assert "Already checked in at" in again.content.decode()
    assert client.post(url, {"session": seminar.morning.pk, "code": "NOTATICKET"}).context["result"].result == "not_a_ticket"  # fmt: skip
    assert client.post(url, {"session": seminar.morning.pk, "code": waiting.ticket_secret}).context["result"].result == "not_confirmed"  # fmt: skip
    assert client.post(url, {"session": seminar.morning.pk, "code": ""}).status_code == 400
    attendance = Attendance.objects.get()
    assert (attendance.registration, attendance.session, attendance.by) == (registration, seminar.morning, seminar.office)  # fmt: skip


def test_check_in_for_a_session_not_chosen(client, seminar):
    seminar.event.choose_sessions = True
    seminar.event.save()
    registration = seminar.register(seminar.people[0], sessions=[seminar.morning])
    _login(client, seminar.office)
    response = client.post(f"/events/{seminar.event.slug}/check-in/", {"session": seminar.evening.pk, "code": registration.ticket_secret})  # fmt: skip
    assert "Not registered for this session" in response.content.decode()


# Join links --------------------------------------------------------------------------------


@pytest.fixture
def during_the_panel(seminar, monkeypatch):
    moment = seminar.evening.starts_at + dt.timedelta(minutes=5)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def test_join_link_works_for_its_registrant_in_the_window(client, seminar, during_the_panel):
    registration = seminar.register(seminar.people[0], now=seminar.event.registration_opens_at)
    path = tickets.join_path(registration, seminar.evening)
    assert client.get(path).status_code == 302
    assert "/accounts/login/" in client.get(path)["Location"]
    _login(client, seminar.people[1])
    forwarded = client.get(path)
    assert forwarded.status_code == 403
    assert "belongs to another person" in forwarded.content.decode()
    _login(client, seminar.people[0])
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == "https://meet.example.org/panel-secret"
    assert Attendance.objects.get().kind == "online"
    bad = client.get(path.replace(tickets.join_signature(registration, seminar.evening), "0" * 40))
    assert bad.status_code == 404
    tickets.revoke_join_links(registration=registration)
    assert client.get(path).status_code == 404


def test_join_link_outside_the_window_or_for_a_venue_session(client, seminar, monkeypatch):
    registration = seminar.register(seminar.people[0])
    path = tickets.join_path(registration, seminar.evening)
    early = seminar.evening.starts_at - dt.timedelta(minutes=seminar.event.join_opens_minutes + 1)
    monkeypatch.setattr(timezone, "now", lambda: early)
    _login(client, seminar.people[0])
    response = client.get(path)
    assert response.status_code == 403
    assert "Your join link opens on" in response.content.decode()
    late = seminar.evening.ends_at + dt.timedelta(minutes=seminar.event.join_closes_minutes + 1)
    monkeypatch.setattr(timezone, "now", lambda: late)
    _login(client, seminar.people[0])
    assert "is over" in client.get(path).content.decode()
    assert client.get(tickets.join_path(registration, seminar.morning)).status_code == 403
    assert Attendance.objects.count() == 0


# Certificate and personal calendar ---------------------------------------------------------


def test_certificate_only_with_attendance(client, seminar):
    registration = seminar.register(seminar.people[0])
    _login(client, seminar.people[0])
    assert client.get(f"/events/me/{registration.pk}/certificate.pdf").status_code == 404
    Attendance.objects.create(registration=registration, session=seminar.morning, at=timezone.now())
    response = client.get(f"/events/me/{registration.pk}/certificate.pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    _login(client, seminar.people[1])
    assert client.get(f"/events/me/{registration.pk}/certificate.pdf").status_code == 404


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_certificate_text_is_bilingual(seminar, tmp_path):
    from concours.events import documents, selectors

    registration = seminar.register(UserFactory(full_name="李明"))
    Attendance.objects.create(registration=registration, session=seminar.morning, at=timezone.now())
    pdf = documents.certificate_pdf(registration, selectors.attendances_of(registration))
    path = tmp_path / "certificate.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout  # fmt: skip
    assert "Certificate of attendance" in text
    assert "出席证明" in text
    assert "李明" in text
    assert "Morning lecture" in text


def test_personal_feed(client, seminar):
    registration = seminar.register(seminar.people[0])
    spoken = SessionFactory(title_en="Talk by me")
    SessionSpeakerFactory(session=spoken, speaker=SpeakerFactory(user=seminar.people[0]))
    _login(client, seminar.people[0])
    client.post("/events/me/calendar/")
    token = seminar.people[0].event_calendar.token
    client.logout()
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/feeds/{token}.ics").content)
    titles = sorted(str(e["summary"]).split(" — ")[0] for e in calendar.walk("VEVENT"))
    assert titles == ["Evening panel", "Morning lecture", "Talk by me"]
    services.cancel_registration(registration=registration)
    calendar = icalendar.Calendar.from_ical(client.get(f"/events/feeds/{token}.ics").content)
    assert [str(e["summary"]).split(" — ")[0] for e in calendar.walk("VEVENT")] == ["Talk by me"]
    _login(client, seminar.people[0])
    client.post("/events/me/calendar/")
    assert client.get(f"/events/feeds/{token}.ics").status_code == 404
