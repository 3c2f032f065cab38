from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concours.core.bilingual import Bilingual
from concours.federation.models import YEAR_VALIDATORS, City, Discipline, Federation


class Competition(models.Model):
    """A competition, usually a member of the federation, held in editions."""

    federation = models.ForeignKey(
        Federation,
        on_delete=models.PROTECT,
        related_name="members",
        null=True,
        blank=True,
        verbose_name=_("federation"),
    )
    member_since = models.PositiveSmallIntegerField(
        _("member since"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    short_name_en = models.CharField(_("short name (English)"), max_length=60)
    short_name_zh = models.CharField(_("short name (Chinese)"), max_length=60, blank=True)
    short_name = Bilingual()
    slug = models.SlugField(_("slug"), unique=True)
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="competitions", verbose_name=_("host city")
    )
    disciplines = models.ManyToManyField(
        Discipline, related_name="competitions", verbose_name=_("disciplines")
    )
    founded_year = models.PositiveSmallIntegerField(_("founded in"), validators=YEAR_VALIDATORS)
    website = models.URLField(_("website"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description = Bilingual()

    class Meta:
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")
        ordering = ["name_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(member_since__isnull=True) | Q(member_since__gte=F("founded_year")),
                name="competition_member_after_founding",
                violation_error_message=_(
                    "A competition cannot join the federation before it was founded."
                ),
            ),
            models.CheckConstraint(
                condition=Q(member_since__isnull=True) | Q(federation__isnull=False),
                name="competition_member_since_needs_federation",
                violation_error_message=_("“Member since” needs a federation."),
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def get_absolute_url(self) -> str:
        return reverse("public:competition", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if (
            self.member_since is not None
            and self.founded_year
            and self.member_since < self.founded_year
        ):
            raise ValidationError(
                {
                    "member_since": _(
                        "A competition cannot join the federation before it was founded."
                    )
                }
            )
        if self.member_since is not None and self.federation_id is None:
            raise ValidationError({"federation": _("“Member since” needs a federation.")})

    @property
    def country(self):  # type: ignore[no-untyped-def]
        return self.city.country


class OfficeStaff(models.Model):
    """A person who runs a competition's office: sees and changes that competition's data only."""

    competition = models.ForeignKey(
        Competition,
        on_delete=models.CASCADE,
        related_name="office_staff",
        verbose_name=_("competition"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="office_roles",
        verbose_name=_("user"),
    )
    title_en = models.CharField(_("job title (English)"), max_length=200, blank=True)
    title_zh = models.CharField(_("job title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()

    class Meta:
        verbose_name = _("office staff member")
        verbose_name_plural = _("office staff")
        constraints = [
            models.UniqueConstraint(fields=["competition", "user"], name="unique_office_staff"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.competition.short_name_en})"
