"""The application fee: its state is one row per application, ready for an online provider."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concours.applications.models.core import Application


class FeeStatus(models.TextChoices):
    NOT_DUE = "not_due", _("Not due (yet)")
    DUE = "due", _("Due")
    PROOF_UPLOADED = "proof_uploaded", _("Proof of payment uploaded")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")
    REFUNDED = "refunded", _("Refunded")


class Fee(models.Model):
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="fee", verbose_name=_("application")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FeeStatus.choices, default=FeeStatus.NOT_DUE
    )
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    method = models.CharField(
        _("paid by"),
        max_length=30,
        default="bank_transfer",
        help_text=_("bank_transfer, or an online provider's name."),
    )
    provider_reference = models.CharField(_("provider's reference"), max_length=200, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("confirmed by"),
    )  # fmt: skip
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, help_text=_("E.g. why the fee was waived."))

    class Meta:
        verbose_name = _("application fee")
        verbose_name_plural = _("application fees")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0), name="fee_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.application})"
