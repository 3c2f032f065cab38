"""Marks, computed results and jury decisions, stored so that nothing is ever overwritten.

A computation is a snapshot: the rule, the marks and the engine's results record, with its
digest. Recomputing adds a new snapshot; a decision is a new row, never an edit of a number.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.competitions.models import JuryMember, Round


class MarkStatus(models.TextChoices):
    SCORED = "scored", _("Scored")
    STUDENT = "S", _("Not marked: own student or relative (S)")
    ABSENT = "A", _("Absent")


class Mark(models.Model):
    """One juror's mark for one candidate in one round."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="marks", verbose_name=_("round")
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="marks", verbose_name=_("candidate")
    )
    juror = models.ForeignKey(
        JuryMember, on_delete=models.PROTECT, related_name="marks", verbose_name=_("juror")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=MarkStatus.choices, default=MarkStatus.SCORED
    )
    value = models.DecimalField(_("mark"), max_digits=7, decimal_places=3, null=True, blank=True)
    vote = models.BooleanField(_("YES vote"), null=True, blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip
    version = models.PositiveIntegerField(
        _("version"),
        default=0,
        help_text=_(
            "The juror's screen counts each change of a mark; a change is applied only when its "
            "number is higher than the stored one, so a resent or late change is harmless."
        ),
    )
    notes = models.TextField(_("private notes"), blank=True)
    feedback = models.TextField(_("feedback for the candidate"), blank=True)

    class Meta:
        verbose_name = _("mark")
        verbose_name_plural = _("marks")
        ordering = ["round", "application", "juror"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "application", "juror"], name="unique_mark_per_juror"
            ),
            models.CheckConstraint(
                condition=Q(status=MarkStatus.SCORED, value__isnull=False)
                | (~Q(status=MarkStatus.SCORED) & Q(value__isnull=True)),
                name="mark_value_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.juror} → {self.application.candidate}: {self.value if self.value is not None else self.status}"


class Computation(models.Model):
    """A snapshot of a round's results as the engine computed them."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="computations", verbose_name=_("round")
    )
    computed_at = models.DateTimeField(_("computed"), default=timezone.now)
    computed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("computed by"),
    )  # fmt: skip
    preset = models.CharField(_("scoring rule"), max_length=40)
    parameters = models.JSONField(_("scoring parameters"), default=dict)
    advancing = models.PositiveSmallIntegerField(_("candidates advancing"), null=True, blank=True)
    record = models.JSONField(_("results record"))
    digest = models.CharField(_("SHA-256 of the record"), max_length=64)

    class Meta:
        verbose_name = _("computation")
        verbose_name_plural = _("computations")
        ordering = ["round", "-computed_at", "-id"]
        get_latest_by = ["computed_at", "id"]

    def __str__(self) -> str:
        return f"{self.round} @ {self.computed_at:%Y-%m-%d %H:%M}"


class CandidateScore(models.Model):
    """One candidate's line of a computation, for lists and the API."""

    computation = models.ForeignKey(
        Computation, on_delete=models.CASCADE, related_name="scores", verbose_name=_("computation")
    )
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="scores", verbose_name=_("candidate")
    )
    score = models.DecimalField(_("score"), max_digits=9, decimal_places=3)
    rank = models.PositiveIntegerField(_("rank"))
    advanced = models.BooleanField(_("advanced"), null=True)

    class Meta:
        verbose_name = _("candidate's score")
        verbose_name_plural = _("candidates' scores")
        ordering = ["computation", "rank", "application"]
        constraints = [
            models.UniqueConstraint(
                fields=["computation", "application"], name="unique_score_per_computation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.application.candidate} {self.score}"


class DecisionKind(models.TextChoices):
    """The engine's decision types (``concours.scoring.decisions``)."""

    CONFIRM_ADVANCERS = "confirm-advancers", _("Advancers confirmed")
    AWARD_PLACE = "award-place", _("Place awarded")
    WITHHOLD_PRIZE = "withhold-prize", _("Prize withheld")


class JuryDecision(models.Model):
    """A decision of the jury on top of the numbers: recorded, never edited."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("round")
    )
    computation = models.ForeignKey(
        Computation, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("computation"),
        help_text=_("The results the decision was taken on."),
    )  # fmt: skip
    kind = models.CharField(_("decision"), max_length=30, choices=DecisionKind.choices)
    payload = models.JSONField(
        _("details"), help_text=_("The decision as the results record stores it.")
    )
    decided_by = models.CharField(
        _("decided by"), max_length=200, help_text=_("E.g. “the jury, on the chair's proposal”.")
    )
    in_favour = models.PositiveSmallIntegerField(_("votes in favour"), default=0)
    against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    abstaining = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    required = models.CharField(
        _("majority required"), max_length=10, default="2/3", help_text=_("A fraction, e.g. 2/3.")
    )
    note = models.TextField(_("note"), blank=True)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("jury decision")
        verbose_name_plural = _("jury decisions")
        ordering = ["round", "recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.round})"


class RoundResults(Round):
    """The office's view of rounds as results: marks in, computations out (a proxy of Round)."""

    class Meta:
        proxy = True
        verbose_name = _("round results")
        verbose_name_plural = _("round results")
