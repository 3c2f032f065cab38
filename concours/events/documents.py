"""The bilingual attendance certificate (PDF, WeasyPrint), in the manner of the applications'
PDFs: English then Simplified Chinese, Noto CJK fonts by name, nothing fetched."""

from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML

from concours.applications.documents import PDF_OPTIONS, Both, LocalOnlyFetcher
from concours.events.models import Attendance, Registration


def certificate_pdf(registration: Registration, attendances: list[Attendance]) -> bytes:
    event = registration.event
    zone = event.zone
    rows = [
        {
            "title": Both.of(attendance.session, "title"),
            "when": attendance.session.starts_at.astimezone(zone),
            "online": attendance.kind == "online",
        }
        for attendance in attendances
    ]
    context = {
        "name": registration.user.full_name or registration.user.email,
        "event": Both.of(event, "title"),
        "category": Both.of(registration.category, "name"),
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "rows": rows,
        "issued": timezone.localdate(),
        "owner": Both.of(event.owner, "name") if event.owner is not None else None,
    }
    html = render_to_string("events/pdf/certificate.html", context)
    document = HTML(string=html, url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(**PDF_OPTIONS)  # type: ignore[no-any-return]


def badges_pdf(registrations: list[Registration]) -> bytes:
    """Name badges (A6, one a page) with the ticket's QR code, for the registrant to print or
    for the office to print in bulk before the doors open."""
    from concours.events.tickets import ticket_qr_svg

    badges = [
        {
            "name": registration.user.full_name or registration.user.email,
            "category": Both.of(registration.category, "name"),
            "event": Both.of(registration.event, "title"),
            "qr": ticket_qr_svg(registration),
            "code": registration.ticket_code,
        }
        for registration in registrations
    ]
    html = render_to_string("events/pdf/badges.html", {"badges": badges})
    document = HTML(string=html, url_fetcher=LocalOnlyFetcher())
    return document.write_pdf(**PDF_OPTIONS)  # type: ignore[no-any-return]
