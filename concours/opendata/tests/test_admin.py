"""The imports in the office: read-only lists for the secretariat; competition offices,
strangers and anonymous visitors do not see them."""

import copy

import pytest
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.competitions.tests.factories import OfficeStaffFactory
from concours.federation.tests.factories import SecretariatMemberFactory
from concours.opendata.models import ImportedEdition, ImportedResult
from concours.opendata.services import import_text
from concours.opendata.tests.factories import example, federation_with_disciplines, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    return SecretariatMemberFactory()


@pytest.fixture
def imported(member):
    federation = federation_with_disciplines()
    outcome = import_text(text=text_of(example()), federation=federation, actor=member.user)
    return ImportedEdition.objects.get(edition=outcome.edition)


def _urls(imported: ImportedEdition) -> dict[str, str]:
    result = ImportedResult.objects.filter(round__division__edition=imported.edition).first()
    return {
        "editions": reverse("admin:opendata_importededition_changelist"),
        "edition": reverse("admin:opendata_importededition_change", args=[imported.pk]),
        "results": reverse("admin:opendata_importedresult_changelist"),
        "result": reverse("admin:opendata_importedresult_change", args=[result.pk]),
    }


def test_the_secretariat_sees_the_imports(client, member, imported):
    client.force_login(member.user)
    for url in _urls(imported).values():
        assert client.get(url).status_code == 200
    listing = client.get(reverse("admin:opendata_importededition_changelist"))
    assert list(listing.context["cl"].result_list) == [imported]
    page = listing.content.decode()
    assert imported.document_sha256[:12] in page
    assert 'href="/open-data/editions/harbin/2025.json"' in page
    assert member.user.email in page or str(member.user) in page
    results = client.get(reverse("admin:opendata_importedresult_changelist"))
    assert len(results.context["cl"].result_list) == 2
    index = client.get(reverse("admin:index"))
    assert "opendata" in [app["app_label"] for app in index.context["app_list"]]


def test_nobody_adds_changes_or_deletes_an_import(client, member, imported):
    client.force_login(member.user)
    urls = _urls(imported)
    assert client.get(reverse("admin:opendata_importededition_add")).status_code == 403
    assert client.get(reverse("admin:opendata_importedresult_add")).status_code == 403
    assert client.post(urls["edition"], {"version": "9.9"}).status_code == 403
    delete = reverse("admin:opendata_importededition_delete", args=[imported.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert ImportedEdition.objects.get(pk=imported.pk).version == "1.0"
    assert ImportedResult.objects.count() == 2


@pytest.mark.parametrize("who", ["office", "stranger", "anonymous"])
def test_others_do_not_see_the_imports(client, imported, who):
    if who == "office":
        client.force_login(OfficeStaffFactory(competition=imported.edition.competition).user)
        index = client.get(reverse("admin:index"))
        assert index.status_code == 200
        assert "opendata" not in [app["app_label"] for app in index.context["app_list"]]
    elif who == "stranger":
        client.force_login(UserFactory())
    for url in _urls(imported).values():
        response = client.get(url)
        assert response.status_code == (403 if who == "office" else 302)


def test_the_list_queries_do_not_grow_with_imports(
    client, member, imported, django_assert_max_num_queries
):
    client.force_login(member.user)
    urls = [
        reverse("admin:opendata_importededition_changelist"),
        reverse("admin:opendata_importedresult_changelist"),
    ]
    counts = []
    for url in urls:
        with django_assert_max_num_queries(25) as few:
            client.get(url)
        counts.append(len(few.captured_queries))
    for number in range(3):
        document = copy.deepcopy(example())
        document["competition"]["slug"] = f"member-{number}"
        found = import_text(
            text=text_of(document), federation=imported.federation, actor=member.user
        )
        assert not isinstance(found, list), found
    assert ImportedEdition.objects.count() == 4
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            client.get(url)
