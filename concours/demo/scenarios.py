"""The stories of the Schoenfeld 2027 applications: which exist, and what happened to each.

``SCENARIOS`` lists one application per entry: its division, its status and what is special
about it. ``statuses_after_draft`` gives the statuses it went through, and ``change_times`` when
(in days after the window opened, all within ``LATEST``); the office's notes and reasons are here
too. ``applicants`` turns the scenarios into people and items.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from concours.applications.models import ApplicationStatus, ItemKind, TeachingKind

S = ApplicationStatus

#: Everything in the demo's 2027 history happens this long after applications opened, at most
#: (the window opened 30 days before the day of loading, at 10:00 in Harbin).
LATEST = dt.timedelta(days=28, hours=18)

#: The fee of the string divisions (paid on submission) and of chamber music (on admission).
SOLO_FEE = ("100", "USD")
CHAMBER_FEE = ("200", "USD")

#: Adults at any load from August 2026 on: 18 on 1 August 2026.
ADULTS_BORN_BY = dt.date(2008, 8, 1)
#: Under 18 on any day of the 2027 window, and 16 or older on 1 August 2027.
MINORS_BORN = (dt.date(2009, 9, 1), dt.date(2011, 6, 30))
#: Fifteen on 1 August 2027: one year too young for the string divisions.
FIFTEEN_BORN = (dt.date(2011, 9, 1), dt.date(2012, 6, 30))
#: Thirty-three on 1 August 2027: one year too old.
THIRTY_THREE_BORN = (dt.date(1993, 9, 1), dt.date(1994, 7, 15))
#: Ensemble players aged 20 to 29 on 1 August 2027, so four of them stay under the total-age cap.
ENSEMBLE_BORN = (dt.date(1998, 1, 1), dt.date(2006, 12, 31))

#: Candidates' telephone numbers come from the range Ofcom keeps for drama (+44 7700 900000–999):
#: they never ring anyone.
PHONE_PREFIX = "+44 7700 900"

#: Recordings are links to videos that do not exist: ``demo`` and a number is no YouTube id.
VIDEO_URL = "https://www.youtube.com/watch?v=demo{number:04d}"
DEMO_VIDEO = "demo link, no real video"

#: A place of study per country of residence (real conservatories, by name only).
PLACES_OF_STUDY: dict[str, tuple[str, ...]] = {
    "CN": ("Central Conservatory of Music, Beijing", "Shanghai Conservatory of Music", "Harbin Conservatory of Music"),
    "TW": ("Taipei National University of the Arts",),
    "JP": ("Tokyo University of the Arts", "Toho Gakuen School of Music"),
    "KR": ("Korea National University of Arts, Seoul",),
    "RU": ("Moscow State Tchaikovsky Conservatory",),
    "UA": ("Ukrainian National Tchaikovsky Academy of Music, Kyiv",),
    "GR": ("Athens Conservatoire",),
    "GE": ("Tbilisi State Conservatoire",),
    "AM": ("Yerevan Komitas State Conservatory",),
    "IL": ("Buchmann-Mehta School of Music, Tel Aviv",),
    "EG": ("Cairo Conservatoire",),
    "TH": ("Mahidol University College of Music",),
    "DE": ("Hochschule für Musik Hanns Eisler Berlin", "Kronberg Academy"),
    "FR": ("Conservatoire national supérieur de musique et de danse de Paris",),
    "IT": ("Accademia Walter Stauffer, Cremona",),
    "US": ("The Juilliard School, New York", "Curtis Institute of Music, Philadelphia"),
    "GB": ("Royal Academy of Music, London", "Royal College of Music, London"),
    "PL": ("Fryderyk Chopin University of Music, Warsaw",),
    "ES": ("Escuela Superior de Música Reina Sofía, Madrid",),
    "NL": ("Conservatorium van Amsterdam",),
    "CZ": ("Academy of Performing Arts in Prague",),
    "HU": ("Liszt Academy of Music, Budapest",),
    "CA": ("The Glenn Gould School, Toronto",),
    "AU": ("Australian National Academy of Music, Melbourne",),
    "BR": ("Escola de Música do Estado de São Paulo",),
    "AT": ("University of Music and Performing Arts Vienna",),
    "CH": ("Hochschule für Musik Basel",),
}  # fmt: skip


# --- The scenarios ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scenario:
    """An application's division, status and what is special about it (``flags``):

    - drafts: ``login`` (the demo candidate's: half the repertoire, no documents), ``almost``
      (all but the recording), ``ready`` (all but the guardian's confirmation), ``half`` (the
      first live round's programme and a photo), ``fresh`` (just started);
    - people: ``minor`` (under 18: a guardian's consent), ``exception`` (a 15-year-old cellist
      the office accepts), ``too-old`` (33, found out from the passport: ineligible);
    - the office: ``reopen-<item>`` (the item reopened: incomplete), ``after-complete``
      (reopened after it was marked complete), ``corrected`` (a reopened item the candidate has
      corrected), ``waived`` (fee waived), ``via-reserve`` (admitted from the reserve list);
    - withdrawals: ``withdraw-draft`` (by the candidate, before submitting), ``withdraw-refund``
      (by the candidate after the office's review; fee refunded), ``withdraw-office`` (by the
      office at the candidate's request, during the pre-selection);
    - ``teacher:<juror>``: a teacher who is one of the demo jurors (see ``JUROR_TEACHERS``);
    - ``quartet``: a string quartet rather than a piano trio; ``letter-pending``: a
      recommendation letter asked for and not arrived.
    """

    division: str
    status: ApplicationStatus
    flags: frozenset[str] = field(default_factory=frozenset)


def _s(division: str, status: ApplicationStatus, *flags: str) -> Scenario:
    return Scenario(division, status, frozenset(flags))


V, C, K = "violin", "cello", "chamber-music"

SCENARIOS: tuple[Scenario, ...] = (
    _s(V, S.DRAFT, "login"),
    _s(V, S.DRAFT, "almost"),
    _s(V, S.DRAFT, "fresh"),
    _s(C, S.DRAFT, "ready", "minor"),
    _s(C, S.DRAFT, "half"),
    _s(K, S.DRAFT, "half", "quartet"),
    _s(V, S.SUBMITTED, "letter-pending"),
    _s(V, S.SUBMITTED),
    _s(V, S.SUBMITTED, "waived"),
    _s(C, S.SUBMITTED),
    _s(C, S.SUBMITTED),
    _s(K, S.SUBMITTED),
    _s(V, S.COMPLETE),
    _s(V, S.COMPLETE),
    _s(C, S.COMPLETE),
    _s(K, S.COMPLETE, "quartet"),
    _s(V, S.INCOMPLETE, "reopen-recordings"),
    _s(C, S.INCOMPLETE, "reopen-documents", "after-complete"),
    _s(V, S.INCOMPLETE, "reopen-fee"),
    _s(V, S.ELIGIBLE, "corrected"),
    _s(V, S.ELIGIBLE),
    _s(C, S.ELIGIBLE, "exception", "minor"),
    _s(C, S.ELIGIBLE, "waived"),
    _s(K, S.ELIGIBLE),
    _s(V, S.INELIGIBLE, "too-old"),
    _s(V, S.IN_PRESELECTION, "teacher:demo-juror"),
    _s(V, S.IN_PRESELECTION, "minor"),
    _s(V, S.IN_PRESELECTION),
    _s(C, S.IN_PRESELECTION, "teacher:cello-chair"),
    _s(C, S.IN_PRESELECTION),
    _s(C, S.IN_PRESELECTION),
    _s(K, S.IN_PRESELECTION, "teacher:chamber-juror"),
    _s(K, S.IN_PRESELECTION, "quartet"),
    _s(V, S.ADMITTED, "teacher:violin-masterclass"),
    _s(V, S.ADMITTED, "via-reserve"),
    _s(C, S.ADMITTED),
    _s(C, S.ADMITTED),
    _s(K, S.ADMITTED),
    _s(V, S.RESERVE, "teacher:violin-chair"),
    _s(C, S.RESERVE),
    _s(K, S.RESERVE, "quartet"),
    _s(V, S.NOT_ADMITTED),
    _s(C, S.NOT_ADMITTED),
    _s(K, S.NOT_ADMITTED),
    _s(V, S.WITHDRAWN, "withdraw-draft"),
    _s(C, S.WITHDRAWN, "withdraw-refund"),
    _s(V, S.WITHDRAWN, "withdraw-office"),
)

# --- Office notes and reasons --------------------------------------------------------------------

REOPEN_REASONS: dict[str, tuple[ItemKind, str]] = {
    "reopen-recordings": (
        ItemKind.RECORDINGS,
        "The link leads to a private video that the jury cannot open. Please set the video to "
        "“unlisted”, or add a new link.",
    ),
    "reopen-documents": (
        ItemKind.DOCUMENTS,
        "The photo shows several people. Please upload a portrait of yourself alone.",
    ),
    "reopen-fee": (
        ItemKind.FEE,
        "The bank received 80 USD: the transfer charges were taken from the fee of 100 USD. "
        "Please transfer the remaining 20 USD and upload the new slip.",
    ),
    "corrected": (
        ItemKind.RECORDINGS,
        "The recording lasts 12 minutes; the rules ask for 15 to 20. Please add a new recording "
        "of the whole programme.",
    ),
}

EXCEPTION_REASON = (
    "Accepted below the minimum age of 16 (the candidate is 15 on 1 August 2027): the artistic "
    "committee heard recordings of recent concerts and agreed to an exception."
)
WAIVER_NOTE = "Waived under the competition's fee waiver for candidates in financial need."
REFUND_NOTE = "Paid by bank transfer; refunded after the candidate withdrew before the deadline."


def office_note(new: ApplicationStatus, *, ensemble: bool, from_reserve: bool) -> str:
    if new == S.COMPLETE:
        return (
            "Members, documents and recording checked."
            if ensemble
            else "Documents, recording and fee checked."
        )
    if new == S.ELIGIBLE:
        return (
            "Dates of birth and the total age checked against the passports."
            if ensemble
            else "Date of birth checked against the passport."
        )
    if new == S.IN_PRESELECTION:
        return "Recording sent to the pre-selection jury."
    if new == S.ADMITTED:
        return (
            "A place became free: admitted from the reserve list."
            if from_reserve
            else "Admitted to round 1 after the pre-selection."
        )
    if new == S.RESERVE:
        return "On the reserve list after the pre-selection."
    if new == S.NOT_ADMITTED:
        return "Not admitted after the pre-selection."
    if new == S.WITHDRAWN:
        return "Withdrawn at the candidate's request (e-mail to the office)."
    return ""


# --- Jurors who taught candidates ----------------------------------------------------------------


@dataclass(frozen=True)
class JurorTeacher:
    """How a demo juror taught a candidate (``teacher:<key>`` in a scenario's flags)."""

    key: str
    kind: TeachingKind
    started_on: dt.date
    ended_on: dt.date | None
    lessons: int | None


#: Jurors of Schoenfeld 2025 (``people.generate_jury``) named as teachers, for the
#: conflict-of-interest rules: "jurors do not mark their own students (current students, or
#: lessons within the last three years)". The master class is older than three years before the
#: 2027 edition: the one case that is *not* a conflict under that rule.
JUROR_TEACHERS = (
    JurorTeacher("demo-juror", TeachingKind.REGULAR, dt.date(2024, 9, 1), None, None),
    JurorTeacher(
        "violin-chair", TeachingKind.PRIVATE, dt.date(2026, 2, 7), dt.date(2026, 6, 27), 5
    ),
    JurorTeacher(
        "cello-chair", TeachingKind.PRIVATE, dt.date(2025, 9, 6), dt.date(2026, 3, 28), 12
    ),
    JurorTeacher(
        "violin-masterclass",
        TeachingKind.MASTERCLASS,
        dt.date(2021, 7, 12),
        dt.date(2021, 7, 18),
        3,
    ),
    JurorTeacher(
        "chamber-juror", TeachingKind.REGULAR, dt.date(2019, 9, 1), dt.date(2025, 6, 30), None
    ),
)


def statuses_after_draft(scenario: Scenario) -> list[tuple[ApplicationStatus, bool]]:
    """The statuses an application went through after the draft, and whether the candidate
    (rather than the office) made each change."""
    status, flags = scenario.status, scenario.flags
    if "withdraw-draft" in flags:
        return [(S.WITHDRAWN, True)]
    if status == S.DRAFT:
        return []
    path = [(S.SUBMITTED, True)]
    if "corrected" in flags:
        path.append((S.INCOMPLETE, False))
    if status == S.SUBMITTED:
        return path
    if status == S.INCOMPLETE:
        if "after-complete" in flags:
            path.append((S.COMPLETE, False))
        return [*path, (S.INCOMPLETE, False)]
    path.append((S.COMPLETE, False))
    if status == S.COMPLETE:
        return path
    if status == S.INELIGIBLE:
        return [*path, (S.INELIGIBLE, False)]
    path.append((S.ELIGIBLE, False))
    if status == S.ELIGIBLE:
        return path
    if "withdraw-refund" in flags:
        return [*path, (S.WITHDRAWN, True)]
    path.append((S.IN_PRESELECTION, False))
    if status == S.IN_PRESELECTION:
        return path
    if "withdraw-office" in flags:
        return [*path, (S.WITHDRAWN, False)]
    if "via-reserve" in flags:
        return [*path, (S.RESERVE, False), (S.ADMITTED, False)]
    return [*path, (status, False)]


def change_times(
    rng: random.Random, path: Sequence[tuple[ApplicationStatus, bool]], status: ApplicationStatus
) -> tuple[float, list[float]]:
    """When the application was created and when each change of ``path`` was made, in days
    after the window opened: reviews within days, the pre-selection from day 19, its results
    from day 24."""
    if len(path) <= 1 and status in (S.DRAFT, S.SUBMITTED):
        created = rng.uniform(0.2, 18)
    else:
        created = rng.uniform(0.2, 5)
    times: list[float] = []
    now = created
    previous: ApplicationStatus = S.DRAFT
    for new, _by_candidate in path:
        if new == S.SUBMITTED:
            now += rng.uniform(1, 6)
        elif new == S.IN_PRESELECTION:
            now = max(now + 0.2, 19 + rng.uniform(0, 1.5))
        elif new == S.ADMITTED and previous == S.RESERVE:
            now += rng.uniform(0.5, 1.5)
        elif new in (S.ADMITTED, S.RESERVE, S.NOT_ADMITTED) and previous == S.IN_PRESELECTION:
            now = max(now + 0.2, 24 + rng.uniform(0, 1.5))
        else:
            now += rng.uniform(0.3, 2)
        times.append(now)
        previous = new
    return created, times
