"""The candidate, the application and its status history."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from concours.competitions.models import Division


class CandidateProfile(models.Model):
    """A musician who applies; reused across applications and editions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="candidate_profile",
        null=True,
        blank=True,
        verbose_name=_("user account"),
    )
    given_name = models.CharField(_("given name (Latin letters)"), max_length=100)
    family_name = models.CharField(_("family name (Latin letters)"), max_length=100)
    native_name = models.CharField(
        _("name in own script"),
        max_length=200,
        blank=True,
        help_text=_("E.g. 王小明, Иван Петров."),
    )
    birth_date = models.DateField(_("date of birth"))
    citizenship = CountryField(_("citizenship"))
    other_citizenships = CountryField(_("other citizenships"), multiple=True, blank=True)
    country_represented = CountryField(_("country represented"))
    residence = CountryField(_("country of residence"))
    place_of_study = models.CharField(_("place of study"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.given_name} {self.family_name}"


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    COMPLETE = "complete", _("Complete")
    INCOMPLETE = "incomplete", _("Incomplete")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    IN_PRESELECTION = "in_preselection", _("In pre-selection")
    ADMITTED = "admitted", _("Admitted")
    RESERVE = "reserve", _("Reserve")
    NOT_ADMITTED = "not_admitted", _("Not admitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Application(models.Model):
    """A candidate's application to one division of an edition."""

    candidate = models.ForeignKey(
        CandidateProfile,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("candidate"),
    )
    division = models.ForeignKey(
        Division, on_delete=models.PROTECT, related_name="applications", verbose_name=_("division")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    #: Sent with the submit button; a retried submit with the same key is the same submission.
    submission_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True)
    reference = models.UUIDField(_("reference"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["division", "candidate__family_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "division"], name="unique_application_per_division"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.division}"


class StatusChange(models.Model):
    """Who moved an application from one status to another, when, and why."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("application"),
    )
    old_status = models.CharField(
        _("from"), max_length=20, choices=ApplicationStatus.choices, blank=True
    )
    new_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)
    changed_at = models.DateTimeField(_("when"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("by"),
    )  # fmt: skip
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["application", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.application}: {self.old_status or '—'} → {self.new_status}"
