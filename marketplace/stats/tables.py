"""The one shape every figure takes: a table the page renders (in 万元) and the XLSX export writes (in 元).

Keeping a single structure means the page and the spreadsheet cannot disagree: both read the same rows.
Values are ``int`` (counts, ranks), ``Decimal`` (amounts in 元, percentages), text (``str`` or a lazy
translation) or ``None`` (a figure nothing records yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

TEXT, COUNT, AMOUNT, PERCENT, RANK = "text", "count", "amount", "percent", "rank"
NUMERIC = frozenset({COUNT, AMOUNT, PERCENT, RANK})
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Column:
    key: str
    header: Any  #: a lazy string, translated where the table is rendered
    kind: str = TEXT

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC


@dataclass
class Table:
    key: str  #: the name in the export URL: /stats/export/<key>.xlsx
    title: Any
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    #: the totals row (same length as ``columns``), or None where a total would mislead (rankings, funnel)
    totals: list[Any] | None = None
    notes: list[Any] = field(default_factory=list)

    def index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)

    def values(self, key: str) -> list[Any]:
        i = self.index(key)
        return [row[i] for row in self.rows]

    def row(self, label: str) -> list[Any] | None:
        """The row whose first cell reads ``label`` (for tests and charts)."""
        return next((r for r in self.rows if str(r[0]) == label), None)

    @property
    def is_empty(self) -> bool:
        return not self.rows


def share(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` with one decimal (None when there is no whole)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def yuan(value: Decimal | None) -> Decimal:
    return (value or Decimal(0)).quantize(CENT)
