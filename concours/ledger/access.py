"""Who may read the integrity log in the office.

The ledger sits low in the layers (every app writes to it), below the federation that knows who
its secretariat is. So the rule is plugged in from above: the federation calls
``allow_readers(is_secretariat)`` when it loads. Site administrators always read the log;
nobody changes it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser

from concours.accounts.models import User

type ReaderRule = Callable[[User | AnonymousUser], bool]

_readers: list[ReaderRule] = []


def allow_readers(rule: ReaderRule) -> None:
    """Let the people for whom ``rule(user)`` is true read the log as well (idempotent)."""
    if rule not in _readers:
        _readers.append(rule)


def may_read_ledger(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(rule(user) for rule in _readers)
