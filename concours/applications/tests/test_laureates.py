"""Former laureates (eligibility spec §7–§8): a division's rule, the office's record of who won
what, the match by profile or by name and date of birth, the candidate's message, the office's
exception, and the office's screen for the record."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from concours.applications import checks, laureates
from concours.applications.models import (
    ApplicationStatus,
    EnsembleMember,
    ItemKind,
    Laureate,
)
from concours.applications.services import grant_exception
from concours.applications.tests.test_office_world import (
    OfficeWorld,
    change_url,
    make_application,
)
from concours.competitions.models import FormerLaureates, PrizeKind
from concours.competitions.tests.factories import DivisionFactory, EditionFactory, PrizeFactory
from concours.federation.tests.factories import DisciplineFactory, InstrumentFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2025, 3, 10, tzinfo=dt.UTC)
MESSAGE = (
    "Anna Kowalska won the First Prize (Violin) at Harbin International Violin Competition 2023; "
    "this division does not admit laureates of earlier editions. If this is not right, please "
    "write to the office."
)


@pytest.fixture
def office(db):
    return OfficeWorld()


@pytest.fixture
def earlier(office):
    """Competition A's 2023 edition: a violin division (the same discipline) with three prizes."""
    edition = EditionFactory(competition=office.competition_a, year=2023)
    violin = DivisionFactory(edition=edition, discipline=office.violin.discipline, name_en="Violin")
    return {
        place: PrizeFactory(division=violin, place=place, name_en=name)
        for place, name in ((1, "First Prize"), (2, "Second Prize"), (3, "Third Prize"))
    }


def _rule(division, rule):
    division.former_laureates = rule
    division.save(update_fields=["former_laureates"])


def _laureate(prize, given="Anna", family="Kowalska", born=dt.date(2000, 8, 1), **extra):
    return Laureate.objects.create(
        prize=prize, given_name=given, family_name=family, birth_date=born, **extra
    )


def _problems(application):
    verdict = checks.eligibility_verdict(application, on=NOW.date())
    return [(p.code.value, p.member) for p in verdict.problems]


def test_a_first_prize_winner_may_not_enter_again(office, earlier):
    _rule(office.violin, FormerLaureates.FIRST_PRIZE_EXCLUDED)
    _laureate(earlier[1])
    assert _problems(office.kowalska) == [("former_laureate", 0)]
    findings = [
        (f.item, f.message)
        for f in checks.submission_findings(office.kowalska, now=NOW)
        if f.code == "former_laureate"
    ]
    assert findings == [(ItemKind.PROFILE, MESSAGE)]


def test_names_match_without_accents_case_order_or_hyphens(office, earlier):
    _rule(office.violin, FormerLaureates.FIRST_PRIZE_EXCLUDED)
    _laureate(earlier[1], given="KOWALSKÁ", family="anna")
    assert _problems(office.kowalska) == [("former_laureate", 0)]
    assert laureates.name_key("Jean-Luc", "Ponty") == laureates.name_key("jean luc", "PONTY")


def test_the_same_name_born_another_day_is_someone_else(office, earlier):
    _rule(office.violin, FormerLaureates.ANY_PRIZE_EXCLUDED)
    _laureate(earlier[1], born=dt.date(2000, 8, 2))
    assert _problems(office.kowalska) == []


def test_a_linked_profile_matches_whatever_the_name(office, earlier):
    _rule(office.violin, FormerLaureates.FIRST_PRIZE_EXCLUDED)
    _laureate(earlier[1], given="Ania", family="Kowalski", born=dt.date(2000, 1, 1),
              candidate=office.kowalska.candidate)  # fmt: skip
    assert _problems(office.kowalska) == [("former_laureate", 0)]


@pytest.mark.parametrize(
    ("rule", "place", "excluded"),
    [
        (FormerLaureates.ADMITTED, 1, False),
        (FormerLaureates.FIRST_PRIZE_EXCLUDED, 1, True),
        (FormerLaureates.FIRST_PRIZE_EXCLUDED, 2, False),
        (FormerLaureates.ANY_PRIZE_EXCLUDED, 2, True),
        (FormerLaureates.ANY_PRIZE_EXCLUDED, 3, True),
    ],
)
def test_the_rule_says_which_prizes_count(office, earlier, rule, place, excluded):
    _rule(office.violin, rule)
    _laureate(earlier[place])
    assert _problems(office.kowalska) == ([("former_laureate", 0)] if excluded else [])


