import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from concours.accounts.tests.factories import UserFactory
from concours.masterclasses import services
from concours.masterclasses.models import (
    ApplicationStatus,
    Lesson,
    MasterClassApplication,
    validate_recording_url,
)
from concours.masterclasses.services import MasterClassError, Piece
from concours.masterclasses.tests.factories import SpeakerFactory

DETAILS = {
    "given_name": "Dora", "family_name": "Dvořák", "instrument": "Cello",
    "date_of_birth": dt.date(2002, 1, 2), "nationality": "Czechia",
    "recording_url": "https://vimeo.com/123456", "motivation": "Dvořák's concerto.",
}  # fmt: skip


def test_save_application_creates_then_replaces_pieces_and_preferences(academy):
    user = UserFactory()
    pieces = [Piece("Dvořák", "Concerto", 40)]
    first = services.save_application(event=academy.event, user=user, details=DETAILS, pieces=pieces, teachers=[academy.lin, academy.weber])  # fmt: skip
    assert [p.teacher for p in first.preferences.all()] == [academy.lin, academy.weber]
    again = services.save_application(event=academy.event, user=user, details={**DETAILS, "instrument": "Viola"}, pieces=pieces * 2, teachers=[academy.weber])  # fmt: skip
    assert again.pk == first.pk
    assert again.instrument == "Viola"
    assert again.pieces.count() == 2
    assert [p.teacher for p in again.preferences.all()] == [academy.weber]


def test_save_application_refused_when_closed_decided_or_wrong_teacher(academy):
    user = UserFactory()
    with pytest.raises(MasterClassError, match="closed"):
        services.save_application(event=academy.event, user=user, details=DETAILS, pieces=[], teachers=[], now=dt.datetime(2100, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    with pytest.raises(MasterClassError, match="teachers of this master class"):
        services.save_application(event=academy.event, user=user, details=DETAILS, pieces=[], teachers=[SpeakerFactory()])  # fmt: skip
    academy.select(academy.anna)
    with pytest.raises(MasterClassError, match="decided"):
        services.save_application(event=academy.event, user=academy.anna.applicant, details=DETAILS, pieces=[], teachers=[])  # fmt: skip
    assert MasterClassApplication.objects.filter(applicant=user).count() == 0


def test_recording_url_accepts_youtube_and_vimeo_only():
    for good in ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://youtu.be/dQw4w9WgXcQ", "https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"):  # fmt: skip
        validate_recording_url(good)
    for bad in ("http://youtu.be/dQw4w9WgXcQ", "https://example.com/v.mp4", "https://youtube.com.evil.org/watch?v=abcdefg"):  # fmt: skip
        with pytest.raises(ValidationError):
            validate_recording_url(bad)


def test_decide_records_who_and_status_and_refuses_withdrawn(academy):
    selection = services.decide(application=academy.anna, decision="selected", by=academy.weber.user, teacher=academy.weber)  # fmt: skip
    academy.anna.refresh_from_db()
    assert (academy.anna.status, academy.anna.status_changed_by) == (ApplicationStatus.SELECTED, academy.weber.user)  # fmt: skip
    assert selection.teacher == academy.weber
    services.withdraw_application(application=academy.anna, by=academy.anna.applicant)
    with pytest.raises(MasterClassError):
        services.decide(application=academy.anna, decision="reserve", by=academy.office)
    with pytest.raises(MasterClassError):
        services.withdraw_application(application=academy.anna, by=academy.anna.applicant)


def test_propose_and_save_timetable_honours_preferences_and_emails(academy, mailoutbox, django_capture_on_commit_callbacks):  # fmt: skip
    academy.select(academy.anna, academy.ben)
    proposal = services.propose_timetable(event=academy.event)
    assert proposal.result.solved
    assert proposal.messages == []
    with django_capture_on_commit_callbacks(execute=True):
        lessons = services.save_timetable(event=academy.event, pairs=proposal.pairs, by=academy.office)  # fmt: skip
    assert len(lessons) == 4
    teachers = {(lesson.application_id, lesson.teacher_id) for lesson in Lesson.objects.all()}
    assert teachers == {(academy.anna.pk, academy.weber.pk), (academy.ben.pk, academy.lin.pk)}
    days = {lesson.session.starts_at.date() for lesson in Lesson.objects.filter(application=academy.anna)}  # fmt: skip
    assert len(days) == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted([academy.anna.applicant.email, academy.ben.applicant.email])  # fmt: skip
    assert "Clara Weber" in next(m.body for m in mailoutbox if m.to[0] == academy.anna.applicant.email)  # fmt: skip


def test_propose_timetable_explains_infeasibility(academy):
    academy.select(academy.anna, academy.ben, academy.chen)
    academy.chen.lessons_wanted = 3
    academy.chen.save()
    proposal = services.propose_timetable(event=academy.event)
    assert not proposal.result.solved
    assert proposal.messages == [
        "Chen Cao needs 3 lessons but can have at most 1 a day on the 2 days their teachers teach."
    ]


def test_propose_timetable_needs_selected_participants(academy):
    with pytest.raises(MasterClassError, match="Select participants"):
        services.propose_timetable(event=academy.event)


def test_save_timetable_rejects_a_broken_timetable_and_changes_nothing(academy):
    academy.select(academy.anna)
    slot = academy.slots[0]
    with pytest.raises(MasterClassError, match="lessons but should have 2"):
        services.save_timetable(event=academy.event, pairs=[(academy.anna.pk, slot.pk)], by=academy.office)  # fmt: skip
    assert Lesson.objects.count() == 0


def test_declining_removes_lessons(academy):
    academy.select(academy.anna)
    proposal = services.propose_timetable(event=academy.event)
    services.save_timetable(event=academy.event, pairs=proposal.pairs, by=academy.office)
    services.decide(application=academy.anna, decision="declined", by=academy.office)
    assert Lesson.objects.count() == 0
