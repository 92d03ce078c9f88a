"""Bulk import and export of achievements and demands as Excel workbooks (.xlsx) or CSV files.

Spreadsheets use Chinese headers and labels; a file is imported only when every one of its rows is valid.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, NoReturn

import openpyxl
from flask_babel import lazy_gettext as _l
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from sqlalchemy.orm import Session

from marketplace.catalogue import services
from marketplace.catalogue.services import (
    ACHIEVEMENT_OWNERS,
    CHINA,
    DEMAND_OWNERS,
    MONEY_MAX,
    AchievementInput,
    DemandInput,
    IPInput,
    Listing,
    split_keywords,
)
from marketplace.catalogue.vocab import IPStatus
from marketplace.core import regions
from marketplace.core.errors import ValidationFailed

MAX_ROWS = 5000
MAX_BYTES = 20 * 1024 * 1024
#: what an .xlsx may unpack to (its zip directory's sizes bound what is read), against zip bombs
MAX_UNZIPPED = 256 * 1024 * 1024
#: rows scanned at most, empty ones included: Excel's own limit
MAX_SCANNED_ROWS = 1_048_576
CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)
NEGOTIABLE = "面议"
#: a cell starting with one of these is a formula to spreadsheet programs; CSV exports quote it with '
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# --- vocabularies: code -> Simplified Chinese label, mirroring vocab.py --------------------------

FIELD_LABELS = {
    "it": "新一代信息技术",
    "equipment": "高端装备制造",
    "materials": "新材料",
    "bio": "生物",
    "nev": "新能源汽车",
    "energy": "新能源",
    "environment": "节能环保",
    "digital_creative": "数字创意",
    "services": "相关服务业",
}
MATURITY_LABELS = {"research": "研发阶段", "lab": "小试", "pilot": "中试", "industrialised": "产业化"}
MODE_LABELS = {
    "assignment": "转让",
    "licence": "许可",
    "equity": "作价入股",
    "co_development": "合作开发",
    "service": "技术服务",
}
IP_TYPE_LABELS = {
    "invention": "发明专利",
    "utility_model": "实用新型",
    "design": "外观设计",
    "software": "软件著作权",
    "plant_variety": "植物新品种",
    "know_how": "技术秘密",
}
IP_STATUS_LABELS = {"pending": "申请中", "granted": "已授权", "lapsed": "已失效"}
KIND_LABELS = {"demand": "技术需求", "challenge": "揭榜挂帅"}
STATUS_LABELS = {
    "draft": "草稿",
    "submitted": "待审核",
    "returned": "已退回",
    "published": "已发布",
    "withdrawn": "已撤回",
    "closed": "已关闭",
    "transferred": "已转化",
    "expired": "已过期",
}
#: other spellings people type: the industries' full names (新一代信息技术产业 ...) and short forms
ALIASES = {
    **{label + "产业": code for code, label in FIELD_LABELS.items() if code != "services"},
    "生物医药": "bio",
    "实用新型专利": "utility_model",
    "外观设计专利": "design",
    "软件著作": "software",
    "软著": "software",
    "技术需求": "demand",
    "需求": "demand",
    "揭榜": "challenge",
}

# --- messages without parameters (the others are written where they are raised) ---------------------

NOT_SPREADSHEET = _l(
    "Upload an Excel workbook (.xlsx) or a CSV file; save older .xls workbooks as .xlsx first."
)
UNREADABLE_XLSX = _l("The Excel workbook cannot be read; it may be damaged or protected by a password.")
UNKNOWN_ENCODING = _l(
    "The CSV file is neither UTF-8 nor GBK/GB18030 encoded; in Excel, save it as “CSV UTF-8”."
)
NO_ROWS = _l("The file has no listings: the first row holds the column headers, each further row a listing.")

# --- reading cells --------------------------------------------------------------------------------


class CellError(ValueError):
    """A cell's text cannot be read as its column's value; ``message`` says why (lazy)."""

    def __init__(self, message: Any):
        super().__init__(message)
        self.message = message


def _key(text: str) -> str:
    """How headers and vocabulary cells are compared: width-folded, no spaces or asterisks, any case."""
    return re.sub(r"[\s*]", "", unicodedata.normalize("NFKC", text or "")).casefold()


def _lookup(labels: dict[str, str]) -> dict[str, str]:
    table = {_key(alias): code for alias, code in ALIASES.items() if code in labels}
    for code, label in labels.items():
        table[_key(code)] = table[_key(label)] = code
    return table


def _allowed(labels: dict[str, str]) -> str:
    return "、".join(f"{label} ({code})" for code, label in labels.items())


def _choice(labels: dict[str, str], default: str = "") -> Callable[[str], str]:
    """A vocabulary cell: the code or the Chinese label; empty gives ``default`` (left to validation)."""
    table = _lookup(labels)

    def parse(text: str) -> str:
        if not text:
            return default
        if _key(text) not in table:
            raise CellError(
                _l(
                    "“%(value)s” is not one of the allowed values: %(allowed)s.",
                    value=text,
                    allowed=_allowed(labels),
                )
            )
        return table[_key(text)]

    return parse


def _choices(labels: dict[str, str]) -> Callable[[str], list[str]]:
    one = _choice(labels)
    return lambda text: list(dict.fromkeys(one(part) for part in split_keywords(text)))


def _text(text: str) -> str:
    return text


def _optional_text(text: str) -> str | None:
    return text or None


def _region_code(text: str) -> str:
    return re.sub(r"\.0+$", "", text)  # 310000.0 from a number cell saved by another program


def _whole_number(text: str) -> int | None:
    cleaned = re.sub(r"(?i)^trl\s*", "", text)
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
        if value != value.to_integral_value():
            raise ArithmeticError
        return int(value)
    except ArithmeticError:  # InvalidOperation, overflow, fractions
        raise CellError(_l("“%(value)s” is not a whole number.", value=text)) from None


def _amount(text: str) -> Decimal | None:
    """An amount typed in 万元 (empty or 面议: negotiable), as 元."""
    cleaned = re.sub(r"万元?$", "", re.sub(r"[,，\s]", "", text))
    if cleaned in ("", NEGOTIABLE):
        return None
    try:
        yuan = Decimal(cleaned) * TEN_THOUSAND
        if not yuan.is_finite():
            raise ArithmeticError
    except ArithmeticError:
        raise CellError(
            _l(
                "“%(value)s” is not an amount in units of 10,000 yuan (万元), e.g. 120 or 12.5; "
                "leave the cell empty if it is negotiable.",
                value=text,
            )
        ) from None
    return yuan.quantize(CENT) if abs(yuan) < MONEY_MAX else yuan  # out of range: left to validation


_DATE = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)


def _date(text: str) -> date | None:
    """YYYY-MM-DD (also with / . or 年月日), or an Excel serial day number such as 46203."""
    if not text:
        return None
    try:
        if re.fullmatch(r"\d{5}", text):
            return from_excel(int(text)).date()
        match = _DATE.fullmatch(text)
        if match:
            return date(*(int(part) for part in match.groups()))
    except ValueError:
        pass
    raise CellError(_l("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30.", value=text))


def _ip_items(text: str) -> list[IPInput]:
    """``发明专利:201710601862.3:已授权; 软件著作权:2021SR0123456`` (status defaults to granted)."""
    types, statuses = _lookup(IP_TYPE_LABELS), _lookup(IP_STATUS_LABELS)
    items = []
    for item in filter(None, (part.strip() for part in re.split(r"[;；\n]+", text))):
        pieces = [piece.strip() for piece in re.split(r"[:：]", item)]
        status = pieces[2] if len(pieces) == 3 and pieces[2] else IPStatus.GRANTED.value
        if len(pieces) > 3 or _key(pieces[0]) not in types or _key(status) not in statuses:
            raise CellError(
                _l(
                    "“%(value)s” is not an intellectual-property item: write type:number:status, "
                    "e.g. 发明专利:201710601862.3:已授权, and separate items with semicolons.",
                    value=item,
                )
            )
        number = pieces[1] if len(pieces) > 1 else ""
        items.append(IPInput(types[_key(pieces[0])], number, statuses[_key(status)]))
    return items


# --- rendering values for exports -----------------------------------------------------------------


def _same(value: Any) -> Any:
    return "" if value is None else value


def _summary_text(markup: str) -> str:
    """Stored HTML as plain text for a cell, keeping paragraphs (blank lines) and line breaks."""
    text = re.sub(r"(?i)<br\s*/?>", "\n", markup or "")
    text = re.sub(r"(?i)</(p|li|h3|h4|blockquote|tr)>", "\n\n", text)
    text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _joined(values: list[str]) -> str:
    return "、".join(values or [])


def _label(labels: dict[str, str]) -> Callable[[str], str]:
    return lambda code: labels.get(code, code or "")


def _labels(labels: dict[str, str]) -> Callable[[list[str]], str]:
    return lambda codes: "、".join(labels.get(code, code) for code in codes or [])


def _money(negotiable: str) -> Callable[[Decimal | None], Any]:
    """元 -> 万元 (a number); ``negotiable`` when there is no amount."""

    def render(value: Decimal | None) -> Any:
        if value is None:
            return negotiable
        return Decimal(value) / TEN_THOUSAND

    return render


def _ip_text(items: list[Any]) -> str:
    return "; ".join(
        f"{IP_TYPE_LABELS.get(i.ip_type, i.ip_type)}:{i.number}:{IP_STATUS_LABELS.get(i.status, i.status)}"
        for i in items
    )


# --- the column tables ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One spreadsheet column: the *Input field it fills, its Chinese header, how to read and write it."""

    field: str  # also accepted as the header
    header: str
    parse: Callable[[str], Any]
    render: Callable[[Any], Any]
    help: Any  # lazy explanation for the template's 说明 sheet
    allowed: str = ""
    required: bool = False  # the header must be present (the cells are checked by validation)