def test_only_earlier_editions_of_this_competition_in_this_discipline_count(office, earlier):
    _rule(office.violin, FormerLaureates.ANY_PRIZE_EXCLUDED)
    same_year = PrizeFactory(division=office.cello, place=1)  # this very edition
    later = DivisionFactory(
        edition=EditionFactory(competition=office.competition_a, year=2027),
        discipline=office.violin.discipline,
    )
    elsewhere = DivisionFactory(
        edition=EditionFactory(competition=office.competition_b, year=2021),
        discipline=office.violin.discipline,
    )
    cello_2023 = DivisionFactory(
        edition=earlier[1].edition, discipline=DisciplineFactory(code="cello"), name_en="Cello"
    )
    for prize in (
        same_year,
        PrizeFactory(division=later, place=1),
        PrizeFactory(division=elsewhere, place=1),
        PrizeFactory(division=cello_2023, place=1),
    ):
        _laureate(prize)
    assert _problems(office.kowalska) == []
    assert checks.division_rules(office.kowalska).excluded_laureates == frozenset(
        laureates.prize_identifier(prize.pk) for prize in earlier.values()
    )


def test_the_candidate_reads_it_on_the_application_page(client, office, earlier):
    _rule(office.violin, FormerLaureates.FIRST_PRIZE_EXCLUDED)
    _laureate(earlier[1], given="Mia", family="Dupont", born=dt.date(1992, 8, 1))
    client.force_login(office.draft.candidate.user)
    response = client.get(
        reverse("candidate:application", kwargs={"reference": office.draft.reference})
    )
    messages = [f.message for f in response.context["findings"] if f.code == "former_laureate"]
    assert messages == [MESSAGE.replace("Anna Kowalska", "Mia Dupont")]
    assert messages[0] in response.text


def test_the_office_sees_it_and_may_waive_it(client, office, earlier):
    _rule(office.violin, FormerLaureates.FIRST_PRIZE_EXCLUDED)
    _laureate(earlier[1])
    client.force_login(office.office_a)
    review = client.get(change_url(office.kowalska)).context["review"]
    assert review["eligibility"]["problems"] == [
        {"code": "former_laureate", "label": "Former laureate", "message": MESSAGE}
    ]
    assert review["exception_form"].initial == {"waived": ["former_laureate"]}
    grant_exception(application=office.kowalska, waived=["former_laureate"],
                    reason="Rules changed after the 2023 edition.", by=office.office_a, now=NOW)  # fmt: skip
    assert _problems(office.kowalska) == []
    review = client.get(change_url(office.kowalska)).context["review"]
    assert (review["eligibility"]["eligible"], review["eligibility"]["waived"]) == (True, [MESSAGE])


def test_an_ensemble_member_who_won_is_named(office):
    chamber = DisciplineFactory(code="chamber-music")
    trio_2023 = DivisionFactory(
        edition=EditionFactory(competition=office.competition_a, year=2023),
        discipline=chamber, name_en="Chamber Music", min_members=2, max_members=3,
    )  # fmt: skip
    trio = DivisionFactory(
        edition=office.edition_a, discipline=chamber, name_en="Chamber Music",
        min_members=2, max_members=3, born_on_or_after=None, born_on_or_before=None,
        former_laureates=FormerLaureates.ANY_PRIZE_EXCLUDED,
    )  # fmt: skip
    application = make_application(trio, given="Lead", family="Player", born=dt.date(1999, 1, 1),
                                   status=ApplicationStatus.DRAFT)  # fmt: skip
    instrument = InstrumentFactory()
    for order, (given, family) in enumerate((("Jonas", "Weber"), ("Anna", "Kowalska")), start=1):
        EnsembleMember.objects.create(
            application=application, given_name=given, family_name=family, order=order,
            birth_date=dt.date(2000, 8, 1), instrument=instrument, citizenship="PL",
        )  # fmt: skip
    _laureate(PrizeFactory(division=trio_2023, place=2, name_en="Second Prize"))
    assert _problems(application) == [("former_laureate", 1)]
    findings = [
        (f.item, f.message)
        for f in checks.submission_findings(application, now=NOW)
        if f.code == "former_laureate"
    ]
    assert findings == [
        (
            ItemKind.MEMBERS,
            MESSAGE.replace("First Prize (Violin)", "Second Prize (Chamber Music)"),
        )
    ]


