"""The jury's side of an edition before the marks: the confidentiality declaration, the
relationships jurors declare, the competition's conflict-of-interest policy and the conflicts
found (and decided by the office). The rules themselves live in the pure core
``concours.conflicts``; ``services.refresh_conflicts`` is the one adapter to it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.applications.models import Application
from concours.competitions.models import Competition, Edition, JuryMember
from concours.conflicts import Policy, PolicyCode, PolicyError, PolicyProblem

PERIOD_IN_ORDER = _("The end cannot be before the start.")
_DEFAULT = Policy()


class RelationshipKind(models.TextChoices):
    """A juror's relationship with a candidate; the values are the core's ``Relation``."""

    REGULAR_STUDY = "regular_study", _("Current or former student (regular study)")
    PRIVATE_LESSONS = "private_lessons", _("Private lessons")
    MASTER_CLASS = "master_class", _("Master class")
    RELATIVE = "relative", _("Relative")
    SAME_INSTITUTION = "same_institution", _("Same institution")
    OTHER = "other", _("Other")


class ConflictStatus(models.TextChoices):
    FLAGGED = "flagged", _("Flagged")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


def policy_problem_message(problem: PolicyProblem) -> str:
    """A refused policy field in the reader's language."""
    if problem.code == PolicyCode.OUT_OF_RANGE:
        return str(_("Enter a number from %(minimum)s to %(maximum)s.")) % dict(problem.params)
    if problem.code == PolicyCode.NOT_A_SWITCH:
        return str(_("Choose yes or no."))
    if problem.code == PolicyCode.NOT_A_WHOLE_NUMBER:
        return str(_("Enter a whole number."))
    return str(_("This is not part of a conflict-of-interest policy."))


