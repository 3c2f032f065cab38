"""What the open-data import keeps beside the competitions' own rows
(docs/open-data.md, “Where imported data lives”).

An edition imported from a member's document is an ordinary ``Edition`` (with its divisions,
rounds, prizes and jury), marked by an ``ImportedEdition``. Its published results are not
faked as marks and computations: each published round's summary is an ``ImportedResult``,
exactly as the document gave it (candidates as published, advancers, awards, ranking).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import Edition, Round
from concours.federation.models import Federation


class ImportedEdition(models.Model):
    """An edition that a member publishes from its own software: only imports change it."""

    edition = models.OneToOneField(
        Edition, on_delete=models.CASCADE, related_name="imported", verbose_name=_("edition")
    )
    federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="+", verbose_name=_("federation")
    )
    version = models.CharField(_("format version"), max_length=10)
    document_sha256 = models.CharField(_("SHA-256 of the imported document"), max_length=64)
    imported_at = models.DateTimeField(_("last imported"), default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        verbose_name = _("imported edition")
        verbose_name_plural = _("imported editions")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return str(self.edition)


class ImportedResult(models.Model):
    """A published round's results as an imported document gave them (spec §7)."""

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="imported_result", verbose_name=_("round")
    )
    published_at = models.DateTimeField(_("results public from"))
    listing = models.CharField(_("advancers listed"), max_length=20)
    record_digest = models.CharField(_("SHA-256 of the results record"), max_length=64, blank=True)
    #: ``[{"code", "name", "native_name", "countries"}]``, as published.
    candidates = models.JSONField(_("candidates"), default=list, blank=True)
    advancers = models.JSONField(_("advancers"), default=list, blank=True)
    #: ``[{"place", "candidates", "withheld"}]``.
    awards = models.JSONField(_("awards"), default=list, blank=True)
    #: ``[{"candidate", "rank", "score", "advanced"}]``, or None while not public.
    ranking = models.JSONField(_("ranking"), null=True, blank=True)

    class Meta:
        verbose_name = _("imported result")
        verbose_name_plural = _("imported results")
        ordering = ["round"]

    def __str__(self) -> str:
        return str(self.round)
