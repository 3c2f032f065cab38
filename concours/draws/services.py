"""Writes for draws: commit, add a witness's input, perform, reveal, cancel. Each is one
transaction that locks the rows two offices could race for.

This module is the one adapter between the database and the pure ``concours.draw`` core: it
turns applications into the core's candidates, calls it, and stores the record it returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from concours import draw as core
from concours.accounts.models import User
from concours.applications.models import Application
from concours.competitions.models import Division, Round
from concours.draw.model import MAX_INPUTS
from concours.draws.models import Draw, DrawMethod, DrawState, WitnessInput
from concours.draws.selectors import admitted_applications
from concours.ledger.services import actor_of, append, edition_chain


class DrawError(Exception):
    """A draw operation that cannot be done, with a message for the office."""


def core_candidate(application: Application) -> core.Candidate:
    """An application as the core's candidate: its number as the id, the names in Latin letters."""
    profile = application.candidate
    return core.Candidate(
        str(application.pk), core.normalise(profile.family_name), core.normalise(profile.given_name)
    )


def _candidates_json(applications: list[Application]) -> list[dict[str, str]]:
    rows = []
    for application in applications:
        candidate = core_candidate(application)
        if (
            core.text_problem(candidate.family_name)
            or core.text_problem(candidate.given_name, empty=True)
            or not core.fold(candidate.family_name)
        ):
            raise DrawError(
                _(
                    "The name of %(candidate)s cannot be used in a draw: the family name needs a "
                    "letter, and names may not contain control characters."
                )
                % {"candidate": application.candidate.display_name}
            )
        rows.append(core.candidate_to_json(candidate))
    return rows


def commit_draw(
    *,
    division: Division,
    round_: Round | None = None,
    method: DrawMethod | str,
    applications: Iterable[Application | int] | None = None,
    by: User | None,
    now: dt.datetime | None = None,
) -> Draw:
    """Make a secret seed and publish its commitment, for one round of the division or (no
    ``round_``) for all of them. The candidates are fixed now: the division's admitted
    applications, or those given (applications or their ids; each admitted to this division),
    e.g. the candidates who advanced to a later round."""
    if round_ is not None and round_.division_id != division.pk:
        raise DrawError(_("This round belongs to another division."))
    chosen = admitted_applications(division)
    if applications is not None:
        ids = {item if isinstance(item, int) else item.pk for item in applications}
        chosen = chosen.filter(pk__in=ids)
        if len(chosen) != len(ids):
            raise DrawError(_("Only candidates admitted to this division can be drawn."))
    candidates = _candidates_json(list(chosen))
    if not candidates:
        raise DrawError(_("There is nobody to draw: no candidate is admitted to this division."))
    seed = core.new_seed()
    with transaction.atomic():
        Division.objects.select_for_update().get(pk=division.pk)
        if Draw.objects.filter(division=division, round=round_).exists():
            raise DrawError(_scope_taken(round_))
        try:
            with transaction.atomic():
                created = Draw.objects.create(
                    division=division, round=round_, method=DrawMethod(method),
                    commitment=core.commitment_of(seed), seed=seed, candidates=candidates,
                    committed_at=now or timezone.now(), committed_by=by,
                )  # fmt: skip
                _log(created, "draw.committed", {"commitment": created.commitment}, by)
                return created
        except IntegrityError:  # pragma: no cover - a race the row lock above already prevents
            raise DrawError(_scope_taken(round_)) from None


def _scope_taken(round_: Round | None) -> str:
    if round_ is None:
        return _("This division already has one draw for every round.")
    return _("This round already has a draw.")


def _locked(draw: Draw) -> Draw:
    return (
        Draw.objects.select_for_update(of=("self",))
        .select_related("division", "round")
        .get(pk=draw.pk)
    )


def add_witness_input(
    *, draw: Draw, witness: str, value: str, by: User | None, now: dt.datetime | None = None
) -> WitnessInput:
    """Add one witness's input, after those already given. Inputs close when the order is drawn."""
    witness, value = core.normalise(witness), core.normalise(value)
    if core.text_problem(witness) or core.text_problem(value):
        raise DrawError(
            _(
                "A witness's name and input each take 1 to 200 characters, without control characters."
            )
        )
    with transaction.atomic():
        locked = _locked(draw)
        if locked.state != DrawState.COMMITTED:
            raise DrawError(_("The order is already drawn: no more inputs."))
        count = locked.inputs.count()
        if count >= MAX_INPUTS:
            raise DrawError(_("A draw takes at most %(count)d inputs.") % {"count": MAX_INPUTS})
        added = WitnessInput.objects.create(
            draw=locked, position=count + 1, witness=witness, value=value,
            added_at=now or timezone.now(), added_by=by,
        )  # fmt: skip
        _log(
            locked,
            "draw.input",
            {"position": added.position, "witness": witness, "input": value},
            by,
        )
        return added


