from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from concours.competitions.models.division import Division
from concours.competitions.models.edition import Edition
from concours.core.bilingual import Bilingual

DIVISION_OF_OTHER_EDITION = _("This division belongs to another edition.")


class JuryMember(models.Model):
    """A juror of an edition, for one division or (division empty) for all of them."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="jury", verbose_name=_("edition")
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.CASCADE,
        related_name="jury",
        null=True,
        blank=True,
        verbose_name=_("division"),
        help_text=_("Empty when the juror sits on every division's jury."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="jury_roles",
        null=True,
        blank=True,
        verbose_name=_("user account"),
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    country = CountryField(_("country"))
    bio_en = models.TextField(_("biography (English)"), blank=True)
    bio_zh = models.TextField(_("biography (Chinese)"), blank=True)
    bio = Bilingual()
    is_chair = models.BooleanField(_("chair"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("juror")
        verbose_name_plural = _("jurors")
        ordering = ["edition", "division", "-is_chair", "order", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "user"],
                condition=Q(division__isnull=True, user__isnull=False),
                name="unique_juror_edition_wide",
            ),
            models.UniqueConstraint(
                fields=["edition", "division", "user"],
                condition=Q(division__isnull=False, user__isnull=False),
                name="unique_juror_per_division",
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def clean(self) -> None:
        super().clean()
        if self.division_id and self.edition_id and self.division.edition_id != self.edition_id:
            raise ValidationError({"division": DIVISION_OF_OTHER_EDITION})
