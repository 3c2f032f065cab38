"""The office's conflict pages: the matrix, the check, decisions; each for its own competition."""

import pytest
from django.urls import reverse

from concours.applications.models import ApplicationStatus
from concours.applications.tests.factories import ApplicationFactory
from concours.jury import services
from concours.jury.models import Conflict, ConflictCheck, ConflictStatus
from concours.jury.tests.factories import ConflictFactory, ConflictPolicyFactory, TeacherFactory

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def matrix_url(edition):
    return reverse("jury:matrix", kwargs={"edition_id": edition.pk})


def refresh_url(edition):
    return reverse("jury:refresh", kwargs={"edition_id": edition.pk})


def conflict_url(conflict):
    return reverse("jury:conflict", kwargs={"conflict_id": conflict.pk})


@pytest.fixture
def flagged(world):
    services.refresh_conflicts(edition=world.edition, by=world.office)
    return Conflict.objects.get(seat=world.krueger)


def office_urls(world, conflict):
    return [
        ("get", matrix_url(world.edition)),
        ("post", refresh_url(world.edition)),
        ("get", conflict_url(conflict)),
        ("post", conflict_url(conflict)),
    ]


def test_anonymous_is_sent_to_sign_in(client, world, flagged):
    for method, target in office_urls(world, flagged):
        response = getattr(client, method)(target)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("who", ["other_office", "candidate", "juror", "stranger"])
def test_only_the_competitions_office_gets_in(client, world, flagged, who):
    user = world.krueger.user if who == "juror" else getattr(world, who)
    client.force_login(user)
    for method, target in office_urls(world, flagged):
        response = getattr(client, method)(target, {"decision": "dismiss", "reason": "x"})
        assert response.status_code == 404, target
    assert ConflictCheck.objects.count() == 1
    flagged.refresh_from_db()
    assert flagged.status == ConflictStatus.FLAGGED


@pytest.mark.parametrize("who", ["office", "secretariat"])
def test_matrix_shows_jurors_by_candidates(client, world, flagged, who):
    ConflictPolicyFactory(competition=world.competition)
    client.force_login(getattr(world, who))
    response = client.get(matrix_url(world.edition))
    assert response.status_code == 200
    text = response.text
    assert '<th scope="col">Matthias Krüger</th>' in text
    assert '<th scope="row">Ana Alpha</th>' in text
    assert f'<a href="{conflict_url(flagged)}">Flagged</a>' in text
    assert "Near misses (not flagged)" in text
    assert "Master class with Giulia Rossi from" in text
    assert 'role="region"' in text
    assert "Dora" not in text  # a draft
    assert (
        reverse("admin:jury_conflictpolicy_change", args=[world.competition.conflict_policy.pk])
        in text
    )
    assert client.get(matrix_url(world.edition), **ZH).status_code == 200


def test_matrix_before_any_check(client, world):
    client.force_login(world.office)
    response = client.get(matrix_url(world.edition))
    assert response.status_code == 200
    assert "Not checked yet." in response.text
    assert response.context["check"] is None
    assert reverse("admin:jury_conflictpolicy_add") in response.text


def test_matrix_counts_changes_since_the_check(client, world, flagged):
    world.accept(world.rossi)
    services.declare_relationship(
        seat=world.rossi, application=world.ben, kind="relative", by=world.rossi.user
    )
    client.force_login(world.office)
    response = client.get(matrix_url(world.edition))
    assert "1 relationship declared or withdrawn since the last check." in response.text


def test_matrix_queries_do_not_grow_with_rows(
    client, world, flagged, django_assert_max_num_queries
):
    client.force_login(world.office)
    with django_assert_max_num_queries(30) as few:
        client.get(matrix_url(world.edition))
    for number in range(6):
        application = ApplicationFactory(division=world.violin, status=ApplicationStatus.ELIGIBLE)
        TeacherFactory(candidate=application.candidate, name=f"Giulia Rossi {number}")
    services.refresh_conflicts(edition=world.edition, by=world.office)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(matrix_url(world.edition))


def test_checking_from_the_matrix(client, world):
    client.force_login(world.office)
    assert client.get(refresh_url(world.edition)).status_code == 405
    response = client.post(refresh_url(world.edition), follow=True)
    assert response.redirect_chain == [(matrix_url(world.edition), 302)]
    assert "Checked: 2 pairs flagged (2 new, 0 no longer flagged)." in response.text
    check = ConflictCheck.objects.get()
    assert (check.checked_by, check.flagged) == (world.office, 2)


def test_conflict_page_shows_the_reasons(client, world, flagged):
    client.force_login(world.office)
    response = client.get(conflict_url(flagged))
    assert response.status_code == 200
    assert response.context["reasons"] == [
        {
            "text": "Studies with Matthias Krüger (written “Prof. M. Krueger”) since Sept. 1, 2021, still now.",
            "source": "candidate's application",
        }
    ]
    assert "Matthias Krüger and Ana Alpha" in response.text
    assert "<legend>Decision</legend>" in response.text


def test_dismissing_without_a_reason_is_refused(client, world, flagged):
    client.force_login(world.office)
    response = client.post(conflict_url(flagged), {"decision": "dismiss", "reason": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reason": ["Say why this is not a conflict of interest."]
    }
    assert "Say why this is not a conflict of interest." in response.text
    flagged.refresh_from_db()
    assert (flagged.status, flagged.decided_at, flagged.decision_reason) == ("flagged", None, "")


def test_a_decision_is_required(client, world, flagged):
    client.force_login(world.office)
    response = client.post(conflict_url(flagged), {"reason": "Because."})
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["decision"]


def test_dismissing_and_confirming(client, world, flagged):
    client.force_login(world.office)
    response = client.post(
        conflict_url(flagged), {"decision": "dismiss", "reason": "Another Krüger."}
    )
    assert response["Location"] == matrix_url(world.edition)
    flagged.refresh_from_db()
    assert (flagged.status, flagged.decision_reason, flagged.decided_by) == (
        "dismissed",
        "Another Krüger.",
        world.office,
    )
    page = client.get(matrix_url(world.edition))
    assert f'<a href="{conflict_url(flagged)}">Dismissed</a>' in page.text
    client.force_login(world.secretariat)
    client.post(conflict_url(flagged), {"decision": "confirm", "reason": ""})
    flagged.refresh_from_db()
    assert (flagged.status, flagged.decided_by) == ("confirmed", world.secretariat)
    assert "Confirmed (S)" in client.get(conflict_url(flagged)).text


def test_conflict_page_shows_changed_reasons(client, world, flagged):
    services.dismiss_conflict(conflict=flagged, reason="Namesake.", by=world.office)
    world.accept(world.krueger)
    services.declare_relationship(
        seat=world.krueger, application=world.ana, kind="relative", by=world.krueger.user
    )
    services.refresh_conflicts(edition=world.edition, by=world.office)
    client.force_login(world.office)
    response = client.get(conflict_url(flagged))
    assert "The reasons changed after the decision." in response.text
    assert [reason["text"] for reason in response.context["reasons"]][1] == "Relative."
    assert len(response.context["reasons_at_decision"]) == 1
    assert "reasons changed" in client.get(matrix_url(world.edition)).text


def test_stale_conflict_page(client, world):
    stale = ConflictFactory(seat=world.rossi, application=world.ana, stale=True, reasons=[])
    client.force_login(world.office)
    response = client.get(conflict_url(stale))
    assert "the latest check no longer flags this pair" in response.text
    assert "None any more." in response.text
