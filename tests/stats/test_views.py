"""The statistics page: filters, figure cards in 万元, SVG charts, tables, empty and invalid states."""

from __future__ import annotations

import re

import pytest

from tests.factories import PASSWORD, owner_of


@pytest.fixture
def admin(make_browser, admin_user):
    browser = make_browser()
    browser.login(admin_user.email, PASSWORD)
    return browser


def test_overview_with_filters(market, admin):
    response = admin.get("/stats?region=310000&basis=technical&level=province&denominator=all")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    # Shanghai's outflow: C1, C2, C5, C6, C7: 5 contracts, 成交额 4,050,000 元 = 405.00 万元
    assert 'data-figure="count">5<' in page and 'data-figure="contract_amount">405.00<' in page
    # technical basis, province level, denominator "all" (6 contracts with a party in Shanghai):
    # local C1, C6: 技术交易额 850,000 of 4,850,000 = 17.5 %
    assert 'data-figure="local">17.5%<' in page
    assert '<option value="310000" selected>' in page and '<option selected value="technical">' in page
    for key in ("by_month", "by_type", "flow_amount", "absorption", "brokers", "funnel_organization"):
        assert f'id="table-{key}"' in page
        assert f"/stats/export/{key}.xlsx?" in page and "region=310000" in page
    assert page.count("<svg") == 2 and "<script" not in page.split("<main", 1)[1].split("</main>")[0]
    # the deals domain records NDAs and negotiations, so the funnel counts them (0 here: no deals)
    assert 'data-not-recorded="nda"' not in page and 'id="table-funnel_organization"' in page
    assert 'id="table-brokerage"' not in page  # only when brokerage contracts are shown separately
    assert 'id="table-brokerage"' in admin.get("/stats?brokerage=separate").get_data(as_text=True)


def test_amounts_in_ten_thousand_yuan_and_heat_shading(market, admin):
    page = admin.get("/stats").get_data(as_text=True)
    assert 'data-figure="contract_amount">605.00<' in page  # 6,050,000 元
    assert 'data-figure="technical_amount">555.00<' in page
    flows = page.split('id="table-flow_amount"', 1)[1].split("</table>", 1)[0]
    assert "background-color: rgba(13, 110, 253" in flows and "260.00" in flows  # SH -> ZJ: 2,600,000 元


def test_a_bad_filter_shows_a_message(market, admin):
    response = admin.get("/stats?date_from=2026-02-30&basis=gross")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="filter-invalid"' in page and 'id="table-by_type"' not in page
    assert len(re.findall(r'class="invalid-feedback d-block"', page)) == 2
    assert 'value="2026-02-30"' in page  # what was typed stays in the field


def test_empty_state(app, session, market, make_org, make_user, make_browser):
    authority = make_org(make_user(), type="authority", name="广东省技术市场管理办公室", province="440000",
                         city="440100")  # fmt: skip
    browser = make_browser()
    browser.login(owner_of(authority).email, PASSWORD)
    page = browser.get("/stats").get_data(as_text=True)
    assert 'id="stats-empty"' in page and 'id="summary"' not in page and "<svg" not in page
    assert 'id="section-funnel"' in page


def test_export_returns_xlsx(market, admin):
    response = admin.get("/stats/export/flow_count.xlsx?region=330000")
    assert response.status_code == 200
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert response.data[:2] == b"PK"
