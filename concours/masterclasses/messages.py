"""The timetable core's reasons in the reader's language (the core speaks English only)."""

from django.utils.translation import gettext as _

from concours import timetable as core

MESSAGES = {
    "too_few_slots": lambda: _("%(needed)s lessons are needed but there are only %(slots)s slots."),
    "participant_too_few_days": lambda: _(
        "%(participant)s needs %(needed)s lessons but can have at most %(limit)s a day on the "
        "%(days)s days their teachers teach."
    ),
    "participant_too_few_slots": lambda: _(
        "%(participant)s needs %(needed)s lessons but their teachers (%(teachers)s) have only "
        "%(slots)s slots."
    ),
    "teacher_too_few_slots": lambda: _(
        "%(teacher)s has %(slots)s slots but %(needed)s lessons are needed (by %(participants)s)."
    ),
    "conflicting_demands": lambda: _(
        "The lessons of %(participants)s cannot all be given: their teachers' slots overlap in "
        "time, share rooms or fall on too few days."
    ),
    "time_limit": lambda: _("No timetable was found within the time limit; try again."),
}


def reason_text(reason: core.Reason) -> str:
    """The translated message for a known code, else the core's English one."""
    template = MESSAGES.get(reason.code)
    return template() % dict(reason.params) if template else reason.message
