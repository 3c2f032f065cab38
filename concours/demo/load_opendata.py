"""The open-data part of the demo: a member that runs its own Concours elsewhere publishes its
edition to the federation's directory with an interchange document (docs/open-data.md).

The Weimar International Viola Competition (fictional, founded 2018) is not run on this site:
its 2026 edition — two divisions with birth-date windows and fees, pre-selection, first round
and final, prizes (a shared third prize, a withheld junior prize), a jury, and the published
results of three rounds — arrives as the document ``opendata_weimar_2026.json`` (canonical
``concours-edition`` 1.0) and goes through the real import, validation included: the import
creates the competition (a member of the federation), its host city and the edition.

Runs on a database that already holds the rest of the demo (``services.load_demo``).
"""

from __future__ import annotations

from pathlib import Path

from concours.accounts.models import User
from concours.demo import data
from concours.federation.models import Federation
from concours.opendata.messages import line
from concours.opendata.services import ImportOutcome, import_text

#: The member's document, as it would send it to the secretariat.
DOCUMENT = Path(__file__).with_name("opendata_weimar_2026.json")
#: The imported competition's slug and the edition's year.
SLUG, YEAR = "weimar-viola", 2026


class DemoDocumentRefused(Exception):
    """The shipped document no longer passes the import (a bug in the demo)."""


def load_opendata(*, federation: Federation, actor: User | None = None) -> ImportOutcome:
    """Import the Weimar 2026 document into ``federation``, by ``actor`` (by default the demo's
    secretariat log-in, when it exists), all or nothing. Loading it again replaces the edition
    it imported, as a member's corrected document would."""
    if actor is None:
        actor = User.objects.filter(email=data.SECRETARIAT_LOGIN.email).first()
    found = import_text(text=DOCUMENT.read_bytes(), federation=federation, actor=actor)
    if isinstance(found, list):
        raise DemoDocumentRefused("\n".join(line(DOCUMENT.name, problem) for problem in found))
    return found
