"""Member competitions and everything that shapes one edition: divisions, rounds, repertoire
requirements, prizes, the jury and the office staff."""

from concours.competitions.models.competition import Competition, OfficeStaff
from concours.competitions.models.division import Division, FeePolicy, FormerLaureates
from concours.competitions.models.edition import Edition, EditionStatus, PublishedCountry
from concours.competitions.models.jury import JuryMember
from concours.competitions.models.prize import Medal, Prize, PrizeKind, PrizeOutcome
from concours.competitions.models.round import (
    RepertoireCategory,
    RepertoireRequirement,
    Round,
    RoundKind,
    ScoringPreset,
)

__all__ = [
    "Competition",
    "Division",
    "Edition",
    "EditionStatus",
    "FeePolicy",
    "FormerLaureates",
    "JuryMember",
    "Medal",
    "OfficeStaff",
    "Prize",
    "PrizeKind",
    "PrizeOutcome",
    "PublishedCountry",
    "RepertoireCategory",
    "RepertoireRequirement",
    "Round",
    "RoundKind",
    "ScoringPreset",
]
