"""The parts of an application: programme, ensemble members, teachers, recordings, documents,
recommendation letters, a guardian's consent; and the office's reopenings and exceptions."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from concours.applications.models.core import Application, CandidateProfile
from concours.competitions.models import RepertoireCategory, Round
from concours.core.storage import PrivateStorage
from concours.core.storage import private_storage as PRIVATE
from concours.federation.models import Instrument


def private_storage() -> PrivateStorage:
    """Candidates' files are never served directly; views check who may download them."""
    return PRIVATE


def application_file_path(instance: models.Model, filename: str) -> str:
    application = instance.application  # type: ignore[attr-defined]
    return f"applications/{application.reference}/{type(instance).__name__.lower()}/{filename}"


class ItemKind(models.TextChoices):
    """The parts of an application the office can reopen for correction."""

    PROFILE = "profile", _("Personal details")
    PROGRAMME = "programme", _("Repertoire")
    MEMBERS = "members", _("Ensemble members")
    TEACHERS = "teachers", _("Teachers")
    RECORDINGS = "recordings", _("Recordings")
    DOCUMENTS = "documents", _("Documents")
    LETTERS = "letters", _("Recommendation letters")
    FEE = "fee", _("Application fee")


class ProgrammePiece(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="pieces", verbose_name=_("application")
    )
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="+", verbose_name=_("round")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    composer = models.CharField(_("composer"), max_length=200)
    work = models.CharField(_("work"), max_length=300)
    movements = models.CharField(_("movements"), max_length=300, blank=True)
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"), validators=[MinValueValidator(1)]
    )
    categories = models.ManyToManyField(
        RepertoireCategory, blank=True, related_name="+", verbose_name=_("categories")
    )

    class Meta:
        verbose_name = _("piece")
        verbose_name_plural = _("pieces")
        ordering = ["application", "round__number", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_seconds__gte=1), name="piece_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.composer}: {self.work}"


