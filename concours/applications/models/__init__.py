"""Candidates and their applications: profile, the application and its status history,
programme, ensemble members, teachers, recordings, documents, letters, consent and fees; and
the office's record of laureates of earlier editions."""

from concours.applications.models.core import (
    Application,
    ApplicationStatus,
    CandidateProfile,
    StatusChange,
)
from concours.applications.models.fees import Fee, FeeStatus
from concours.applications.models.items import (
    Document,
    DocumentKind,
    EligibilityException,
    EnsembleMember,
    GuardianConsent,
    ItemKind,
    OfficeMessage,
    ProgrammePiece,
    Recording,
    RecordingKind,
    ReferenceLetter,
    Reminder,
    Reopening,
    Teacher,
    TeachingKind,
)
from concours.applications.models.laureates import Laureate

__all__ = [
    "Application",
    "ApplicationStatus",
    "CandidateProfile",
    "Document",
    "DocumentKind",
    "EligibilityException",
    "EnsembleMember",
    "Fee",
    "FeeStatus",
    "GuardianConsent",
    "ItemKind",
    "Laureate",
    "OfficeMessage",
    "ProgrammePiece",
    "Recording",
    "RecordingKind",
    "ReferenceLetter",
    "Reminder",
    "Reopening",
    "StatusChange",
    "Teacher",
    "TeachingKind",
]
