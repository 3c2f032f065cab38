"""Chopin 2025 stage 1 through the database: import the published marks, compute, compare."""

import io

import pytest
from django.core.management import call_command

from concours.applications.tests.factories import ApplicationFactory, CandidateProfileFactory
from concours.competitions.tests.factories import JuryMemberFactory, RoundFactory
from concours.results.models import CandidateScore
from concours.results.selectors import latest_computation
from concours.scoring.record import verify_record
from concours.scoring.tests import chopin_data
from concours.scoring.tests.chopin_data import needs_chopin_data

pytestmark = [pytest.mark.django_db, needs_chopin_data]


def test_stage_one_through_the_database_matches_the_published_scores():
    rows = chopin_data.rows(chopin_data.STAGE_FILES[1])
    round_ = RoundFactory(
        number=1, scoring_preset="chopin-2025", scoring_parameters={}, advancing=40
    )
    for name in dict.fromkeys(row["candidate"] for row in rows):
        given, _space, family = name.rpartition(" ")
        ApplicationFactory(
            division=round_.division,
            candidate=CandidateProfileFactory(given_name=given, family_name=family),
        )
    for juror in dict.fromkeys(row["juror"] for row in rows):
        JuryMemberFactory(edition=round_.division.edition, division=round_.division, name_en=juror)

    out = io.StringIO()
    call_command("import_marks", round_.pk, str(chopin_data.path(1)), stdout=out)
    call_command("compute_results", round_.pk, stdout=out)
    assert out.getvalue().splitlines()[0].endswith(": 1428 marks imported, 0 already there.")

    computation = latest_computation(round_)
    assert computation is not None
    computed = {
        score.application.candidate.display_name: score.score
        for score in CandidateScore.objects.filter(computation=computation).select_related(
            "application__candidate"
        )
    }
    assert computed == chopin_data.published_stage_scores(1)
    advanced = {
        score.application.candidate.display_name
        for score in computation.scores.filter(advanced=True).select_related(
            "application__candidate"
        )
    }
    assert advanced == chopin_data.published_advancers(1)
    assert verify_record(computation.record) == []
