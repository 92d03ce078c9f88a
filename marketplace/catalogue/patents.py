"""Chinese patent application numbers (专利申请号) and their check digit.

Since 2003: 12 digits + check, ``YYYY T NNNNNNN . C`` (T = 1 invention, 2 utility model, 3 design,
8 / 9 PCT invention / utility model entering China); before: 8 digits + check, ``YY T NNNNN . C``.
The check character is the weighted sum of the digits (weights 2,3,4,5,6,7,8,9,2,3,4,5) modulo 11,
written X when it is 10 (CNIPA's numbering standard ZC 0006-2003; e.g. 201710601862.3, 95115608.X).
"""

from __future__ import annotations

import re

_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
#: the type digit each IP type may carry (invention, utility model, design; PCT entries 8 and 9)
TYPE_DIGITS = {"invention": {"1", "8"}, "utility_model": {"2", "9"}, "design": {"3"}}


class InvalidPatentNumber(ValueError):
    pass


def check_character(digits: str) -> str:
    total = sum(int(d) * w for d, w in zip(digits, _WEIGHTS, strict=False))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def compact(number: str) -> str:
    """Digits and check character only: drops ``CN``/``ZL`` prefixes, spaces and the dot."""
    cleaned = re.sub(r"[\s.·\-]", "", (number or "").upper())
    return re.sub(r"^(ZL|CN)", "", cleaned)


def validate(number: str, ip_type: str | None = None) -> str:
    """The number in its usual form ``201710601862.3``; raises InvalidPatentNumber."""
    value = compact(number)
    if not re.fullmatch(r"(\d{12}|\d{8})[\dX]", value):
        raise InvalidPatentNumber("format")
    digits, check = value[:-1], value[-1]
    if check_character(digits) != check:
        raise InvalidPatentNumber("check digit")
    type_digit = digits[4] if len(digits) == 12 else digits[2]
    if ip_type in TYPE_DIGITS and type_digit not in TYPE_DIGITS[ip_type]:
        raise InvalidPatentNumber("type")
    return f"{digits}.{check}"


def is_valid(number: str, ip_type: str | None = None) -> bool:
    try:
        validate(number, ip_type)
    except InvalidPatentNumber:
        return False
    return True
