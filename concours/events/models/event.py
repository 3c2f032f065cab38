"""What an event is: its owner (a member competition, a city or the federation), where it happens
(venues and rooms with capacities), its sessions (at a venue, online, or both) and its speakers
and teachers with bilingual biographies."""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from concours.competitions.models import Competition, Edition
from concours.core.bilingual import Bilingual
from concours.core.validation import validate_time_zone
from concours.federation.models import City, Federation

ONE_OWNER = _("An event belongs to exactly one of: a member competition, a city, the federation.")
SESSION_TIMES_IN_ORDER = _("A session must end after it starts.")
EVENT_DATES_IN_ORDER = _("The last day cannot be before the first day.")


class EventKind(models.TextChoices):
    MASTER_CLASS = "master_class", _("Master class")
    SEMINAR = "seminar", _("Seminar")
    ROUNDTABLE = "roundtable", _("Roundtable")
    PROMOTION_CONFERENCE = "promotion_conference", _("Promotion conference")
    SUMMIT = "summit", _("Summit")
    CONCERT = "concert", _("Concert")
    ANNUAL_MEETING = "annual_meeting", _("Annual Meeting")
    GENERAL_ASSEMBLY = "general_assembly", _("General Assembly")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft (not public)")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet["Event"]):
    def public(self) -> "EventQuerySet":
        return self.exclude(status=EventStatus.DRAFT)


