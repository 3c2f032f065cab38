"""The office's screens for applications and candidates (Django admin, scoped)."""

from concours.applications.admin.applications import ApplicationAdmin
from concours.applications.admin.candidates import CandidateProfileAdmin
from concours.applications.admin.laureates import LaureateAdmin

__all__ = ["ApplicationAdmin", "CandidateProfileAdmin", "LaureateAdmin"]
