import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from concours.competitions.models.division import Division
from concours.competitions.models.edition import Edition
from concours.core.bilingual import Bilingual
from concours.scoring.model import Rule
from concours.scoring.presets import build_rule

DURATION_POSITIVE = _("A duration must be longer than zero.")
DURATIONS_IN_ORDER = _("The longest duration cannot be shorter than the shortest.")
ROUND_DATES_IN_ORDER = _("The last day cannot be before the first day.")
COUNTS_IN_ORDER = _("The largest count cannot be smaller than the smallest.")
PARAMETERS_MUST_BE_OBJECT = _('Scoring parameters must be a JSON object, such as {"deviation": 3}.')
CATEGORY_OF_OTHER_EDITION = _("This category belongs to another edition.")


class RoundKind(models.TextChoices):
    PRESELECTION = "preselection", _("Pre-selection from recordings")
    LIVE = "live", _("Live round")
    FINAL = "final", _("Final")


class ScoringPreset(models.TextChoices):
    """Named scoring rules; the results engine gives each its meaning and parameters."""

    MEAN = "mean", _("Mean of the marks")
    CLAMPED_MEAN = "clamped-mean", _("Mean with outliers clamped (Chopin)")
    CHOPIN_2025 = "chopin-2025", _("Chopin Competition 2025 rules")
    EGTA = "egta", _("Outliers deleted, mean recomputed (EGTA)")
    TRIMMED_MEAN = "trimmed-mean", _("Highest and lowest dropped")
    MEDIAN = "median", _("Median")
    YES_COUNT = "yes-count", _("Number of YES votes; points break ties")
    YES_SHARE = "yes-share", _("Share of YES votes among eligible jurors")
    STANDARDISED = "standardised", _("Marks standardised per juror")


class Round(models.Model):
    """One round of a division: pre-selection, a live round or the final."""

    division = models.ForeignKey(
        Division, on_delete=models.CASCADE, related_name="rounds", verbose_name=_("division")
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1)], help_text=_("1 for the first round.")
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    kind = models.CharField(
        _("kind"), max_length=20, choices=RoundKind.choices, default=RoundKind.LIVE
    )
    format_en = models.TextField(_("format (English)"), blank=True)
    format_zh = models.TextField(_("format (Chinese)"), blank=True)
    format = Bilingual()
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    advancing = models.PositiveSmallIntegerField(
        _("candidates advancing"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many go on to the next round; empty for the final."),
    )
    scoring_preset = models.CharField(
        _("scoring rule"), max_length=40, choices=ScoringPreset.choices, default=ScoringPreset.MEAN
    )
    scoring_parameters = models.JSONField(
        _("scoring parameters"),
        default=dict,
        blank=True,
        help_text=_('Parameters of the scoring rule, e.g. {"scale": [1, 25], "deviation": 3}.'),
    )
    min_duration = models.DurationField(
        _("shortest programme"), null=True, blank=True, help_text=_("As hh:mm:ss, e.g. 00:20:00.")
    )
    max_duration = models.DurationField(
        _("longest programme"), null=True, blank=True, help_text=_("As hh:mm:ss, e.g. 00:25:00.")
    )
    repertoire_may_repeat = models.BooleanField(
        _("pieces may repeat earlier rounds"), default=False
    )
    with_orchestra = models.BooleanField(_("with orchestra"), default=False)
    blind_review = models.BooleanField(
        _("blind review"),
        default=False,
        help_text=_("Pre-selection: jurors see no name, photo, country or teacher, only a code."),
    )
    reserve_count = models.PositiveSmallIntegerField(
        _("reserve list"),
        default=0,
        help_text=_("Pre-selection: how many go on the reserve list after those admitted."),
    )

    class Meta:
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        ordering = ["division", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "number"],
                name="unique_round_number",
                violation_error_message=_("This division already has a round with this number."),
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="round_number_positive"),
            models.CheckConstraint(
                condition=Q(advancing__isnull=True) | Q(advancing__gte=1),
                name="round_advancing_positive",
            ),
            models.CheckConstraint(
                condition=(Q(min_duration__isnull=True) | Q(min_duration__gt=dt.timedelta(0)))
                & (Q(max_duration__isnull=True) | Q(max_duration__gt=dt.timedelta(0))),
                name="round_durations_positive",
                violation_error_message=DURATION_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(min_duration__isnull=True)
                | Q(max_duration__isnull=True)
                | Q(max_duration__gte=F("min_duration")),
                name="round_durations_in_order",
                violation_error_message=DURATIONS_IN_ORDER,
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="round_dates_in_order",
                violation_error_message=ROUND_DATES_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.division} – {self.name_en}"

    def rule(self) -> Rule:
        """The results engine's rule for this round: the preset with the stored parameters.
        ``stage`` among the parameters picks the preset's stage (chopin-2025: D = 3 in stage 1,
        else 2); by default it is the round's number."""
        parameters = dict(self.scoring_parameters)
        stage = parameters.pop("stage", self.number)
        if isinstance(stage, bool) or not isinstance(stage, int):
            raise ValueError("scoring parameter “stage” must be a whole number")
        return build_rule(self.scoring_preset, parameters, stage=stage)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        for field in ("min_duration", "max_duration"):
            value = getattr(self, field)
            if value is not None and value <= dt.timedelta(0):
                errors[field] = DURATION_POSITIVE
        if (
            "min_duration" not in errors
            and "max_duration" not in errors
            and self.min_duration
            and self.max_duration
            and self.max_duration < self.min_duration
        ):
            errors["max_duration"] = DURATIONS_IN_ORDER
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = ROUND_DATES_IN_ORDER
        if not isinstance(self.scoring_parameters, dict):
            errors["scoring_parameters"] = PARAMETERS_MUST_BE_OBJECT
        elif self.scoring_preset:
            try:
                self.rule()
            except ValueError as error:
                errors["scoring_parameters"] = _(
                    "These parameters do not fit the scoring rule: %(problem)s"
                ) % {"problem": error}
        if errors:
            raise ValidationError(errors)


