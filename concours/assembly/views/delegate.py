"""The delegate's page: vote online on the open motions, for one's own member and for the
members whose proxy it holds. Anyone who is not a delegate of this assembly finds nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from concours.assembly import access, selectors, services
from concours.assembly.forms import VoteForm
from concours.assembly.models import Assembly, Motion, VoteChoice
from concours.competitions.models import Competition
from concours.core.validation import whole_number


def motion_of(assembly: Assembly, value: str) -> Motion:
    """A motion of this assembly from a submitted id; 404 for anything else."""
    return get_object_or_404(
        Motion,
        pk=whole_number(value) or 0,
        agenda_item__assembly=assembly,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ballot(request: HttpRequest, assembly_id: int) -> HttpResponse:
    found = access.access_assembly(assembly_id, request.user)
    seat = access.delegation(found, request.user)
    if seat is None:
        raise Http404(_("You are not a delegate at this assembly."))
    members = access.votes_for(found, request.user)
    failed: tuple[int, int, VoteForm] | None = None
    status = 200
    if request.method == "POST":
        motion = motion_of(found, request.POST.get("motion", ""))
        form = VoteForm(request.POST)
        if form.is_valid():
            member = Competition.objects.filter(pk=form.cleaned_data["member"]).first()
            if member is None or access.voting_capacity(found, request.user, member.pk) is None:  # type: ignore[arg-type]
                raise PermissionDenied(_("You cannot vote for this member."))
            try:
                services.cast_vote(
                    motion=motion, competition=member, choice=form.cleaned_data["choice"],
                    by=request.user,  # type: ignore[arg-type]
                )  # fmt: skip
            except services.AssemblyError as error:
                messages.error(request, str(error))
                status = 409
            else:
                messages.success(
                    request,
                    _("The vote of %(member)s is recorded: %(choice)s.")
                    % {
                        "member": member.name,
                        "choice": VoteChoice(form.cleaned_data["choice"]).label,
                    },
                )
                return redirect("assembly:ballot", assembly_id=found.pk)
        else:
            failed = (motion.pk, form.data.get("member", ""), form)  # type: ignore[assignment]
            status = 400
    motions = selectors.open_motions(found)
    rows = selectors.ballot_rows(motions, members)
    items = []
    for motion in motions:
        ballots = []
        for row in rows[motion.pk]:
            form = VoteForm(initial={"member": row.member.pk})
            if failed and failed[0] == motion.pk and str(failed[1]) == str(row.member.pk):
                form = failed[2]
            ballots.append({"row": row, "form": form})
        items.append({"motion": motion, "ballots": ballots})
    context = {"assembly": found, "seat": seat, "items": items, "members": members}
    return render(request, "assembly/ballot.html", context, status=status)
