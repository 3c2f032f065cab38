"""Constants and small helpers shared by the API tests."""

from concours.competitions.models import EditionStatus

API = "/api/v1"
EMPTY_PAGE = {"count": 0, "next": None, "previous": None, "results": []}
PUBLIC_STATUSES = [s for s in EditionStatus.values if s != EditionStatus.DRAFT]
BAD_NUMBERS = [
    "abc",
    "-1",
    "+1",
    " 1",
    "1.0",
    "1e3",
    "0x10",
    "²",  # str.isdigit() is true, int() fails
    "٢٠٢٥",  # Arabic-Indic digits: int() would read them as 2025
    "\x00",
    "99999",
    "9223372036854775808",  # one more than the largest id
    "1" * 5000,  # longer than int() converts by default
]


def get_json(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()
