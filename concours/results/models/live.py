"""A round as it happens: its stage (scheduled → … → published), who is on stage, each juror's
submission of their marks, the office's overrides and jurors' absences. Every row records who
and when; none is edited afterwards."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.competitions.models import JuryMember, Round


class RoundStage(models.TextChoices):
    """The round's lifecycle (docs/live-rounds.md)."""

    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live: jurors are marking")
    CLOSED = "closed", _("Marking closed")
    COMPUTED = "computed", _("Results computed")
    DECIDED = "decided", _("Decided by the jury")
    PUBLISHED = "published", _("Published")


class RoundProgress(models.Model):
    """The live state of one round (created on first use)."""

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="progress", verbose_name=_("round")
    )
    stage = models.CharField(
        _("stage"), max_length=20, choices=RoundStage.choices, default=RoundStage.SCHEDULED
    )
    on_stage = models.ForeignKey(
        Application,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("now performing"),
    )
    panel_visible_after_close = models.BooleanField(
        _("jurors see the whole panel's marks once marking is closed"), default=False
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("round progress")
        verbose_name_plural = _("rounds' progress")

    def __str__(self) -> str:
        return f"{self.round}: {self.get_stage_display()}"


class RoundStep(models.Model):
    """One step of a round's lifecycle, by a named person."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="steps", verbose_name=_("round")
    )
    stage = models.CharField(_("stage"), max_length=20, choices=RoundStage.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("round step")
        verbose_name_plural = _("round steps")
        ordering = ["round", "at", "id"]

    def __str__(self) -> str:
        return f"{self.round}: {self.get_stage_display()} ({self.at:%Y-%m-%d %H:%M})"


class JurorSubmission(models.Model):
    """A juror has handed in their marks for a round: from then on they are locked."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("round")
    )
    juror = models.ForeignKey(
        JuryMember, on_delete=models.CASCADE, related_name="submissions", verbose_name=_("juror")
    )
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("juror's submission")
        verbose_name_plural = _("jurors' submissions")
        constraints = [
            models.UniqueConstraint(fields=["round", "juror"], name="one_submission_per_juror")
        ]

    def __str__(self) -> str:
        return f"{self.juror} · {self.round}"


class MarkOverride(models.Model):
    """The office changed a locked mark: what it was, what it became, why, who and when."""

    mark = models.ForeignKey(
        "results.Mark", on_delete=models.PROTECT, related_name="overrides", verbose_name=_("mark")
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"))
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("mark override")
        verbose_name_plural = _("mark overrides")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.mark}: {self.before} → {self.after}"


class Absence(models.Model):
    """A juror missed part of a round: their marks for these candidates are recorded as absent."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="absences", verbose_name=_("round")
    )
    juror = models.ForeignKey(
        JuryMember, on_delete=models.CASCADE, related_name="absences", verbose_name=_("juror")
    )
    applications = models.ManyToManyField(
        Application, related_name="+", verbose_name=_("performances missed")
    )
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("recorded"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("juror's absence")
        verbose_name_plural = _("jurors' absences")
        ordering = ["round", "at", "id"]

    def __str__(self) -> str:
        return f"{self.juror} · {self.round}"