class RepertoireCategory(models.Model):
    """A kind of piece that rules ask for: “Paganini caprice”, “commissioned Chinese work”."""

    edition = models.ForeignKey(
        Edition,
        on_delete=models.CASCADE,
        related_name="repertoire_categories",
        verbose_name=_("edition"),
    )
    code = models.SlugField(_("code"))
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()

    class Meta:
        verbose_name = _("repertoire category")
        verbose_name_plural = _("repertoire categories")
        ordering = ["edition", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "code"], name="unique_repertoire_category_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name_en


class RepertoireRequirement(models.Model):
    """How many pieces of a category a round's programme must contain."""

    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("round")
    )
    category = models.ForeignKey(
        RepertoireCategory,
        on_delete=models.PROTECT,
        related_name="requirements",
        verbose_name=_("category"),
    )
    min_count = models.PositiveSmallIntegerField(
        _("minimum number of pieces"), default=1, validators=[MinValueValidator(1)]
    )
    max_count = models.PositiveSmallIntegerField(
        _("maximum number of pieces"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    note_en = models.CharField(_("note (English)"), max_length=300, blank=True)
    note_zh = models.CharField(_("note (Chinese)"), max_length=300, blank=True)
    note = Bilingual()

    class Meta:
        verbose_name = _("repertoire requirement")
        verbose_name_plural = _("repertoire requirements")
        ordering = ["round", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "category"], name="unique_requirement_category"
            ),
            models.CheckConstraint(condition=Q(min_count__gte=1), name="requirement_min_positive"),
            models.CheckConstraint(
                condition=Q(max_count__isnull=True) | Q(max_count__gte=F("min_count")),
                name="requirement_counts_in_order",
                violation_error_message=COUNTS_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category.name_en} ×{self.min_count}"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.min_count and self.max_count and self.max_count < self.min_count:
            errors["max_count"] = COUNTS_IN_ORDER
        if (
            self.round_id
            and self.category_id
            and self.category.edition_id != self.round.division.edition_id
        ):
            errors["category"] = CATEGORY_OF_OTHER_EDITION
        if errors:
            raise ValidationError(errors)
