"""Matching: structured fit, its reasons, the local-preference weight, and what the explanation names."""

from __future__ import annotations

from dataclasses import replace

from search.backends import open_backend
from search.matching import DEFAULT_CONFIG, _shown_terms, match_demand, match_demands, structured_fit

from .test_contract import doc


def _codes(reasons):
    return [r.code for r in reasons]


def test_structured_fit_names_every_point_that_matched():
    demand = doc(1, "需求", kind="demand", maturity="pilot", price_wan=100.0, modes=["licence"])
    achievement = doc(2, "成果", maturity="industrialised", price_wan=80.0, modes=["licence", "assignment"])
    score, reasons = structured_fit(demand, achievement, DEFAULT_CONFIG)
    assert _codes(reasons) == ["field", "maturity", "price", "modes", "same_city"]
    c = DEFAULT_CONFIG
    assert score == c.field + c.maturity + c.price + c.modes + c.local


def test_near_misses_count_half_and_say_so():
    demand = doc(1, "需求", kind="demand", maturity="pilot", price_wan=100.0, city="310200", modes=["equity"])
    achievement = doc(2, "成果", field="materials", maturity="lab", price_wan=110.0)
    score, reasons = structured_fit(demand, achievement, DEFAULT_CONFIG)
    assert _codes(reasons) == ["maturity_close", "price_close", "same_province"]
    c = DEFAULT_CONFIG
    assert abs(score - (c.maturity / 2 + c.price / 2 + c.local * 0.7)) < 1e-9
    far = doc(3, "成果", maturity="research", price_wan=None, province="440000", city="440100")
    score, reasons = structured_fit(demand, far, DEFAULT_CONFIG)
    assert _codes(reasons) == ["field", "price_negotiable"]


def test_local_preference_weight_reorders_equal_candidates():
    engine = open_backend("embedded://")
    local = doc(1, "湿法锂电池隔膜制备技术", "聚乙烯隔膜", province="330000", city="330200")
    remote = doc(2, "湿法锂电池隔膜制备技术", "聚乙烯隔膜", province="440000", city="440100")
    engine.index_many([remote, local])
    engine.refresh()
    demand = doc(9, "寻求锂电池隔膜技术", "隔膜", kind="demand", province="330000", city="330200")
    ranked = match_demand(engine, demand, DEFAULT_CONFIG)
    assert [m.pk for m in ranked] == [1, 2]
    assert "same_city" in _codes(ranked[0].reasons)
    no_local = match_demand(engine, demand, replace(DEFAULT_CONFIG, local=0.0))
    assert no_local[0].score == no_local[1].score
    assert abs(ranked[0].score - no_local[0].score - DEFAULT_CONFIG.local) < 1e-9


def test_explanations_name_whole_terms_not_fragments():
    assert _shown_terms(["控制", "控制器", "s", "可编", "可编程", "plc", "隔膜"]) == [
        "控制器",
        "可编程",
        "plc",
        "隔膜",
    ]


def test_match_demands_gives_each_demand_its_own_matches_in_order():
    engine = open_backend("embedded://")
    engine.index_many(
        [
            doc(1, "湿法锂电池隔膜制备技术", "聚乙烯隔膜"),
            doc(2, "挖掘机液压系统节能控制", "负载敏感液压系统"),
            doc(3, "双特异性抗体平台", "肿瘤免疫治疗"),
        ]
    )
    engine.refresh()
    demands = [
        doc(10 + i, title, title, kind="demand")
        for i, title in enumerate(["锂电池隔膜", "挖掘机节能", "双抗平台", "隔膜涂覆", "液压控制"] * 3)
    ]
    one_by_one = [[(m.pk, m.score) for m in match_demand(engine, d)] for d in demands]
    for workers in (1, 3):
        batch = list(match_demands(engine, iter(demands), workers=workers))
        assert [d["id"] for d, _ in batch] == [d["id"] for d in demands]
        assert [[(m.pk, m.score) for m in found] for _, found in batch] == one_by_one
    assert one_by_one[0][0][0] == 1 and one_by_one[1][0][0] == 2
    # whole terms only, and no longer than the shown maximum, however many the shared terms
    many = [
        "锂电池",
        "锂电",
        "电池",
        "隔膜",
        "涂覆",
        "聚乙烯",
        "乙烯",
        "孔隙率",
        "孔隙",
        "热收缩",
        "收缩",
        "湿法",
    ]
    assert _shown_terms(many) == ["锂电池", "隔膜", "涂覆", "聚乙烯", "孔隙率", "热收缩"]
