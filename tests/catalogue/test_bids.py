"""揭榜挂帅: teams apply to a published challenge; the enterprise selects one; the others are told."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from marketplace.catalogue import services as catalogue
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from marketplace.core.notifications import Notification
from tests.factories import owner_of

BID = catalogue.BidInput(
    proposal="采用多传感融合的焊缝跟踪方案，已在同类产线验证，三个月完成样机。",
    price=Decimal("1500000"),
    timeline="3个月样机，6个月验收",
)


@pytest.fixture
def challenge(make_demand, moderator):
    return make_demand(
        publish_with=moderator,
        kind="challenge",
        reward=Decimal("3000000"),
        application_deadline=date.today() + timedelta(days=30),
        title="厚板焊缝智能跟踪揭榜",
    )


def notices(session, user):
    return session.scalars(sa.select(Notification.message).where(Notification.user_id == user.id)).all()


def test_select_one_bid_and_tell_the_others(session, challenge, make_org, make_user):
    team_a, team_b = make_org(type="university"), make_org(type="institute")
    bid_a = catalogue.submit_bid(session, owner_of(team_a), challenge, BID)
    bid_b = catalogue.submit_bid(session, owner_of(team_b), challenge, BID)
    enterprise_user = owner_of(challenge.organization)
    assert any("applied" in m for m in notices(session, enterprise_user))
    catalogue.decide_bid(session, enterprise_user, bid_a, "shortlist")
    catalogue.decide_bid(session, enterprise_user, bid_b, "select")
    assert (bid_a.status, bid_b.status) == ("not_selected", "selected")
    assert catalogue.awarded_bid(challenge) is bid_b
    assert any("Another team was selected" in m for m in notices(session, owner_of(team_a)))
    assert any("has been selected" in m for m in notices(session, owner_of(team_b)))
    with pytest.raises(InvalidTransition):
        catalogue.decide_bid(session, enterprise_user, bid_a, "select")


def test_who_may_bid(session, challenge, make_org, make_demand, moderator, enterprise):
    with pytest.raises(PermissionDenied):  # an enterprise is not a research team
        catalogue.submit_bid(session, owner_of(make_org(type="enterprise")), challenge, BID)
    team = make_org(type="university")
    catalogue.submit_bid(session, owner_of(team), challenge, BID)
    with pytest.raises(ValidationFailed):  # once per organisation
        catalogue.submit_bid(session, owner_of(team), challenge, BID)
    plain = make_demand(publish_with=moderator)
    with pytest.raises(ValidationFailed):  # a plain demand is not a challenge
        catalogue.submit_bid(session, owner_of(make_org(type="university")), plain, BID)
    with pytest.raises(ValidationFailed):  # applications closed
        catalogue.submit_bid(
            session,
            owner_of(make_org(type="university")),
            challenge,
            BID,
            today=date.today() + timedelta(days=31),
        )


def test_only_the_challenger_decides_and_only_the_bidder_withdraws(session, challenge, make_org):
    team = make_org(type="university")
    bid = catalogue.submit_bid(session, owner_of(team), challenge, BID)
    with pytest.raises(PermissionDenied):
        catalogue.decide_bid(session, owner_of(team), bid, "select")
    with pytest.raises(PermissionDenied):
        catalogue.decide_bid(session, owner_of(make_org(type="enterprise")), bid, "reject")
    with pytest.raises(PermissionDenied):
        catalogue.decide_bid(session, owner_of(challenge.organization), bid, "withdraw")
    catalogue.decide_bid(session, owner_of(team), bid, "withdraw")
    assert bid.status == "withdrawn"


def test_bid_validation(session, challenge, make_org):
    with pytest.raises(ValidationFailed) as caught:
        catalogue.submit_bid(
            session,
            owner_of(make_org(type="university")),
            challenge,
            catalogue.BidInput(proposal="太短", price=None),
        )
    assert {f for f, _m in caught.value.reasons} == {"proposal", "price"}


def test_authority_cofunding_policy_is_the_default_of_new_challenges(
    session, make_org, make_user, enterprise, browser
):
    from tests.factories import PASSWORD, demand_input

    authority = make_org(make_user(), type="authority", province="330000", city="330200")
    admin = owner_of(authority)
    with pytest.raises(PermissionDenied):
        catalogue.set_cofunding_policy(session, owner_of(enterprise), Decimal("0.5"), None)
    with pytest.raises(ValidationFailed):
        catalogue.set_cofunding_policy(session, admin, Decimal("1.5"), None)
    session.commit()
    browser.login(admin.email, PASSWORD)
    response = browser.post(
        "/my/organization/cofunding",
        {"rate": "50", "cap": "300", "note": "宁波揭榜挂帅专项"},
        token_from="/my/organization/cofunding",
    )
    assert response.status_code == 302
    terms = dict(
        kind="challenge", reward=Decimal(1000000), application_deadline=date.today() + timedelta(days=20)
    )
    default = catalogue.create_demand(session, owner_of(enterprise), demand_input(**terms))
    assert (default.cofunding_rate, default.cofunding_cap) == (Decimal("0.5"), Decimal("3000000"))
    own = catalogue.create_demand(
        session, owner_of(enterprise), demand_input(cofunding_rate=Decimal("0.3"), **terms)
    )
    assert own.cofunding_rate == Decimal("0.3")
    elsewhere = catalogue.create_demand(
        session, owner_of(enterprise), demand_input(province_code="310000", city_code="310100", **terms)
    )
    assert elsewhere.cofunding_rate is None
    plain = catalogue.create_demand(session, owner_of(enterprise), demand_input())
    assert plain.cofunding_rate is None


def test_bid_files_are_seen_by_the_two_parties_only(session, challenge, make_org, app, browser):
    import re
    from pathlib import Path

    from marketplace.core import uploads
    from tests.factories import PASSWORD

    team = make_org(type="university")
    bid = catalogue.submit_bid(session, owner_of(team), challenge, BID)
    store = uploads.FileStore(Path(app.instance_path) / "uploads")
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    with pytest.raises(PermissionDenied):
        catalogue.add_bid_attachment(
            session, owner_of(challenge.organization), bid, pdf, "x.pdf", store, 10**6
        )
    catalogue.add_bid_attachment(session, owner_of(team), bid, pdf, "方案书.pdf", store, 10**6)
    session.commit()
    page = f"/demands/{challenge.id}"
    browser.login(owner_of(challenge.organization).email, PASSWORD)
    link = re.search(
        r'href="(/attachments/\d+)"[^>]*>📎 方案书.pdf', browser.get(page).get_data(as_text=True)
    )
    assert link
    response = browser.get(link.group(1))
    assert response.status_code == 200
    response.close()
    browser.logout()
    assert browser.get(link.group(1)).status_code == 404  # the public sees the challenge, not the bids
    other = make_org(type="institute")
    browser.login(owner_of(other).email, PASSWORD)
    assert browser.get(link.group(1)).status_code == 404