@dataclass(frozen=True)
class ExportOnly:
    """A read-only column written by exports and ignored by imports."""

    header: str
    field: str
    render: Callable[[Any], Any]


def _province_list() -> str:
    return "、".join(f"{r.code} {r.name}" for r in regions.provinces())


_CONTACT_HELP = _l("Optional; shown only to members of verified organisations.")
_MODES_HELP = _l("One or more, separated by 、 or commas.")

TITLE = Column("title", "标题", _text, _same, _l("At most 100 characters."), required=True)
FIELD = Column(
    "field",
    "技术领域",
    _choice(FIELD_LABELS),
    _label(FIELD_LABELS),
    _l("One of the nine strategic emerging industries."),
    _allowed(FIELD_LABELS),
    required=True,
)
KEYWORDS = Column(
    "keywords",
    "关键词",
    split_keywords,
    _joined,
    _l("Up to 10 keywords of at most 30 characters, separated by 、, commas or spaces."),
)
PROVINCE = Column(
    "province_code",
    "省份代码",
    _region_code,
    _same,
    _l("The 6-digit administrative division code of the province, e.g. 310000 for Shanghai."),
    required=True,
)
CITY = Column(
    "city_code",
    "城市代码",
    _region_code,
    _same,
    _l("The 6-digit code of a city in that province, e.g. 310100."),
    required=True,
)
CONTACT = (
    Column("contact_name", "联系人", _text, _same, _CONTACT_HELP),
    Column("contact_phone", "联系电话", _text, _same, _CONTACT_HELP),
    Column("contact_email", "联系邮箱", _text, _same, _CONTACT_HELP),
)

