"""Who was there: attendance per session (checked in at the door or joined online), the
reminders already sent, and each person's secret calendar feed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concours.events.models.event import Session
from concours.events.models.registration import Registration


class AttendanceKind(models.TextChoices):
    IN_PERSON = "in_person", _("At the venue")
    ONLINE = "online", _("Online")


class Attendance(models.Model):
    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="attendances",
        verbose_name=_("registration"),
    )  # fmt: skip
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    kind = models.CharField(
        _("how"), max_length=10, choices=AttendanceKind.choices, default=AttendanceKind.IN_PERSON
    )
    at = models.DateTimeField(_("checked in at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("checked in by"),
    )  # fmt: skip

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "session"], name="unique_attendance_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration} — {self.session}"


class SessionReminder(models.Model):
    """The day-before reminder of a session was sent (so it is sent once)."""

    session = models.OneToOneField(Session, on_delete=models.CASCADE, related_name="reminder")
    sent_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.session_id} reminded at {self.sent_at:%Y-%m-%d %H:%M}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's secret address of the calendar of their own sessions; replacing the token
    revokes the old address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_calendar"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("personal calendar feed")
        verbose_name_plural = _("personal calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
