"""Master classes: applications for an active place (repertoire, a recording, preferred teachers
in order), the teachers' or the office's decisions, and the lessons of the timetable. Lesson
slots are the event's sessions with a teacher (``SessionSpeaker`` of role teacher); a lesson puts
one selected participant into one of them. Auditors register through the events app."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from concours.events.models import Event, EventKind, Session, Speaker

RECORDING_HOSTS = re.compile(
    r"^https://(www\.|m\.)?(youtube\.com/(watch\?v=|embed/|shorts/)[\w-]{6,}|youtu\.be/[\w-]{6,}"
    r"|vimeo\.com/(\d+|channels/[\w-]+/\d+)|player\.vimeo\.com/video/\d+)([?&#/][^\s]*)?$"
)


def validate_recording_url(value: str) -> None:
    if not RECORDING_HOSTS.match(value):
        raise ValidationError(
            _("Give the link of a video on YouTube or Vimeo, such as https://youtu.be/… or https://vimeo.com/123456."),
            code="recording_host",
        )  # fmt: skip


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("On the reserve list")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MasterClassApplication(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="masterclass_applications",
        limit_choices_to={"kind": EventKind.MASTER_CLASS}, verbose_name=_("master class"),
    )  # fmt: skip
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
        related_name="masterclass_applications", verbose_name=_("applicant"),
    )  # fmt: skip
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    instrument = models.CharField(_("instrument or discipline"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    nationality = models.CharField(_("nationality"), max_length=100)
    recording_url = models.URLField(
        _("recording"), max_length=300, validators=[validate_recording_url],
        help_text=_("A link to a recent video of you playing, on YouTube or Vimeo (it may be unlisted)."),
    )  # fmt: skip
    motivation = models.TextField(_("motivation"), max_length=3000)
    lessons_wanted = models.PositiveSmallIntegerField(_("lessons"), default=2)
    status = models.CharField(
        _("status"), max_length=20, choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )  # fmt: skip
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("status changed by"),
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("master-class application")
        verbose_name_plural = _("master-class applications")
        ordering = ["family_name", "given_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "applicant"], name="one_masterclass_application_per_user",
                violation_error_message=_("You have already applied for this master class."),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class RepertoirePiece(models.Model):
    application = models.ForeignKey(
        MasterClassApplication, on_delete=models.CASCADE, related_name="pieces"
    )
    composer = models.CharField(_("composer"), max_length=200)
    work = models.CharField(_("work"), max_length=300)
    minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("piece")
        verbose_name_plural = _("repertoire")
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=180), name="piece_minutes_in_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.composer}: {self.work}"


class TeacherPreference(models.Model):
    """A teacher the applicant would like, ``rank`` 1 being the first choice."""

    application = models.ForeignKey(
        MasterClassApplication, on_delete=models.CASCADE, related_name="preferences"
    )
    teacher = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="masterclass_preferences",
        verbose_name=_("teacher"),
    )  # fmt: skip
    rank = models.PositiveSmallIntegerField(_("choice"))

    class Meta:
        verbose_name = _("preferred teacher")
        verbose_name_plural = _("preferred teachers")
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["application", "rank"], name="unique_preference_rank"),
            models.UniqueConstraint(
                fields=["application", "teacher"], name="unique_preference_teacher"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.teacher}"


class Decision(models.TextChoices):
    SELECTED = ApplicationStatus.SELECTED.value, ApplicationStatus.SELECTED.label
    RESERVE = ApplicationStatus.RESERVE.value, ApplicationStatus.RESERVE.label
    DECLINED = ApplicationStatus.DECLINED.value, ApplicationStatus.DECLINED.label


class Selection(models.Model):
    """One decision on an application, by a teacher (``teacher`` set) or by the office."""

    application = models.ForeignKey(
        MasterClassApplication, on_delete=models.CASCADE, related_name="selections"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    teacher = models.ForeignKey(
        Speaker, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("by the teacher"),
    )  # fmt: skip
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("decided by"),
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("selection decision")
        verbose_name_plural = _("selection decisions")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.decision}"


class Lesson(models.Model):
    """A selected participant's lesson: one teacher's lesson slot (a session of the event)."""

    application = models.ForeignKey(
        MasterClassApplication, on_delete=models.CASCADE, related_name="lessons",
        verbose_name=_("participant"),
    )  # fmt: skip
    teacher = models.ForeignKey(
        Speaker, on_delete=models.PROTECT, related_name="masterclass_lessons",
        verbose_name=_("teacher"),
    )  # fmt: skip
    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="masterclass_lesson",
        verbose_name=_("slot"),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("lesson number"), default=1)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["session__starts_at", "id"]

    def __str__(self) -> str:
        return f"{self.application} — {self.teacher} ({self.session.starts_at:%Y-%m-%d %H:%M})"
