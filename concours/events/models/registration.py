"""Registration for an event: categories with fees, custom questions, quotas (like pretix's: a
size that applies to a category and/or a session), and the registrations themselves with their
waiting list, tickets and personal join links."""

import base64
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concours.core.bilingual import Bilingual
from concours.core.validation import validate_currency
from concours.events.models.event import Event, Session


def new_ticket_secret() -> str:
    """160 random bits in base32 (A–Z, 2–7): typeable at the door, never guessable."""
    return base64.b32encode(secrets.token_bytes(20)).decode("ascii")


def new_link_secret() -> str:
    return secrets.token_urlsafe(24)


class CategoryKind(models.TextChoices):
    DELEGATE = "delegate", _("Delegate")
    OBSERVER = "observer", _("Observer")
    PRESS = "press", _("Press")
    ACTIVE_PARTICIPANT = "active_participant", _("Active participant")
    AUDITOR = "auditor", _("Auditor")


class RegistrationCategory(models.Model):
    """Who registers as what, at which fee (0 = free)."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="categories", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=CategoryKind.choices)
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    fee_amount = models.DecimalField(_("fee"), max_digits=10, decimal_places=2, default=0)
    fee_currency = models.CharField(
        _("currency"), max_length=3, blank=True, validators=[validate_currency]
    )
    is_public = models.BooleanField(
        _("open to everyone"), default=True,
        help_text=_("Otherwise only the office registers people in this category."),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("registration category")
        verbose_name_plural = _("registration categories")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name_en

    @property
    def is_free(self) -> bool:
        return self.fee_amount == 0

    def clean(self) -> None:
        super().clean()
        if self.fee_amount and self.fee_amount > 0 and not self.fee_currency:
            raise ValidationError({"fee_currency": _("A fee needs a currency.")})


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    CHOICE = "choice", _("One of several choices")
    YES_NO = "yes_no", _("Yes or no")


class Question(models.Model):
    """A question of an event's registration form."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    text_en = models.CharField(_("question (English)"), max_length=300)
    text_zh = models.CharField(_("question (Chinese)"), max_length=300, blank=True)
    text = Bilingual()
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.TEXT
    )
    required = models.BooleanField(_("required"), default=False)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One choice per line (for choice questions).")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text_en

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    def clean(self) -> None:
        super().clean()
        if self.kind == QuestionKind.CHOICE and len(self.choice_list) < 2:
            raise ValidationError({"choices": _("A choice question needs at least two choices.")})


class Quota(models.Model):
    """A number of places. It applies to a registration when its category (if set) is the
    registration's and its session (if set) is one the registration covers; with neither set it
    applies to every registration of the event. A registration is confirmed only with a free
    place in every quota that applies to it."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="quotas", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("places"))
    category = models.ForeignKey(
        RegistrationCategory, on_delete=models.CASCADE, null=True, blank=True,
        related_name="quotas", verbose_name=_("category"),
    )  # fmt: skip
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="quotas",
        verbose_name=_("session"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.size})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.category_id and self.category.event_id != self.event_id:
            errors["category"] = _("The category must be one of this event's.")
        if self.session_id and self.session.event_id != self.event_id:
            errors["session"] = _("The session must be one of this event's.")
        if errors:
            raise ValidationError(errors)


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Offer expired")


#: Statuses of a registration that still counts (one per person and event).
ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.OFFERED,
)
#: Statuses that hold a place in a quota.
HOLDING_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.OFFERED)


class FeeStatus(models.TextChoices):
    NONE = "none", _("No fee")
    DUE = "due", _("Due")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Waived")


class Registration(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations",
        verbose_name=_("person"),
    )  # fmt: skip
    category = models.ForeignKey(
        RegistrationCategory, on_delete=models.PROTECT, related_name="registrations",
        verbose_name=_("category"),
    )  # fmt: skip
    sessions = models.ManyToManyField(
        Session, through="RegistrationSession", related_name="registrations", blank=True,
        verbose_name=_("chosen sessions"),
    )  # fmt: skip
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RegistrationStatus.choices,
        default=RegistrationStatus.CONFIRMED,
    )  # fmt: skip
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    fee_status = models.CharField(
        _("fee"), max_length=10, choices=FeeStatus.choices, default=FeeStatus.NONE
    )
    ticket_secret = models.CharField(
        _("ticket code"), max_length=64, unique=True, default=new_ticket_secret, editable=False
    )
    link_secret = models.CharField(max_length=64, default=new_link_secret, editable=False)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(status__in=["confirmed", "waitlisted", "offered"]),
                name="one_active_registration_per_person",
                violation_error_message=_("You are already registered for this event."),
            ),
        ]
        indexes = [models.Index(fields=["event", "status"], name="registration_event_status")]

    def __str__(self) -> str:
        return f"{self.user} — {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def ticket_code(self) -> str:
        """The ticket's code in groups of four, as printed and typed."""
        code = self.ticket_secret
        return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


class RegistrationSession(models.Model):
    registration = models.ForeignKey(
        Registration,
        on_delete=models.CASCADE,
        related_name="chosen",
        verbose_name=_("registration"),
    )
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="chosen_by", verbose_name=_("session")
    )

    class Meta:
        verbose_name = _("chosen session")
        verbose_name_plural = _("chosen sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="unique_registration_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration_id} — {self.session}"
