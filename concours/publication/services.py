"""Writes for publication: publish a decided round's results with an embargo, and change the
times or the listing while they are not public yet.

Each is one transaction: the publication, the round's step to *published* and the entry in the
edition's integrity log land together or not at all; cached public pages are invalidated once
it has committed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours.accounts.models import User
from concours.competitions.models import Round
from concours.hashchain import time_text
from concours.ledger.selectors import public_head
from concours.ledger.services import actor_of, append, edition_chain
from concours.publication import caching
from concours.publication.models import Listing, Publication
from concours.results.live import LiveError, order_of_appearance, progress_of, step_round
from concours.results.models import RoundProgress, RoundStage
from concours.results.selectors import latest_computation, marks_for_round, unique_labels
from concours.results.services import record_with_decisions
from concours.scoring.record import dump_record


class PublicationError(Exception):
    """A publication refused, with a message for the office."""


def chain_of(round_: Round) -> str:
    """The integrity log of the round's edition."""
    return edition_chain(round_.division.edition_id)


def _check_input(publish_at: dt.datetime, sheets_at: dt.datetime, listing: str) -> None:
    if listing not in Listing.values:
        raise PublicationError(_("List the advancers alphabetically or ranked."))
    if timezone.is_naive(publish_at) or timezone.is_naive(sheets_at):
        raise PublicationError(_("Give times with their time zone."))
    if sheets_at < publish_at:
        raise PublicationError(_("The score sheets cannot be public before the results."))


def draft_publication(
    *,
    round_: Round,
    publish_at: dt.datetime,
    sheets_at: dt.datetime,
    listing: str,
    release_feedback: bool,
) -> Publication:
    """What publishing the round now would publish, not saved: the latest computation's record
    with the jury's decisions, the order of appearance, and who each name in the record is.
    The office's preview shows it; ``publish_round`` saves it."""
    _check_input(publish_at, sheets_at, listing)
    computation = latest_computation(round_)
    if computation is None:
        raise PublicationError(_("This round has no computed results to publish."))
    try:
        record = record_with_decisions(computation)
    except ValueError as error:
        raise PublicationError(
            _("The results record cannot be written: %(problem)s") % {"problem": error}
        ) from None
    digests: Any = record["digests"]
    marks = list(marks_for_round(round_))
    candidates = {
        label: a.pk
        for label, a in unique_labels({m.application for m in marks}, "candidate").items()
    }
    # The computation's rows were written in the order of the record's results: they say who
    # each name stands for even if a name has been corrected since the computation.
    results: Any = record["results"]
    scores = list(computation.scores.order_by("id").values_list("application_id", flat=True))
    if len(scores) == len(results):
        candidates |= {str(row["candidate"]): pk for row, pk in zip(results, scores, strict=True)}
    jurors = {
        label: j.pk for label, j in unique_labels({m.juror for m in marks}, "name_en").items()
    }
    in_record: Any = record["marks"]
    candidate_names = {str(mark["candidate"]) for mark in in_record}
    juror_names = {str(mark["juror"]) for mark in in_record}
    return Publication(
        round=round_,
        computation=computation,
        publish_at=publish_at,
        sheets_at=sheets_at,
        listing=Listing(listing),
        release_feedback=release_feedback,
        record=dump_record(record),
        record_digest=digests["record"],
        order=[application.pk for application in order_of_appearance(round_)],
        people={
            "candidates": {k: v for k, v in sorted(candidates.items()) if k in candidate_names},
            "jurors": {k: v for k, v in sorted(jurors.items()) if k in juror_names},
        },
    )


def publish_round(
    *,
    round_: Round,
    publish_at: dt.datetime,
    sheets_at: dt.datetime,
    listing: str,
    release_feedback: bool,
    by: User | None,
) -> Publication:
    """Publish a round the jury has decided on: nothing is public before ``publish_at``, the
    score sheets and the full record not before ``sheets_at``. Records the publication, steps
    the round to *published* and logs it (kind ``publication``), in one transaction."""
    _check_input(publish_at, sheets_at, listing)
    with transaction.atomic():
        # The round's progress row first, as every write of a round locks it (live rounds).
        progress_of(round_)
        progress = RoundProgress.objects.select_for_update().get(round=round_)
        if progress.stage != RoundStage.DECIDED:
            raise PublicationError(
                _(
                    "Only results the jury has decided on can be published; this round is “%(stage)s”."
                )
                % {"stage": progress.get_stage_display()}
            )
        publication = draft_publication(
            round_=round_, publish_at=publish_at, sheets_at=sheets_at, listing=listing,
            release_feedback=release_feedback,
        )  # fmt: skip
        publication.published_by = by
        publication.published_at = publication.changed_at = timezone.now()
        publication.save()
        try:
            step_round(
                round_=round_, to=RoundStage.PUBLISHED, by=by,
                note=_("Results public from %(when)s") % {"when": time_text(publish_at)},
            )  # fmt: skip
        except LiveError as error:
            raise PublicationError(str(error)) from None
        chain = chain_of(round_)
        append(chain=chain, kind="publication", payload=_payload(publication), actor=actor_of(by))
        head = public_head(chain)
        publication.chain_length, publication.chain_head = head.length, head.hash
        publication.save(update_fields=["chain_length", "chain_head"])
        transaction.on_commit(caching.invalidate)
    return publication


def amend_publication(
    *,
    publication: Publication,
    publish_at: dt.datetime,
    sheets_at: dt.datetime,
    listing: str,
    release_feedback: bool,
    by: User | None,
) -> Publication:
    """Change a publication's times, listing or feedback release. What is public stays public:
    the results' time and the listing are fixed once the results are public, the sheets' time
    once the sheets are. Logged (kind ``publication.amended``) with what changed."""
    _check_input(publish_at, sheets_at, listing)
    now = timezone.now()
    with transaction.atomic():
        current = (
            Publication.objects.select_for_update()
            .select_related("round__division")
            .get(pk=publication.pk)
        )
        wanted = {
            "publish_at": publish_at, "sheets_at": sheets_at, "listing": listing,
            "release_feedback": release_feedback,
        }  # fmt: skip
        changed = {name: value for name, value in wanted.items() if getattr(current, name) != value}
        if not changed:
            return current
        if current.is_public(now) and ({"publish_at", "listing"} & changed.keys()):
            raise PublicationError(
                _("The results are public: their time and the listing can no longer change.")
            )
        if current.sheets_public(now) and "sheets_at" in changed:
            raise PublicationError(
                _("The score sheets are public: their time can no longer change.")
            )
        before = _payload(current)
        for name, value in changed.items():
            setattr(current, name, value)
        current.changed_at = now
        current.save(update_fields=[*changed, "changed_at"])
        after = _payload(current)
        append(
            chain=chain_of(current.round), kind="publication.amended",
            payload={
                "round": current.round_id, "publication": current.pk,
                "before": {name: before[name] for name in changed},
                "after": {name: after[name] for name in changed},
            },
            actor=actor_of(by),
        )  # fmt: skip
        transaction.on_commit(caching.invalidate)
    return current


def _payload(publication: Publication) -> dict[str, object]:
    """A publication as the integrity log records it (ids, digests and times, no names)."""
    return {
        "round": publication.round_id,
        "publication": publication.pk,
        "computation": publication.computation_id,
        "computation_digest": publication.computation.digest,
        "record_digest": publication.record_digest,
        "publish_at": time_text(publication.publish_at),
        "sheets_at": time_text(publication.sheets_at),
        "listing": publication.listing,
        "release_feedback": publication.release_feedback,
    }