ACHIEVEMENT_COLUMNS = (
    TITLE,
    Column(
        "summary",
        "成果简介",
        _text,
        _summary_text,
        _l("What the achievement is and does, at least 20 characters; a blank line starts a paragraph."),
        required=True,
    ),
    FIELD,
    KEYWORDS,
    Column(
        "maturity",
        "成熟度",
        _choice(MATURITY_LABELS),
        _label(MATURITY_LABELS),
        _l("The maturity stage."),
        _allowed(MATURITY_LABELS),
        required=True,
    ),
    Column(
        "trl",
        "技术就绪度TRL",
        _whole_number,
        _same,
        _l("Optional technology readiness level, a whole number from 1 to 9."),
        "1-9",
    ),
    Column(
        "transfer_modes",
        "转化方式",
        _choices(MODE_LABELS),
        _labels(MODE_LABELS),
        _MODES_HELP,
        _allowed(MODE_LABELS),
        required=True,
    ),
    Column(
        "price",
        "转让价格（万元）",
        _amount,
        _money(NEGOTIABLE),
        _l("Asking price in units of 10,000 yuan (万元), e.g. 120 or 12.5; empty or 面议 if negotiable."),
    ),
    PROVINCE,
    CITY,
    *CONTACT,
    Column(
        "title_en", "英文标题", _optional_text, _same, _l("Optional English title, at most 200 characters.")
    ),
    Column(
        "ip_items",
        "知识产权",
        _ip_items,
        _ip_text,
        _l(
            "Optional intellectual property, items separated by semicolons, each as type:number:status; "
            "patent numbers are checked, the status defaults to granted."
        ),
        f"{_allowed(IP_TYPE_LABELS)}; {_allowed(IP_STATUS_LABELS)}",
    ),
)

