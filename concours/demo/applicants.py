"""The applicants of Schoenfeld 2027, the edition open to applications in the demo.

One application, at least, in every status of the workflow (``applications.workflow``), each with
what that status implies: a draft is partly filled; a submitted application has a programme that
meets every round's requirements, a recording, the three documents and its fee; the office's
later steps follow ``OFFICE_TRANSITIONS``, each with a time, and an incomplete application has
the item the office reopened. ``scenarios.SCENARIOS`` lists them, with what is special about
each.

The demo office moves faster than a real one: it pre-selects and admits while applications are
still open, so that every state can be explored at once.

Nothing here touches the database, nor the clock: times are offsets after the window opened
(``schoenfeld.open_window``), all within ``scenarios.LATEST``, so that everything has happened by
the time the demo is loaded; ``load_applicants`` turns them into datetimes. Dates that do not
follow the clock (births, teachers' periods) are plain dates.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from concours.applications.models import (
    ApplicationStatus,
    DocumentKind,
    FeeStatus,
    TeachingKind,
)
from concours.demo.data import DEMO_EMAIL_DOMAIN, DEMO_LOGINS
from concours.demo.names import CANDIDATES_PER_COUNTRY, COUNTRIES, countries_for
from concours.demo.repertoire import PIANO_TRIO, PROGRAMMES, STRING_QUARTET, programme_kind
from concours.demo.scenarios import (
    ADULTS_BORN_BY,
    CHAMBER_FEE,
    DEMO_VIDEO,
    ENSEMBLE_BORN,
    EXCEPTION_REASON,
    FIFTEEN_BORN,
    JUROR_TEACHERS,
    LATEST,
    MINORS_BORN,
    PHONE_PREFIX,
    PLACES_OF_STUDY,
    REFUND_NOTE,
    REOPEN_REASONS,
    SCENARIOS,
    SOLO_FEE,
    THIRTY_THREE_BORN,
    VIDEO_URL,
    WAIVER_NOTE,
    K,
    Scenario,
    change_times,
    office_note,
    statuses_after_draft,
)
from concours.demo.schoenfeld import open_edition
from concours.demo.specs import (
    ApplicantSpec,
    ConsentSpec,
    DocumentSpec,
    ExceptionSpec,
    FeeSpec,
    LetterSpec,
    MemberSpec,
    PieceSpec,
    ProfileSpec,
    RecordingSpec,
    ReopeningSpec,
    StepSpec,
    TeacherSpec,
)

if TYPE_CHECKING:  # ``people`` generates these people and imports this module
    from concours.demo.people import CandidateSpec, NameGenerator, PersonName

S = ApplicationStatus


# --- Generation ------------------------------------------------------------------------------------


def _days(value: float) -> dt.timedelta:
    """``value`` days, to the minute."""
    return dt.timedelta(minutes=round(value * 24 * 60))


def _between(rng: random.Random, earliest: dt.date, latest: dt.date) -> dt.date:
    return earliest + dt.timedelta(days=rng.randint(0, (latest - earliest).days))


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


#: Letters that Unicode does not decompose into a Latin letter and an accent.
_LATIN = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D"})


def _slug(text: str) -> str:
    """``text`` in lower-case ASCII letters, digits and hyphens: Wójcik → wojcik."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN))
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum() or ch == "-")


class _Emails:
    """Unique addresses at the example domain, from people's names."""

    def __init__(self) -> None:
        self._used = {login.email for login in DEMO_LOGINS}

    def make(self, *parts: str) -> str:
        local = ".".join(_slug(part) for part in parts if _slug(part))
        email = f"{local}@{DEMO_EMAIL_DOMAIN}"
        number = 2
        while email in self._used:
            email = f"{local}{number}@{DEMO_EMAIL_DOMAIN}"
            number += 1
        self._used.add(email)
        return email


