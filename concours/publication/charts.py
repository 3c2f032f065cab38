"""Charts of a published round, drawn on the server as SVG: no script, no style sheet, no inline
``style`` (presentation attributes only), so they pass the site's Content-Security-Policy and
open in any viewer.

- the distribution of the candidates' scores (a histogram);
- every juror's mark for every candidate (a heatmap, ``S`` and ``A`` written in their cells);
- the marks against the order of appearance (each mark a dot, the mean per position a line).

Each SVG has a ``<title>`` and ``<desc>``, and each function also returns the numbers it drew,
which the pages show as a table beside the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _

from concours.publication.selectors import PublishedRound

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', sans-serif"
INK, MUTED, LINE, ACCENT, PAPER = "#1d1b1a", "#5b5652", "#d6cfc5", "#7a1f2b", "#fffdf9"
NOT_MARKED = "#e3ddd5"
LOW, HIGH = (0xF6, 0xF1, 0xEA), (0x7A, 0x1F, 0x2B)


@dataclass(frozen=True)
class Chart:
    name: str
    svg: str
    title: str
    description: str

    @property
    def inline(self) -> str:
        """The SVG element without the XML declaration, to put inside an HTML page."""
        return self.svg.split("\n", 1)[1]


class Svg:
    """A small SVG writer: every attribute quoted, every text escaped."""

    def __init__(self, name: str, width: int, height: int, title: str, description: str) -> None:
        self.name = name
        self.width, self.height = width, height
        self.title, self.description = title, description
        self.parts: list[str] = []

    def add(self, tag: str, text: str | None = None, /, **attributes: object) -> None:
        attrs = "".join(
            f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
            for name, value in attributes.items()
            if value is not None
        )
        if text is None:
            self.parts.append(f"<{tag}{attrs}/>")
        else:
            self.parts.append(f"<{tag}{attrs}>{escape(text)}</{tag}>")

    def open(self, tag: str, **attributes: object) -> None:
        self.add(tag, **attributes)
        self.parts[-1] = self.parts[-1][:-2] + ">"

    def close(self, tag: str) -> None:
        self.parts.append(f"</{tag}>")

    def text(self, x: float, y: float, text: str, **attributes: object) -> None:
        attributes.setdefault("font_size", 12)
        attributes.setdefault("fill", INK)
        self.add("text", text, x=_n(x), y=_n(y), **attributes)

    def render(self) -> str:
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {self.width} {self.height}" '
            f'width="{self.width}" height="{self.height}" role="img" '
            f'aria-labelledby="{self.name}-title {self.name}-desc" font-family={quoteattr(FONT)}>'
            f'<title id="{self.name}-title">{escape(self.title)}</title>'
            f'<desc id="{self.name}-desc">{escape(self.description)}</desc>'
            f'<rect x="0" y="0" width="{self.width}" height="{self.height}" fill="{PAPER}"/>'
            + "".join(self.parts)
            + "</svg>\n"
        )


def _n(value: float) -> str:
    """A coordinate with at most two decimals."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def nice_step(span: Decimal, bins: int = 10) -> Decimal:
    """A round bin width (1, 2, 2.5 or 5 × a power of ten) giving about ``bins`` bins."""
    if span <= 0:
        return Decimal(1)
    raw = span / bins
    power = Decimal(10) ** (raw.adjusted())
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if raw <= factor * power:
            return factor * power
    return Decimal(10) * power  # pragma: no cover - the loop always returns


def ticks(low: Decimal, high: Decimal, count: int = 5) -> list[Decimal]:
    """Round values from ``low`` to ``high`` for an axis: ``low``, then multiples of a round
    step (1–25: 1, 5, 10, 15, 20, 25)."""
    step = nice_step(high - low, count)
    first = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step + step
    found = [low]
    value = first
    while value <= high:
        if value - found[-1] >= step / 2:
            found.append(value)
        value += step
    return found