DEMAND_COLUMNS = (
    Column(
        "kind",
        "类型",
        _choice(KIND_LABELS, default="demand"),
        _label(KIND_LABELS),
        _l("A technology demand (the default when empty) or an open challenge with a reward."),
        _allowed(KIND_LABELS),
    ),
    TITLE,
    FIELD,
    Column(
        "problem",
        "需解决的问题",
        _text,
        _same,
        _l("The problem to solve, at least 20 characters."),
        required=True,
    ),
    Column(
        "metrics",
        "目标指标",
        _text,
        _same,
        _l("The target metrics, quantified where possible."),
        required=True,
    ),
    Column("constraints", "约束条件", _text, _same, _l("Optional constraints: cost, space, standards ...")),
    Column("ip_terms", "知识产权约定", _text, _same, _l("Optional: acceptable terms for the resulting IP.")),
    KEYWORDS,
    Column(
        "expected_maturity",
        "期望成熟度",
        _choice(MATURITY_LABELS),
        _label(MATURITY_LABELS),
        _l("The maturity expected of a solution."),
        _allowed(MATURITY_LABELS),
        required=True,
    ),
    Column(
        "modes",
        "合作方式",
        _choices(MODE_LABELS),
        _labels(MODE_LABELS),
        _MODES_HELP,
        _allowed(MODE_LABELS),
        required=True,
    ),
    Column(
        "budget",
        "预算（万元）",
        _amount,
        _money(NEGOTIABLE),
        _l("Budget in units of 10,000 yuan (万元); empty or 面议 if negotiable."),
    ),
    Column(
        "deadline",
        "截止日期",
        _date,
        _same,
        _l("The last day of the demand, YYYY-MM-DD, at most three years ahead."),
        "YYYY-MM-DD",
        required=True,
    ),
    PROVINCE,
    CITY,
    *CONTACT,
    Column(
        "reward",
        "榜单金额（万元）",
        _amount,
        _money(""),
        _l("Open challenges only: the reward in units of 10,000 yuan (万元)."),
    ),
    Column(
        "application_deadline",
        "揭榜截止日期",
        _date,
        _same,
        _l("Open challenges only: the last day for applications, YYYY-MM-DD, before the deadline."),
        "YYYY-MM-DD",
    ),
)


