"""Date-clash advice: ``competitions.selectors.clashing_editions`` and where it is shown."""

import datetime as dt

import pytest
from django.urls import reverse

from concours.competitions.models import EditionStatus
from concours.competitions.selectors import clashing_editions
from concours.competitions.tests.factories import (
    CompetitionFactory,
    DivisionFactory,
    EditionFactory,
    OfficeStaffFactory,
)
from concours.federation.models import DEFAULT_CLASH_WINDOW_DAYS

pytestmark = pytest.mark.django_db


def _other_violin(cal, starts_on, ends_on, **kwargs):
    competition = CompetitionFactory(city=cal.genoa, disciplines=[cal.violin])
    return cal.edition(
        competition, starts_on, ends_on, cal.violin, tz="Europe/Rome", closes=None, **kwargs
    )


def test_clash_window_defaults_to_thirty_days(cal):
    assert DEFAULT_CLASH_WINDOW_DAYS == 30
    assert cal.schoenfeld.federation.clash_window_days == 30


def test_exactly_n_days_apart_clashes_and_one_more_does_not(cal):
    # Schoenfeld 2027 ends on 14 July; the window is 30 days.
    at_boundary = _other_violin(cal, dt.date(2027, 8, 13), dt.date(2027, 8, 20))
    _other_violin(cal, dt.date(2027, 8, 14), dt.date(2027, 8, 20))  # 31 days: no clash
    before = _other_violin(cal, dt.date(2027, 5, 20), dt.date(2027, 6, 1))  # 30 days before
    _other_violin(cal, dt.date(2027, 5, 20), dt.date(2027, 5, 31))  # 31 days before
    assert list(clashing_editions(cal.schoenfeld_2027)) == [before, at_boundary]


def test_overlapping_dates_clash(cal):
    overlapping = _other_violin(cal, dt.date(2027, 7, 10), dt.date(2027, 7, 30))
    inside = _other_violin(cal, dt.date(2027, 7, 3), dt.date(2027, 7, 5))
    assert list(clashing_editions(cal.schoenfeld_2027, days=0)) == [inside, overlapping]


def test_own_competition_other_disciplines_drafts_and_cancelled_are_left_out(cal):
    # Chopin 2027 (piano) overlaps Schoenfeld 2027 but shares no discipline.
    EditionFactory(competition=cal.schoenfeld, year=2028, starts_on=dt.date(2027, 7, 20),
                   ends_on=dt.date(2027, 7, 22))  # fmt: skip
    _other_violin(cal, dt.date(2027, 7, 2), dt.date(2027, 7, 3), status=EditionStatus.DRAFT)
    _other_violin(cal, dt.date(2027, 7, 2), dt.date(2027, 7, 3), status=EditionStatus.CANCELLED)
    not_member = _other_violin(cal, dt.date(2027, 7, 2), dt.date(2027, 7, 3))
    not_member.competition.federation = None
    not_member.competition.member_since = None
    not_member.competition.save()
    assert list(clashing_editions(cal.schoenfeld_2027)) == []


def test_window_comes_from_the_federation(cal):
    near = _other_violin(cal, dt.date(2027, 7, 25), dt.date(2027, 7, 30))  # 11 days after
    federation = cal.schoenfeld.federation
    federation.clash_window_days = 10
    federation.save()
    cal.schoenfeld_2027.competition.refresh_from_db()
    assert list(clashing_editions(cal.schoenfeld_2027)) == []
    assert list(clashing_editions(cal.schoenfeld_2027, days=11)) == [near]


def test_an_edition_without_divisions_uses_its_competitions_disciplines(cal):
    planned = EditionFactory(competition=cal.paganini, year=2028, status=EditionStatus.DRAFT,
                             starts_on=dt.date(2027, 7, 20), ends_on=dt.date(2027, 7, 25))  # fmt: skip
    assert list(clashing_editions(planned)) == [cal.schoenfeld_2027]


