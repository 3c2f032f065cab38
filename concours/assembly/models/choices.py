"""The enumerations of the assembly; their values are the voting core's."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MotionType(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary motion")
    ADMISSION = "admission", _("Admission of a member")
    STATUTES = "statutes", _("Change to the statutes")


class MotionState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for voting")
    CLOSED = "closed", _("Closed")
    PUBLISHED = "published", _("Published")


class VoteChoice(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    ABSTAIN = "abstain", _("Abstain")


class VoteChannel(models.TextChoices):
    ROOM = "room", _("In the room")
    ONLINE = "online", _("Online")