def _published(listing: Any) -> str:
    at = listing.published_at
    return at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M") if at else ""


_STATUS = ExportOnly("状态", "status", lambda listing: STATUS_LABELS.get(listing.status, listing.status))
_PUBLISHED = ExportOnly("发布时间", "published_at", _published)
_ORGANIZATION = ExportOnly("机构", "organization", lambda listing: listing.organization.name)
_FILING = ExportOnly("备案号", "filing_number", lambda listing: listing.filing_number or "")


@dataclass(frozen=True)
class Kind:
    """What is imported and exported for one kind of listing."""

    name: str
    sheet: str
    columns: tuple[Column, ...]
    export_only: tuple[ExportOnly, ...]
    owners: set[str]
    make_input: Callable[..., Any]
    validate: Callable[..., list[tuple[str | None, Any]]]
    create: Callable[[Session, Any, Any], Listing]

    def column(self, header: str) -> Column | None:
        key = _key(header)
        return next((c for c in self.columns if key in (_key(c.header), _key(c.field))), None)

    def is_export_only(self, header: str) -> bool:
        return any(_key(header) in (_key(e.header), _key(e.field)) for e in self.export_only)


KINDS = {
    "achievements": Kind(
        "achievements",
        "科技成果",
        ACHIEVEMENT_COLUMNS,
        (_STATUS, _FILING, _PUBLISHED, _ORGANIZATION),
        ACHIEVEMENT_OWNERS,
        AchievementInput,
        services.validate_achievement,
        services.create_achievement,
    ),
    "demands": Kind(
        "demands",
        "技术需求",
        DEMAND_COLUMNS,
        (_STATUS, _PUBLISHED, _ORGANIZATION),
        DEMAND_OWNERS,
        DemandInput,
        services.validate_demand,
        services.create_demand,
    ),
}


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise ValueError(f"unknown kind of listing {kind!r}")
    return KINDS[kind]


# --- reading files --------------------------------------------------------------------------------


@dataclass
class RowError:
    """A problem of the file: ``row`` as numbered in the spreadsheet (the header is row 1, 0 for the whole
    file), ``column`` the header as written in the file ("" when the problem is not one column's)."""

    row: int
    column: str
    message: Any


class FileRejected(ValidationFailed):
    """The upload cannot be read as a table of listings; ``errors`` says why."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__([(e.column or None, e.message) for e in errors])


def _reject(message: Any, row: int = 0, column: str = "") -> NoReturn:
    raise FileRejected([RowError(row, column, message)])


class Row(dict[str, str]):
    """A data row keyed by the file's headers, remembering its spreadsheet row ``number``."""

    def __init__(self, number: int, values: dict[str, str]):
        super().__init__(values)
        self.number = number


