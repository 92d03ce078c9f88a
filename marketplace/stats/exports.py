"""Statistics tables as XLSX workbooks (openpyxl), built in memory.

Each sheet: the table's title, a line saying what was counted, the (translated) header row, frozen, then
the rows and totals. Amounts are exact 元 with two decimals, counts whole numbers, shares percentages with
one decimal: numbers a spreadsheet can add up, never text. The workbook is written to a ``BytesIO`` and
returned whole, so a failure leaves no partial file anywhere.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import openpyxl
from flask_babel import gettext
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from marketplace.stats.tables import AMOUNT, COUNT, PERCENT, RANK, Column, Table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TITLE_ROW, SUBTITLE_ROW, HEADER_ROW = 1, 2, 3
NUMBER_FORMATS = {COUNT: "#,##0", RANK: "0", AMOUNT: "#,##0.00", PERCENT: "0.0"}
#: characters a sheet name may not contain, and its length limit (Excel's rules)
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_MAX = 31
_HEADER_FILL = PatternFill("solid", fgColor="E9EEF5")
_RULE = Side(style="thin", color="9AA5B1")


def header_text(column: Column) -> str:
    """The header as the export writes it: amounts say they are in 元 (the page shows 万元)."""
    if column.kind == AMOUNT:
        return gettext("%(name)s (yuan)", name=str(column.header))
    return str(column.header)


def workbook(tables: Iterable[Table], subtitle: str, script: Callable[[str], str] = str) -> bytes:
    """One sheet per table. ``script`` converts data text (names, regions) for the reader's script."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        _write_sheet(book.create_sheet(_sheet_name(str(table.title), used)), table, subtitle, script)
    if not book.worksheets:
        book.create_sheet("-")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:SHEET_NAME_MAX] or "Sheet"
    name, n = base, 2
    while name.lower() in used:
        suffix = f" ({n})"
        name, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    used.add(name.lower())
    return name


def _write_sheet(sheet: Any, table: Table, subtitle: str, script: Callable[[str], str]) -> None:
    columns = table.columns
    sheet.cell(TITLE_ROW, 1, _text(str(table.title), script)).font = Font(bold=True, size=14)
    sheet.cell(SUBTITLE_ROW, 1, _text(subtitle, script)).font = Font(italic=True, color="555555")
    if len(columns) > 1:
        sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(columns))
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(HEADER_ROW, index, _text(header_text(column), script))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.border = Border(bottom=_RULE)
        cell.alignment = Alignment(horizontal="right" if column.numeric else "left", wrap_text=True)
    row_number = HEADER_ROW
    for row in table.rows:
        row_number += 1
        _write_row(sheet, row_number, columns, row, script)
    if table.totals:
        row_number += 1
        _write_row(sheet, row_number, columns, table.totals, script, bold=True)
    row_number += 1  # a blank line before the notes
    for note in table.notes:
        row_number += 1
        sheet.cell(row_number, 1, _text(str(note), script)).font = Font(color="555555")
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    _fit_widths(sheet, table, script)


def _write_row(
    sheet: Any,
    number: int,
    columns: list[Column],
    values: list[Any],
    script: Callable[[str], str],
    bold: bool = False,
) -> None:
    for index, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = sheet.cell(number, index)
        if value is None:
            continue  # a figure nothing records: an empty cell, never an invented 0
        if column.numeric and isinstance(value, int | Decimal):
            cell.value = value.quantize(Decimal("0.01")) if column.kind == AMOUNT else value
            cell.number_format = NUMBER_FORMATS[column.kind]
        else:
            cell.value = _text(str(value), script)
            cell.data_type = "s"  # text, never a formula, even when a name starts with "="
        if bold:
            cell.font = Font(bold=True)
            cell.border = Border(top=_RULE)


def _text(value: str, script: Callable[[str], str]) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", script(value))


def _width(text: str) -> int:
    """Display width in character cells: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _shown(value: Any, column: Column) -> str:
    if value is None:
        return ""
    if column.kind == AMOUNT and isinstance(value, Decimal):
        return f"{value:,.2f}"
    if column.kind == COUNT and isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _fit_widths(sheet: Any, table: Table, script: Callable[[str], str]) -> None:
    for index, column in enumerate(table.columns, start=1):
        cells = [row[index - 1] for row in table.rows] + ([table.totals[index - 1]] if table.totals else [])
        widest = max(
            [_width(script(_shown(v, column))) for v in cells] + [min(_width(header_text(column)), 24)]
        )
        sheet.column_dimensions[get_column_letter(index)].width = max(8, min(48, widest + 2))
