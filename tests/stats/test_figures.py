"""Statistics against numbers computed by hand from the market of ``conftest.market`` (amounts in 元).

Every expected value below is a literal worked out on paper from the table in ``market``'s docstring,
never obtained by calling the code under test.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from marketplace.core.errors import ValidationFailed
from marketplace.stats import labels, services
from marketplace.stats.figures import Figures
from marketplace.stats.services import StatsFilter, city_key, local_absorption, parse_filters


@pytest.fixture
def admin_figures(app, session, market, admin_user):
    def make(**filters) -> Figures:
        with app.test_request_context():
            figs = Figures(session, admin_user, StatsFilter(**filters))
            figs.registered  # noqa: B018 - load inside the context
            return figs

    return make


def group(key: str) -> str:
    """A party group's label as the page shows it (translated in the request's locale)."""
    return str(labels.PARTY_GROUPS[key])


def abroad() -> str:
    return str(labels.PLACES["foreign"])


def rows(table) -> list[list]:
    """Rows with text cells as plain strings (lazy labels rendered)."""
    return [[c if isinstance(c, int | D) or c is None else str(c) for c in r] for r in table.rows]


def test_only_registered_contracts_count_by_registration_month(app, market, admin_figures):
    with app.test_request_context():
        figs = admin_figures()
        # X1 (cancelled) and X2 (accepted only) never count
        assert sorted(f.id for f in figs.registered) == sorted(
            c.id
            for c in (market.c1, market.c2, market.c3, market.c4, market.c5, market.c6, market.c7, market.c8)
        )
        table = figs.table("by_month")
        # | month   | n | 成交额    | 技术交易额 |
        # | 2026-02 | 1 | 1,000,000 |   800,000 |  C1
        # | 2026-03 | 2 | 2,500,000 | 2,500,000 |  C2 (17:00 UTC on 28 Feb = 1 March in China), C3
        # | 2026-04 | 3 |   750,000 |   650,000 |  C4, C5, C6
        # | 2026-05 | 2 | 1,800,000 | 1,600,000 |  C7, C8
        assert rows(table) == [
            ["2026-02", 1, D("1000000.00"), D("800000.00")],
            ["2026-03", 2, D("2500000.00"), D("2500000.00")],
            ["2026-04", 3, D("750000.00"), D("650000.00")],
            ["2026-05", 2, D("1800000.00"), D("1600000.00")],
        ]
        assert table.totals[1:] == [8, D("6050000.00"), D("5550000.00")]


def test_by_type_field_and_ip(app, admin_figures):
    with app.test_request_context():
        figs = admin_figures()
        # shares of 成交额 6,050,000: 1.6/6.05 = 26.4 %, 3.2/6.05 = 52.9 %, 0.5/6.05 = 8.3 %,
        # 0.4/6.05 = 6.6 %, 0.35/6.05 = 5.8 %
        assert [r[1:] for r in rows(figs.table("by_type"))] == [
            [2, D("1600000.00"), D("1400000.00"), D("26.4")],  # development: C1, C7
            [2, D("3200000.00"), D("3000000.00"), D("52.9")],  # transfer: C2, C8
            [1, D("500000.00"), D("500000.00"), D("8.3")],  # licence: C3
            [1, D("400000.00"), D("400000.00"), D("6.6")],  # consulting: C5
            [2, D("350000.00"), D("250000.00"), D("5.8")],  # service: C4, C6
        ]
        fields = figs.table("by_field")
        assert len(fields.rows) == 11  # the 11 national fields, zero or not
        by_field = {r[0]: r[1:4] for r in rows(fields)}
        materials = str(fields.rows[5][0])
        assert by_field[materials] == [3, D("3700000.00"), D("3500000.00")]  # C2, C3, C8
        ip = figs.table("by_ip")
        # patent: C2, C3 (2,500,000); know-how: C8 (1,200,000); none: C1, C4, C5, C6, C7 (2,350,000)
        assert ip.rows[0][1:3] == [1, D("1200000.00")] and ip.rows[1][1:3] == [2, D("2500000.00")]
        assert ip.rows[-1][1:3] == [5, D("2350000.00")]
        # involving IP: 3 contracts, 3,700,000 / 6,050,000 = 61.2 %
        summary = figs.summary()
        assert (summary.ip.count, summary.ip_share) == (3, D("61.2"))
        assert "61.2%" in str(ip.notes[0])
        # 技术交易额 / 成交额 = 5,550,000 / 6,050,000 = 91.7 %; average 6,050,000 / 8 = 756,250
        assert (summary.technical_share, summary.average) == (D("91.7"), D("756250.00"))


def test_party_types_outflow_and_inflow(app, admin_figures):
    with app.test_request_context():
        figs = admin_figures()
        sellers = {r[0]: r[1:4] for r in rows(figs.table("seller_types"))}
        assert sellers == {
            group("enterprise"): [2, D("800000.00"), D("700000.00")],  # E2 (160) in C3, C4
            group("enterprise_hmt"): [0, D("0.00"), D("0.00")],
            group("enterprise_foreign"): [1, D("1200000.00"), D("1000000.00")],  # Rhein (300) in C8
            group("institute"): [0, D("0.00"), D("0.00")],
            group("university"): [5, D("4050000.00"), D("3850000.00")],  # U1 (022): C1, C2, C5, C6, C7
            group("medical"): [0, D("0.00"), D("0.00")],
            group("person"): [0, D("0.00"), D("0.00")],
            group("other"): [0, D("0.00"), D("0.00")],
        }
        assert list(sellers) == [group(k) for k in labels.PARTY_GROUPS]  # the national order
        buyers = {r[0]: r[1:4] for r in rows(figs.table("buyer_types")) if r[1]}
        assert buyers == {
            group("enterprise"): [7, D("5650000.00"), D("5150000.00")],  # all but C5
            group("enterprise_foreign"): [1, D("400000.00"), D("400000.00")],  # Pacific (300) in C5
        }


def test_outflow_inflow_and_flow_matrix(app, admin_figures):
    with app.test_request_context():
        figs = admin_figures()
        assert rows(figs.table("outflow")) == [
            ["上海市", 5, D("4050000.00"), D("3850000.00"), D("66.9")],
            ["浙江省", 2, D("800000.00"), D("700000.00"), D("13.2")],
            [abroad(), 1, D("1200000.00"), D("1000000.00"), D("19.8")],
        ]
        assert rows(figs.table("inflow")) == [
            ["浙江省", 4, D("3400000.00"), D("3300000.00"), D("56.2")],  # C2, C3, C4, C7
            ["上海市", 3, D("2250000.00"), D("1850000.00"), D("37.2")],  # C1, C6, C8
            [abroad(), 1, D("400000.00"), D("400000.00"), D("6.6")],  # C5
        ]
        # SH->SH: C1, C6; SH->ZJ: C2, C7; SH->abroad: C5; ZJ->ZJ: C3, C4; abroad->SH: C8
        count = figs.table("flow_count")
        assert [str(c.header) for c in count.columns[1:]] == ["浙江省", "上海市", abroad(), str(labels.TOTAL)]
        assert rows(count) == [["上海市", 2, 2, 1, 5], ["浙江省", 2, 0, 0, 2], [abroad(), 0, 1, 0, 1]]
        assert count.totals[1:] == [4, 3, 1, 8]
        amount = figs.table("flow_amount")
        assert rows(amount) == [
            ["上海市", D("2600000.00"), D("1050000.00"), D("400000.00"), D("4050000.00")],
            ["浙江省", D("800000.00"), D("0.00"), D("0.00"), D("800000.00")],
            [abroad(), D("0.00"), D("1200000.00"), D("0.00"), D("1200000.00")],
        ]
        assert amount.totals[-1] == D("6050000.00")


# local absorption (本地吸纳), by hand:
#   same city:     C1 (310100/310115: both Shanghai), C4 (330203/330212: both Ningbo), C6 (Shanghai)
#                  -> 3 contracts, 成交额 1,350,000, 技术交易额 1,050,000
#   same province: the above + C3 (Ningbo -> Hangzhou) -> 4, 1,850,000, 1,550,000
#   C5 and C8 have a party abroad: never local.
ABSORPTION = [
    # region, level, denominator: (local n, 成交额, 技术), (base n, 成交额, 技术), rates (n, 成交额, 技术)
    (None, "city", "outflow", (3, "1350000", "1050000"), (8, "6050000", "5550000"), ("37.5", "22.3", "18.9")),
    (None, "province", "all", (4, "1850000", "1550000"), (8, "6050000", "5550000"), ("50.0", "30.6", "27.9")),
    # Shanghai: outflow C1, C2, C5, C6, C7; local C1, C6; seller or buyer in Shanghai adds C8
    (
        "310000",
        "city",
        "outflow",
        (2, "1050000", "850000"),
        (5, "4050000", "3850000"),
        ("40.0", "25.9", "22.1"),
    ),
    ("310000", "city", "all", (2, "1050000", "850000"), (6, "5250000", "4850000"), ("33.3", "20.0", "17.5")),
    # Zhejiang: outflow C3, C4 (both local in the province, only C4 in the city); all adds C2, C7 (buyers)
    ("330000", "province", "outflow", (2, "800000", "700000"), (2, "800000", "700000"), ("100.0",) * 3),
    ("330000", "city", "outflow", (1, "300000", "200000"), (2, "800000", "700000"), ("50.0", "37.5", "28.6")),
    (
        "330000",
        "province",
        "all",
        (2, "800000", "700000"),
        (4, "3400000", "3300000"),
        ("50.0", "23.5", "21.2"),
    ),
    # Ningbo (city): outflow C3, C4; all adds C2 (buyer E2 in Ningbo)
    ("330200", "city", "all", (1, "300000", "200000"), (3, "2800000", "2700000"), ("33.3", "10.7", "7.4")),
]


@pytest.mark.parametrize("region, level, denominator, local, base, rates", ABSORPTION)
def test_local_absorption(app, admin_figures, region, level, denominator, local, base, rates):
    with app.test_request_context():
        figs = admin_figures(region=region, level=level, denominator=denominator)
        a = local_absorption(figs.contracts, region, level, denominator)
        assert (a.local.count, a.local.contract_amount, a.local.technical_amount) == (
            local[0], D(local[1]), D(local[2]),
        )  # fmt: skip
        assert (a.base.count, a.base.contract_amount, a.base.technical_amount) == (
            base[0], D(base[1]), D(base[2]),
        )  # fmt: skip
        assert (a.count_rate, a.rate("contract"), a.rate("technical")) == tuple(D(r) for r in rates)
        # the table shows the chosen level first, with the same figures
        first = figs.table("absorption").rows[0]
        assert first[1:4] == [local[0], base[0], D(rates[0])] and first[6] == D(rates[1])


def test_region_filter_selects_sellers_for_outflow_and_buyers_for_inflow(app, admin_figures):
    with app.test_request_context():
        figs = admin_figures(region="330200")  # Ningbo
        assert rows(figs.table("outflow")) == [["浙江省", 2, D("800000.00"), D("700000.00"), D("100.0")]]
        # buyers in Ningbo: E2 in C2 (330203) and 宁波港城 in C4 (330212)
        assert rows(figs.table("inflow")) == [["浙江省", 2, D("2300000.00"), D("2200000.00"), D("100.0")]]
        # flows of contracts with either party in Ningbo: C2 (SH->ZJ), C3, C4 (ZJ->ZJ)
        assert rows(figs.table("flow_count")) == [["上海市", 1, 1], ["浙江省", 2, 2]]
        assert figs.summary().total.count == 2


def test_date_range_is_inclusive_in_china_time(app, admin_figures):
    with app.test_request_context():
        # 1 March to 15 April: C2 (1 March 01:00 in China), C3, C4, C5 (15 April 23:00 in China)
        figs = admin_figures(date_from=date(2026, 3, 1), date_to=date(2026, 4, 15))
        total = figs.summary().total
        assert (total.count, total.contract_amount, total.technical_amount) == (
            4,
            D("3200000.00"),
            D("3100000.00"),
        )
        only_february = admin_figures(date_to=date(2026, 2, 28))
        assert [r[0] for r in rows(only_february.table("by_month"))] == ["2026-02"]


def test_brokerage_contracts_included_left_out_or_separate(app, admin_figures):
    with app.test_request_context():
        assert admin_figures(brokerage="include").summary().total.count == 8
        left_out = admin_figures(brokerage="exclude").summary().total
        assert (left_out.count, left_out.contract_amount, left_out.technical_amount) == (
            7, D("6000000.00"), D("5500000.00"),
        )  # fmt: skip
        separate = admin_figures(brokerage="separate")
        assert separate.summary().total.count == 7
        assert rows(separate.table("brokerage")) == [["2026-04", 1, D("50000.00"), D("50000.00")]]  # C6
        # without C6, Shanghai's local contracts at city level are C1 only (C4 is Ningbo's)
        assert local_absorption(separate.contracts, "310000", "city", "outflow").local.count == 1


def test_top_sellers_and_broker_ranking(app, admin_figures):
    with app.test_request_context():
        figs = admin_figures()
        # by 技术交易额: U1 3,850,000 (69.4 % of 5,550,000), Rhein 1,000,000 (18.0 %), E2 700,000 (12.6 %)
        assert rows(figs.table("top_sellers")) == [
            [1, "东海大学", "上海市", 5, D("4050000.00"), D("3850000.00"), D("69.4")],
            [2, "Rhein Technik GmbH", abroad(), 1, D("1200000.00"), D("1000000.00"), D("18.0")],
            [3, "甬江精密股份有限公司", "浙江省", 2, D("800000.00"), D("700000.00"), D("12.6")],
        ]
        # A1: C6 (the broker and the agency that recorded it: once) and C7 (named broker); 明远: C4
        # (columns other domains add, like the deals' closed deals, come after these five)
        assert [r[:5] for r in rows(figs.table("brokers"))] == [
            [1, "申城技术转移中心", 2, D("650000.00"), D("650000.00")],
            [2, "明远技术经理人事务所", 1, D("300000.00"), D("200000.00")],
        ]
        # without brokerage contracts A1 keeps C7 only, and still leads on value (600,000 > 300,000)
        assert [r[1:3] for r in rows(admin_figures(brokerage="exclude").table("brokers"))] == [
            ["申城技术转移中心", 1], ["明远技术经理人事务所", 1],
        ]  # fmt: skip


def test_technical_basis_changes_shares_and_the_absorption_rate(app, admin_figures):
    with app.test_request_context():
        figs = admin_figures(basis="technical")
        # 技术交易额 5,550,000: development 1,400,000 = 25.2 %; transfer 3,000,000 = 54.1 %
        shares = [r[4] for r in rows(figs.table("by_type"))]
        assert shares[:2] == [D("25.2"), D("54.1")]
        assert figs.summary().absorption.rate("technical") == D("18.9")


def test_other_domains_can_add_a_broker_column(app, admin_figures):
    """Deals will add closed deals per broker through this registry."""
    seen = []

    def closed_deals(session, brokers, filters):
        seen.extend(brokers)
        return {brokers[0]: 4}

    original = list(services.BROKER_COLUMNS)
    try:
        services.register_broker_column(
            services.BrokerColumn("closed_deals", "Closed deals", "count", closed_deals)
        )
        with app.test_request_context():
            table = admin_figures().table("brokers")
    finally:
        services.BROKER_COLUMNS[:] = original
    assert table.columns[-1].key == "closed_deals"
    assert [r[-1] for r in table.rows] == [4, None] and len(seen) == 2


def test_filters_are_validated_all_at_once():
    with pytest.raises(ValidationFailed) as bad:
        parse_filters(
            {"date_from": "2026-13-01", "date_to": "yesterday", "region": "999999", "basis": "gross"}
        )
    assert {f for f, _m in bad.value.reasons} == {"date_from", "date_to", "region", "basis"}
    with pytest.raises(ValidationFailed) as reversed_range:
        parse_filters({"date_from": "2026-05-01", "date_to": "2026-04-01"})
    assert [f for f, _m in reversed_range.value.reasons] == ["date_to"]
    good = parse_filters(
        {"date_from": "2026-01-01", "region": "330200", "brokerage": "separate", "level": ""}
    )
    assert (good.date_from, good.region, good.brokerage, good.level) == (
        date(2026, 1, 1),
        "330200",
        "separate",
        "city",
    )


def test_city_of_a_region_code():
    assert city_key("310115") == city_key("310000") == "310000"  # a municipality is one city
    assert city_key("500235") == city_key("500101")  # Chongqing's counties too
    assert city_key("330203") == "330200" and city_key("419001") == "419001"
    assert city_key("330000") is None and city_key(None) is None  # only the province known
    assert "310100" not in services.region_codes() and "330200" in services.region_codes()
