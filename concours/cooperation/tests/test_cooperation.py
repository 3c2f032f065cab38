"""Cooperation projects: partners, public pages, documents, and who may change what."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import reverse

from concours.accounts.tests.factories import UserFactory
from concours.competitions.tests.factories import CompetitionFactory, OfficeStaffFactory
from concours.cooperation import services
from concours.cooperation.models import Project, ProjectDocument, ProjectKind, ProjectNews
from concours.cooperation.tests.factories import ProjectFactory, ProjectNewsFactory
from concours.federation.tests.factories import CityFactory, SecretariatMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    harbin = CityFactory(name_en="Harbin")
    genoa = CityFactory(name_en="Genoa", country="IT", time_zone="Europe/Rome")
    schoenfeld = CompetitionFactory(city=harbin, short_name_en="Schoenfeld")
    paganini = CompetitionFactory(city=genoa, short_name_en="Paganini")
    other = CompetitionFactory(city=genoa, short_name_en="Other")
    tour = ProjectFactory(
        slug="harbin-genoa-tour", title_en="Harbin–Genoa laureate tour",
        title_zh="哈尔滨—热那亚获奖者巡演", competitions=[schoenfeld, paganini],
    )  # fmt: skip
    return {
        "harbin": harbin,
        "genoa": genoa,
        "schoenfeld": schoenfeld,
        "paganini": paganini,
        "other": other,
        "tour": tour,
        "exchange": ProjectFactory(
            slug="jury-exchange",
            kind=ProjectKind.JURY_EXCHANGE,
            status="proposed",
            cities=[harbin, genoa],
        ),
    }


@pytest.fixture
def storage(tmp_path, monkeypatch):
    storage = FileSystemStorage(location=tmp_path / "private", base_url=None)
    monkeypatch.setattr(ProjectDocument._meta.get_field("file"), "storage", storage)
    return storage


# Partners -----------------------------------------------------------------------------------


def test_create_project_with_two_partners(world):
    project = services.create_project(
        slug="masterclasses", kind=ProjectKind.MASTER_CLASS_SERIES, title_en="Master classes",
        competitions=[world["schoenfeld"]], cities=[world["genoa"]],
    )  # fmt: skip
    assert list(project.competitions.all()) == [world["schoenfeld"]]
    assert list(project.cities.all()) == [world["genoa"]]


@pytest.mark.parametrize("partners", [{}, {"competitions": "one"}, {"cities": "one"}])
def test_a_project_needs_two_partners_and_nothing_is_saved(world, partners):
    given = {
        "competitions": [world["schoenfeld"]] if partners.get("competitions") else [],
        "cities": [world["harbin"]] if partners.get("cities") else [],
    }
    before = Project.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_project(slug="solo", kind="other", title_en="Solo", **given)
    assert error.value.message_dict == {
        "competitions": ["A project needs at least two partners (member competitions or cities)."]
    }
    assert Project.objects.count() == before


def test_set_partners_rejects_one_partner(world):
    with pytest.raises(ValidationError):
        services.set_partners(project=world["tour"], competitions=[world["schoenfeld"]], cities=[])
    assert world["tour"].competitions.count() == 2


def test_project_dates_in_order(world):
    with pytest.raises(ValidationError) as error:
        services.create_project(
            slug="backwards", kind="other", title_en="Backwards",
            starts_on=dt.date(2027, 5, 1), ends_on=dt.date(2027, 4, 1),
            cities=[world["harbin"], world["genoa"]],
        )  # fmt: skip
    assert error.value.message_dict == {"ends_on": ["The end cannot be before the start."]}


def test_add_news(world):
    news = services.add_news(project=world["tour"], date=dt.date(2027, 3, 5), title_en="Opening")
    assert list(world["tour"].news.all()) == [news]


# Public pages --------------------------------------------------------------------------------


def _slugs(response):
    return [project.slug for project in response.context["projects"]]


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ({}, ["harbin-genoa-tour", "jury-exchange"]),
        ({"kind": "jury_exchange"}, ["jury-exchange"]),
        ({"status": "active"}, ["harbin-genoa-tour"]),
        ({"city": "genoa"}, ["harbin-genoa-tour", "jury-exchange"]),
        ({"city": "harbin", "kind": "laureate_tour"}, ["harbin-genoa-tour"]),
    ],
)
def test_project_list_filters(world, client, query, slugs):
    response = client.get(reverse("cooperation:projects"), query)
    assert response.context["form"].errors == {}
    assert sorted(_slugs(response)) == slugs


@pytest.mark.parametrize("query", [{"kind": "party"}, {"status": "x"}, {"city": "atlantis"}])
def test_project_list_ignores_bad_filters(world, client, query):
    response = client.get(reverse("cooperation:projects"), query)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == list(query)
    assert len(_slugs(response)) == 2


def test_project_page_in_both_languages(world, client):
    ProjectNewsFactory(project=world["tour"], title_en="First concert", title_zh="首场音乐会")
    url = world["tour"].get_absolute_url()
    text = client.get(url).text
    assert "Harbin–Genoa laureate tour" in text
    assert "First concert" in text
    text = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert "哈尔滨—热那亚获奖者巡演" in text
    assert "首场音乐会" in text
    assert client.get("/projects/nope/").status_code == 404


def test_public_documents_download_and_private_ones_do_not(world, client, storage):
    public = ProjectDocument.objects.create(project=world["tour"], title_en="Programme")
    public.file.save("programme.pdf", ContentFile(b"%PDF-1.4 demo"))
    private = ProjectDocument.objects.create(
        project=world["tour"], title_en="Agreement", is_public=False
    )
    private.file.save("agreement.pdf", ContentFile(b"%PDF-1.4 secret"))
    page = client.get(world["tour"].get_absolute_url())
    assert "Programme" in page.text
    assert "Agreement" not in page.text
    response = client.get(reverse("cooperation:document", args=["harbin-genoa-tour", public.pk]))
    assert b"".join(response.streaming_content) == b"%PDF-1.4 demo"
    for pk in (private.pk, 9999):
        url = reverse("cooperation:document", args=["harbin-genoa-tour", pk])
        assert client.get(url).status_code == 404
    url = reverse("cooperation:document", args=["jury-exchange", public.pk])
    assert client.get(url).status_code == 404


def test_project_pages_do_not_grow_queries(world, client, django_assert_max_num_queries):
    for n in range(6):
        ProjectFactory(competitions=[world["schoenfeld"], world["other"]], cities=[world["harbin"]])
        ProjectNewsFactory(project=world["tour"], title_en=f"News {n}")
    with django_assert_max_num_queries(8):
        client.get(reverse("cooperation:projects"), {"city": "harbin"})
    with django_assert_max_num_queries(8):
        client.get(world["tour"].get_absolute_url())


# The office ---------------------------------------------------------------------------------


def _news_data(project, title="Tour announced"):
    return {
        "project": project.pk,
        "date": "2027-03-10",
        "title_en": title,
        "title_zh": "",
        "text_en": "",
        "text_zh": "",
    }


def test_secretariat_manages_projects_and_the_form_needs_two_partners(world, client):
    client.force_login(SecretariatMemberFactory().user)
    assert client.get(reverse("admin:cooperation_project_changelist")).status_code == 200
    data = {
        "title_en": "Solo", "title_zh": "", "slug": "solo", "kind": "other", "status": "proposed",
        "summary_en": "", "summary_zh": "", "description_en": "", "description_zh": "",
        "starts_on": "", "ends_on": "", "competitions": [world["schoenfeld"].pk],
        "documents-TOTAL_FORMS": "0", "documents-INITIAL_FORMS": "0",
        "news-TOTAL_FORMS": "0", "news-INITIAL_FORMS": "0",
    }  # fmt: skip
    response = client.post(reverse("admin:cooperation_project_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "A project needs at least two partners (member competitions or cities)."
    ]
    assert not Project.objects.filter(slug="solo").exists()
    data["cities"] = [world["harbin"].pk]
    response = client.post(reverse("admin:cooperation_project_add"), data)
    assert response.status_code == 302
    assert Project.objects.get(slug="solo").cities.get() == world["harbin"]


def test_partner_office_writes_its_projects_news_only(world, client):
    office = OfficeStaffFactory(competition=world["paganini"]).user
    client.force_login(office)
    # Not the projects themselves.
    assert client.get(reverse("admin:cooperation_project_changelist")).status_code == 403
    url = reverse("admin:cooperation_projectnews_add")
    response = client.get(url)
    assert list(response.context["adminform"].form.fields["project"].queryset) == [world["tour"]]
    assert client.post(url, _news_data(world["tour"])).status_code == 302
    assert ProjectNews.objects.get().project == world["tour"]
    response = client.post(url, _news_data(world["exchange"], "Not ours"))
    assert response.status_code == 200
    assert "project" in response.context["adminform"].form.errors
    foreign = ProjectNewsFactory(project=world["exchange"])
    change = reverse("admin:cooperation_projectnews_change", args=[foreign.pk])
    assert client.get(change).status_code in (302, 404)
    assert client.post(change, _news_data(world["exchange"], "Hacked")).status_code in (302, 404)
    foreign.refresh_from_db()
    assert foreign.title_en == "First concert"


@pytest.mark.parametrize("who", ["anonymous", "stranger", "other_office"])
def test_others_may_not_write_news(world, client, who):
    if who == "stranger":
        client.force_login(UserFactory())
    elif who == "other_office":
        client.force_login(OfficeStaffFactory(competition=world["other"]).user)
    url = reverse("admin:cooperation_projectnews_add")
    response = client.post(url, _news_data(world["tour"]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(reverse("admin:login"))
    assert not ProjectNews.objects.exists()
