"""Every public URL of a published round, by name."""

from django.urls import reverse

from concours.publication.tests.setup import Decided

#: Public from the embargo on.
RESULTS = ("edition", "round")
#: Public from the score sheets' time on.
SHEETS = (
    "sheets", "record", "sheets_csv", "sheets_json", "sheets_pdf",
    "chart:distribution", "chart:heatmap", "chart:order",
)  # fmt: skip


def public_urls(decided: Decided) -> dict[str, str]:
    edition = decided.round.division.edition
    base = [edition.competition.slug, edition.year]
    found = {"edition": reverse("publication:edition", args=base)}
    for name in ("round", "sheets", "record", "sheets_csv", "sheets_json", "sheets_pdf"):
        found[name] = reverse(f"publication:{name}", args=[*base, decided.round.pk])
    for chart in ("distribution", "heatmap", "order"):
        found[f"chart:{chart}"] = reverse(
            "publication:chart", args=[*base, decided.round.pk, chart]
        )
    return found
