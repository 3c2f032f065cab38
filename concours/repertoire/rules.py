"""A round's repertoire rules: the duration window and the category requirements (spec §4)."""

from __future__ import annotations

from dataclasses import dataclass


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True, kw_only=True)
class Requirement:
    """At least ``min_count`` (≥ 1) and at most ``max_count`` (or any number) pieces of
    ``category`` (spec §4.2). Mirrors ``RepertoireRequirement``."""

    category: str
    min_count: int = 1
    max_count: int | None = None

    def __post_init__(self) -> None:
        if not self.category:
            raise ValueError("a requirement needs a category code")
        if not _is_count(self.min_count) or self.min_count < 1:
            raise ValueError("a requirement's min_count must be a whole number of at least 1")
        if self.max_count is not None and (
            not _is_count(self.max_count) or self.max_count < self.min_count
        ):
            raise ValueError("a requirement's max_count must not be smaller than its min_count")


@dataclass(frozen=True, slots=True, kw_only=True)
class RoundRules:
    """What one round asks of a programme (spec §4.1). Mirrors ``Round``.

    ``number`` orders the rounds (earlier rounds have smaller numbers) and ``name`` is shown in
    messages. Durations are whole seconds; ``None`` leaves that side of the window open.
    ``may_repeat`` lets the programme repeat pieces of earlier rounds (§7.1).
    """

    number: int
    name: str
    min_duration: int | None = None
    max_duration: int | None = None
    requirements: tuple[Requirement, ...] = ()
    may_repeat: bool = False

    def __post_init__(self) -> None:
        if not _is_count(self.number) or self.number < 1:
            raise ValueError("a round's number must be a whole number of at least 1")
        for bound in (self.min_duration, self.max_duration):
            if bound is not None and (not _is_count(bound) or bound <= 0):
                raise ValueError("a round's durations must be positive numbers of seconds")
        if (
            self.min_duration is not None
            and self.max_duration is not None
            and self.max_duration < self.min_duration
        ):
            raise ValueError("a round's max_duration must not be shorter than its min_duration")
        if not isinstance(self.requirements, tuple):
            raise TypeError("requirements must be a tuple")
        codes = [requirement.category for requirement in self.requirements]
        if len(set(codes)) != len(codes):
            raise ValueError("a round may name each category in one requirement only")

    @property
    def categories(self) -> tuple[str, ...]:
        """The category codes of the requirements, in the rules' order."""
        return tuple(requirement.category for requirement in self.requirements)
