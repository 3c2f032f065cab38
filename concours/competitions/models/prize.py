from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concours.competitions.models.division import Division
from concours.competitions.models.edition import Edition
from concours.core.bilingual import Bilingual
from concours.core.validation import validate_currency

AMOUNT_POSITIVE = _("A prize amount must be greater than zero.")
PLACE_NEEDS_NUMBER = _("A placed prize needs a place and a division.")
AMOUNT_NEEDS_CURRENCY = _("An amount needs a currency.")
DIVISION_OF_OTHER_EDITION = _("This division belongs to another edition.")


class PrizeKind(models.TextChoices):
    PLACE = "place", _("Placed prize")
    SPECIAL = "special", _("Special prize")


class Medal(models.TextChoices):
    NONE = "", _("No medal")
    GOLD = "gold", _("Gold medal")
    SILVER = "silver", _("Silver medal")
    BRONZE = "bronze", _("Bronze medal")


class PrizeOutcome(models.TextChoices):
    PENDING = "pending", _("Not yet awarded")
    AWARDED = "awarded", _("Awarded")
    SHARED = "shared", _("Shared (ex aequo)")
    WITHHELD = "withheld", _("Withheld")


class Prize(models.Model):
    """A placed prize of a division (1st: $30,000 and a gold medal) or a special prize."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="prizes", verbose_name=_("edition")
    )
    division = models.ForeignKey(
        Division,
        on_delete=models.CASCADE,
        related_name="prizes",
        null=True,
        blank=True,
        verbose_name=_("division"),
        help_text=_("Empty for a prize open to every division."),
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=PrizeKind.choices, default=PrizeKind.PLACE
    )
    place = models.PositiveSmallIntegerField(
        _("place"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    medal = models.CharField(
        _("medal"), max_length=10, choices=Medal.choices, default=Medal.NONE, blank=True
    )
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description = Bilingual()
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=PrizeOutcome.choices, default=PrizeOutcome.PENDING
    )

    class Meta:
        verbose_name = _("prize")
        verbose_name_plural = _("prizes")
        ordering = ["edition", "division", "kind", "place", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "place"],
                condition=Q(kind=PrizeKind.PLACE),
                name="unique_prize_place",
                violation_error_message=_("This division already has a prize for this place."),
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gt=0),
                name="prize_amount_positive",
                violation_error_message=AMOUNT_POSITIVE,
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="prize_amount_has_currency",
                violation_error_message=AMOUNT_NEEDS_CURRENCY,
            ),
            models.CheckConstraint(
                condition=~Q(kind=PrizeKind.PLACE) | (Q(place__gte=1) & Q(division__isnull=False)),
                name="prize_place_complete",
                violation_error_message=PLACE_NEEDS_NUMBER,
            ),
        ]

    def __str__(self) -> str:
        return self.name_en

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.amount is not None and self.amount <= 0:
            errors["amount"] = AMOUNT_POSITIVE
        elif self.amount is not None and not self.currency:
            errors["currency"] = AMOUNT_NEEDS_CURRENCY
        if self.kind == PrizeKind.PLACE:
            if self.place is None:
                errors["place"] = PLACE_NEEDS_NUMBER
            if self.division_id is None:
                errors["division"] = PLACE_NEEDS_NUMBER
        if self.division_id and self.edition_id and self.division.edition_id != self.edition_id:
            errors["division"] = DIVISION_OF_OTHER_EDITION
        if errors:
            raise ValidationError(errors)
