"""The chair's page, for the federation's secretariat: the roll, open and close motions, record
the room's votes from the show of cards, watch the counts and the quorum, publish results with
the minutes. Anyone else finds nothing (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from concours.assembly import access, selectors, services
from concours.assembly.forms import AttendanceForm, MinutesForm, RoomVoteForm
from concours.assembly.models import Assembly, MotionState, VoteChannel
from concours.assembly.views.delegate import motion_of


def _chaired(request: HttpRequest, assembly_id: int) -> Assembly:
    if not access.can_chair(request.user):
        raise Http404(_("No such page."))
    return access.access_assembly(assembly_id, request.user)


def _page(request: HttpRequest, found: Assembly, *, forms: dict[str, object] | None = None, status: int = 200) -> HttpResponse:  # fmt: skip
    members = selectors.members_entitled(found)
    forms = forms or {}
    agenda = selectors.agenda(found, public=False)
    motions = []
    for item in agenda:
        for motion in item.motions.all():
            live = None
            if motion.state == MotionState.OPEN:
                live = selectors.motion_tally(motion, found)
            motions.append(
                {
                    "item": item,
                    "motion": motion,
                    "live": live,
                    "votes": list(motion.votes.all()),
                    "room_form": (forms.get(f"room-{motion.pk}") or RoomVoteForm(members=members))
                    if live
                    else None,
                    "minutes_form": forms.get(f"minutes-{motion.pk}")
                    or MinutesForm(
                        initial={"minutes_en": motion.minutes_en, "minutes_zh": motion.minutes_zh}
                    ),
                }
            )
    context = {
        "assembly": found,
        "roll": selectors.member_rows(found),
        "motions": motions,
        "attendance_form": forms.get("attendance") or AttendanceForm(members=members),
        "head": selectors.ledger_head(found),
    }
    return render(request, "assembly/chair.html", context, status=status)


@login_required
@require_safe
def chair(request: HttpRequest, assembly_id: int) -> HttpResponse:
    return _page(request, _chaired(request, assembly_id))


@login_required
@require_POST
def attendance(request: HttpRequest, assembly_id: int) -> HttpResponse:
    found = _chaired(request, assembly_id)
    form = AttendanceForm(request.POST, members=selectors.members_entitled(found))
    if not form.is_valid():
        return _page(request, found, forms={"attendance": form}, status=400)
    services.record_attendance(
        assembly=found, competition=form.cleaned_data["member"], channel=VoteChannel.ROOM,
        by=request.user,  # type: ignore[arg-type]
    )  # fmt: skip
    messages.success(
        request,
        _("%(member)s is present in the room.") % {"member": form.cleaned_data["member"].name},
    )
    return redirect("assembly:chair", assembly_id=found.pk)


def _step(request: HttpRequest, assembly_id: int, motion_id: int, action: str) -> HttpResponse:
    found = _chaired(request, assembly_id)
    motion = motion_of(found, str(motion_id))
    try:
        if action == "open":
            services.open_motion(motion=motion, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("The motion is open for voting."))
        else:
            services.close_motion(motion=motion, by=request.user)  # type: ignore[arg-type]
            messages.success(request, _("The vote is closed and counted."))
    except services.AssemblyError as error:
        messages.error(request, str(error))
    return redirect("assembly:chair", assembly_id=found.pk)


@login_required
@require_POST
def open_motion(request: HttpRequest, assembly_id: int, motion_id: int) -> HttpResponse:
    return _step(request, assembly_id, motion_id, "open")


@login_required
@require_POST
def close_motion(request: HttpRequest, assembly_id: int, motion_id: int) -> HttpResponse:
    return _step(request, assembly_id, motion_id, "close")


@login_required
@require_POST
def room_vote(request: HttpRequest, assembly_id: int, motion_id: int) -> HttpResponse:
    found = _chaired(request, assembly_id)
    motion = motion_of(found, str(motion_id))
    form = RoomVoteForm(request.POST, members=selectors.members_entitled(found))
    if not form.is_valid():
        return _page(request, found, forms={f"room-{motion.pk}": form}, status=400)
    try:
        services.record_room_vote(
            motion=motion, competition=form.cleaned_data["member"],
            choice=form.cleaned_data["choice"], by=request.user,  # type: ignore[arg-type]
        )  # fmt: skip
    except services.AssemblyError as error:
        form.add_error(None, str(error))
        return _page(request, found, forms={f"room-{motion.pk}": form}, status=409)
    messages.success(request, _("The room vote is recorded."))
    return redirect("assembly:chair", assembly_id=found.pk)


@login_required
@require_POST
def publish(request: HttpRequest, assembly_id: int, motion_id: int) -> HttpResponse:
    found = _chaired(request, assembly_id)
    motion = motion_of(found, str(motion_id))
    form = MinutesForm(request.POST)
    if not form.is_valid():
        return _page(request, found, forms={f"minutes-{motion.pk}": form}, status=400)
    try:
        services.publish_motion(
            motion=motion, minutes_en=form.cleaned_data["minutes_en"],
            minutes_zh=form.cleaned_data["minutes_zh"], by=request.user,  # type: ignore[arg-type]
        )  # fmt: skip
    except services.AssemblyError as error:
        form.add_error(None, str(error))
        return _page(request, found, forms={f"minutes-{motion.pk}": form}, status=409)
    messages.success(request, _("The result is published with the minutes."))
    return redirect("assembly:chair", assembly_id=found.pk)
