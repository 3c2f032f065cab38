import datetime as dt
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concours.competitions.models.competition import Competition
from concours.core.bilingual import Bilingual, pick
from concours.core.validation import validate_time_zone
from concours.federation.models import YEAR_VALIDATORS

DATES_IN_ORDER = _("The last day cannot be before the first day.")
WINDOW_IN_ORDER = _("Applications must close after they open.")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not public)")
    ANNOUNCED = "announced", _("Announced")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class PublishedCountry(models.TextChoices):
    """Which of a candidate's countries public lists show (results, order of appearance)."""

    REPRESENTED = "represented", _("Country represented")
    CITIZENSHIP = "citizenship", _("Citizenship (all of them)")
    RESIDENCE = "residence", _("Country of residence")
    NONE = "none", _("No country")


class EditionQuerySet(models.QuerySet["Edition"]):
    def public(self) -> "EditionQuerySet":
        return self.exclude(status=EditionStatus.DRAFT)


class Edition(models.Model):
    """One edition of a competition: its dates, venue, time zone and application window."""

    competition = models.ForeignKey(
        Competition,
        on_delete=models.CASCADE,
        related_name="editions",
        verbose_name=_("competition"),
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    number = models.PositiveSmallIntegerField(
        _("edition number"), null=True, blank=True, help_text=_("9 for the 9th edition.")
    )
    title_en = models.CharField(
        _("title (English)"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty for “<competition> <year>”."),
    )
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EditionStatus.choices, default=EditionStatus.DRAFT
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    venue_zh = models.CharField(_("venue (Chinese)"), max_length=200, blank=True)
    venue = Bilingual()
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("The competition runs in this time zone; deadlines are shown in it."),
    )
    applications_open_at = models.DateTimeField(_("applications open"), null=True, blank=True)
    applications_close_at = models.DateTimeField(_("applications close"), null=True, blank=True)
    rules_en = models.TextField(_("rules (English)"), blank=True)
    rules_zh = models.TextField(_("rules (Chinese)"), blank=True)
    rules = Bilingual()
    published_country = models.CharField(
        _("country on public lists"),
        max_length=20,
        choices=PublishedCountry.choices,
        default=PublishedCountry.REPRESENTED,
        help_text=_(
            "Which of a candidate's countries public lists (results, order of appearance) show."
        ),
    )
    publish_place_of_study = models.BooleanField(
        _("place of study on public lists"),
        default=False,
        help_text=_("Show where candidates study beside their names on public lists."),
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "year"], name="unique_edition_year"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="edition_dates_in_order",
                violation_error_message=DATES_IN_ORDER,
            ),
            models.CheckConstraint(
                condition=Q(applications_open_at__isnull=True)
                | Q(applications_close_at__isnull=True)
                | Q(applications_close_at__gt=F("applications_open_at")),
                name="edition_application_window_in_order",
                violation_error_message=WINDOW_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return self.title_en or f"{self.competition.name_en} {self.year}"

    def get_absolute_url(self) -> str:
        return reverse("public:edition", kwargs={"slug": self.competition.slug, "year": self.year})

    @property
    def title(self) -> str:
        return pick({"en": self.title_en, "zh": self.title_zh}) or (
            f"{self.competition.name} {self.year}"
        )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    def applications_open(self, now: dt.datetime) -> bool:
        return (
            self.applications_open_at is not None
            and self.applications_close_at is not None
            and self.applications_open_at <= now < self.applications_close_at
        )

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = DATES_IN_ORDER
        if (
            self.applications_open_at
            and self.applications_close_at
            and self.applications_close_at <= self.applications_open_at
        ):
            errors["applications_close_at"] = WINDOW_IN_ORDER
        if errors:
            raise ValidationError(errors)