def perform_draw(*, draw: Draw, by: User | None, now: dt.datetime | None = None) -> Draw:
    """Draw the order from the seed and the inputs and publish the record (still without the
    seed). Refused without a witness's input: the office, which knows the seed, could otherwise
    know the order in advance."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(draw)
        if locked.state != DrawState.COMMITTED:
            raise DrawError(_("This order is already drawn."))
        inputs = [core.WitnessInput(i.witness, i.value) for i in locked.inputs.order_by("position")]
        if not inputs:
            raise DrawError(_("Add at least one witness's input before drawing."))
        if now < locked.committed_at:
            raise DrawError(_("The draw cannot be earlier than its commitment."))
        try:
            record = core.perform(
                method=core.Method(locked.method),
                candidates=[core.Candidate(c["id"], c["family_name"], c["given_name"]) for c in locked.candidates],
                inputs=inputs, seed=locked.seed, committed_at=core.timestamp(locked.committed_at),
                drawn_at=core.timestamp(now), title=_record_title(locked),
                round_number=locked.round.number if locked.round else None,
            )  # fmt: skip
        except ValueError as error:  # pragma: no cover - candidates and inputs are checked above
            raise DrawError(str(error)) from None
        order, letter = record["order"], record["letter"]
        assert isinstance(order, list)
        locked.order = [int(identifier) for identifier in order]
        locked.letter = letter if isinstance(letter, str) else ""
        _store(locked, record)
        locked.state, locked.drawn_at, locked.drawn_by = DrawState.DRAWN, now, by
        locked.save()
        _log(locked, "draw.drawn", {"order": locked.order, "letter": locked.letter}, by)
    return locked


def reveal_draw(*, draw: Draw, by: User | None, now: dt.datetime | None = None) -> Draw:
    """Publish the seed: from now on anyone can recompute the order."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(draw)
        if locked.state != DrawState.DRAWN:
            raise DrawError(
                _("This seed is already revealed.")
                if locked.state == DrawState.REVEALED
                else _("Draw the order before revealing the seed.")
            )
        if locked.drawn_at is not None and now < locked.drawn_at:
            raise DrawError(_("The seed cannot be revealed before the draw."))
        record = core.reveal(
            core.parse_record(locked.record), seed=locked.seed, revealed_at=core.timestamp(now)
        )
        _store(locked, record)
        locked.state, locked.revealed_at, locked.revealed_by = DrawState.REVEALED, now, by
        locked.save()
        _log(locked, "draw.revealed", {"seed": locked.seed, "commitment": locked.commitment}, by)
    return locked


def _log(draw: Draw, kind: str, payload: dict[str, object], by: User | None) -> None:
    """Append the step to the edition's integrity log, inside the step's transaction."""
    append(
        chain=edition_chain(draw.division.edition_id), kind=kind,
        payload={"draw": draw.pk, "division": draw.division_id, "round": draw.round_id, **payload},
        actor=actor_of(by),
    )  # fmt: skip


def cancel_draw(*, draw: Draw, by: User | None = None) -> None:
    """Withdraw a commitment, e.g. to draw for other candidates. Only before the first input:
    after it the office, which knows the seed, could know the order."""
    with transaction.atomic():
        locked = _locked(draw)
        if locked.state != DrawState.COMMITTED or locked.inputs.exists():
            raise DrawError(
                _("Only a commitment without inputs can be withdrawn; this draw must go on.")
            )
        _log(locked, "draw.withdrawn", {"commitment": locked.commitment}, by)
        locked.delete()


def _record_title(draw: Draw) -> str:
    return f"{draw.division} – {draw.scope_en}"


def _store(draw: Draw, record: dict[str, object]) -> None:
    digests = record["digests"]
    assert isinstance(digests, dict)
    draw.record = core.dump_record(record)
    draw.draw_digest, draw.record_digest = digests["draw"], digests["record"]