class ConflictPolicy(models.Model):
    """A competition's conflict-of-interest rules; without one, the core's defaults apply."""

    competition = models.OneToOneField(
        Competition,
        on_delete=models.CASCADE,
        related_name="conflict_policy",
        verbose_name=_("competition"),
    )
    study_years = models.PositiveSmallIntegerField(
        _("years since the end of study"),
        default=_DEFAULT.study_years,
        help_text=_(
            "Regular study with a juror is a conflict while it lasts and for this many years "
            "after it ended (ARD: 3)."
        ),
    )
    private_lessons_min = models.PositiveSmallIntegerField(
        _("private lessons that count"),
        default=_DEFAULT.private_lessons_min,
        help_text=_("This many private lessons or more are a conflict (Leeds: 3; any lesson: 1)."),
    )
    private_lessons_years = models.PositiveSmallIntegerField(
        _("years of private lessons"),
        default=_DEFAULT.private_lessons_years,
        help_text=_("… within this many years (Leeds: 6)."),
    )
    master_classes_counted = models.BooleanField(
        _("master classes count"),
        default=_DEFAULT.master_classes_counted,
        help_text=_("Unticked, master classes are exempt."),
    )
    master_class_years = models.PositiveSmallIntegerField(
        _("years of master classes"),
        default=_DEFAULT.master_class_years,
        help_text=_("When master classes count: within this many years."),
    )
    same_institution = models.BooleanField(
        _("same institution counts"),
        default=_DEFAULT.same_institution,
        help_text=_("Studying where the juror teaches is a conflict."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("conflict-of-interest policy")
        verbose_name_plural = _("conflict-of-interest policies")
        ordering = ["competition"]

    def __str__(self) -> str:
        return str(self.competition)

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _DEFAULT.to_json()}

    def rules(self) -> Policy:
        return Policy.from_json(self.as_json())

    def clean(self) -> None:
        super().clean()
        try:
            self.rules()
        except PolicyError as error:
            raise ValidationError(
                {problem.field: policy_problem_message(problem) for problem in error.problems}
            ) from None

    @classmethod
    def for_competition(cls, competition: Competition) -> Policy:
        found = cls.objects.filter(competition=competition).first()
        return found.rules() if found is not None else Policy()


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class JurorProfile(models.Model):
    """What the conflict check needs to recognise a juror in candidates' teacher lists."""

    seat = models.OneToOneField(
        JuryMember,
        on_delete=models.CASCADE,
        related_name="conflict_profile",
        verbose_name=_("juror"),
    )
    other_names = models.TextField(
        _("other forms of the name"),
        blank=True,
        help_text=_(
            "One per line: other spellings, a former name, the name in another script "
            "(e.g. in pinyin and in characters)."
        ),
    )
    institutions = models.TextField(
        _("institutions"),
        blank=True,
        help_text=_("One per line: where the juror teaches, in every form candidates may write."),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("juror's names and institutions")
        verbose_name_plural = _("jurors' names and institutions")

    def __str__(self) -> str:
        return str(self.seat)

    def other_name_list(self) -> list[str]:
        return _lines(self.other_names)

    def institution_list(self) -> list[str]:
        return _lines(self.institutions)


class JurorDeclaration(models.Model):
    """A juror's acceptance of the confidentiality and conflict-of-interest declaration: which
    version, in which language, the very text shown, and when."""

    seat = models.ForeignKey(
        JuryMember,
        on_delete=models.CASCADE,
        related_name="declarations",
        verbose_name=_("juror"),
    )
    text_version = models.CharField(_("version of the text"), max_length=20)
    language = models.CharField(_("language"), max_length=10)
    text = models.TextField(_("text accepted"))
    accepted_at = models.DateTimeField(_("accepted at"), default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("juror's declaration")
        verbose_name_plural = _("jurors' declarations")
        ordering = ["seat", "-accepted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["seat", "text_version"], name="unique_declaration_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat} ({self.text_version})"


class Relationship(models.Model):
    """A relationship a juror declares with a candidate; withdrawn rather than deleted."""

    seat = models.ForeignKey(
        JuryMember,
        on_delete=models.CASCADE,
        related_name="relationships",
        verbose_name=_("juror"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="juror_relationships",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("relationship"), max_length=20, choices=RelationshipKind.choices)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty if it continues.")
    )
    lessons = models.PositiveSmallIntegerField(
        _("number of lessons"), null=True, blank=True, help_text=_("For private lessons.")
    )
    note = models.TextField(_("note"), blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=timezone.now)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("declared relationship")
        verbose_name_plural = _("declared relationships")
        ordering = ["seat", "declared_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="relationship_period_in_order",
                violation_error_message=PERIOD_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seat} – {self.application.candidate}: {self.get_kind_display()}"

    def clean(self) -> None:
        super().clean()
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError({"ended_on": PERIOD_IN_ORDER})


class Conflict(models.Model):
    """A juror × application pair the conflict check flagged, with the core's reasons, and the
    office's decision. A later check updates the reasons and keeps the decision; a pair it no
    longer flags is marked stale, not deleted."""

    seat = models.ForeignKey(
        JuryMember, on_delete=models.CASCADE, related_name="conflicts", verbose_name=_("juror")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="conflicts",
        verbose_name=_("application"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ConflictStatus.choices, default=ConflictStatus.FLAGGED
    )
    #: The core's reasons (``Reason.to_json()``) from the latest check that flagged the pair.
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    stale = models.BooleanField(
        _("no longer flagged"),
        default=False,
        help_text=_("The latest check did not flag this pair again."),
    )
    flagged_at = models.DateTimeField(_("first flagged"), default=timezone.now)
    checked_at = models.DateTimeField(_("last checked"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    #: The reasons the office saw when it decided, to show when they change afterwards.
    reasons_at_decision = models.JSONField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        ordering = ["application__division", "application__candidate__family_name", "seat"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "application"], name="unique_conflict_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.seat} × {self.application.candidate}"

    @property
    def enforced(self) -> bool:
        """Whether the pair is marked ``S``: not dismissed, and not a flag nobody confirmed
        that the latest check no longer raises."""
        if self.status == ConflictStatus.DISMISSED:
            return False
        return not (self.stale and self.status == ConflictStatus.FLAGGED)

    @property
    def changed_since_decision(self) -> bool:
        """The office decided on other reasons than the ones now found."""
        return self.reasons_at_decision is not None and self.reasons != self.reasons_at_decision


class ConflictCheck(models.Model):
    """One run of the conflict check over an edition: what it used and what it found, with the
    near misses (the core's notes) for the office to read."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="conflict_checks",
        verbose_name=_("edition"),
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    reference_date = models.DateField(_("reference day"))
    policy = models.JSONField(_("policy"))
    flagged = models.PositiveIntegerField(_("pairs flagged"), default=0)
    added = models.PositiveIntegerField(_("new flags"), default=0)
    newly_stale = models.PositiveIntegerField(_("no longer flagged"), default=0)
    #: ``[{"seat": id, "application": id, "reasons": [Reason.to_json(), …]}, …]``
    notes = models.JSONField(_("near misses"), default=list, blank=True)

    class Meta:
        verbose_name = _("conflict check")
        verbose_name_plural = _("conflict checks")
        ordering = ["-checked_at", "-pk"]
        get_latest_by = ["checked_at", "pk"]

    def __str__(self) -> str:
        return f"{self.edition} ({self.checked_at:%Y-%m-%d %H:%M})"
