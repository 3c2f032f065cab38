from concours.assembly.models.assembly import (
    AgendaItem,
    Assembly,
    Attendance,
    Delegate,
    Proxy,
    entitled_members,
)
from concours.assembly.models.choices import MotionState, MotionType, VoteChannel, VoteChoice
from concours.assembly.models.motion import Motion, Vote

__all__ = [
    "AgendaItem",
    "Assembly",
    "Attendance",
    "Delegate",
    "Motion",
    "MotionState",
    "MotionType",
    "Proxy",
    "Vote",
    "VoteChannel",
    "VoteChoice",
    "entitled_members",
]
