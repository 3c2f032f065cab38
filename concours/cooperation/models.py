"""Cooperation projects between member competitions and cities: joint concerts, laureate tours,
jury exchanges, master-class series; with their documents and news."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import Competition
from concours.core.bilingual import Bilingual
from concours.core.storage import private_storage
from concours.federation.models import City

DATES_IN_ORDER = _("The end cannot be before the start.")


class ProjectKind(models.TextChoices):
    JOINT_CONCERT = "joint_concert", _("Joint concert")
    LAUREATE_TOUR = "laureate_tour", _("Laureate tour")
    JURY_EXCHANGE = "jury_exchange", _("Jury exchange")
    MASTER_CLASS_SERIES = "master_class_series", _("Master-class series")
    OTHER = "other", _("Other")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class Project(models.Model):
    """A project between at least two partners (member competitions and cities)."""

    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    kind = models.CharField(_("kind"), max_length=30, choices=ProjectKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    summary_zh = models.CharField(_("summary (Chinese)"), max_length=300, blank=True)
    summary = Bilingual()
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description = Bilingual()
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    competitions = models.ManyToManyField(
        Competition,
        blank=True,
        related_name="cooperation_projects",
        verbose_name=_("partner competitions"),
    )
    cities = models.ManyToManyField(
        City, blank=True, related_name="cooperation_projects", verbose_name=_("partner cities")
    )

    class Meta:
        verbose_name = _("cooperation project")
        verbose_name_plural = _("cooperation projects")
        ordering = [F("starts_on").desc(nulls_last=True), "title_en"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="cooperation_project_dates_in_order",
                violation_error_message=DATES_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("cooperation:project", kwargs={"slug": self.slug})

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": DATES_IN_ORDER})


def _document_path(instance: "ProjectDocument", filename: str) -> str:
    return f"cooperation/{instance.project_id}/{filename}"


class ProjectDocument(models.Model):
    """A file of a project (a programme, a press release, an agreement). Files live on the
    private storage; those marked public are served to anyone by the project's page."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="documents", verbose_name=_("project")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()
    file = models.FileField(_("file"), storage=private_storage, upload_to=_document_path)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown on the project's public page.")
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")
        ordering = ["title_en", "id"]

    def __str__(self) -> str:
        return self.title_en


class ProjectNews(models.Model):
    """A dated piece of news about a project."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="news", verbose_name=_("project")
    )
    date = models.DateField(_("date"))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()
    text_en = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    text = Bilingual()

    class Meta:
        verbose_name = _("project news")
        verbose_name_plural = _("project news")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.title_en}"