def _shown(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


# --- The distribution of scores ------------------------------------------------------------------


@dataclass(frozen=True)
class Bin:
    low: Decimal
    high: Decimal
    count: int
    last: bool

    @property
    def label(self) -> str:
        closing = "]" if self.last else ")"
        return f"[{_shown(self.low)}, {_shown(self.high)}{closing}"


def score_bins(scores: Sequence[Decimal]) -> list[Bin]:
    """Bins of a round width covering the scores; the last bin includes its upper bound."""
    if not scores:
        return []
    low, high = min(scores), max(scores)
    step = nice_step(high - low)
    start = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    edges = [start]
    while edges[-1] + step <= high:
        edges.append(edges[-1] + step)
    bins = []
    for index, edge in enumerate(edges):
        last = index == len(edges) - 1
        count = sum(
            1 for s in scores if edge <= s and (s < edge + step or (last and s <= edge + step))
        )
        bins.append(Bin(edge, edge + step, count, last))
    return bins


def distribution(published: PublishedRound) -> tuple[Chart, list[Bin]]:
    scores = [Decimal(row.score) for row in published.results]
    bins = score_bins(scores)
    title = _("Distribution of the scores: %(round)s") % {"round": published.round.name}
    description = _(
        "A histogram of the %(count)s candidates' scores; each bar is the number of candidates "
        "whose score falls in its range."
    ) % {"count": len(scores)}
    width, height, left, right, top, bottom = 640, 320, 48, 16, 24, 56
    svg = Svg("distribution", width, height, title, description)
    plot_w, plot_h = width - left - right, height - top - bottom
    most = max((b.count for b in bins), default=0) or 1
    svg.add("line", x1=left, y1=top + plot_h, x2=left + plot_w, y2=top + plot_h, stroke=INK)
    svg.add("line", x1=left, y1=top, x2=left, y2=top + plot_h, stroke=INK)
    for tick in range(most + 1):
        if most > 10 and tick % max(1, most // 5):
            continue
        y = top + plot_h - plot_h * tick / most
        svg.add("line", x1=left - 4, y1=_n(y), x2=left + plot_w, y2=_n(y), stroke=LINE)
        svg.text(left - 8, y + 4, str(tick), text_anchor="end", fill=MUTED)
    bar_w = plot_w / max(1, len(bins))
    for index, item in enumerate(bins):
        x = left + index * bar_w
        h = plot_h * item.count / most
        svg.open("g")
        svg.add("title", f"{item.label}: {item.count}")
        svg.add("rect", x=_n(x + 2), y=_n(top + plot_h - h), width=_n(bar_w - 4), height=_n(h),
                fill=ACCENT)  # fmt: skip
        svg.close("g")
        svg.text(x + bar_w / 2, top + plot_h + 16, _shown(item.low), text_anchor="middle",
                 font_size=11, fill=MUTED)  # fmt: skip
    svg.text(left + plot_w / 2, height - 12, _("Score"), text_anchor="middle")
    svg.text(14, top + plot_h / 2, _("Candidates"), text_anchor="middle",
             transform=f"rotate(-90 14 {_n(top + plot_h / 2)})")  # fmt: skip
    return Chart("distribution", svg.render(), title, description), bins


# --- The heatmap of marks ----------------------------------------------------------------------


def _colour(value: Decimal, low: Decimal, high: Decimal) -> tuple[str, str]:
    """The cell's fill for a mark on the scale, and a text colour that reads on it."""
    share = float((value - low) / (high - low)) if high > low else 1.0
    share = min(1.0, max(0.0, share))
    rgb = [round(a + (b - a) * share) for a, b in zip(LOW, HIGH, strict=True)]
    luminance = 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]
    return "#{:02x}{:02x}{:02x}".format(*rgb), (INK if luminance > 140 else "#ffffff")


def heatmap(published: PublishedRound) -> Chart:
    sheets = published.sheets()
    rows = sorted(published.results, key=lambda row: (row.rank, row.candidate.sort_key))
    scale = published.rule["scale"]
    low, high = Decimal(scale["minimum"]), Decimal(scale["maximum"])
    marks = {
        (row.candidate.label, sheet.juror.label): row.score
        for sheet in sheets
        for row in sheet.rows
    }
    title = _("Every juror's marks: %(round)s") % {"round": published.round.name}
    description = _(
        "A table of colours: one row per candidate, in ranking order, one column per juror; the "
        "darker the cell, the higher the mark (%(low)s to %(high)s). S: the juror did not mark "
        "this candidate (own student or relative); A: absent. The score sheets give the same "
        "marks as a table."
    ) % {"low": _shown(low), "high": _shown(high)}
    cell_w, cell_h, left, top = 44, 22, 220, 120
    legend = ticks(low, high)
    width = left + max(cell_w * max(1, len(sheets)), 40 * len(legend) + 60) + 16
    height = top + cell_h * max(1, len(rows)) + 48
    svg = Svg("heatmap", width, height, title, description)
    for column, sheet in enumerate(sheets):
        x = left + column * cell_w + cell_w / 2
        svg.text(x, top - 8, sheet.juror.name, font_size=11,
                 transform=f"rotate(-45 {_n(x)} {_n(top - 8)})")  # fmt: skip
    for index, row in enumerate(rows):
        y = top + index * cell_h
        svg.text(left - 8, y + cell_h * 0.7, f"{row.rank}. {row.candidate.name}",
                 text_anchor="end", font_size=11)  # fmt: skip
        for column, sheet in enumerate(sheets):
            x = left + column * cell_w
            score = marks.get((row.candidate.label, sheet.juror.label))
            if score is None:
                fill, ink, label = PAPER, MUTED, "–"
            elif score in ("S", "A"):
                fill, ink, label = NOT_MARKED, INK, score
            else:
                fill, ink = _colour(Decimal(score), low, high)
                label = score
            svg.open("g")
            svg.add("title", f"{sheet.juror.name} → {row.candidate.name}: {label}")
            svg.add("rect", x=x, y=y, width=cell_w, height=cell_h, fill=fill, stroke=PAPER)
            svg.text(x + cell_w / 2, y + cell_h * 0.7, label, text_anchor="middle",
                     font_size=11, fill=ink)  # fmt: skip
            svg.close("g")
    legend_y = top + cell_h * max(1, len(rows)) + 20
    svg.text(left - 8, legend_y + 12, _("Mark"), text_anchor="end", font_size=11)
    for index, value in enumerate(legend):
        fill, ink = _colour(value, low, high)
        svg.add("rect", x=left + index * 40, y=legend_y, width=40, height=16, fill=fill)
        svg.text(left + index * 40 + 20, legend_y + 12, _shown(value), text_anchor="middle",
                 font_size=10, fill=ink)  # fmt: skip
    return Chart("heatmap", svg.render(), title, description)


# --- Marks against the order of appearance ------------------------------------------------------


@dataclass(frozen=True)
class Position:
    position: int
    candidate: str
    marks: tuple[Decimal, ...]

    @property
    def mean(self) -> Decimal | None:
        if not self.marks:
            return None
        return (sum(self.marks, Decimal(0)) / len(self.marks)).quantize(Decimal("0.01"))


def positions(published: PublishedRound) -> list[Position]:
    """Each position in the order of appearance with the scored marks its candidate received."""
    marks: dict[str, list[Decimal]] = {}
    for mark in published.record["marks"]:
        if mark["score"] not in ("S", "A"):
            marks.setdefault(str(mark["candidate"]), []).append(Decimal(mark["score"]))
    found = [
        Position(position, published.person(label).name, tuple(marks.get(label, ())))
        for label, position in published.positions.items()
        if label in marks
    ]
    return sorted(found, key=lambda item: item.position)


def order_effect(published: PublishedRound) -> tuple[Chart, list[Position]]:
    rows = positions(published)
    scale = published.rule["scale"]
    low, high = Decimal(scale["minimum"]), Decimal(scale["maximum"])
    title = _("Marks and the order of appearance: %(round)s") % {"round": published.round.name}
    description = _(
        "A scatter plot: across, the position in the order of appearance (1 performed first); "
        "up, the marks (%(low)s to %(high)s). Each dot is one juror's mark; the line joins the "
        "mean mark of each position."
    ) % {"low": _shown(low), "high": _shown(high)}
    width, height, left, right, top, bottom = 640, 340, 48, 16, 24, 56
    svg = Svg("order", width, height, title, description)
    plot_w, plot_h = width - left - right, height - top - bottom
    count = max((row.position for row in rows), default=1)

    def x_of(position: int) -> float:
        return left + plot_w * (position - 0.5) / count

    def y_of(value: Decimal) -> float:
        share = float((value - low) / (high - low)) if high > low else 0.5
        return top + plot_h - plot_h * share

    svg.add("line", x1=left, y1=top + plot_h, x2=left + plot_w, y2=top + plot_h, stroke=INK)
    svg.add("line", x1=left, y1=top, x2=left, y2=top + plot_h, stroke=INK)
    for value in ticks(low, high):
        y = y_of(value)
        svg.add("line", x1=left - 4, y1=_n(y), x2=left + plot_w, y2=_n(y), stroke=LINE)
        svg.text(left - 8, y + 4, _shown(value), text_anchor="end", fill=MUTED, font_size=11)
    every = max(1, count // 20)
    for position in range(1, count + 1):
        if position % every == 0 or position == 1:
            svg.text(x_of(position), top + plot_h + 16, str(position), text_anchor="middle",
                     font_size=11, fill=MUTED)  # fmt: skip
    for row in rows:
        svg.open("g")
        svg.add(
            "title", f"{row.position}. {row.candidate}: {', '.join(_shown(m) for m in row.marks)}"
        )
        for value in row.marks:
            svg.add("circle", cx=_n(x_of(row.position)), cy=_n(y_of(value)), r=3.5, fill=ACCENT,
                    fill_opacity="0.45")  # fmt: skip
        svg.close("g")
    means = [(row.position, row.mean) for row in rows if row.mean is not None]
    if means:
        points = " ".join(f"{_n(x_of(p))},{_n(y_of(m))}" for p, m in means if m is not None)
        svg.add("polyline", points=points, fill="none", stroke=INK, stroke_width=2)
        for p, m in means:
            if m is not None:
                svg.add("rect", x=_n(x_of(p) - 3), y=_n(y_of(m) - 3), width=6, height=6, fill=INK)
    svg.text(left + plot_w / 2, height - 12, _("Position in the order of appearance"),
             text_anchor="middle")  # fmt: skip
    svg.text(14, top + plot_h / 2, _("Mark"), text_anchor="middle",
             transform=f"rotate(-90 14 {_n(top + plot_h / 2)})")  # fmt: skip
    return Chart("order", svg.render(), title, description), rows


CHARTS = ("distribution", "heatmap", "order")


def chart(published: PublishedRound, name: str) -> Chart:
    if name == "distribution":
        return distribution(published)[0]
    if name == "heatmap":
        return heatmap(published)
    if name == "order":
        return order_effect(published)[0]
    raise KeyError(name)