def _cell_text(value: Any) -> str:
    """A cell value as text: dates in ISO form, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value).strip()


def _read_cell(value: Any) -> str:
    text = _cell_text(value)
    if text[:1] == "'" and text[1:2] in FORMULA_START:  # the guard of our CSV exports
        return text[1:]
    return text


def read_rows(data: bytes, filename: str) -> list[Row]:
    """The non-empty rows of an .xlsx (first sheet) or .csv file, keyed by the first row's headers.

    Cells are stripped text. Raises FileRejected when the file cannot be read, has more than MAX_ROWS
    rows, repeated headers, or values in a column without a header.
    """
    if data[:4] == b"PK\x03\x04":  # a zip container, as every .xlsx is
        return _read_xlsx(data)
    if filename.lower().endswith((".csv", ".txt")):
        return _read_csv(data)
    _reject(NOT_SPREADSHEET)


def _read_xlsx(data: bytes) -> list[Row]:
    workbook = None
    try:
        with warnings.catch_warnings():  # styles or extensions openpyxl does not support are irrelevant
            warnings.simplefilter("ignore")
            _check_unzipped_size(data)
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            return _table(workbook.worksheets[0].iter_rows(values_only=True))
    except FileRejected:
        raise
    except Exception:  # any failure to parse an untrusted workbook is the file's problem
        _reject(UNREADABLE_XLSX)
    finally:
        if workbook is not None:
            workbook.close()


def _check_unzipped_size(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        size = sum(info.file_size for info in archive.infolist())
    if size > MAX_UNZIPPED:
        n = MAX_UNZIPPED // 2**20
        _reject(_l("The workbook holds more than %(n)d MB of data; split it into smaller files.", n=n))


def _read_csv(data: bytes) -> list[Row]:
    text = None
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030 covers GBK and GB2312 (Excel's "CSV" in China)
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    if text is None:
        _reject(UNKNOWN_ENCODING)
    if "\x00" in text:
        _reject(NOT_SPREADSHEET)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _table(reader)
    except csv.Error:
        _reject(_l("Line %(n)d of the CSV file cannot be read.", n=reader.line_num))


def _table(records: Iterable[Iterable[Any]]) -> list[Row]:
    records = iter(records)
    headers = [_read_cell(v) for v in next(records, ())]
    _check_headers(headers)
    rows: list[Row] = []
    too_many = _l("The file has more than %(n)d rows; split it into smaller files.", n=MAX_ROWS)
    for number, record in enumerate(records, start=2):
        if number > MAX_SCANNED_ROWS:
            _reject(too_many)
        cells = [_read_cell(v) for v in record]
        if not any(cells):
            continue
        if len(rows) == MAX_ROWS:
            _reject(too_many)
        for index, cell in enumerate(cells):
            if cell and (index >= len(headers) or not headers[index]):
                letter = get_column_letter(index + 1) if index < 16384 else str(index + 1)
                _reject(_l("Column %(letter)s has values but no header.", letter=letter), number)
        cells += [""] * (len(headers) - len(cells))
        rows.append(Row(number, {h: c for h, c in zip(headers, cells, strict=False) if h}))
    return rows


def _check_headers(headers: list[str]) -> None:
    seen: set[str] = set()
    for header in filter(None, headers):
        if header in seen:
            _reject(_l("The column “%(column)s” appears more than once.", column=header), 1, header)
        seen.add(header)


def _read_upload(data: bytes, filename: str) -> list[Row]:
    if len(data) > MAX_BYTES:
        _reject(_l("The file is larger than %(n)d MB; split it into smaller files.", n=MAX_BYTES // 2**20))
    return read_rows(data, filename)


# --- import ---------------------------------------------------------------------------------------


@dataclass
class ImportReport:
    kind: str
    total_rows: int
    imported: int
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def import_listings(
    session: Session,
    actor: Any,
    kind: str,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    today: date | None = None,
) -> ImportReport:
    """Create every row of the file as a draft of the actor's organisation, or none at all.

    The whole file is read and validated first; when any row has a problem nothing is saved and the report
    lists every problem. ``dry_run`` only validates. PermissionDenied (before reading) when the actor may
    not publish this kind of listing.
    """
    spec = _kind(kind)
    services.acting_organization(actor, spec.owners)
    report = ImportReport(kind, 0, 0, [], dry_run)
    try:
        rows = _read_upload(data, filename)
        report.total_rows = len(rows)
        headers = _resolve_headers(spec, rows)
    except FileRejected as exc:
        report.errors = exc.errors
        return report
    inputs = []
    for row in rows:
        listing_input, problems = _parse_row(spec, row, headers, today or date.today())
        inputs.append((row.number, listing_input))
        report.errors += problems
    if report.errors or dry_run:
        return report
    report.errors = _create_all(session, actor, spec, inputs, headers)
    report.imported = 0 if report.errors else len(inputs)
    return report


def _resolve_headers(spec: Kind, rows: list[Row]) -> dict[str, str]:
    """The file's header of each known column; FileRejected listing unknown, repeated and missing ones."""
    if not rows:
        _reject(NO_ROWS)
    found: dict[str, str] = {}
    errors = []
    for header in rows[0]:
        column = spec.column(header)
        if column is None:
            if not spec.is_export_only(header):
                message = _l("Unknown column “%(column)s”; use the headers of the template.", column=header)
                errors.append(RowError(1, header, message))
        elif column.field in found:
            message = _l("The column “%(column)s” appears more than once.", column=column.header)
            errors.append(RowError(1, header, message))
        else:
            found[column.field] = header
    for column in spec.columns:
        if column.required and column.field not in found:
            message = _l("The required column “%(column)s” is missing.", column=column.header)
            errors.append(RowError(1, column.header, message))
    if errors:
        raise FileRejected(errors)
    return found


