"""Motions on the agenda and the votes cast on them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from concours.assembly.models.assembly import AgendaItem
from concours.assembly.models.choices import MotionState, MotionType, VoteChannel, VoteChoice
from concours.competitions.models import Competition
from concours.core.bilingual import Bilingual


class Motion(models.Model):
    """A motion put to the vote: drafted, opened, closed (the count is stored), published with
    the minutes."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="motions", verbose_name=_("agenda item")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()
    text_en = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    text = Bilingual()
    motion_type = models.CharField(
        _("type"), max_length=20, choices=MotionType.choices, default=MotionType.ORDINARY
    )
    state = models.CharField(
        _("state"), max_length=20, choices=MotionState.choices, default=MotionState.DRAFT
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    minutes_en = models.TextField(_("minutes (English)"), blank=True)
    minutes_zh = models.TextField(_("minutes (Chinese)"), blank=True)
    minutes = Bilingual()
    chain_length = models.PositiveIntegerField(_("log entries at publication"), null=True, blank=True, editable=False)  # fmt: skip
    chain_head = models.CharField(_("log head at publication"), max_length=64, blank=True, editable=False)  # fmt: skip

    class Meta:
        verbose_name = _("motion")
        verbose_name_plural = _("motions")
        ordering = ["agenda_item__order", "id"]

    def __str__(self) -> str:
        return self.title_en

    @property
    def is_open(self) -> bool:
        return self.state == MotionState.OPEN

    @property
    def is_published(self) -> bool:
        return self.state == MotionState.PUBLISHED


class Vote(models.Model):
    """One member's vote on one motion: by its own delegate or its proxy holder, online or in
    the room (recorded by the chair). Never changed, except that a member's own vote replaces
    one its proxy holder cast (docs/general-assembly.md §Votes)."""

    motion = models.ForeignKey(
        Motion, on_delete=models.CASCADE, related_name="votes", verbose_name=_("motion")
    )
    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("member competition"),
    )  # fmt: skip
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("cast by"),
    )  # fmt: skip
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    channel = models.CharField(_("cast"), max_length=10, choices=VoteChannel.choices)
    via_proxy = models.BooleanField(_("by proxy"), default=False)
    cast_at = models.DateTimeField(_("cast at"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["motion_id", "cast_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["motion", "competition"],
                name="one_vote_per_member_and_motion",
                violation_error_message=_("Your member has already voted on this motion."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition} — {self.choice}"
