"""XLSX exports: opened with openpyxl, translated headers, numbers as numbers, the service's figures."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from flask_babel import gettext

from marketplace.stats import exports
from marketplace.stats.figures import TABLES, Figures
from marketplace.stats.services import StatsFilter
from marketplace.stats.tables import AMOUNT, COUNT, PERCENT, TEXT, Column, Table
from tests.factories import PASSWORD

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def admin(make_browser, admin_user):
    browser = make_browser()
    browser.login(admin_user.email, PASSWORD)
    return browser


def workbook(response) -> openpyxl.Workbook:
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.mimetype == XLSX
    assert response.headers["Content-Disposition"].startswith("attachment")
    return openpyxl.load_workbook(io.BytesIO(response.data))


def test_table_export_matches_the_service_table(app, session, market, admin, admin_user):
    book = workbook(admin.get("/stats/export/by_type.xlsx?basis=technical"))
    sheet = book.active
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):  # the request's locale: zh_Hans
        table = Figures(session, admin_user, StatsFilter(basis="technical")).table("by_type")
        headers = [sheet.cell(exports.HEADER_ROW, i).value for i in range(1, len(table.columns) + 1)]
        assert sheet.cell(exports.TITLE_ROW, 1).value == str(table.title)
        # the header is the gettext of its msgid in the request's locale; amounts say they are in 元
        assert headers == [
            gettext("Contract type"),
            gettext("Number of contracts"),
            gettext("%(name)s (yuan)", name=gettext("Contract amount")),
            gettext("%(name)s (yuan)", name=gettext("Technical amount")),
            gettext("Share of technical amount (%)"),
        ]
        # and, with the committed zh_Hans catalogue, the Chinese headers themselves
        assert headers[1:4] == ["合同数", "合同成交额（元）", "技术交易额（元）"]
        assert sheet.freeze_panes == f"A{exports.HEADER_ROW + 1}"
        body = [
            [c.value for c in row]
            for row in sheet.iter_rows(
                min_row=exports.HEADER_ROW + 1, max_row=exports.HEADER_ROW + len(table.rows)
            )
        ]
        expected = [[str(r[0]), *r[1:]] for r in table.rows]
    assert [
        [b[0], b[1], Decimal(str(b[2])), Decimal(str(b[3])), Decimal(str(b[4]))] for b in body
    ] == expected
    amount = sheet.cell(exports.HEADER_ROW + 2, 3)  # technology transfer: 3,200,000.00 元
    assert amount.data_type == "n" and amount.value == 3_200_000 and amount.number_format == "#,##0.00"
    assert sheet.cell(exports.HEADER_ROW + 2, 2).number_format == "#,##0"
    totals = [c.value for c in sheet[exports.HEADER_ROW + len(table.rows) + 1]]
    assert totals[1:4] == [8, 6_050_000, 5_550_000]


def test_every_table_in_one_workbook(market, admin):
    book = workbook(admin.get("/stats/export/all.xlsx?brokerage=separate&region=310000"))
    assert len(book.worksheets) == len(TABLES)
    assert all(len(s.title) <= 31 for s in book.worksheets)


def test_unknown_table_or_bad_filter_is_a_clear_400(market, admin):
    response = admin.get("/stats/export/salaries.xlsx")
    assert response.status_code == 400 and "salaries" in response.get_data(as_text=True)
    response = admin.get("/stats/export/by_type.xlsx?date_from=2026-02-30")
    assert response.status_code == 400 and "YYYY-MM-DD" in response.get_data(as_text=True)


def test_text_never_becomes_a_formula_and_missing_figures_stay_empty():
    table = Table(
        "t",
        "Test",
        [
            Column("name", "Name", TEXT),
            Column("n", "N", COUNT),
            Column("a", "A", AMOUNT),
            Column("p", "P", PERCENT),
        ],
        [['=HYPERLINK("http://x")', None, Decimal("1.5"), Decimal("12.5")]],
    )
    book = openpyxl.load_workbook(io.BytesIO(exports.workbook([table], "subtitle")))
    row = book.active[exports.HEADER_ROW + 1]
    assert row[0].data_type == "s" and row[0].value.startswith("=HYPERLINK")
    assert row[1].value is None and row[2].value == 1.5 and row[3].number_format == "0.0"


def test_a_failed_export_sends_nothing(market, admin, monkeypatch, app):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "_write_sheet", broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)  # answer as in production: a 500 page
    response = admin.get("/stats/export/all.xlsx")
    assert response.status_code == 500 and response.mimetype != XLSX
