"""Tickets and personal join links.

A ticket carries a 160-bit random code (``Registration.ticket_secret``), shown as a QR code and
typed at the door in groups of four. A join link names the registration and the session and
carries an HMAC of both with the registration's link secret: it cannot be made up, it works only
for the signed-in registrant it was made for, only around the session, and the office revokes
all of a registration's links by rotating its secret."""

import datetime as dt
import re

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.safestring import SafeString, mark_safe

from concours.events.models import Registration, Session
from concours.events.models.registration import new_link_secret

_NOT_CODE = re.compile(r"[^A-Z2-7]")


def normalise_code(typed: str) -> str:
    """A code as typed or scanned: any case, spaces or hyphens, or a URL ending with it."""
    text = typed.strip().rstrip("/")
    if "/" in text:
        text = text.rsplit("/", 1)[-1]
    if ":" in text:
        text = text.rsplit(":", 1)[-1]
    return _NOT_CODE.sub("", text.upper())


def ticket_qr_svg(registration: Registration) -> SafeString:
    """The ticket's code as an inline SVG QR code (segno writes only its own markup)."""
    qr = segno.make(registration.ticket_secret, error="m")
    svg = qr.svg_inline(scale=5, border=2, title="QR", dark="#000", light="#fff")
    return mark_safe(svg)  # segno writes the markup from our own code, no user input


def join_signature(registration: Registration, session: Session) -> str:
    value = f"{registration.pk}:{session.pk}:{registration.link_secret}"
    return salted_hmac("concours.events.join", value, algorithm="sha256").hexdigest()[:40]


def join_path(registration: Registration, session: Session) -> str:
    return reverse(
        "events:join",
        kwargs={
            "registration_id": registration.pk,
            "session_id": session.pk,
            "signature": join_signature(registration, session),
        },
    )


def join_url(registration: Registration, session: Session) -> str:
    return settings.CONCOURS_SITE_URL.rstrip("/") + join_path(registration, session)


def signature_valid(registration: Registration, session: Session, signature: str) -> bool:
    return constant_time_compare(join_signature(registration, session), signature)


def join_window(session: Session) -> tuple[dt.datetime, dt.datetime]:
    event = session.event
    return (
        session.starts_at - dt.timedelta(minutes=event.join_opens_minutes),
        session.ends_at + dt.timedelta(minutes=event.join_closes_minutes),
    )


def revoke_join_links(*, registration: Registration) -> None:
    """Every join link of the registration stops working; new ones are shown on its page."""
    registration.link_secret = new_link_secret()
    Registration.objects.filter(pk=registration.pk).update(link_secret=registration.link_secret)
