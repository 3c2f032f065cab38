"""Personal data on request: everything about a person as a download, and erasure that keeps
only what the competition must keep, anonymised (GDPR Articles 15, 17 and 20)."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from typing import Any

from django.db import transaction
from django.utils import timezone

from concours.accounts.models import User
from concours.applications.models import Application, ApplicationStatus, CandidateProfile

ERASED = "—"


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


def personal_data(user: User) -> dict[str, Any]:
    """Everything Concours holds about ``user``, as plain JSON-ready data."""
    data: dict[str, Any] = {
        "account": {
            "email": user.email, "full_name": user.full_name, "preferred_language": user.preferred_language,
            "date_joined": _iso(user.date_joined), "email_verified_at": _iso(user.email_verified_at),
        },
    }  # fmt: skip
    profile: CandidateProfile | None = getattr(user, "candidate_profile", None)
    if profile is None:
        return data
    data["profile"] = {
        "given_name": profile.given_name, "family_name": profile.family_name, "native_name": profile.native_name,
        "birth_date": _iso(profile.birth_date), "citizenship": str(profile.citizenship),
        "other_citizenships": [str(c) for c in profile.other_citizenships],
        "country_represented": str(profile.country_represented), "residence": str(profile.residence),
        "place_of_study": profile.place_of_study, "phone": profile.phone,
    }  # fmt: skip
    data["teachers"] = [
        {"name": t.name, "institution": t.institution, "kind": t.kind, "lessons": t.lessons,
         "from": _iso(t.started_on), "until": _iso(t.ended_on)}
        for t in profile.teachers.all()
    ]  # fmt: skip
    data["applications"] = [
        _application(a) for a in profile.applications.select_related("division__edition")
    ]
    data["laureate_records"] = [
        {"prize": r.prize.name_en, "division": r.prize.division.name_en if r.prize.division else "",
         "edition": str(r.prize.edition)}
        for r in profile.laureate_records.select_related("prize__division", "prize__edition__competition")
    ]  # fmt: skip
    return data


def _application(application: Application) -> dict[str, Any]:
    return {
        "reference": str(application.reference),
        "edition": str(application.division.edition), "division": application.division.name_en,
        "status": application.status, "submitted_at": _iso(application.submitted_at),
        "history": [{"to": c.new_status, "at": _iso(c.changed_at)} for c in application.status_changes.all()],
        "programme": [
            {"round": p.round.name_en, "composer": p.composer, "work": p.work, "movements": p.movements,
             "duration_seconds": p.duration_seconds}
            for p in application.pieces.select_related("round")
        ],
        "recordings": [{"title": r.title, "url": r.url, "recorded_on": _iso(r.recorded_on)} for r in application.recordings.all()],
        "documents": [{"kind": d.kind, "file": d.file.name.rsplit("/", 1)[-1]} for d in application.documents.all()],
        "letters": [{"referee": lt.referee_name, "received": lt.received_at is not None} for lt in application.letters.all()],
        "members": [
            {"name": f"{m.given_name} {m.family_name}", "birth_date": _iso(m.birth_date)} for m in application.members.all()
        ],
    }  # fmt: skip


def export_archive(user: User) -> bytes:
    """A ZIP with ``personal-data.json`` and the person's own uploaded documents."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "personal-data.json", json.dumps(personal_data(user), ensure_ascii=False, indent=2)
        )
        profile = getattr(user, "candidate_profile", None)
        if profile is not None:
            for application in profile.applications.all():
                for document in application.documents.all():
                    with document.file.open("rb") as handle:
                        name = document.file.name.rsplit("/", 1)[-1]
                        archive.writestr(f"documents/{application.reference}/{name}", handle.read())
    return buffer.getvalue()


def erase(user: User) -> None:
    """Erase the person: drafts go entirely; submitted applications stay for the competition's
    records with the person anonymised (no name, contact or files; the birth year only)."""
    with transaction.atomic():
        profile: CandidateProfile | None = getattr(user, "candidate_profile", None)
        if profile is not None:
            for application in profile.applications.all():
                for item in [
                    *application.documents.all(),
                    *application.recordings.all(),
                    *application.letters.all(),
                ]:
                    if item.file:
                        item.file.delete(save=False)
                application.documents.all().delete()
                application.recordings.all().delete()
                application.letters.all().delete()
                application.consents.all().delete()
                application.members.update(given_name=ERASED, family_name=ERASED, native_name="")
                if application.status == ApplicationStatus.DRAFT:
                    application.delete()
            profile.teachers.all().delete()
            # The competition keeps its record of who won what; it no longer points here.
            profile.laureate_records.update(candidate=None)
            profile.given_name = profile.family_name = ERASED
            profile.native_name = profile.place_of_study = profile.phone = ""
            profile.other_citizenships = []
            profile.birth_date = profile.birth_date.replace(month=1, day=1)
            profile.user = None
            profile.save()
        user.email = f"erased-{user.pk}@erased.invalid"
        user.full_name = ERASED
        user.is_active = False
        user.set_unusable_password()
        user.email_verified_at = None
        user.last_login = None
        user.date_joined = timezone.now()
        user.save()
