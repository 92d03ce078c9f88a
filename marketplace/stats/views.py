"""Statistics pages: the overview (filters, figure cards, SVG charts, tables) and each table as XLSX.

Thin on purpose: the figures and who may see them are the services' (``figures.Figures``); the page
shows amounts in 万元 as statistics are read, the exports keep exact 元.
"""

from __future__ import annotations

import io
import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import Blueprint, render_template, request, send_file
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from marketplace.core.errors import ValidationFailed
from marketplace.core.web import show_errors
from marketplace.extensions import db
from marketplace.i18n import to_script
from marketplace.stats import charts, exports, labels, services
from marketplace.stats.figures import TABLES, Figures, describe
from marketplace.stats.forms import StatsFilterForm
from marketplace.stats.tables import AMOUNT, COUNT, PERCENT, Column, Table

bp = Blueprint("stats", __name__)

#: the page's sections, in order; each table names its section in ``figures.TABLES``
SECTIONS = {
    "contracts": _l("Registered contracts"),
    "parties": _l("Parties"),
    "regions": _l("Regions and flows"),
    "rankings": _l("Rankings"),
    "funnel": _l("Funnel"),
}
FILTER_FIELDS = ("date_from", "date_to", "region", "basis", "brokerage", "level", "denominator")
ALL = "all"  #: /stats/export/all.xlsx: every table, one sheet each
_UNSAFE_FILENAME = re.compile(r'[\\/:*?"<>|]+')


def in_wan(value: Any) -> str:
    """An amount in 元 shown in 万元 with two decimals, the unit being in the header (statistics are read in
    万元; exports keep 元). Not the catalogue's global ``wan`` filter, which writes the unit and 面议."""
    if value is None:
        return "—"
    return f"{(Decimal(value) / 10000).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def _script(text: str) -> str:
    return to_script(text, str(get_locale()))


def page_header(column: Column) -> str:
    """Amounts are in 万元 on the page; flow-matrix headers are region names (data: shown in the reader's
    script)."""
    if column.kind == AMOUNT:
        return _("%(name)s (10k yuan)", name=_script(str(column.header)))
    return _script(str(column.header))


def page_cell(value: Any, kind: str) -> str:
    if value is None:
        return "—"
    if kind == AMOUNT:
        return in_wan(value)
    if kind == COUNT:
        return f"{value:,}"
    if kind == PERCENT:
        return f"{value}%"
    return _script(str(value))


def _points(table: Table, key: str) -> list[charts.Point]:
    kind = table.columns[table.index(key)].kind
    return [charts.Point(_script(str(row[0])), row[table.index(key)], page_cell(row[table.index(key)], kind))
            for row in table.rows]  # fmt: skip


def _charts(tables: dict[str, Table], basis: str) -> list[charts.Chart]:
    measure = str(labels.BASES[basis])
    key = f"{basis}_amount"
    found = []
    if tables["by_month"].rows:
        title = _("%(measure)s by month (10k yuan)", measure=measure)
        found.append(charts.columns(_points(tables["by_month"], key), title))
    if tables["by_type"].rows:
        title = _("%(measure)s by contract type (10k yuan)", measure=measure)
        found.append(charts.bars(_points(tables["by_type"], key), title))
    return found


def _matrix_peak(table: Table) -> Any:
    """The largest cell of a flow matrix (the totals column left out), for the heat shading."""
    return max((v for row in table.rows for v in row[1:-1] if v), default=0)


@bp.get("/stats")
@login_required
def overview():
    scope = services.scope_of(db.session, current_user)  # 403 for users without a scope, before anything
    form = StatsFilterForm(formdata=request.args)
    context: dict[str, Any] = {
        "form": form,
        "scope": scope,
        "regions": services.region_options(),
        "sections": SECTIONS,
        "page_header": page_header,
        "page_cell": page_cell,
        "in_wan": in_wan,
        "heat": charts.heat,
    }
    try:
        filters = services.parse_filters(request.args)
    except ValidationFailed as exc:
        show_errors(form, exc)
        return render_template("stats/overview.html", figures=None, **context)
    figures = Figures(db.session, current_user, filters)
    shown = [k for k in TABLES if k != "brokerage" or filters.brokerage == "separate"]
    tables = {key: figures.table(key) for key in shown}
    return render_template(
        "stats/overview.html",
        figures=figures,
        filters=filters,
        summary=figures.summary(),
        tables=tables,
        by_section={s: [tables[k] for k in shown if TABLES[k][0] == s] for s in SECTIONS},
        charts=_charts(tables, filters.basis),
        description=describe(filters),
        export_args={k: v for k, v in request.args.items() if k in FILTER_FIELDS and v},
        peaks={k: _matrix_peak(t) for k, t in tables.items() if k.startswith("flow_")},
        labels=labels,
        **context,
    )


def _bad_request(reasons: list[str]):
    message = " ".join(reasons)
    title = _("This export cannot be made")
    return render_template("errors/error.html", code=400, title=title, message=message), 400


@bp.get("/stats/export/<name>.xlsx")
@login_required
def export(name: str):
    """One table (or ``all``) as XLSX, for the same query parameters as the page."""
    services.scope_of(db.session, current_user)
    if name != ALL and name not in TABLES:
        return _bad_request([_("There is no statistics table called “%(name)s”.", name=name)])
    try:
        filters = services.parse_filters(request.args)
    except ValidationFailed as exc:
        return _bad_request([str(message) for _field, message in exc.reasons])
    figures = Figures(db.session, current_user, filters)
    tables = figures.tables() if name == ALL else [figures.table(name)]
    subtitle = " · ".join(str(part) for part in describe(filters))
    data = exports.workbook(tables, subtitle, _script)
    title = _("Technology contract statistics") if name == ALL else str(tables[0].title)
    response = send_file(
        io.BytesIO(data),
        mimetype=exports.XLSX,
        as_attachment=True,
        # the ASCII prefix is the name browsers without RFC 6266 support fall back to
        download_name=f"stats-{name}-{_UNSAFE_FILENAME.sub(' ', _script(title)).strip()}.xlsx",
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
