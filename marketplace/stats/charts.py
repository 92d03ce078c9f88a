"""Bar charts as inline SVG, drawn on the server: no JavaScript library and nothing fetched at runtime
(the platform runs without internet access).

Only the geometry uses floats; the amounts stay ``Decimal`` and arrive here already formatted as text.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 400  #: the viewBox width; the SVG scales to its container (about 330 px on a phone)
FONT = 12  #: label size in viewBox units
COLUMN_HEIGHT = 190
ROW = 26
LABEL_WIDTH = 118
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Point:
    label: str
    value: Decimal
    text: str  #: the value as shown next to the bar


@dataclass(frozen=True)
class Bar:
    label: str  #: shortened to fit
    tooltip: str
    text: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    text_x: float
    text_y: float
    show_label: bool = True
    show_text: bool = True


@dataclass(frozen=True)
class Chart:
    kind: str  #: "columns" (vertical, for time series) or "bars" (horizontal, for categories)
    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    axis: float  #: y of the baseline (columns) or x of it (bars)


def _text_width(text: str) -> float:
    return sum(FONT if ord(ch) > 0x2E80 else FONT * 0.56 for ch in text)


def fit(text: str, room: float) -> str:
    """``text`` shortened with an ellipsis to fit ``room`` viewBox units."""
    if _text_width(text) <= room:
        return text
    while text and _text_width(text + "…") > room:
        text = text[:-1]
    return text + "…"


def _inside(centre: float, text: str) -> float:
    """The centre of a text moved so that the whole text stays inside the chart (first and last bars)."""
    half = _text_width(text) * 11 / 12 / 2  # axis texts are 11 units high
    return min(max(centre, half + 1), WIDTH - half - 1)


def _peak(points: Sequence[Point]) -> float:
    return float(max((p.value for p in points), default=Decimal(0))) or 1.0


def columns(points: Sequence[Point], title: str) -> Chart:
    """Vertical bars, one per point (months). Labels are thinned out when there are many; values are written
    over the bars when all fit, else only over the tallest (every value is in the tooltips)."""
    top, bottom, side = 22.0, 30.0, 4.0
    plot = COLUMN_HEIGHT - top - bottom
    slot = (WIDTH - 2 * side) / max(len(points), 1)
    width = min(slot * 0.64, 56.0)
    every = math.ceil(len(points) / 8) or 1
    peak = _peak(points)
    all_fit = all(_text_width(p.text) <= slot for p in points)
    bars = []
    for i, p in enumerate(points):
        height = float(p.value) / peak * plot
        x = side + i * slot + (slot - width) / 2
        centre = x + width / 2
        label = fit(p.label, slot * every)
        bars.append(
            Bar(label, f"{p.label}: {p.text}", p.text, x, top + plot - height, width, height,
                _inside(centre, label), COLUMN_HEIGHT - 10, _inside(centre, p.text), top + plot - height - 5,
                show_label=i % every == 0, show_text=all_fit or float(p.value) == peak)
        )  # fmt: skip
    return Chart("columns", title, WIDTH, COLUMN_HEIGHT, tuple(bars), top + plot)


def bars(points: Sequence[Point], title: str) -> Chart:
    """Horizontal bars, one row per point (types, fields, provinces), label left and value right."""
    top = 4.0
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 12
    peak = _peak(points)
    out = []
    for i, p in enumerate(points):
        y = top + i * ROW + 5
        height = ROW - 10.0
        width = max(float(p.value) / peak * plot, 1.0 if p.value else 0.0)
        x = LABEL_WIDTH + 6
        out.append(
            Bar(fit(p.label, LABEL_WIDTH - 4), f"{p.label}: {p.text}", p.text, x, y, width, height,
                LABEL_WIDTH, y + height / 2 + FONT * 0.35, x + width + 4, y + height / 2 + FONT * 0.35)
        )  # fmt: skip
    return Chart("bars", title, WIDTH, int(2 * top + ROW * len(points)), tuple(out), LABEL_WIDTH + 6)


def heat(value: int | Decimal | None, peak: int | Decimal | None) -> str:
    """Inline CSS shading a matrix cell by its share of the largest cell (darker = more)."""
    if not value or not peak:
        return ""
    ratio = float(value) / float(peak)
    alpha = 0.08 + 0.72 * ratio
    colour = "; color: #fff" if alpha > 0.5 else ""
    return f"background-color: rgba(13, 110, 253, {alpha:.2f}){colour}"