class Event(models.Model):
    """An event of a member competition, a city or the federation. It may be part of an edition's
    programme (the jurors' master classes during the competition) or of a larger event (the
    General Assembly during the Annual Meeting)."""

    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    slug = models.SlugField(_("slug"), unique=True, max_length=80)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    summary_zh = models.CharField(_("summary (Chinese)"), max_length=300, blank=True)
    summary = Bilingual()
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description = Bilingual()

    competition = models.ForeignKey(
        Competition, on_delete=models.CASCADE, null=True, blank=True, related_name="events",
        verbose_name=_("member competition"),
    )  # fmt: skip
    city = models.ForeignKey(
        City, on_delete=models.CASCADE, null=True, blank=True, related_name="events",
        verbose_name=_("city"), help_text=_("For events a city organises itself."),
    )  # fmt: skip
    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, null=True, blank=True, related_name="events",
        verbose_name=_("federation"),
    )  # fmt: skip
    edition = models.ForeignKey(
        Edition, on_delete=models.SET_NULL, null=True, blank=True, related_name="events",
        verbose_name=_("part of the edition"),
        help_text=_("For events in an edition's programme, such as the jurors' master classes."),
    )  # fmt: skip
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
        verbose_name=_("part of the event"),
    )  # fmt: skip
    host_city = models.ForeignKey(
        City, on_delete=models.PROTECT, null=True, blank=True, related_name="hosted_events",
        verbose_name=_("held in"), help_text=_("Leave empty for events held only online."),
    )  # fmt: skip

    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, validators=[validate_time_zone],
        help_text=_("Sessions are shown in this time zone (and in the visitor's own)."),
    )  # fmt: skip
    website = models.URLField(_("website"), blank=True)

    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to confirm a place from the waiting list"), default=48,
    )  # fmt: skip
    choose_sessions = models.BooleanField(
        _("registrants choose their sessions"), default=False,
        help_text=_("Otherwise a registration covers every session of the event."),
    )  # fmt: skip
    join_opens_minutes = models.PositiveSmallIntegerField(
        _("join links open (minutes before a session)"), default=30,
    )  # fmt: skip
    join_closes_minutes = models.PositiveSmallIntegerField(
        _("join links close (minutes after a session ends)"), default=30,
    )  # fmt: skip

    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(competition__isnull=False, city__isnull=True, federation__isnull=True)
                    | Q(competition__isnull=True, city__isnull=False, federation__isnull=True)
                    | Q(competition__isnull=True, city__isnull=True, federation__isnull=False)
                ),
                name="event_has_one_owner",
                violation_error_message=ONE_OWNER,
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="event_dates_in_order",
                violation_error_message=EVENT_DATES_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return self.title_en

    def get_absolute_url(self) -> str:
        return reverse("events:event", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def owner(self) -> Competition | City | Federation | None:
        return self.competition or self.city or self.federation

    def registration_open(self, now: dt.datetime) -> bool:
        if self.status != EventStatus.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        owners = [self.competition_id, self.city_id, self.federation_id]
        if sum(owner is not None for owner in owners) != 1:
            errors["competition"] = ONE_OWNER
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = EVENT_DATES_IN_ORDER
        if self.edition_id and self.edition and self.edition.competition_id != self.competition_id:
            errors["edition"] = _("The edition must be one of the event's competition.")
        if (
            self.registration_opens_at
            and self.registration_closes_at
            and self.registration_closes_at <= self.registration_opens_at
        ):
            errors["registration_closes_at"] = _("Registration must close after it opens.")
        if self.parent_id and self.parent_id == self.pk:
            errors["parent"] = _("An event cannot be part of itself.")
        if errors:
            raise ValidationError(errors)


class Venue(models.Model):
    """A building: a concert hall, a conservatory, a hotel's conference centre."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    address_zh = models.CharField(_("address (Chinese)"), max_length=300, blank=True)
    address = Bilingual()
    city = models.ForeignKey(
        City, on_delete=models.PROTECT, related_name="venues", verbose_name=_("city")
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name_en", "id"]

    def __str__(self) -> str:
        return self.name_en


class Room(models.Model):
    """A room of a venue, with the number of people it seats."""

    venue = models.ForeignKey(
        Venue, on_delete=models.CASCADE, related_name="rooms", verbose_name=_("venue")
    )
    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    capacity = models.PositiveIntegerField(_("seats"))

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["venue_id", "name_en", "id"]
        constraints = [
            models.UniqueConstraint(fields=["venue", "name_en"], name="unique_room_name"),
        ]

    def __str__(self) -> str:
        return f"{self.name_en} ({self.venue.name_en})"


class SessionMode(models.TextChoices):
    VENUE = "venue", _("At the venue")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("At the venue and online")


class Session(models.Model):
    """One slot of an event's timetable: a lecture, a lesson, a panel, a concert, a sitting of the
    General Assembly. Held at a venue, online, or both; online attendees join through a personal
    link that leads to the video platform's URL set here."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_zh = models.CharField(_("title (Chinese)"), max_length=200, blank=True)
    title = Bilingual()
    description_en = models.TextField(_("description (English)"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    description = Bilingual()
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    mode = models.CharField(
        _("held"), max_length=10, choices=SessionMode.choices, default=SessionMode.VENUE
    )
    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, null=True, blank=True, related_name="sessions",
        verbose_name=_("room"),
    )  # fmt: skip
    platform_url = models.URLField(
        _("video platform URL"), blank=True, max_length=500,
        help_text=_("Where online attendees are sent by their personal join link; never shown."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_times_in_order",
                violation_error_message=SESSION_TIMES_IN_ORDER,
            ),
        ]

    def __str__(self) -> str:
        return self.title_en

    @property
    def at_venue(self) -> bool:
        return self.mode in (SessionMode.VENUE, SessionMode.HYBRID)

    @property
    def online(self) -> bool:
        return self.mode in (SessionMode.ONLINE, SessionMode.HYBRID)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, object] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = SESSION_TIMES_IN_ORDER
        if self.at_venue and self.room_id is None:
            errors["room"] = _("A session at the venue needs a room.")
        if self.mode == SessionMode.ONLINE and self.room_id is not None:
            errors["room"] = _("An online-only session has no room.")
        if self.online and not self.platform_url:
            errors["platform_url"] = _("An online session needs the video platform's URL.")
        if errors:
            raise ValidationError(errors)


class Speaker(models.Model):
    """A speaker, teacher, moderator or performer, with a bilingual biography."""

    name_en = models.CharField(_("name (English)"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    name = Bilingual()
    bio_en = models.TextField(_("biography (English)"), blank=True)
    bio_zh = models.TextField(_("biography (Chinese)"), blank=True)
    bio = Bilingual()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="speaker_profiles", verbose_name=_("user"),
        help_text=_("Links the speaker's own sessions to their calendar feed."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("speaker or teacher")
        verbose_name_plural = _("speakers and teachers")
        ordering = ["name_en", "id"]

    def __str__(self) -> str:
        return self.name_en


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", _("Speaker")
    TEACHER = "teacher", _("Teacher")
    MODERATOR = "moderator", _("Moderator")
    PERFORMER = "performer", _("Performer")


class SessionSpeaker(models.Model):
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="speakers", verbose_name=_("session")
    )
    speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("speaker")
    )
    role = models.CharField(
        _("role"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("speaker of a session")
        verbose_name_plural = _("speakers of a session")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "speaker"], name="unique_session_speaker"),
        ]

    def __str__(self) -> str:
        return f"{self.speaker} — {self.session}"
