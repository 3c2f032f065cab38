"""``manage.py demo_logins``: the demo's log-ins, one per role, with the shared password."""

from collections.abc import Sequence
from typing import Any

from django.core.management.base import BaseCommand

from concours.accounts.models import User
from concours.assembly.models import Delegate
from concours.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from concours.demo.schoenfeld import OPEN_EDITION_YEAR
from concours.demo.services import demo_is_loaded, open_edition, open_edition_logins

HEADERS = ("E-mail", "Name", "Role", "Can see")
APPLICANT_HEADERS = ("E-mail", "Name", "Division", "Status")
DELEGATE_HEADERS = ("E-mail", "Name", "Member", "Assembly")


class Command(BaseCommand):
    help = (
        "Print the demo log-ins (e-mail, role, what each can see) and the shared password, and "
        "a candidate of Schoenfeld 2027 in each status."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        names = dict(
            User.objects.filter(email__in=[login.email for login in DEMO_LOGINS]).values_list(
                "email", "full_name"
            )
        )
        rows = [
            (login.email, names.get(login.email, login.full_name), login.role, login.sees)
            for login in DEMO_LOGINS
        ]
        self.stdout.write(f"Demo log-ins (every one has the password “{DEMO_PASSWORD}”):")
        self.stdout.write(format_table(HEADERS, rows))
        if not demo_is_loaded():
            self.stdout.write(
                self.style.WARNING("The demo data is not loaded yet: run `manage.py load_demo`.")
            )
            return
        edition = open_edition()
        applicants = open_edition_logins()
        if edition is not None and edition.applications_close_at is not None and applicants:
            closes = edition.applications_close_at.astimezone(edition.zone)
            self.stdout.write("")
            self.stdout.write(
                f"Schoenfeld {OPEN_EDITION_YEAR} takes applications until {closes:%Y-%m-%d %H:%M} "
                f"({edition.time_zone}). Its candidates, one per status of their application "
                "(same password):"
            )
            self.stdout.write(format_table(APPLICANT_HEADERS, applicants))
        delegates = [
            (d.user.email, d.user.full_name, d.competition.name_en, d.assembly.event.title_en)
            for d in Delegate.objects.filter(voting=True)
            .select_related("user", "competition", "assembly__event")
            .order_by("assembly_id", "competition__name_en")
        ]
        if delegates:
            self.stdout.write("")
            self.stdout.write(
                "Voting delegates to the General Assembly (same password; they vote from /me/):"
            )
            self.stdout.write(format_table(DELEGATE_HEADERS, delegates))


def format_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table with columns padded to their widest cell."""
    widths = [max(len(row[column]) for row in [headers, *rows]) for column in range(len(headers))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.ljust(width) for cell, width in zip(cells, widths, strict=True)
        ).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(headers), rule, *(line(row) for row in rows)])
