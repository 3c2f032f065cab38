import pytest
from django.db import connection, transaction

from concours.ledger.models import Entry
from concours.ledger.services import append

CHAIN = "edition:12"


def record(count: int, chain: str = CHAIN) -> list[Entry]:
    """``count`` entries at the end of ``chain``, each in its own transaction."""
    recorded = []
    for number in range(count):
        with transaction.atomic():
            recorded.append(
                append(
                    chain=chain,
                    kind="mark.recorded",
                    payload={"round": 31, "application": 400 + number, "score": "21.50"},
                    actor="user:17",
                )
            )
    return recorded


def tamper(sql: str, params: list[object]) -> None:
    """Change the stored log behind the application's back, as someone with database access."""
    with connection.cursor() as cursor:
        cursor.execute(sql.format(entry=Entry._meta.db_table), params)


@pytest.fixture
def five(db) -> list[Entry]:
    return record(5)
