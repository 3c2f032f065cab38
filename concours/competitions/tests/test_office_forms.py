"""Bad input in the office: the form names the field, says what is wrong, and saves nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from concours.competitions.models import Division, Edition, Prize, Round

pytestmark = pytest.mark.django_db


def _management(prefix: str, total: int = 0, initial: int = 0) -> dict[str, str]:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _edition_data(world, **overrides) -> dict[str, object]:
    data = {
        "competition": world.competitions["a"].pk,
        "year": 2027,
        "status": "draft",
        "starts_on": "2027-08-14",
        "ends_on": "2027-08-01",
        "time_zone": "Asia/Shanghai",
        "applications_open_at_0": "2027-01-01",
        "applications_open_at_1": "00:00:00",
        "applications_close_at_0": "2026-12-01",
        "applications_close_at_1": "00:00:00",
        **_management("divisions"),
        **_management("repertoire_categories"),
    }
    data.update(overrides)
    return data


def test_edition_form_rejects_inverted_dates_and_window(client, world):
    client.force_login(world.office_a)
    before = Edition.objects.count()
    response = client.post(reverse("admin:competitions_edition_add"), _edition_data(world))
    form = response.context["adminform"].form
    assert form.errors["ends_on"] == ["The last day cannot be before the first day."]
    assert form.errors["applications_close_at"] == ["Applications must close after they open."]
    assert Edition.objects.count() == before


def test_edition_form_speaks_chinese_to_a_chinese_office(client, world):
    client.force_login(world.office_a)
    with translation.override("zh-hans"):
        response = client.post(
            reverse("admin:competitions_edition_add"),
            _edition_data(world),
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
    errors = response.context["adminform"].form.errors["ends_on"]
    assert errors != ["The last day cannot be before the first day."]
    assert len(errors) == 1


def _division_data(world, **overrides) -> dict[str, object]:
    edition = world.objects["a"]["edition"]
    data = {
        "edition": edition.pk,
        "discipline": world.objects["a"]["division"].discipline_id,
        "name_en": "Viola",
        "slug": "viola",
        "order": 4,
        "born_on_or_after": "2009-08-01",
        "born_on_or_before": "1992-08-02",
        "former_laureates": "admitted",
        "min_members": 1,
        "max_members": 1,
        "fee_policy": "on_submission",
        "fee_amount": "0",
        "fee_currency": "USD",
        **_management("rounds"),
        **_management("prizes"),
    }
    data.update(overrides)
    return data


def test_division_form_rejects_bounds_in_wrong_order_and_zero_fee(client, world):
    client.force_login(world.office_a)
    before = Division.objects.count()
    response = client.post(reverse("admin:competitions_division_add"), _division_data(world))
    form = response.context["adminform"].form
    assert form.errors["born_on_or_before"] == [
        "The earliest birth date must not be after the latest birth date."
    ]
    assert form.errors["fee_amount"] == ["A fee needs an amount greater than zero and a currency."]
    assert Division.objects.count() == before


def _round_rows(*rows: dict[str, str]) -> dict[str, str]:
    data = _management("rounds", total=len(rows))
    for index, row in enumerate(rows):
        base = {"number": "1", "name_en": "Round", "kind": "live", "scoring_preset": "mean"}
        data.update({f"rounds-{index}-{key}": value for key, value in {**base, **row}.items()})
    return data


def _valid_division(world, **overrides) -> dict[str, object]:
    return _division_data(
        world,
        born_on_or_after="1992-08-02",
        born_on_or_before="2009-08-01",
        fee_policy="none",
        fee_amount="",
        fee_currency="",
        **overrides,
    )


def test_division_form_rejects_duplicate_round_numbers_and_saves_nothing(client, world):
    client.force_login(world.office_a)
    before = (Division.objects.count(), Round.objects.count())
    data = _valid_division(world)
    data.update(_round_rows({"number": "1"}, {"number": "1", "name_en": "Again"}))
    response = client.post(reverse("admin:competitions_division_add"), data)
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "rounds"
    ).formset
    assert formset.non_form_errors() == ["Please correct the duplicate data for number."]
    assert (Division.objects.count(), Round.objects.count()) == before


def test_division_form_rejects_a_negative_round_duration(client, world):
    client.force_login(world.office_a)
    before = (Division.objects.count(), Round.objects.count())
    data = _valid_division(world)
    data.update(_round_rows({"min_duration": "-00:05:00"}))
    response = client.post(reverse("admin:competitions_division_add"), data)
    formset = next(
        f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "rounds"
    ).formset
    assert formset.errors[0]["min_duration"] == ["A duration must be longer than zero."]
    assert (Division.objects.count(), Round.objects.count()) == before


def test_prize_form_rejects_zero_and_negative_amounts(client, world):
    client.force_login(world.office_a)
    a = world.objects["a"]
    before = Prize.objects.count()
    for amount in ("0", "-1000"):
        response = client.post(
            reverse("admin:competitions_prize_add"),
            {
                "edition": a["edition"].pk,
                "division": a["division"].pk,
                "kind": "place",
                "place": 2,
                "name_en": "Second Prize",
                "amount": amount,
                "currency": "USD",
                "medal": "silver",
                "outcome": "pending",
            },
        )
        assert response.context["adminform"].form.errors["amount"] == [
            "A prize amount must be greater than zero."
        ]
    assert Prize.objects.count() == before


def test_round_form_rejects_duplicate_number_in_the_same_division(client, world):
    client.force_login(world.office_a)
    existing = world.objects["a"]["round"]
    before = Round.objects.count()
    response = client.post(
        reverse("admin:competitions_round_add"),
        {
            "division": existing.division_id,
            "number": existing.number,
            "name_en": "Again",
            "kind": "live",
            "scoring_preset": "mean",
            "scoring_parameters": "{}",
            **_management("requirements"),
        },
    )
    assert response.context["adminform"].form.non_field_errors() == [
        "This division already has a round with this number."
    ]
    assert Round.objects.count() == before


def test_valid_division_with_rounds_saves(client, world):
    client.force_login(world.office_a)
    data = _division_data(
        world, born_on_or_after="1992-08-02", born_on_or_before="2009-08-01", fee_amount="100.00"
    )
    data.update(
        {
            **_management("rounds", total=1),
            "rounds-0-number": "1",
            "rounds-0-name_en": "Round one",
            "rounds-0-kind": "live",
            "rounds-0-scoring_preset": "mean",
            "rounds-0-advancing": "14",
        }
    )
    response = client.post(reverse("admin:competitions_division_add"), data)
    assert response.status_code == 302
    division = Division.objects.get(slug="viola")
    assert list(division.rounds.values_list("number", "advancing")) == [(1, 14)]


def test_division_form_turns_an_age_range_into_exact_birth_dates(client, world):
    """Eligibility spec §4: "aged 16 to 32" on the edition's first day (1 August 2025)."""
    client.force_login(world.office_a)
    data = _division_data(
        world,
        born_on_or_after="",
        born_on_or_before="",
        youngest_age="16",
        oldest_age="32",
        fee_amount="100.00",
    )
    response = client.post(reverse("admin:competitions_division_add"), data)
    assert response.status_code == 302
    division = Division.objects.get(slug="viola")
    assert (division.born_on_or_after.isoformat(), division.born_on_or_before.isoformat()) == (
        "1992-08-02",
        "2009-08-01",
    )
    assert division.age_range == (16, 32)


def test_division_form_rejects_an_inverted_age_range(client, world):
    client.force_login(world.office_a)
    data = _division_data(world, youngest_age="32", oldest_age="16", fee_amount="100.00")
    response = client.post(reverse("admin:competitions_division_add"), data)
    assert response.context["adminform"].form.errors["oldest_age"] == [
        "The oldest age cannot be below the youngest age."
    ]
    assert not Division.objects.filter(slug="viola").exists()
