import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from concours.competitions.models.edition import Edition
from concours.core.bilingual import Bilingual
from concours.core.validation import validate_currency
from concours.eligibility import BirthDateWindow, ages_in_window
from concours.federation.models import Discipline, Instrument

BIRTH_BOUNDS_IN_ORDER = _("The earliest birth date must not be after the latest birth date.")
MEMBERS_IN_ORDER = _("The largest ensemble cannot be smaller than the smallest.")
TOTAL_AGE_NEEDS_DATE = _("A total-age cap needs the date on which ages are counted.")
FEE_NEEDS_AMOUNT = _("A fee needs an amount greater than zero and a currency.")
NO_FEE_NO_AMOUNT = _("Leave the amount empty when there is no fee.")


class FeePolicy(models.TextChoices):
    NONE = "none", _("No application fee")
    ON_SUBMISSION = "on_submission", _("Paid on submission")
    ON_ADMISSION = "on_admission", _("Paid only on admission to the live rounds")


class FormerLaureates(models.TextChoices):
    """Whether laureates of earlier editions of the competition, in the same discipline, may
    enter again (eligibility spec §7, ``excluded_laureates``)."""

    ADMITTED = "admitted", _("Former laureates may enter")
    FIRST_PRIZE_EXCLUDED = "first_prize", _("First-prize winners may not enter again")
    ANY_PRIZE_EXCLUDED = "any_prize", _("Winners of any placed prize may not enter again")


class Division(models.Model):
    """A division of an edition (violin, cello, chamber music) with its eligibility rules."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="divisions", verbose_name=_("edition")
    )
    discipline = models.ForeignKey(
        Discipline, on_delete=models.PROTECT, related_name="divisions", verbose_name=_("discipline")
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    slug = models.SlugField(_("slug"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    born_on_or_after = models.DateField(
        _("born on or after"),
        null=True,
        blank=True,
        help_text=_("Earliest eligible date of birth."),
    )
    born_on_or_before = models.DateField(
        _("born on or before"), null=True, blank=True, help_text=_("Latest eligible date of birth.")
    )
    min_members = models.PositiveSmallIntegerField(
        _("smallest ensemble"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("1 for soloists."),
    )
    max_members = models.PositiveSmallIntegerField(
        _("largest ensemble"), default=1, validators=[MinValueValidator(1)]
    )
    instruments = models.ManyToManyField(
        Instrument,
        blank=True,
        related_name="divisions",
        verbose_name=_("required instruments"),
        help_text=_("For ensembles: instruments every ensemble must include."),
    )
    max_total_age = models.PositiveSmallIntegerField(
        _("total-age cap"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Largest sum of the members' ages, in years."),
    )
    ages_counted_on = models.DateField(
        _("ages counted on"),
        null=True,
        blank=True,
        help_text=_("The date on which ages are counted."),
    )
    former_laureates = models.CharField(
        _("former laureates"),
        max_length=20,
        choices=FormerLaureates.choices,
        default=FormerLaureates.ADMITTED,
        help_text=_(
            "Laureates of earlier editions of this competition in the same discipline, as the "
            "office records them under Laureates."
        ),
    )
    recordings_made_after = models.DateField(
        _("recordings made on or after"),
        null=True,
        blank=True,
        help_text=_("Recordings for the pre-selection must be made on or after this day."),
    )
    fee_policy = models.CharField(
        _("when the fee is paid"), max_length=20, choices=FeePolicy.choices, default=FeePolicy.NONE
    )
    fee_amount = models.DecimalField(
        _("fee amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    fee_currency = models.CharField(
        _("fee currency"), max_length=3, blank=True, validators=[validate_currency]
    )

    class Meta:
        verbose_name = _("division")
        verbose_name_plural = _("divisions")
        ordering = ["edition", "order", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_division_slug"),
            models.CheckConstraint(
                condition=Q(born_on_or_after__isnull=True)
                | Q(born_on_or_before__isnull=True)
                | Q(born_on_or_after__lte=F("born_on_or_before")),
                name="division_birth_bounds_in_order",
                violation_error_message=BIRTH_BOUNDS_IN_ORDER,
            ),
            models.CheckConstraint(
                condition=Q(min_members__gte=1) & Q(max_members__gte=F("min_members")),
                name="division_members_in_order",
                violation_error_message=MEMBERS_IN_ORDER,
            ),
            models.CheckConstraint(
                condition=Q(max_total_age__isnull=True) | Q(ages_counted_on__isnull=False),
                name="division_total_age_needs_date",
                violation_error_message=TOTAL_AGE_NEEDS_DATE,
            ),
            models.CheckConstraint(
                condition=(
                    Q(fee_policy=FeePolicy.NONE, fee_amount__isnull=True)
                    | (
                        ~Q(fee_policy=FeePolicy.NONE)
                        & Q(fee_amount__isnull=False, fee_amount__gt=0)
                        & ~Q(fee_currency="")
                    )
                ),
                name="division_fee_consistent",
                violation_error_message=FEE_NEEDS_AMOUNT,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.edition} – {self.name_en}"

    @property
    def is_ensemble(self) -> bool:
        return self.max_members > 1

    @property
    def age_reference_date(self) -> dt.date:
        """The day ages are counted on: the division's own date, else the edition's first day."""
        return self.ages_counted_on or self.edition.starts_on

    @property
    def age_range(self) -> tuple[int | None, int | None]:
        """Youngest and oldest eligible age on ``age_reference_date`` (eligibility spec §5)."""
        window = BirthDateWindow(self.born_on_or_after, self.born_on_or_before)
        try:
            return ages_in_window(window, self.age_reference_date)
        except ValueError:  # a bound after the reference day: no age to show on that side
            return None, None

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if (
            self.born_on_or_after
            and self.born_on_or_before
            and self.born_on_or_after > self.born_on_or_before
        ):
            errors["born_on_or_before"] = BIRTH_BOUNDS_IN_ORDER
        if self.min_members and self.max_members and self.max_members < self.min_members:
            errors["max_members"] = MEMBERS_IN_ORDER
        if self.max_total_age is not None and self.ages_counted_on is None:
            errors["ages_counted_on"] = TOTAL_AGE_NEEDS_DATE
        if self.fee_policy == FeePolicy.NONE:
            if self.fee_amount is not None:
                errors["fee_amount"] = NO_FEE_NO_AMOUNT
        else:
            if self.fee_amount is None or self.fee_amount <= 0:
                errors["fee_amount"] = FEE_NEEDS_AMOUNT
            if not self.fee_currency:
                errors["fee_currency"] = FEE_NEEDS_AMOUNT
        if errors:
            raise ValidationError(errors)
