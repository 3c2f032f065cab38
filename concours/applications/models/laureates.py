"""Who won what at earlier editions: the office's record of laureates, for the divisions whose
rules do not admit former laureates again (``Division.former_laureates``)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from concours.applications.models.core import CandidateProfile
from concours.competitions.models import Prize, PrizeKind

PLACED_PRIZE_ONLY = _("Choose a placed prize of a division (first, second, third…).")


class Laureate(models.Model):
    """A musician who won a placed prize; an ensemble's prize has one row per member.

    Matched to an application by the link to the candidate's profile, or else by name and date
    of birth (``applications.laureates``): the office need not find the profile to record a win.
    """

    prize = models.ForeignKey(
        Prize, on_delete=models.PROTECT, related_name="laureates", verbose_name=_("prize")
    )
    given_name = models.CharField(_("given name (Latin letters)"), max_length=100)
    family_name = models.CharField(_("family name (Latin letters)"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    candidate = models.ForeignKey(
        CandidateProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="laureate_records",
        verbose_name=_("candidate"),
        help_text=_("Their profile here, if they have one."),
    )

    class Meta:
        verbose_name = _("laureate")
        verbose_name_plural = _("laureates")
        ordering = ["-prize__edition__year", "prize__division", "prize__place", "family_name"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}: {self.prize}"

    def clean(self) -> None:
        super().clean()
        if self.prize_id is not None and (
            self.prize.kind != PrizeKind.PLACE or self.prize.division_id is None
        ):
            raise ValidationError({"prize": PLACED_PRIZE_ONLY})
