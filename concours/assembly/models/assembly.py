"""A General Assembly: the event it is held at, the members entitled to vote, their delegates,
the proxies recorded by the secretariat, who attends, and the agenda."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concours import voting
from concours.assembly.models.choices import VoteChannel
from concours.competitions.models import Competition
from concours.core.bilingual import Bilingual
from concours.events.models import Event, EventKind
from concours.federation.models import Federation


def entitled_members(federation_id: int, year: int) -> QuerySet[Competition]:
    """The federation's member competitions on the day of an assembly in ``year``: members whose
    year of joining is unknown or not after it (docs/general-assembly.md §Members)."""
    return Competition.objects.filter(federation_id=federation_id).filter(
        Q(member_since__isnull=True) | Q(member_since__lte=year)
    )


class Assembly(models.Model):
    """The General Assembly held at one event of kind “General Assembly”."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="assembly", verbose_name=_("event"),
        limit_choices_to={"kind": EventKind.GENERAL_ASSEMBLY},
    )  # fmt: skip
    federation = models.ForeignKey(
        Federation, on_delete=models.PROTECT, related_name="assemblies",
        verbose_name=_("federation"),
    )  # fmt: skip
    max_proxies = models.PositiveSmallIntegerField(
        _("proxies a member may hold"), default=2,
        help_text=_("The most proxies one member's voting delegate may hold."),
    )  # fmt: skip
    rules = models.JSONField(
        _("rules per motion type"), default=dict, blank=True,
        help_text=_(
            'Leave empty for our defaults. For example {"ordinary": {"quorum": "1/2", '
            '"majority": "simple"}}; majority is simple, absolute or qualified (with a '
            'fraction such as "3/4"); abstentions are excluded or counted.'
        ),
    )  # fmt: skip

    class Meta:
        verbose_name = _("General Assembly")
        verbose_name_plural = _("General Assemblies")
        ordering = ["-event__starts_on", "id"]

    def __str__(self) -> str:
        return self.event.title_en

    def get_absolute_url(self) -> str:
        return reverse("assembly:public", kwargs={"assembly_id": self.pk})

    @property
    def chain(self) -> str:
        """The key of this assembly's chain in the integrity log."""
        return f"assembly:{self.pk}"

    @property
    def year(self) -> int:
        return self.event.starts_on.year

    def entitled(self) -> QuerySet[Competition]:
        return entitled_members(self.federation_id, self.year)

    def rule_for(self, motion_type: str) -> voting.Rule:
        stored = (self.rules or {}).get(motion_type)
        if stored is None:
            return voting.PRESETS[voting.MotionType(motion_type)]
        return voting.Rule.from_json(stored)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.event_id and self.event.kind != EventKind.GENERAL_ASSEMBLY:
            errors["event"] = _("Choose an event of the kind “General Assembly”.")
        if not isinstance(self.rules, dict):
            errors["rules"] = _("Give the rules as a JSON object keyed by motion type.")
        else:
            for kind, rule in self.rules.items():
                if kind not in voting.MotionType.__members__.values():
                    errors["rules"] = _("Unknown motion type “%(kind)s”.") % {"kind": kind}
                    break
                try:
                    voting.Rule.from_json(rule)
                except voting.VotingError as error:
                    errors["rules"] = f"{kind}: {error}"
                    break
        if errors:
            raise ValidationError(errors)


class Delegate(models.Model):
    """A person who attends for a member competition; one voting delegate per member, others
    may observe."""

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("assembly")
    )
    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="assembly_delegates",
        verbose_name=_("member competition"),
    )  # fmt: skip
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assembly_delegations",
        verbose_name=_("user"),
    )  # fmt: skip
    voting = models.BooleanField(_("voting delegate"), default=True)

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["competition__name_en", "-voting", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "competition"],
                condition=Q(voting=True),
                name="one_voting_delegate_per_member",
                violation_error_message=_("This member already has a voting delegate."),
            ),
            models.UniqueConstraint(
                fields=["assembly", "user"],
                name="one_delegation_per_person",
                violation_error_message=_("This person is already a delegate at this assembly."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.competition}"

    def clean(self) -> None:
        super().clean()
        if (
            self.assembly_id
            and self.competition_id
            and not self.assembly.entitled().filter(pk=self.competition_id).exists()
        ):
            raise ValidationError(
                {"competition": _("Only a member competition of the federation sends delegates.")}
            )


class Proxy(models.Model):
    """A member that cannot attend gives its vote to another member, whose voting delegate casts
    it. Recorded by the secretariat from the member's signed letter."""

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="proxies", verbose_name=_("assembly")
    )
    giver = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="proxies_given",
        verbose_name=_("from member"),
    )  # fmt: skip
    holder = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="proxies_held",
        verbose_name=_("to member"),
    )  # fmt: skip
    note = models.TextField(
        _("document"), help_text=_("The letter or form that gives the proxy, and where it is kept.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("recorded by"),
    )  # fmt: skip
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("proxy")
        verbose_name_plural = _("proxies")
        ordering = ["giver__name_en", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "giver"],
                name="one_proxy_per_member",
                violation_error_message=_("This member has already given a proxy."),
            ),
            models.CheckConstraint(
                condition=~Q(giver=models.F("holder")),
                name="proxy_to_another_member",
                violation_error_message=_("A member cannot hold its own proxy."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder}"


class Attendance(models.Model):
    """A member present at the assembly, in the room (recorded by the chair at the roll call)
    or online (recorded when its delegate first votes online)."""

    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("assembly")
    )
    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, related_name="+",
        verbose_name=_("member competition"),
    )  # fmt: skip
    channel = models.CharField(_("present"), max_length=10, choices=VoteChannel.choices)
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["assembly", "competition"], name="one_attendance_per_member"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competition} ({self.channel})"


class AgendaItem(models.Model):
    assembly = models.ForeignKey(
        Assembly, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("assembly")
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()
    text_en = models.TextField(_("text (English)"), blank=True)
    text_zh = models.TextField(_("text (Chinese)"), blank=True)
    text = Bilingual()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["assembly_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assembly", "order"], name="unique_agenda_order"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title_en}"
