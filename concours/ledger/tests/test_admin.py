"""The log in the office: the secretariat reads it and verifies chains; nobody changes it;
office staff of a competition and everyone else do not see it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.competitions.tests.factories import OfficeStaffFactory
from concours.federation.access import is_secretariat
from concours.federation.tests.factories import SecretariatMemberFactory
from concours.ledger import access
from concours.ledger.models import Chain, Entry
from concours.ledger.tests.conftest import CHAIN, record, tamper

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _secretariat_reads_the_ledger(monkeypatch):
    # What the federation plugs in when it loads (the ledger cannot import it).
    monkeypatch.setattr(access, "_readers", [is_secretariat])


@pytest.fixture
def secretariat(client):
    client.force_login(SecretariatMemberFactory().user)
    return client


def _urls(entry: Entry) -> dict[str, str]:
    return {
        "chains": reverse("admin:ledger_chain_changelist"),
        "entries": reverse("admin:ledger_entry_changelist"),
        "entry": reverse("admin:ledger_entry_change", args=[entry.pk]),
        "chain": reverse("admin:ledger_chain_change", args=[entry.chain_id]),
    }


def test_the_secretariat_reads_chains_and_entries(secretariat, five):
    for url in _urls(five[2]).values():
        assert secretariat.get(url).status_code == 200
    response = secretariat.get(reverse("admin:ledger_entry_changelist"))
    assert [entry.seq for entry in response.context["cl"].result_list] == [5, 4, 3, 2, 1]
    assert "ledger" in [
        app["app_label"] for app in secretariat.get(reverse("admin:index")).context["app_list"]
    ]


def test_nobody_adds_changes_or_deletes(secretariat, five):
    entry = five[2]
    assert secretariat.get(reverse("admin:ledger_entry_add")).status_code == 403
    assert secretariat.get(reverse("admin:ledger_chain_add")).status_code == 403
    assert (
        secretariat.post(
            reverse("admin:ledger_entry_change", args=[entry.pk]), {"kind": "x"}
        ).status_code
        == 403
    )
    assert (
        secretariat.post(
            reverse("admin:ledger_entry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert (
        secretariat.post(
            reverse("admin:ledger_chain_delete", args=[entry.chain_id]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert Entry.objects.get(pk=entry.pk).kind == "mark.recorded"
    assert Entry.objects.count() == 5


@pytest.mark.parametrize("who", ["office", "stranger", "anonymous"])
def test_others_do_not_see_the_log(client, five, who):
    if who == "office":
        client.force_login(OfficeStaffFactory().user)
        index = client.get(reverse("admin:index"))
        assert "ledger" not in [app["app_label"] for app in index.context["app_list"]]
    elif who == "stranger":
        client.force_login(UserFactory())
    for url in _urls(five[2]).values():
        response = client.get(url)
        assert response.status_code == (403 if who == "office" else 302)


def test_may_read_ledger():
    superuser = UserFactory(is_superuser=True)
    inactive = UserFactory(is_superuser=True, is_active=False)
    member = SecretariatMemberFactory().user
    assert [
        access.may_read_ledger(user)
        for user in (superuser, inactive, member, UserFactory(), AnonymousUser())
    ] == [True, False, True, False, False]


def test_allow_readers_adds_a_rule_once(monkeypatch):
    monkeypatch.setattr(access, "_readers", [])
    member = SecretariatMemberFactory().user
    assert access.may_read_ledger(member) is False
    access.allow_readers(is_secretariat)
    access.allow_readers(is_secretariat)
    assert (access._readers, access.may_read_ledger(member)) == ([is_secretariat], True)


def test_the_verify_action_reports_each_chain(secretariat, five):
    record(1, chain="federation")
    tamper("UPDATE {entry} SET actor = %s WHERE id = %s", ["user:18", five[1].pk])
    chains = Chain.objects.order_by("key")
    response = secretariat.post(
        reverse("admin:ledger_chain_changelist"),
        {"action": "verify_chains", "_selected_action": [chain.pk for chain in chains]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 2
    assert shown[0].startswith(f"{CHAIN} is broken: 1 problem: seq 2: hash mismatch: stored ")
    assert shown[1] == f"federation verifies: 1 entry, head {chains[1].head_hash}."


def test_the_entry_list_queries_do_not_grow_with_entries(
    secretariat, django_assert_max_num_queries
):
    record(3)
    record(1, chain="federation")
    url = reverse("admin:ledger_entry_changelist")
    with django_assert_max_num_queries(20) as few:
        secretariat.get(url)
    record(40)
    record(5, chain="edition:13")
    with django_assert_max_num_queries(len(few.captured_queries)):
        secretariat.get(url)


def test_a_chains_entries_are_one_click_away(secretariat, five):
    record(2, chain="federation")
    federation = Chain.objects.get(key="federation")
    listing = secretariat.get(reverse("admin:ledger_chain_changelist"))
    link = f"{reverse('admin:ledger_entry_changelist')}?chain__id__exact={federation.pk}"
    assert f'href="{link}"' in listing.content.decode()
    response = secretariat.get(link)
    assert [(entry.chain.key, entry.seq) for entry in response.context["cl"].result_list] == [
        ("federation", 2), ("federation", 1),
    ]  # fmt: skip