def _parse_row(spec: Kind, row: Row, headers: dict[str, str], today: date) -> tuple[Any, list[RowError]]:
    """The row's *Input and its problems: unreadable cells, then what validation finds in the others."""
    values: dict[str, Any] = {}
    unreadable: dict[str, Any] = {}
    for column in spec.columns:
        text = row[headers[column.field]] if column.field in headers else ""
        try:
            values[column.field] = column.parse(text)
        except CellError as exc:
            values[column.field] = column.parse("")
            unreadable[column.field] = exc.message
    listing_input = spec.make_input(**values)
    reasons = list(unreadable.items())
    reasons += [(f, m) for f, m in spec.validate(listing_input, today) if f not in unreadable]
    return listing_input, _row_errors(spec, row.number, reasons, headers)


def _row_errors(
    spec: Kind, number: int, reasons: list[tuple[str | None, Any]], headers: dict[str, str]
) -> list[RowError]:
    """Reasons (field, message) as errors of the row, in column order, under the file's own headers."""
    order = {c.field: i for i, c in enumerate(spec.columns)}
    canonical = {c.field: c.header for c in spec.columns}
    reasons = sorted(reasons, key=lambda reason: order.get(reason[0] or "", len(order)))
    return [RowError(number, headers.get(f or "") or canonical.get(f or "", ""), m) for f, m in reasons]


def _create_all(
    session: Session, actor: Any, spec: Kind, inputs: list[tuple[int, Any]], headers: dict[str, str]
) -> list[RowError]:
    """Create the drafts inside a savepoint: all of them or, when one fails after all, none."""
    done = 0
    try:
        with session.begin_nested():
            for _number, listing_input in inputs:
                spec.create(session, actor, listing_input)
                done += 1
    except ValidationFailed as exc:  # validated against another day, e.g. a deadline that just passed
        return _row_errors(spec, inputs[done][0], exc.reasons, headers)
    return []


# --- template and export --------------------------------------------------------------------------

HELP_HEADINGS = (
    _l("Column"),
    _l("Also accepted as header"),
    _l("Required"),
    _l("Explanation"),
    _l("Allowed values"),
)
EXPORT_ONLY_HELP = _l("Read-only: written by exports and ignored on import.")
ALL_OR_NOTHING = _l(
    "One listing per row. The rows are saved as drafts, and only when every row of the file is valid; "
    "otherwise nothing is saved and every problem is listed."
)


