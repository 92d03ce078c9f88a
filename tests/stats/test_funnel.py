"""The funnel from recorded events only, against counts made by hand from ``conftest.market``.

Records behind it: U1's achievements ach1 (published 2026-01-05, 3 views: two on 01-10 and one on 03-02,
2 inquiries: 01-12 and 03-03; collected by agency A1) and ach2 (published 2026-04-05, 1 view on 04-06),
plus a draft; C1 transfers ach1. Contracts are signed 20 days before they are registered.
"""

from __future__ import annotations

from datetime import date

from marketplace.stats import funnel
from marketplace.stats.figures import Figures
from marketplace.stats.services import StatsFilter
from tests.factories import owner_of

STAGES = ["published", "viewed", "inquiry", "nda", "negotiating", "signed", "registered"]


def funnel_rows(app, session, actor, grouping, **filters) -> dict[str, list]:
    with app.test_request_context():
        table = Figures(session, actor, StatsFilter(**filters)).table(f"funnel_{grouping}")
        assert [c.key for c in table.columns[1:]] == STAGES
        return {str(r[0]): r[1:] for r in table.rows}


def test_funnel_per_organisation_agency_and_region(app, session, market, admin_user):
    # U1: 2 published (the draft is not), 4 views, 2 inquiries; no deals, hence no NDA or negotiation;
    # signed: C1, C2, C5, C6, C7 and the cancelled X1 (6); registered: C1, C2, C5, C6, C7 (5).
    # E2 sells C3, C4 and X2 (signed 3, registered 2); E1 recorded the import C8 (1, 1).
    assert funnel_rows(app, session, admin_user, "organization") == {
        "东海大学": [2, 4, 2, 0, 0, 6, 5],
        "甬江精密股份有限公司": [0, 0, 0, 0, 0, 3, 2],
        "浦江制造有限公司": [0, 0, 0, 0, 0, 1, 1],
    }
    # A1 collects ach1 (1 published, 3 views, 2 inquiries); its contracts: C6 (recorded, broker), C7 (broker)
    # and C1 (transfers a listing it collects)
    assert funnel_rows(app, session, admin_user, "agency") == {"申城技术转移中心": [1, 3, 2, 0, 0, 3, 3]}
    # listings by their province; contracts by the seller's province (C8's seller is abroad: no row)
    assert funnel_rows(app, session, admin_user, "region") == {
        "上海市": [2, 4, 2, 0, 0, 6, 5],
        "浙江省": [0, 0, 0, 0, 0, 3, 2],
    }


def test_funnel_counts_each_stage_in_the_period(app, session, market, admin_user):
    # from 1 March: ach2 published (04-05); views 03-02 and 04-06; inquiry 03-03; signed: C5 (03-26),
    # C6 (03-31), C7 (04-18); registered: C2 (03-01 in China), C5, C6, C7
    rows = funnel_rows(app, session, admin_user, "organization", date_from=date(2026, 3, 1))
    assert rows["东海大学"] == [1, 2, 1, 0, 0, 3, 4]
    # brokerage contracts left out: C6 goes
    rows = funnel_rows(app, session, admin_user, "organization", brokerage="exclude")
    assert rows["东海大学"] == [2, 4, 2, 0, 0, 5, 4]


def test_a_stage_can_be_plugged_in(app, session, market, admin_user):
    """Deals will count NDAs; the registry keeps the stage's place."""
    original = list(funnel.STAGES)
    try:
        funnel.register_stage(funnel.FunnelStage("nda", "NDA", lambda ctx: {market.u1.id: 7}))
        rows = funnel_rows(app, session, admin_user, "organization")
    finally:
        funnel.STAGES[:] = original
    assert rows["东海大学"][3] == 7 and rows["甬江精密股份有限公司"][3] == 0


def test_funnel_scope(app, session, market):
    # a member of the university sees its own row only, and no agency
    member = owner_of(market.u1)
    assert list(funnel_rows(app, session, member, "organization")) == ["东海大学"]
    assert funnel_rows(app, session, member, "agency") == {}
    # Zhejiang's authority: organisations of Zhejiang, contracts with a party in Zhejiang
    authority = owner_of(market.auth_zj)
    assert funnel_rows(app, session, authority, "organization") == {
        "甬江精密股份有限公司": [0, 0, 0, 0, 0, 3, 2]
    }
