"""A deal world: a published demand (enterprise) and achievement (university), an agency with a verified
broker and an unverified one, and a broker of another agency."""

from __future__ import annotations

import pytest

from marketplace.deals import services as deals
from tests.factories import owner_of


@pytest.fixture
def deal_world(
    app,
    session,
    make_org,
    make_user,
    add_member,
    make_achievement,
    make_demand,
    moderator,
    university,
    enterprise,
):
    with app.app_context():
        achievement = make_achievement(publish_with=moderator)
        demand = make_demand(publish_with=moderator)
        agency = make_org(type="agency", name="长江技术转移中心")
        broker = make_user(roles=("broker",), name="王经纪")
        add_member(agency, broker)
        novice = make_user(roles=("broker",), name="新经纪")
        add_member(agency, novice)
        other_agency = make_org(type="agency", name="珠江技术转移中心", province="440000", city="440100")
        outsider = make_user(roles=("broker",), name="外部经纪")
        add_member(other_agency, outsider)
        for user, number in ((broker, "JJR-2026-0001"), (outsider, "JJR-2026-0099")):
            profile = deals.save_profile(
                session, user, deals.BrokerInput(number, ["nev"], ["310000"], "专注新能源")
            )
        session.flush()
        deals.decide_profile(session, owner_of(agency), deals.profile_of(session, broker.id), True)
        deals.decide_profile(session, owner_of(other_agency), profile, True)
        deals.save_profile(session, novice, deals.BrokerInput("JJR-2026-0002"))
        session.commit()
    return {
        "achievement": achievement,
        "demand": demand,
        "agency": agency,
        "broker": broker,
        "novice": novice,
        "outsider": outsider,
        "seller": owner_of(university),
        "buyer": owner_of(enterprise),
        "university": university,
        "enterprise": enterprise,
    }
