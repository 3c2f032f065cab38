"""The assembly's public page: the agenda, the motions put to the vote, and the results
published with the minutes, beside the head of the assembly's integrity log."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from concours.assembly import access, selectors


@require_safe
def assembly(request: HttpRequest, assembly_id: int) -> HttpResponse:
    found = access.access_assembly(assembly_id, request.user)
    context = {
        "assembly": found,
        "agenda": selectors.agenda(found, public=True),
        "head": selectors.ledger_head(found),
        "is_delegate": access.delegation(found, request.user) is not None,
        "can_chair": access.can_chair(request.user),
    }
    return render(request, "assembly/public.html", context)
