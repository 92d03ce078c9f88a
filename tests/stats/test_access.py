"""Who sees which contracts in the statistics: exactly their scope, checked in the services."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from marketplace.core.errors import PermissionDenied
from marketplace.stats.figures import Figures
from marketplace.stats.services import StatsFilter, scope_of
from tests.factories import PASSWORD, owner_of


def seen(app, session, actor) -> set[int]:
    with app.test_request_context():
        return {f.id for f in Figures(session, actor, StatsFilter()).registered}


def ids(market, *names) -> set[int]:
    return {getattr(market, n).id for n in names}


def test_each_actor_sees_exactly_its_scope(app, session, market, admin_user):
    m = market
    assert seen(app, session, admin_user) == ids(m, "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8")
    # authorities: a seller or buyer in their province
    assert seen(app, session, owner_of(m.auth_sh)) == ids(m, "c1", "c2", "c5", "c6", "c7", "c8")
    assert seen(app, session, owner_of(m.auth_zj)) == ids(m, "c2", "c3", "c4", "c7")
    # clerks: what was registered at their sites
    assert seen(app, session, m.clerk_sh) == ids(m, "c1", "c2", "c5", "c6", "c7", "c8")
    assert seen(app, session, m.clerk_zj) == ids(m, "c3", "c4")
    # organisations: recording organisation or a party (as seller, buyer or broker)
    assert seen(app, session, owner_of(m.u1)) == ids(m, "c1", "c2", "c5", "c6", "c7")
    assert seen(app, session, owner_of(m.e2)) == ids(m, "c2", "c3", "c4")
    assert seen(app, session, owner_of(m.a1)) == ids(m, "c6", "c7")
    assert seen(app, session, owner_of(m.e3)) == ids(m, "c3", "c7")


def test_an_organisation_does_not_see_others_contracts_in_its_figures(app, session, market):
    with app.test_request_context():
        figs = Figures(session, owner_of(market.u1), StatsFilter())
        assert figs.summary().total.contract_amount == 4_050_000  # C1, C2, C5, C6, C7 only
        names = {str(r[1]) for r in figs.table("top_sellers").rows} | {
            str(r[1]) for r in figs.table("brokers").rows
        }
        assert names == {"东海大学", "申城技术转移中心"}


def test_no_scope_no_statistics(app, session, market, make_user, make_org, add_member):
    with app.test_request_context():
        for actor in (
            None,
            AnonymousUserMixin(),
            make_user(),
            make_user(roles=("clerk",)),
        ):  # a clerk of no site
            with pytest.raises(PermissionDenied):
                scope_of(session, actor)
        unverified = make_org(name="待审核大学", verified=False)
        with pytest.raises(PermissionDenied):
            scope_of(session, owner_of(unverified))
        member = make_user()
        add_member(market.u1, member)
        assert scope_of(session, member).organization_ids == {market.u1.id}


def test_pages_follow_the_scope(app, session, market, make_browser, make_user):
    anonymous = make_browser()
    response = anonymous.get("/stats")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert anonymous.get("/stats/export/by_type.xlsx").status_code == 302

    nobody = make_browser()
    nobody.login(make_user("nobody@example.com").email, PASSWORD)
    assert nobody.get("/stats").status_code == 403
    assert nobody.get("/stats/export/by_type.xlsx").status_code == 403

    university = make_browser()
    university.login(owner_of(market.u1).email, PASSWORD)
    page = university.get("/stats").get_data(as_text=True)
    assert 'data-figure="count">5<' in page
    assert "Rhein Technik GmbH" not in page and "明远技术经理人事务所" not in page and "甬江精密" not in page

    clerk = make_browser()
    clerk.login(market.clerk_zj.email, PASSWORD)
    page = clerk.get("/stats").get_data(as_text=True)
    assert 'data-figure="count">2<' in page and "宁波登记点" in page
