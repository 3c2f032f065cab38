"""A round's publication: what is published, from when, and the integrity-log head it was
published under (docs/publication.md).

A publication is a snapshot: the results record (with the jury's decisions) exactly as
published, the order of appearance and which candidate and juror each name in the record
stands for. The public pages are drawn from it, never from rows that may change afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import Round
from concours.results.models import Computation

SHEETS_AFTER_RESULTS = _("The score sheets cannot be public before the results.")


class Listing(models.TextChoices):
    """How the advancers are listed on the public page (as the rules say)."""

    ALPHABETICAL = "alphabetical", _("Alphabetical (without ranks)")
    RANKED = "ranked", _("Ranked")


class Publication(models.Model):
    """The publication of one round's results."""

    round = models.OneToOneField(
        Round, on_delete=models.PROTECT, related_name="publication", verbose_name=_("round")
    )
    computation = models.ForeignKey(
        Computation, on_delete=models.PROTECT, related_name="publications",
        verbose_name=_("computation"), help_text=_("The results that are published."),
    )  # fmt: skip
    publish_at = models.DateTimeField(
        _("results public from"), help_text=_("The embargo: nothing is public before this time.")
    )
    sheets_at = models.DateTimeField(
        _("score sheets public from"),
        help_text=_(
            "Every juror's marks and the full results record become public at this time, "
            "as the rules set (e.g. days after the final)."
        ),
    )
    listing = models.CharField(
        _("advancers listed"), max_length=20, choices=Listing.choices, default=Listing.ALPHABETICAL
    )
    release_feedback = models.BooleanField(
        _("release the jurors' written feedback to the candidates"), default=False
    )
    record = models.TextField(
        _("results record"),
        help_text=_("The results record with the jury's decisions, as the published file."),
    )
    record_digest = models.CharField(_("SHA-256 of the record (its digests.record)"), max_length=64)
    #: The order of appearance: application ids, first performer first.
    order = models.JSONField(_("order of appearance"), default=list)
    #: Which application and which juror each name in the record stands for:
    #: ``{"candidates": {name: application id}, "jurors": {name: juror id}}``.
    people = models.JSONField(_("names in the record"), default=dict)
    chain_length = models.PositiveIntegerField(_("integrity-log length"), default=0)
    chain_head = models.CharField(_("integrity-log head"), max_length=64, blank=True)
    published_at = models.DateTimeField(_("published"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("published by"),
    )  # fmt: skip
    changed_at = models.DateTimeField(
        _("last changed"),
        default=timezone.now,
        help_text=_("Public pages cached before are stale."),
    )

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["publish_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sheets_at__gte=F("publish_at")),
                name="publication_sheets_after_results",
                violation_error_message=SHEETS_AFTER_RESULTS,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} @ {self.publish_at:%Y-%m-%d %H:%M}"

    def is_public(self, now: dt.datetime) -> bool:
        return now >= self.publish_at

    def sheets_public(self, now: dt.datetime) -> bool:
        return now >= self.sheets_at

    @property
    def record_bytes(self) -> bytes:
        return self.record.encode("utf-8")

    @property
    def file_sha256(self) -> str:
        """What ``sha256sum`` prints for the downloaded record file."""
        return hashlib.sha256(self.record_bytes).hexdigest()