class _Generator:
    def __init__(
        self,
        rng: random.Random,
        names: NameGenerator,
        juror_names: Mapping[str, str],
        login: CandidateSpec,
    ) -> None:
        self.rng = rng
        self.names = names
        self.login = login
        self.emails = _Emails()
        self.juror_names = juror_names
        self.videos = 0
        self.phones = 0
        self.edition = open_edition()
        self.windows = {
            d.slug: (d.born_on_or_after, d.born_on_or_before) for d in self.edition.divisions
        }
        self.countries = [code for code, count in CANDIDATES_PER_COUNTRY.items() for _ in range(count)]  # fmt: skip

    # -- people --

    def _country(self) -> str:
        return self.rng.choice(self.countries)

    def _birth_date(self, scenario: Scenario) -> dt.date:
        flags = scenario.flags
        if "exception" in flags:
            return _between(self.rng, *FIFTEEN_BORN)
        if "minor" in flags:
            return _between(self.rng, *MINORS_BORN)
        if "too-old" in flags:
            return _between(self.rng, *THIRTY_THREE_BORN)
        if scenario.division == K:
            return _between(self.rng, *ENSEMBLE_BORN)
        earliest, _latest = self.windows[scenario.division]
        assert earliest is not None
        span = (ADULTS_BORN_BY - earliest).days
        return earliest + dt.timedelta(days=round(self.rng.triangular(0, span, span * 0.6)))

    def _phone(self) -> str:
        self.phones += 1
        return f"{PHONE_PREFIX}{self.phones:03d}"

    def _place_of_study(self, residence: str) -> str:
        return self.rng.choice(PLACES_OF_STUDY[residence])

    def profile(self, scenario: Scenario) -> ProfileSpec:
        if "login" in scenario.flags:
            login = self.login
            return ProfileSpec(
                given=login.name.given, family=login.name.family, native=login.name.native,
                birth_date=login.birth_date, citizenship=login.citizenship, other_citizenships=(),
                country_represented=login.country_represented, residence=login.residence,
                place_of_study=self._place_of_study(login.residence), phone=self._phone(),
                email=next(x.email for x in DEMO_LOGINS if x.email.startswith("candidate@")),
                language="en",
            )  # fmt: skip
        citizenship = self._country()
        name = self.names.generate(COUNTRIES[citizenship], female=self.rng.random() < 0.5)
        represented, residence = countries_for(self.rng, citizenship)
        others: tuple[str, ...] = ()
        if residence != citizenship and self.rng.random() < 0.5:
            others = (residence,)
        return ProfileSpec(
            given=name.given, family=name.family, native=name.native,
            birth_date=self._birth_date(scenario), citizenship=citizenship,
            other_citizenships=others, country_represented=represented, residence=residence,
            place_of_study=self._place_of_study(residence), phone=self._phone(),
            email=self.emails.make(name.given, name.family),
            language="zh-hans" if citizenship in ("CN", "TW") else "en",
        )  # fmt: skip

    def members(self, profile: ProfileSpec, instruments: tuple[str, ...]) -> tuple[MemberSpec, ...]:
        members = [
            MemberSpec(
                profile.given, profile.family, profile.native, profile.birth_date,
                instruments[0], profile.citizenship,
            )
        ]  # fmt: skip
        for instrument in instruments[1:]:
            citizenship = profile.citizenship if self.rng.random() < 0.5 else self._country()
            name = self.names.generate(COUNTRIES[citizenship], female=self.rng.random() < 0.5)
            members.append(
                MemberSpec(
                    name.given, name.family, name.native,
                    _between(self.rng, *ENSEMBLE_BORN), instrument, citizenship,
                )
            )  # fmt: skip
        return tuple(members)

    def _teacher_name(self, country: str, profile: ProfileSpec) -> PersonName:
        """A teacher's name, of another family than the candidate's (no relatives)."""
        while True:
            name = self.names.generate(COUNTRIES[country], female=self.rng.random() < 0.5)
            if name.family != profile.family:
                return name

    def teachers(self, scenario: Scenario, profile: ProfileSpec) -> tuple[TeacherSpec, ...]:
        rng = self.rng
        country = profile.residence if profile.residence in COUNTRIES else profile.citizenship
        teachers: list[TeacherSpec] = []
        for link in JUROR_TEACHERS:
            if f"teacher:{link.key}" in scenario.flags:
                teachers.append(
                    TeacherSpec(
                        name=self.juror_names[link.key],
                        institution=profile.place_of_study
                        if link.kind == TeachingKind.REGULAR
                        else "",
                        kind=link.kind, started_on=link.started_on, ended_on=link.ended_on,
                        lessons=link.lessons, juror=self.juror_names[link.key],
                    )
                )  # fmt: skip
        if not any(t.kind == TeachingKind.REGULAR and t.ended_on is None for t in teachers):
            name = self._teacher_name(country, profile)
            teachers.append(
                TeacherSpec(
                    name=name.latin, institution=profile.place_of_study, kind=TeachingKind.REGULAR,
                    started_on=dt.date(rng.randint(2020, 2025), 9, 1), ended_on=None,
                )
            )  # fmt: skip
        if len(teachers) == 1 and rng.random() < 0.5:
            name = self._teacher_name(profile.citizenship, profile)
            kind = rng.choice(list(TeachingKind))
            current_start = teachers[0].started_on
            if kind == TeachingKind.REGULAR:
                started = dt.date(current_start.year - rng.randint(3, 6), 9, 1)
                ended = current_start - dt.timedelta(days=rng.randint(30, 90))
                lessons = None
            elif kind == TeachingKind.PRIVATE:
                started = _between(rng, dt.date(2022, 1, 1), dt.date(2025, 6, 30))
                ended = started + dt.timedelta(days=rng.randint(60, 240))
                lessons = rng.randint(4, 20)
            else:
                started = dt.date(rng.randint(2021, 2026), 7, rng.randint(5, 20))
                ended = started + dt.timedelta(days=6)
                lessons = rng.randint(2, 4)
            institution = {
                TeachingKind.REGULAR: profile.place_of_study,
                TeachingKind.PRIVATE: "",
                TeachingKind.MASTERCLASS: "Summer academy",
            }[kind]
            teachers.append(
                TeacherSpec(
                    name=name.latin, institution=institution, kind=kind, started_on=started,
                    ended_on=ended, lessons=lessons,
                )
            )  # fmt: skip
        return tuple(teachers)

    # -- items --

    def programme(
        self, scenario: Scenario, instruments: tuple[str, ...]
    ) -> tuple[tuple[int, PieceSpec], ...]:
        flags = scenario.flags
        if "fresh" in flags:
            return ()
        rounds = PROGRAMMES[programme_kind(scenario.division, instruments)]
        chosen = {number: self.rng.choice(options) for number, options in rounds.items()}
        if "login" in flags:
            first, second = sorted(chosen)[:2]
            return (
                *((first, piece) for piece in chosen[first]),
                (second, chosen[second][0]),
            )
        if "half" in flags or "withdraw-draft" in flags:
            first = min(chosen)
            return tuple((first, piece) for piece in chosen[first])
        return tuple((number, piece) for number in sorted(chosen) for piece in chosen[number])

    def recording(
        self, pieces: Sequence[tuple[int, PieceSpec]], created: float, declared: float
    ) -> RecordingSpec:
        self.videos += 1
        first = min(number for number, _ in pieces)
        played = "; ".join(
            f"{piece.composer.split()[-1]}: {piece.work.split(',')[0]}"
            + (f" ({piece.movements})" if piece.movements else "")
            for number, piece in pieces
            if number == first
        )
        return RecordingSpec(
            url=VIDEO_URL.format(number=self.videos),
            title=f"{played} [{DEMO_VIDEO}]",
            recorded=_days(created - self.rng.uniform(10, 200)),
            declared=_days(declared),
        )

    def documents(self, *, start: float, end: float, fee_proof: bool) -> tuple[DocumentSpec, ...]:
        kinds = [DocumentKind.PHOTO, DocumentKind.CV, DocumentKind.BIRTH_PROOF]
        if fee_proof:
            kinds.append(DocumentKind.FEE_PROOF)
        moments = sorted(self.rng.uniform(start, end) for _ in kinds)
        return tuple(
            DocumentSpec(
                kind,
                _days(moment),
                "png"
                if kind == DocumentKind.PHOTO
                or (kind == DocumentKind.BIRTH_PROOF and self.rng.random() < 0.3)
                else "pdf",
            )
            for kind, moment in zip(kinds, moments, strict=True)
        )

    def guardian(
        self, profile: ProfileSpec, requested: float, confirmed: float | None
    ) -> ConsentSpec:
        name = self.names.generate(COUNTRIES[profile.citizenship], female=self.rng.random() < 0.6)
        return ConsentSpec(
            guardian_name=name.latin,
            guardian_email=self.emails.make("guardian", profile.given, profile.family),
            requested=_days(requested),
            confirmed=_days(confirmed) if confirmed is not None else None,
        )

    # -- one applicant --

    def applicant(self, scenario: Scenario) -> ApplicantSpec:
        rng, flags = self.rng, scenario.flags
        ensemble = scenario.division == K
        profile = self.profile(scenario)
        instruments = (STRING_QUARTET if "quartet" in flags else PIANO_TRIO) if ensemble else ()
        members = self.members(profile, instruments) if ensemble else ()
        path = statuses_after_draft(scenario)
        created, times = change_times(rng, path, scenario.status)
        steps: list[StepSpec] = []
        reopenings: list[ReopeningSpec] = []
        old = S.DRAFT
        for (new, by_candidate), at in zip(path, times, strict=True):
            note = ""
            if not by_candidate:
                note = office_note(new, ensemble=ensemble, from_reserve=old == S.RESERVE)
            if new == S.INCOMPLETE:
                key = next(flag for flag in REOPEN_REASONS if flag in flags)
                item, note = REOPEN_REASONS[key]
                reopenings.append(ReopeningSpec(item, note, _days(at), None))
            if new == S.INELIGIBLE:
                entered = profile.birth_date.replace(year=profile.birth_date.year + 1)
                note = (
                    f"The passport gives {_date(profile.birth_date)} as the date of birth; the "
                    f"form said {_date(entered)}. The candidate is 33 on 1 August 2027, above "
                    "the age limit of 32."
                )
            steps.append(StepSpec(old, new, _days(at), by_candidate, note))
            old = new
        submitted = next(
            (at for (new, _), at in zip(path, times, strict=True) if new == S.SUBMITTED), None
        )
        # When a draft was last saved: its items were filled in between ``created`` and ``end``.
        end = (
            submitted if submitted is not None else min(created + rng.uniform(0.5, 6), LATEST.days)
        )
        if "withdraw-draft" in flags:
            end = times[0] - 0.1
        filled = not ({"login", "fresh", "half", "withdraw-draft"} & flags)

        pieces = self.programme(scenario, instruments)
        teachers = () if "fresh" in flags else self.teachers(scenario, profile)
        recordings: list[RecordingSpec] = []
        if filled and "almost" not in flags:
            recordings.append(self.recording(pieces, created, rng.uniform(created, end)))
        if "corrected" in flags:  # the new recording replaced the 12-minute one
            opened, completed = times[1], times[2]
            closed = opened + (completed - opened) * 0.6
            reopenings[0] = ReopeningSpec(
                reopenings[0].item, reopenings[0].reason, reopenings[0].opened, _days(closed)
            )
            recordings = [self.recording(pieces, closed, closed - 0.02)]

        fee = self.fee(scenario, created, end, path, times)
        documents: tuple[DocumentSpec, ...] = ()
        if filled:
            documents = self.documents(
                start=created, end=end,
                fee_proof=fee is not None and fee.status not in (FeeStatus.WAIVED, FeeStatus.NOT_DUE, FeeStatus.DUE),
            )  # fmt: skip
        elif "half" in flags or "withdraw-draft" in flags:
            documents = (DocumentSpec(DocumentKind.PHOTO, _days(rng.uniform(created, end)), "png"),)

        consent = None
        if "minor" in flags:
            requested = created + (end - created) * 0.1
            confirmed = None if scenario.status == S.DRAFT else created + (end - created) * 0.5
            consent = self.guardian(profile, requested, confirmed)
        exception = None
        if "exception" in flags:
            exception = ExceptionSpec(
                ("born_too_late",), EXCEPTION_REASON, _days(created + (end - created) * 0.3)
            )
        letters: tuple[LetterSpec, ...] = ()
        if "letter-pending" in flags or scenario.status in (
            S.IN_PRESELECTION,
            S.ADMITTED,
            S.RESERVE,
            S.NOT_ADMITTED,
        ):
            referee = teachers[0].name
            requested = created + (end - created) * 0.2
            received = None if "letter-pending" in flags else created + (end - created) * 0.8
            letters = (
                LetterSpec(
                    referee, self.emails.make(*referee.split()), _days(requested),
                    _days(received) if received is not None else None,
                ),
            )  # fmt: skip

        moments = [created, end, *times]
        if fee is not None and fee.confirmed is not None:
            moments.append(fee.confirmed / dt.timedelta(days=1))
        for reopening in reopenings:
            if reopening.closed is not None:
                moments.append(reopening.closed / dt.timedelta(days=1))
        updated = max(moments)
        if updated > LATEST / dt.timedelta(days=1):
            raise ValueError(f"{scenario}: its history runs past {LATEST}.")
        return ApplicantSpec(
            profile=profile,
            is_demo_login="login" in flags,
            division=scenario.division,
            status=scenario.status,
            created=_days(created),
            submitted=_days(submitted) if submitted is not None else None,
            updated=_days(updated),
            steps=tuple(steps),
            pieces=pieces,
            members=members,
            teachers=teachers,
            recordings=tuple(recordings),
            documents=documents,
            letters=letters,
            fee=fee,
            consent=consent,
            exception=exception,
            reopenings=tuple(reopenings),
        )

    def fee(
        self,
        scenario: Scenario,
        created: float,
        end: float,
        path: Sequence[tuple[ApplicationStatus, bool]],
        times: Sequence[float],
    ) -> FeeSpec | None:
        """The fee row: chamber music pays on admission, the string divisions before they
        submit (proof uploaded; paid once the office confirms it, when it marks the application
        complete)."""
        flags = scenario.flags
        reached = dict(zip((new for new, _ in path), times, strict=True))
        if scenario.division == K:
            if S.SUBMITTED not in reached:
                return None
            status = FeeStatus.DUE if scenario.status == S.ADMITTED else FeeStatus.NOT_DUE
            return FeeSpec(status, *CHAMBER_FEE)
        if not ({"almost", "ready"} & flags) and S.SUBMITTED not in reached:
            return None
        if "waived" in flags:
            return FeeSpec(
                FeeStatus.WAIVED, *SOLO_FEE, confirmed=_days(created + (end - created) * 0.4),
                note=WAIVER_NOTE,
            )  # fmt: skip
        if "withdraw-refund" in flags:
            refunded = reached[S.WITHDRAWN] + self.rng.uniform(0.2, 1)
            return FeeSpec(
                FeeStatus.REFUNDED, *SOLO_FEE, confirmed=_days(refunded), note=REFUND_NOTE
            )
        if S.COMPLETE in reached and "reopen-fee" not in flags:
            return FeeSpec(FeeStatus.PAID, *SOLO_FEE, confirmed=_days(reached[S.COMPLETE]))
        return FeeSpec(FeeStatus.PROOF_UPLOADED, *SOLO_FEE)


def generate_applicants(
    rng: random.Random,
    names: NameGenerator,
    *,
    juror_names: Mapping[str, str],
    login: CandidateSpec,
) -> tuple[ApplicantSpec, ...]:
    """The applicants of ``SCENARIOS``, in order. ``names`` is the generator that named the
    2025 people (so nobody is named twice), ``juror_names`` the juror behind each key of
    ``JUROR_TEACHERS``, ``login`` the demo candidate of 2025."""
    generator = _Generator(rng, names, juror_names, login)
    return tuple(generator.applicant(scenario) for scenario in SCENARIOS)
