"""The General Assembly of the demo, added after the rest of the demo."""

import pytest

from concours.assembly.models import MotionState, Proxy, Vote
from concours.demo.load_assembly import ASSEMBLY_SLUG, load_assembly
from concours.demo.services import load_demo
from concours.ledger.selectors import verify

pytestmark = pytest.mark.django_db


def test_load_assembly_adds_a_voted_and_an_open_motion():
    load_demo(live=False)
    assembly = load_assembly()
    assert assembly.event.slug == ASSEMBLY_SLUG
    assert assembly.event.parent.slug == "wfimc-annual-meeting-2026"
    assert assembly.delegates.count() == 7
    assert Proxy.objects.get().giver.slug == "sendai"
    admit, host = (
        assembly.agenda.order_by("order")[0].motions.get(),
        assembly.agenda.order_by("order")[1].motions.get(),
    )
    assert admit.state == MotionState.PUBLISHED
    assert admit.result["outcome"] == "carried"
    assert (admit.result["yes"], admit.result["no"], admit.result["abstain"]) == (4, 1, 1)
    assert host.state == MotionState.OPEN
    assert Vote.objects.filter(motion=host).count() == 2
    assert verify(assembly.chain) == []
    assert load_assembly() == assembly  # a second load changes nothing
    assert Vote.objects.count() == 8