def _edition_form(edition, **changes):
    data = {
        "competition": edition.competition_id,
        "year": edition.year,
        "title_en": "",
        "title_zh": "",
        "number": "",
        "status": edition.status,
        "starts_on": edition.starts_on.isoformat(),
        "ends_on": edition.ends_on.isoformat(),
        "venue_en": "Hall",
        "venue_zh": "",
        "time_zone": edition.time_zone,
        "applications_open_at_0": "",
        "applications_open_at_1": "",
        "applications_close_at_0": "",
        "applications_close_at_1": "",
        "rules_en": "",
        "rules_zh": "",
        "published_country": edition.published_country,
        **{
            f"{prefix}-{key}": value
            for prefix in ("divisions", "repertoire_categories")
            for key, value in (
                ("TOTAL_FORMS", "0"),
                ("INITIAL_FORMS", "0"),
                ("MIN_NUM_FORMS", "0"),
                ("MAX_NUM_FORMS", "1000"),
            )
        },
    }
    data.update(changes)
    return data


def test_admin_warns_after_saving_and_shows_clashes_on_the_change_form(cal, client):
    office = OfficeStaffFactory(competition=cal.paganini).user
    client.force_login(office)
    url = reverse("admin:competitions_edition_change", args=[cal.paganini_2027.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "No other member holds an edition in the same discipline nearby." in page.text
    response = client.post(
        url, _edition_form(cal.paganini_2027, starts_on="2027-08-01", ends_on="2027-08-10"),
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200, response.context["adminform"].form.errors
    warnings = [m.message for m in response.context["messages"] if m.level_tag == "warning"]
    assert warnings == [
        "Possible date clash: Schoenfeld International String Competition 2027 (July 1, 2027 – "
        "July 14, 2027) — within 30 days of these dates, in the same discipline."
    ]
    cal.paganini_2027.refresh_from_db()
    assert cal.paganini_2027.starts_on == dt.date(2027, 8, 1)  # advice, never a block
    page = client.get(url)
    assert str(cal.schoenfeld_2027) in page.text


def test_admin_saves_without_a_warning_when_nothing_clashes(cal, client):
    office = OfficeStaffFactory(competition=cal.paganini).user
    client.force_login(office)
    url = reverse("admin:competitions_edition_change", args=[cal.paganini_2027.pk])
    response = client.post(url, _edition_form(cal.paganini_2027), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_clash_check_page(cal, client):
    url = reverse("directory:clashes")
    assert client.get(url).status_code == 200
    query = {"disciplines": "violin", "starts_on": "2027-08-01", "ends_on": "2027-08-05"}
    response = client.get(url, query)
    assert list(response.context["clashes"]) == [cal.schoenfeld_2027]
    assert response.context["days"] == 30
    response = client.get(url, {**query, "competition": "schoenfeld"})
    assert list(response.context["clashes"]) == []
    response = client.get(url, {**query, "days": "10"})
    assert list(response.context["clashes"]) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"disciplines": "tuba", "starts_on": "2027-08-01", "ends_on": "2027-08-05"}, "disciplines"),
        ({"disciplines": "violin", "starts_on": "2027-13-01", "ends_on": "2027-08-05"}, "starts_on"),
        ({"disciplines": "violin", "starts_on": "2027-08-05", "ends_on": "2027-08-01"}, "ends_on"),
        ({"disciplines": "violin", "starts_on": "2027-08-01", "ends_on": "2027-08-05", "days": "-1"}, "days"),
        ({"disciplines": "violin", "starts_on": "2027-08-01", "ends_on": "2027-08-05", "competition": "nope"}, "competition"),
    ],
)  # fmt: skip
def test_clash_check_reports_bad_values_on_their_fields(cal, client, query, field):
    response = client.get(reverse("directory:clashes"), query)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert response.context["clashes"] is None


def test_clash_check_queries_do_not_grow(cal, client, django_assert_max_num_queries):
    for day in range(1, 6):
        _other_violin(cal, dt.date(2027, 8, day), dt.date(2027, 8, 10))
    query = {"disciplines": ["violin", "piano"], "starts_on": "2027-08-01", "ends_on": "2027-08-05"}
    with django_assert_max_num_queries(8):
        response = client.get(reverse("directory:clashes"), query)
    assert len(response.context["clashes"]) == 7


def test_division_added_after_planning_counts(cal):
    planned = EditionFactory(competition=cal.chopin, year=2028, starts_on=dt.date(2027, 7, 1),
                             ends_on=dt.date(2027, 7, 2))  # fmt: skip
    DivisionFactory(edition=planned, discipline=cal.violin)
    assert list(clashing_editions(planned)) == [cal.schoenfeld_2027]
