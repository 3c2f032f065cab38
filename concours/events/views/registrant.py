"""The registrant's pages: register, my registrations, one registration (ticket, cancel,
confirm an offer, join links, certificate), personal join links and the personal calendar."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from concours.events import calendar, selectors, services, tickets
from concours.events.access import (
    access_event_to_register,
    access_own_registration,
)
from concours.events.checkin import covers, record_online_attendance
from concours.events.forms import RegistrationForm
from concours.events.models import CalendarFeed, Registration, RegistrationStatus, Session
from concours.events.models.attendance import new_feed_token


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    event = access_event_to_register(slug)
    now = timezone.now()
    is_open = event.registration_open(now)
    # A second visit (or, once registration closed, a late repeat) leads to the one
    # registration. A POST while registration is open skips this read: the service returns
    # the existing registration itself (``created=False``), so a form sent twice still leads to
    # one registration, with one query fewer on the path the rush takes.
    if request.method != "POST" or not is_open:
        existing = selectors.active_registration(event, request.user)  # type: ignore[arg-type]
        if existing is not None:
            return redirect("events:registration", registration_id=existing.pk)
    if not is_open:
        return render(request, "events/register_closed.html", {"event": event}, status=403)
    categories, questions, sessions = selectors.registration_form_data(event)
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        categories=categories, questions=questions, sessions=sessions,
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.register(
                event=event, user=request.user, category=form.chosen_category,  # type: ignore[arg-type]
                sessions=form.chosen_sessions, answers=form.cleaned_data["answers"],
                questions=questions, now=now,
            )  # fmt: skip
        except services.RegistrationError as error:
            form.add_error(None, str(error))
        else:
            registration = outcome.registration
            if not outcome.created:  # the form sent again: the one registration, as it is
                pass
            elif registration.status == RegistrationStatus.WAITLISTED:
                messages.info(request, _("The event is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are registered. Your ticket is below."))
            return redirect("events:registration", registration_id=registration.pk)
    if request.method == "POST":  # not valid: but if they are registered, that is what counts
        existing = selectors.active_registration(event, request.user)  # type: ignore[arg-type]
        if existing is not None:
            return redirect("events:registration", registration_id=existing.pk)
    context = {"event": event, "form": form, "categories": categories}
    return render(request, "events/register.html", context, status=400 if form.errors else 200)


@login_required
@require_safe
def my_registrations(request: HttpRequest) -> HttpResponse:
    if _has_due_offers(request):
        services.expire_offers(now=timezone.now())
    feed = CalendarFeed.objects.filter(user=request.user).first()  # type: ignore[misc]
    context = {
        "registrations": selectors.registrations_of(request.user),  # type: ignore[arg-type]
        "feed_url": _feed_url(request, feed) if feed else "",
    }
    return render(request, "events/my_registrations.html", context)


def _has_due_offers(request: HttpRequest) -> bool:
    return Registration.objects.filter(
        user=request.user, status=RegistrationStatus.OFFERED,  # type: ignore[misc]
        offer_expires_at__lte=timezone.now(),
    ).exists()  # fmt: skip


def _feed_url(request: HttpRequest, feed: CalendarFeed) -> str:
    return request.build_absolute_uri(f"/events/feeds/{feed.token}.ics")


@login_required
@require_safe
def registration(request: HttpRequest, registration_id: int) -> HttpResponse:
    found = access_own_registration(request.user, registration_id)
    if found.status == RegistrationStatus.OFFERED and found.offer_expires_at and found.offer_expires_at <= timezone.now():  # fmt: skip
        services.expire_offers(event=found.event)
        found.refresh_from_db()
    sessions = selectors.sessions_of(found)
    attendances = selectors.attendances_of(found)
    confirmed = found.status == RegistrationStatus.CONFIRMED
    joins = []
    if confirmed:
        for session in sessions:
            if session.online:
                opens, closes = tickets.join_window(session)
                joins.append({"session": session, "url": tickets.join_path(found, session),
                              "opens": opens, "closes": closes})  # fmt: skip
    context = {
        "registration": found,
        "event": found.event,
        "sessions": sessions,
        "attendances": attendances,
        "position": selectors.waitlist_position(found),
        "qr": tickets.ticket_qr_svg(found) if confirmed else "",
        "joins": joins,
    }
    return render(request, "events/registration.html", context)


@login_required
@require_POST
def cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    found = access_own_registration(request.user, registration_id)
    try:
        services.cancel_registration(registration=found)
    except services.RegistrationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect("events:registration", registration_id=found.pk)


@login_required
@require_POST
def confirm(request: HttpRequest, registration_id: int) -> HttpResponse:
    found = access_own_registration(request.user, registration_id)
    try:
        services.confirm_offer(registration=found)
    except services.RegistrationError as error:
        services.expire_offers(event=found.event)
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your place is confirmed. Your ticket is below."))
    return redirect("events:registration", registration_id=found.pk)


@login_required
@require_safe
def certificate(request: HttpRequest, registration_id: int) -> HttpResponse:
    from concours.events import documents

    found = access_own_registration(request.user, registration_id)
    attendances = selectors.attendances_of(found)
    if not attendances:
        raise Http404(_("There is no certificate: no attendance is recorded."))
    pdf = documents.certificate_pdf(found, attendances)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{found.event.slug}.pdf"'
    return response


@login_required
@require_safe
def badge(request: HttpRequest, registration_id: int) -> HttpResponse:
    """The registrant's name badge with the ticket's QR code, once their place is confirmed."""
    from concours.events import documents

    found = access_own_registration(request.user, registration_id)
    if found.status != RegistrationStatus.CONFIRMED:
        raise Http404(_("There is no badge: the place is not confirmed."))
    response = HttpResponse(documents.badges_pdf([found]), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="badge-{found.event.slug}.pdf"'
    return response


@require_safe
def join(request: HttpRequest, registration_id: int, session_id: int, signature: str) -> HttpResponse:  # fmt: skip
    """A personal join link: only for the signed-in registrant it was made for, only around the
    session; it records the attendance and leads to the video platform."""
    if not request.user.is_authenticated:
        return redirect_to_login(request)
    found = Registration.objects.select_related("event").filter(pk=registration_id).first()
    session = Session.objects.select_related("event").filter(pk=session_id).first()
    if found is None or session is None or not tickets.signature_valid(found, session, signature):
        return _refused(request, _("This join link is not valid (any more)."), status=404)
    if found.user_id != request.user.pk:
        return _refused(request, _("This join link belongs to another person's registration. "
                                   "Join links are personal: please register yourself."), status=403)  # fmt: skip
    if found.status != RegistrationStatus.CONFIRMED or session.event_id != found.event_id or not session.online or not covers(found, session):  # fmt: skip
        return _refused(request, _("Your registration does not include this online session."), status=403)  # fmt: skip
    opens, closes = tickets.join_window(session)
    now = timezone.now()
    if now < opens or now > closes or not session.platform_url:
        context = {"session": session, "opens": opens, "closes": closes, "early": now < opens}
        return render(request, "events/join_closed.html", context, status=403)
    record_online_attendance(registration=found, session=session, now=now)
    return HttpResponseRedirect(session.platform_url)


def redirect_to_login(request: HttpRequest) -> HttpResponse:
    from django.contrib.auth.views import redirect_to_login as to_login

    return to_login(request.get_full_path())


def _refused(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    return render(request, "events/join_refused.html", {"message": message}, status=status)


@login_required
@require_POST
def new_feed(request: HttpRequest) -> HttpResponse:
    """Create the personal calendar address, or replace it (the old one stops working)."""
    CalendarFeed.objects.update_or_create(
        user=request.user,
        defaults={"token": new_feed_token()},  # type: ignore[misc]
    )
    messages.success(request, _("Your personal calendar address is ready; any older one no longer works."))  # fmt: skip
    return redirect("events:mine")


@require_safe
def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None:
        raise Http404(_("No such calendar."))
    body = calendar.feed(_("My sessions"), selectors.personal_sessions(feed.user))
    return calendar.response(body, "my-sessions.ics")
