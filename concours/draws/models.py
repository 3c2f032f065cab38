"""The draw of the order of appearance: one ``Draw`` per division and scope (a round, or every
round at once), and the witnesses' inputs to it. The verifiable record itself is made by the
pure core ``concours.draw`` (``docs/algorithms/draw.md``); ``services.py`` is the adapter."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import Division, Round


class DrawMethod(models.TextChoices):
    RANDOM = "random", _("Random order")
    CHOPIN = "chopin", _("A letter is drawn, then alphabetical order from it (Chopin)")


class DrawState(models.TextChoices):
    COMMITTED = "committed", _("Commitment published")
    DRAWN = "drawn", _("Order drawn")
    REVEALED = "revealed", _("Seed revealed")


def _user(verbose_name: str) -> models.ForeignKey:  # type: ignore[type-arg]
    return models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=verbose_name,
    )  # fmt: skip


class Draw(models.Model):
    """One draw: committed (the seed's SHA-256 is public, the seed secret), drawn (the order is
    public), revealed (the seed is public and anyone can recompute the order)."""

    division = models.ForeignKey(
        Division, on_delete=models.CASCADE, related_name="draws", verbose_name=_("division")
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="draws",
        verbose_name=_("round"), help_text=_("Empty: one order for every round of the division."),
    )  # fmt: skip
    method = models.CharField(_("method"), max_length=20, choices=DrawMethod.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=DrawState.choices, default=DrawState.COMMITTED
    )
    commitment = models.CharField(_("commitment"), max_length=64)
    #: Secret until the draw is revealed: never shown, never served before.
    seed = models.CharField(_("seed"), max_length=64)
    #: The candidates, fixed when the commitment is made: ``{"id", "family_name", "given_name"}``.
    candidates = models.JSONField(_("candidates"), default=list)
    committed_at = models.DateTimeField(_("committed"))
    committed_by = _user(_("committed by"))
    drawn_at = models.DateTimeField(_("drawn"), null=True, blank=True)
    drawn_by = _user(_("drawn by"))
    revealed_at = models.DateTimeField(_("revealed"), null=True, blank=True)
    revealed_by = _user(_("revealed by"))
    letter = models.CharField(_("letter drawn"), max_length=1, blank=True)
    #: The application ids in the order drawn, first to perform first.
    order = models.JSONField(_("order"), default=list)
    #: The record as published (``concours.draw.dump_record``): without the seed until revealed.
    record = models.TextField(_("record"), blank=True)
    draw_digest = models.CharField(_("draw digest"), max_length=64, blank=True)
    record_digest = models.CharField(_("record digest"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("draw")
        verbose_name_plural = _("draws")
        ordering = ["division_id", F("round__number").asc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "round"],
                condition=Q(round__isnull=False),
                name="unique_draw_per_round",
                violation_error_message=_("This round already has a draw."),
            ),
            models.UniqueConstraint(
                fields=["division"],
                condition=Q(round__isnull=True),
                name="unique_draw_for_all_rounds",
                violation_error_message=_("This division already has one draw for every round."),
            ),
            models.CheckConstraint(
                condition=Q(
                    state=DrawState.COMMITTED, drawn_at__isnull=True, revealed_at__isnull=True
                )
                | Q(state=DrawState.DRAWN, drawn_at__isnull=False, revealed_at__isnull=True)
                | Q(state=DrawState.REVEALED, drawn_at__isnull=False, revealed_at__isnull=False),
                name="draw_times_follow_state",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.division} – {self.scope_en}"

    def get_absolute_url(self) -> str:
        """The public page of the draw."""
        name = "draws:round_draw" if self.round_id else "draws:draw"
        return reverse(name, kwargs=self._url_kwargs())

    def _url_kwargs(self) -> dict[str, object]:
        division = self.division
        kwargs: dict[str, object] = {
            "slug": division.edition.competition.slug,
            "year": division.edition.year,
            "division_slug": division.slug,
        }
        if self.round_id:
            kwargs["number"] = self.round.number
        return kwargs

    @property
    def record_url(self) -> str:
        """The published record (JSON), once the order is drawn."""
        name = "draws:round_record" if self.round_id else "draws:record"
        return reverse(name, kwargs=self._url_kwargs())

    @property
    def scope_en(self) -> str:
        """The scope in the record's language: the round's name, or “all rounds”."""
        return self.round.name_en if self.round_id else "all rounds"

    @property
    def is_drawn(self) -> bool:
        return self.state in (DrawState.DRAWN, DrawState.REVEALED)

    @property
    def is_revealed(self) -> bool:
        return self.state == DrawState.REVEALED

    @property
    def revealed_seed(self) -> str | None:
        """The seed once it is revealed; ``None`` before. Pages use this, never ``seed``."""
        return self.seed if self.is_revealed else None


class WitnessInput(models.Model):
    """What one witness said at the draw, in the order given."""

    draw = models.ForeignKey(
        Draw, on_delete=models.CASCADE, related_name="inputs", verbose_name=_("draw")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    witness = models.CharField(_("witness"), max_length=200)
    value = models.CharField(_("input"), max_length=200)
    added_at = models.DateTimeField(_("added"))
    added_by = _user(_("added by"))

    class Meta:
        verbose_name = _("witness's input")
        verbose_name_plural = _("witnesses' inputs")
        ordering = ["draw", "position"]
        constraints = [
            models.UniqueConstraint(fields=["draw", "position"], name="unique_input_position"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.witness}: {self.value}"