def _examples(today: date) -> dict[str, dict[str, Any]]:
    return {
        "achievements": {
            "title": "高镍三元正极材料表面包覆改性技术",
            "summary": "采用原子层沉积在高镍正极表面形成均匀包覆层，循环寿命提升30%，适用于动力电池。",
            "field": "新能源汽车",
            "keywords": "锂电池、正极材料、包覆",
            "maturity": "中试",
            "trl": 6,
            "transfer_modes": "许可、转让",
            "price": 120,
            "province_code": "310000",
            "city_code": "310100",
            "contact_name": "李老师",
            "contact_phone": "021-12345678",
            "contact_email": "li@example.edu.cn",
            "title_en": "Surface coating of high-nickel cathode materials",
            "ip_items": "发明专利:201710601862.3:已授权; 软件著作权:2021SR0123456:已授权",
        },
        "demands": {
            "kind": "揭榜挂帅",
            "title": "焊接机器人焊缝跟踪精度提升",
            "field": "高端装备制造",
            "problem": "现有焊接机器人在厚板多层多道焊时焊缝跟踪偏差大，返修率高，影响交付。",
            "metrics": "焊缝一次合格率≥99.5%，节拍≤45秒/件",
            "constraints": "改造成本不超过原设备价格的20%",
            "ip_terms": "成果知识产权归企业所有，研发团队可发表论文",
            "keywords": "焊接、机器人、视觉",
            "expected_maturity": "中试",
            "modes": "合作开发、许可",
            "budget": 200,
            "deadline": today + timedelta(days=180),
            "province_code": "330000",
            "city_code": "330200",
            "contact_name": "王工",
            "contact_phone": "0574-87654321",
            "contact_email": "wang@example.com",
            "reward": 50,
            "application_deadline": today + timedelta(days=60),
        },
    }


def template(kind: str) -> bytes:
    """An .xlsx to fill in: the headers (required ones in red), one example row, and a 说明 sheet."""
    spec = _kind(kind)
    example = _examples(date.today())[kind]
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = spec.sheet
    required = {c.header for c in spec.columns if c.required}
    _write_sheet(
        sheet, [c.header for c in spec.columns], [[example[c.field] for c in spec.columns]], required
    )
    _write_help(workbook.create_sheet("说明"), spec)
    return _workbook_bytes(workbook)


def export_listings(listings: Iterable[Listing], kind: str, fmt: str = "xlsx") -> bytes:
    """The listings in the import columns (Chinese labels, amounts in 万元) plus read-only columns.

    ``fmt`` is ``xlsx`` or ``csv`` (UTF-8 with a byte-order mark, which Excel needs to read it).
    """
    spec = _kind(kind)
    headers = [c.header for c in spec.columns] + [e.header for e in spec.export_only]
    rows = [
        [c.render(getattr(listing, c.field)) for c in spec.columns]
        + [e.render(listing) for e in spec.export_only]
        for listing in listings
    ]
    if fmt == "csv":
        return _csv_bytes(headers, rows)
    if fmt != "xlsx":
        raise ValueError(f"unknown export format {fmt!r}")
    workbook = openpyxl.Workbook()
    workbook.active.title = spec.sheet
    _write_sheet(workbook.active, headers, rows)
    return _workbook_bytes(workbook)


def _csv_bytes(headers: list[str], rows: list[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow(_formula_safe(_cell_text(value)) for value in row)
    return buffer.getvalue().encode("utf-8-sig")


def _formula_safe(text: str) -> str:
    """Quote text that a spreadsheet program would run as a formula (the importer drops the quote)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _write_sheet(
    sheet: Any, headers: list[str], rows: list[list[Any]], required: set[str] = frozenset()
) -> None:
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = Font(bold=True, color="C00000" if header in required else None)
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, 2 * len(header) + 4))
    for number, row in enumerate(rows, start=2):
        for index, value in enumerate(row, start=1):
            _set_cell(sheet.cell(row=number, column=index), value)
    sheet.freeze_panes = "A2"


def _set_cell(cell: Any, value: Any) -> None:
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, never a formula
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"


def _write_help(sheet: Any, spec: Kind) -> None:
    rows: list[list[Any]] = [
        [c.header, c.field, "✓" if c.required else "", str(c.help), _allowed_text(c)] for c in spec.columns
    ]
    rows += [[e.header, e.field, "", str(EXPORT_ONLY_HELP), ""] for e in spec.export_only]
    rows += [[], [str(ALL_OR_NOTHING)]]
    _write_sheet(sheet, [str(h) for h in HELP_HEADINGS], rows)
    for letter, width in zip("ABCDE", (18, 22, 8, 60, 60), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _allowed_text(column: Column) -> str:
    return _province_list() if column.field == "province_code" else column.allowed


def _workbook_bytes(workbook: Any) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
