"""Who may do what with the open data: anyone downloads public editions' documents and
validates documents; only the federation's secretariat imports."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser

from concours.accounts.models import User
from concours.federation.access import is_secretariat


def may_import(user: User | AnonymousUser) -> bool:
    return is_secretariat(user)
