"""The federation, its member cities and the disciplines its competitions cover."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from concours.core.bilingual import Bilingual
from concours.core.validation import validate_time_zone

YEAR_VALIDATORS = [MinValueValidator(1800), MaxValueValidator(2200)]
#: Days around an edition within which another member's edition of the same discipline clashes.
DEFAULT_CLASH_WINDOW_DAYS = 30


class Federation(models.Model):
    """A federation of competitions, such as the WFIMC."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    short_name = models.CharField(_("short name"), max_length=20, unique=True)
    founded_year = models.PositiveSmallIntegerField(_("founded in"), validators=YEAR_VALIDATORS)
    website = models.URLField(_("website"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description = Bilingual()
    clash_window_days = models.PositiveSmallIntegerField(
        _("date-clash window (days)"),
        default=DEFAULT_CLASH_WINDOW_DAYS,
        validators=[MaxValueValidator(366)],
        help_text=_(
            "Planning an edition warns about editions of other members in the same discipline "
            "held within this many days of it."
        ),
    )

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federations")
        ordering = ["short_name"]

    def __str__(self) -> str:
        return self.short_name


class City(models.Model):
    """A city that hosts member competitions (Harbin, a UNESCO City of Music)."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    slug = models.SlugField(_("slug"), unique=True)
    country = CountryField(_("country"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        validators=[validate_time_zone],
        help_text=_("An IANA time zone, e.g. Asia/Shanghai."),
    )
    unesco_city_of_music = models.BooleanField(_("UNESCO City of Music"), default=False)
    unesco_since = models.PositiveSmallIntegerField(
        _("UNESCO City of Music since"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description = Bilingual()

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class Discipline(models.Model):
    """What is played or sung: violin, cello, chamber music, piano, voice…"""

    code = models.SlugField(_("code"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    name = Bilingual()
    is_ensemble = models.BooleanField(_("for ensembles"), default=False)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class Instrument(models.Model):
    """An instrument, for ensemble rules (a piano trio needs piano, violin and cello)."""

    code = models.SlugField(_("code"), unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_zh = models.CharField(_("name (Chinese)"), max_length=100, blank=True)
    name = Bilingual()

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["name_en"]

    def __str__(self) -> str:
        return self.name_en


class SecretariatMember(models.Model):
    """A member of the federation's secretariat: may see and change all federation data."""

    federation = models.ForeignKey(
        Federation,
        on_delete=models.CASCADE,
        related_name="secretariat",
        verbose_name=_("federation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="secretariat_memberships",
        verbose_name=_("user"),
    )
    title_en = models.CharField(_("job title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("job title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()

    class Meta:
        verbose_name = _("secretariat member")
        verbose_name_plural = _("secretariat members")
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "user"], name="unique_secretariat_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.federation})"