def test_no_query_for_laureates_when_the_division_admits_them(office, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert laureates.prizes_won(office.violin, [laureates.Person("A", "B", dt.date(2000, 1, 1))]) == [frozenset()]  # fmt: skip


# --- the record ---------------------------------------------------------------------------------


def test_a_laureate_holds_a_placed_prize_of_a_division(office, earlier):
    special = PrizeFactory(division=None, edition=earlier[1].edition, kind=PrizeKind.SPECIAL,
                           place=None, name_en="Best Bach")  # fmt: skip
    laureate = Laureate(
        prize=special, given_name="A", family_name="B", birth_date=dt.date(2000, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        laureate.full_clean()
    assert error.value.message_dict == {
        "prize": ["Choose a placed prize of a division (first, second, third…)."]
    }
    laureate.prize = earlier[1]
    laureate.full_clean()


def test_the_office_keeps_the_record_of_its_own_competitions(client, office, earlier):
    ours = _laureate(earlier[1])
    theirs = _laureate(PrizeFactory(division=office.division_b, place=1), given="Bob", family="B")
    client.force_login(office.office_a)
    changelist = client.get(reverse("admin:applications_laureate_changelist"))
    assert list(changelist.context["cl"].result_list) == [ours]
    assert (
        client.get(reverse("admin:applications_laureate_change", args=[theirs.pk])).status_code
        == 302
    )  # the admin's way of saying "no such object": back to the index
    form = client.get(reverse("admin:applications_laureate_add")).context["adminform"].form
    assert set(form.fields["prize"].queryset) == set(earlier.values())
    assert form.fields["prize"].label_from_instance(earlier[2]) == (
        "Harbin International Violin Competition 2023 – Violin – Second Prize"
    )
    assert set(form.fields["candidate"].queryset) == {a.candidate for a in office.of_a}
    response = client.post(
        reverse("admin:applications_laureate_add"),
        {"prize": earlier[3].pk, "given_name": "Jonas", "family_name": "Berg",
         "birth_date": "1999-08-01", "candidate": office.berg.candidate.pk},
    )  # fmt: skip
    assert response.status_code == 302
    assert Laureate.objects.filter(prize=earlier[3], candidate=office.berg.candidate).exists()
    # Another competition's prize is not a choice.
    response = client.post(
        reverse("admin:applications_laureate_add"),
        {"prize": theirs.prize.pk, "given_name": "X", "family_name": "Y", "birth_date": "1999-08-01"},
    )  # fmt: skip
    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["prize"]
    assert Laureate.objects.filter(prize=theirs.prize).count() == 1


def test_erasure_keeps_the_record_without_the_link(office, earlier):
    from concours.applications.privacy import erase, personal_data

    record = _laureate(earlier[1], candidate=office.kowalska.candidate)
    user = office.kowalska.candidate.user
    assert personal_data(user)["laureate_records"] == [
        {"prize": "First Prize", "division": "Violin",
         "edition": "Harbin International Violin Competition 2023"}
    ]  # fmt: skip
    erase(user)
    record.refresh_from_db()
    assert (record.candidate, record.given_name) == (None, "Anna")


@pytest.mark.django_db
@pytest.mark.parametrize("identifier", ["prize-²", "prize-", "prize-12x", "somebody's prize"])
def test_a_laureate_identifier_that_names_no_prize_is_shown_as_it_is(identifier):
    assert laureates.describe_prize(identifier) == {
        "prize": identifier, "division": "", "edition": "",
    }  # fmt: skip