class EnsembleMember(models.Model):
    """A member of an ensemble that applies (the applying candidate is the contact)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="members", verbose_name=_("application")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    native_name = models.CharField(_("name in own script"), max_length=200, blank=True)
    birth_date = models.DateField(_("date of birth"))
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="+", verbose_name=_("instrument")
    )
    citizenship = CountryField(_("citizenship"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    class Meta:
        verbose_name = _("ensemble member")
        verbose_name_plural = _("ensemble members")
        ordering = ["application", "order", "id"]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}"


class TeachingKind(models.TextChoices):
    REGULAR = "regular", _("Regular study")
    PRIVATE = "private", _("Private lessons")
    MASTERCLASS = "masterclass", _("Master class")


class Teacher(models.Model):
    """Who taught the candidate, how and when: feeds the jury's conflict-of-interest rules."""

    candidate = models.ForeignKey(
        CandidateProfile,
        on_delete=models.CASCADE,
        related_name="teachers",
        verbose_name=_("candidate"),
    )
    name = models.CharField(_("teacher's name"), max_length=200)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=TeachingKind.choices, default=TeachingKind.REGULAR
    )
    lessons = models.PositiveSmallIntegerField(
        _("number of lessons"), null=True, blank=True, help_text=_("For private lessons.")
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(
        _("until"), null=True, blank=True, help_text=_("Empty if you still study together.")
    )

    class Meta:
        verbose_name = _("teacher")
        verbose_name_plural = _("teachers")
        ordering = ["candidate", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="teacher_period_in_order",
                violation_error_message=_("The end cannot be before the start."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RecordingKind(models.TextChoices):
    LINK = "link", _("Link (YouTube, Vimeo)")
    UPLOAD = "upload", _("Uploaded file")


class Recording(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="recordings",
        verbose_name=_("application"),
    )
    round = models.ForeignKey(
        Round,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("round"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RecordingKind.choices)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=application_file_path, blank=True
    )
    size = models.BigIntegerField(_("size in bytes"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    content_type = models.CharField(
        _("type"),
        max_length=100,
        blank=True,
        help_text=_("Of an uploaded file, as its bytes show (video/mp4); empty for a link."),
    )
    recorded_on = models.DateField(_("recorded on"))
    unedited_declared_at = models.DateTimeField(_("declared unedited"))
    title = models.CharField(_("what is played"), max_length=300)

    class Meta:
        verbose_name = _("recording")
        verbose_name_plural = _("recordings")
        ordering = ["application", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="link") & ~Q(url="")) | (Q(kind="upload") & ~Q(file="")),
                name="recording_has_its_media",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def media_type(self) -> str:
        """The ``Content-Type`` to send an uploaded file with."""
        return self.content_type or "application/octet-stream"

    @property
    def etag(self) -> str:
        """A strong ``ETag`` for the uploaded file: its SHA-256, quoted (empty if unknown)."""
        return f'"{self.sha256}"' if self.sha256 else ""

    @property
    def file_name(self) -> str:
        """The stored file's name, without its folders (for a download)."""
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class DocumentKind(models.TextChoices):
    PHOTO = "photo", _("Photo")
    CV = "cv", _("Curriculum vitae")
    BIRTH_PROOF = "birth_proof", _("Proof of date of birth")
    FEE_PROOF = "fee_proof", _("Proof of payment")
    OTHER = "other", _("Other document")


class Document(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=application_file_path)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.BigIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["application", "kind", "-uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.application})"


class ReferenceLetter(models.Model):
    """A recommendation letter the referee uploads through a personal link."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="letters", verbose_name=_("application")
    )
    referee_name = models.CharField(_("referee"), max_length=200)
    referee_email = models.EmailField(_("referee's e-mail address"))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    file = models.FileField(
        _("letter"), storage=private_storage, upload_to=application_file_path, blank=True
    )
    received_at = models.DateTimeField(_("received"), null=True, blank=True)

    class Meta:
        verbose_name = _("recommendation letter")
        verbose_name_plural = _("recommendation letters")
        ordering = ["application", "requested_at"]

    def __str__(self) -> str:
        return f"{self.referee_name} → {self.application}"


class GuardianConsent(models.Model):
    """A parent's or guardian's consent for a candidate under 18, confirmed through a link."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="consents",
        verbose_name=_("application"),
    )
    guardian_name = models.CharField(_("parent or guardian"), max_length=200)
    guardian_email = models.EmailField(_("their e-mail address"))
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("guardian's consent")
        verbose_name_plural = _("guardians' consents")
        ordering = ["application", "-requested_at"]

    def __str__(self) -> str:
        return f"{self.guardian_name} → {self.application}"


class Reopening(models.Model):
    """The office asks for one item to be corrected; everything else stays as it was."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="reopenings",
        verbose_name=_("application"),
    )
    item = models.CharField(_("item"), max_length=20, choices=ItemKind.choices)
    reason = models.TextField(_("what to correct"))
    opened_at = models.DateTimeField(_("reopened"), default=timezone.now)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    closed_at = models.DateTimeField(_("corrected"), null=True, blank=True)

    class Meta:
        verbose_name = _("reopened item")
        verbose_name_plural = _("reopened items")
        ordering = ["application", "-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "item"],
                condition=Q(closed_at__isnull=True),
                name="one_open_reopening_per_item",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} ({self.application})"


class EligibilityException(models.Model):
    """The office waives eligibility rules for one candidate (the 15-year-old cellist)."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="exceptions",
        verbose_name=_("application"),
    )
    waived = models.JSONField(
        _("waived rules"),
        help_text=_("Problem codes of the eligibility rules, e.g. born_too_late."),
    )
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("eligibility exception")
        verbose_name_plural = _("eligibility exceptions")
        ordering = ["application", "-decided_at"]

    def __str__(self) -> str:
        return f"{', '.join(self.waived)} ({self.application})"


class Reminder(models.Model):
    """A reminder e-mail sent, so the same reminder never goes out twice."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=40)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["application", "kind"], name="one_reminder_of_a_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} ({self.application})"


class OfficeMessage(models.Model):
    """A message from the office to a candidate: e-mailed, and kept on the application."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("application"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )

    class Meta:
        verbose_name = _("message to the candidate")
        verbose_name_plural = _("messages to candidates")
        ordering = ["application", "-sent_at"]

    def __str__(self) -> str:
        return self.subject
