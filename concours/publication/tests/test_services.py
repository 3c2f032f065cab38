"""Publishing a decided round, and changing a publication while that is still allowed."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from concours.competitions.tests.factories import RoundFactory
from concours.hashchain import time_text
from concours.ledger.selectors import entries, public_head, verify
from concours.publication.models import Listing, Publication
from concours.publication.services import (
    PublicationError,
    amend_publication,
    draft_publication,
    publish_round,
)
from concours.publication.tests.setup import publish
from concours.results.live import progress_of, step_round
from concours.results.models import RoundStage
from concours.results.selectors import latest_computation
from concours.results.services import record_with_decisions

pytestmark = pytest.mark.django_db

HOUR = dt.timedelta(hours=1)


def _chain(decided):
    return f"edition:{decided.round.division.edition_id}"


def test_publishing_records_steps_and_logs_in_one_go(decided):
    now = timezone.now()
    publication = publish_round(
        round_=decided.round, publish_at=now + HOUR, sheets_at=now + 2 * HOUR,
        listing=Listing.RANKED, release_feedback=True, by=decided.office,
    )  # fmt: skip
    computation = latest_computation(decided.round)
    assert publication.computation == computation
    assert publication.published_by == decided.office
    assert progress_of(decided.round).stage == RoundStage.PUBLISHED
    assert decided.round.steps.last().stage == RoundStage.PUBLISHED
    record = json.loads(publication.record)
    assert record == record_with_decisions(computation)
    assert publication.record_digest == record["digests"]["record"]
    last = entries(_chain(decided)).last()
    assert (last.kind, last.actor) == ("publication", f"user:{decided.office.pk}")
    assert last.payload == {
        "round": decided.round.pk, "publication": publication.pk,
        "computation": computation.pk, "computation_digest": computation.digest,
        "record_digest": publication.record_digest, "publish_at": time_text(now + HOUR),
        "sheets_at": time_text(now + 2 * HOUR), "listing": "ranked", "release_feedback": True,
    }  # fmt: skip
    head = public_head(_chain(decided))
    assert (publication.chain_length, publication.chain_head) == (head.length, head.hash)
    assert head.hash == last.hash
    assert verify(_chain(decided)) == []


def test_the_snapshot_names_everyone_in_the_record(decided):
    publication = publish(decided)
    assert publication.people == {
        "candidates": {name: a.pk for name, a in sorted(decided.candidates.items())},
        "jurors": {juror.name_en: juror.pk for juror in decided.jurors},
    }
    assert sorted(publication.order) == sorted(a.pk for a in decided.candidates.values())


@pytest.mark.parametrize("stage", [RoundStage.COMPUTED, RoundStage.PUBLISHED])
def test_a_round_not_at_decided_is_refused_and_nothing_changes(decided, stage):
    if stage == RoundStage.PUBLISHED:
        publish(decided)
    else:
        progress = progress_of(decided.round)
        progress.stage = RoundStage.COMPUTED
        progress.save()
    before = public_head(_chain(decided))
    count = Publication.objects.count()
    with pytest.raises(PublicationError, match="Only results the jury has decided on"):
        publish(decided)
    assert Publication.objects.count() == count
    assert public_head(_chain(decided)) == before
    assert progress_of(decided.round).stage == stage


def test_score_sheets_before_the_results_are_refused(decided):
    with pytest.raises(PublicationError, match="cannot be public before the results"):
        publish(decided, publish_in=HOUR, sheets_in=-HOUR)
    assert not Publication.objects.exists()
    assert progress_of(decided.round).stage == RoundStage.DECIDED


def test_a_round_without_results_has_nothing_to_publish(db):
    round_ = RoundFactory()
    now = timezone.now()
    with pytest.raises(PublicationError, match="no computed results"):
        draft_publication(
            round_=round_, publish_at=now, sheets_at=now, listing=Listing.RANKED,
            release_feedback=False,
        )  # fmt: skip


def _amend(publication, by, **changes):
    values = {
        "publish_at": publication.publish_at, "sheets_at": publication.sheets_at,
        "listing": publication.listing, "release_feedback": publication.release_feedback,
    } | changes  # fmt: skip
    return amend_publication(publication=publication, by=by, **values)


def test_an_embargoed_publication_can_be_rescheduled_and_it_is_logged(decided):
    publication = publish(decided, publish_in=HOUR, sheets_in=2 * HOUR)
    later = publication.publish_at + HOUR
    changed = _amend(publication, decided.office, publish_at=later, listing=Listing.RANKED)
    assert (changed.publish_at, changed.listing) == (later, Listing.RANKED)
    assert changed.changed_at > publication.changed_at
    last = entries(_chain(decided)).last()
    assert last.kind == "publication.amended"
    assert last.payload["after"] == {"publish_at": time_text(later), "listing": "ranked"}
    assert last.payload["before"]["listing"] == "alphabetical"


def test_what_is_public_stays_public(decided):
    publication = publish(decided, publish_in=-HOUR, sheets_in=HOUR)
    with pytest.raises(PublicationError, match="The results are public"):
        _amend(publication, decided.office, publish_at=publication.publish_at + 2 * HOUR)
    with pytest.raises(PublicationError, match="The results are public"):
        _amend(publication, decided.office, listing=Listing.RANKED)
    changed = _amend(publication, decided.office, sheets_at=publication.sheets_at + HOUR)
    assert changed.sheets_at == publication.sheets_at + HOUR


def test_public_score_sheets_keep_their_time_but_feedback_can_be_released(decided):
    publication = publish(decided, release_feedback=False)
    with pytest.raises(PublicationError, match="The score sheets are public"):
        _amend(publication, decided.office, sheets_at=timezone.now() + HOUR)
    changed = _amend(publication, decided.office, release_feedback=True)
    assert changed.release_feedback is True


def test_an_unchanged_form_changes_and_logs_nothing(decided):
    publication = publish(decided, publish_in=HOUR, sheets_in=HOUR)
    length = public_head(_chain(decided)).length
    assert _amend(publication, decided.office).changed_at == publication.changed_at
    assert public_head(_chain(decided)).length == length


def test_naive_times_are_refused(decided):
    naive = dt.datetime(2025, 8, 14, 20, 0)
    with pytest.raises(PublicationError, match="time zone"):
        publish_round(
            round_=decided.round, publish_at=naive, sheets_at=naive, listing=Listing.RANKED,
            release_feedback=False, by=None,
        )  # fmt: skip


def test_a_published_round_cannot_step_on(decided):
    publish(decided)
    with pytest.raises(Exception, match="cannot become"):
        step_round(round_=decided.round, to=RoundStage.LIVE, by=None)


def test_an_unknown_listing_is_refused(decided):
    with pytest.raises(PublicationError, match="alphabetically or ranked"):
        publish(decided, listing="by-height")
    assert progress_of(decided.round).stage == RoundStage.DECIDED
