"""Challenge deposits (保证金): required by an authority of the challenge's province, paid through Stripe,
a condition of being selected, refunded to the teams not selected."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from marketplace.catalogue import services as catalogue
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.payments import deposits
from marketplace.payments import services as payments
from marketplace.payments.stripe_client import current_client
from tests.factories import owner_of
from tests.payments.conftest import completed

BID = catalogue.BidInput(proposal="采用多传感融合的焊缝跟踪方案，三个月完成样机。", price=Decimal("900000"))


@pytest.fixture
def challenge(app, make_demand, moderator):
    deposits.register()  # what registering the payments blueprint does
    return make_demand(
        publish_with=moderator,
        kind="challenge",
        reward=Decimal("2000000"),
        application_deadline=date.today() + timedelta(days=30),
        title="厚板焊缝智能跟踪揭榜",
    )


@pytest.fixture
def authority(make_org):
    return make_org(type="authority", name="浙江省科技厅", province="330000", city="330100")


def _pay(session, bid):
    payment = deposits.deposit_of(session, bid)
    payments.start_checkout(
        session,
        owner_of(bid.organization),
        payment,
        "http://localhost/ok",
        "http://localhost/no",
        current_client(),
    )
    payments.handle_event(session, completed(payment))
    assert payment.status == "paid"
    return payment


def test_who_sets_a_deposit(ctx, session, stripe_on, challenge, authority, make_org):
    with pytest.raises(PermissionDenied):  # the enterprise that posted it
        catalogue.set_challenge_deposit(session, owner_of(challenge.organization), challenge, Decimal("5000"))
    elsewhere = make_org(type="authority", province="310000", city="310100")
    with pytest.raises(PermissionDenied):  # an authority of another province
        catalogue.set_challenge_deposit(session, owner_of(elsewhere), challenge, Decimal("5000"))
    with pytest.raises(ValidationFailed):
        catalogue.set_challenge_deposit(session, owner_of(authority), challenge, Decimal("-1"))
    with pytest.raises(ValidationFailed, match="最高为"):
        catalogue.set_challenge_deposit(session, owner_of(authority), challenge, Decimal("1000000"))
    catalogue.set_challenge_deposit(session, owner_of(authority), challenge, Decimal("5000"))
    assert challenge.deposit == Decimal("5000")


def test_no_deposit_while_payments_are_off(ctx, session, challenge, authority):
    with pytest.raises(ValidationFailed, match="未开通在线支付"):
        catalogue.set_challenge_deposit(session, owner_of(authority), challenge, Decimal("5000"))
    assert challenge.deposit is None


def test_selection_needs_a_paid_deposit_and_the_others_get_theirs_back(
    ctx, session, stripe_on, challenge, authority, make_org
):
    catalogue.set_challenge_deposit(session, owner_of(authority), challenge, Decimal("5000"))
    teams = [make_org(type="university"), make_org(type="institute"), make_org(type="university")]
    bid_a, bid_b, bid_c = (catalogue.submit_bid(session, owner_of(t), challenge, BID) for t in teams)
    for bid in (bid_a, bid_b, bid_c):
        deposit = deposits.deposit_of(session, bid)
        assert (deposit.status, deposit.amount_fen, deposit.payer_organization_id) == (
            "open",
            500_000,
            bid.organization_id,
        )
    owner = owner_of(challenge.organization)
    with pytest.raises(ValidationFailed, match="尚未缴纳保证金"):
        catalogue.decide_bid(session, owner, bid_a, "select")
    assert bid_a.status == "submitted"
    paid_a, paid_b = _pay(session, bid_a), _pay(session, bid_b)
    catalogue.decide_bid(session, owner, bid_a, "select")
    assert bid_a.status == "selected" and paid_a.status == "paid"  # the selected team's deposit stays
    assert paid_b.status == "refund_requested" and paid_b.stripe_refund_id.startswith("re_")
    assert deposits.deposit_of(session, bid_c).status == "cancelled"  # never paid: no longer due


def test_a_withdrawn_team_gets_its_deposit_back(ctx, session, stripe_on, challenge, authority, make_org):
    catalogue.set_challenge_deposit(session, owner_of(authority), challenge, Decimal("2500.50"))
    team = make_org(type="university")
    bid = catalogue.submit_bid(session, owner_of(team), challenge, BID)
    paid = _pay(session, bid)
    assert paid.amount_fen == 250_050
    catalogue.decide_bid(session, owner_of(team), bid, "withdraw")
    assert paid.status == "refund_requested"


def test_the_deposit_changes_for_open_bids_until_someone_pays(
    ctx, session, stripe_on, challenge, authority, make_org
):
    clerk = owner_of(authority)
    catalogue.set_challenge_deposit(session, clerk, challenge, Decimal("5000"))
    early, late = make_org(type="university"), make_org(type="institute")
    bid_early = catalogue.submit_bid(session, owner_of(early), challenge, BID)
    catalogue.set_challenge_deposit(session, clerk, challenge, Decimal("8000"))
    assert deposits.deposit_of(session, bid_early).amount_fen == 800_000
    catalogue.set_challenge_deposit(session, clerk, challenge, None)
    assert deposits.deposit_of(session, bid_early).status == "cancelled"
    catalogue.set_challenge_deposit(session, clerk, challenge, Decimal("3000"))
    assert deposits.deposit_of(session, bid_early).status == "open"  # asked again
    bid_late = catalogue.submit_bid(session, owner_of(late), challenge, BID)
    _pay(session, bid_late)
    with pytest.raises(ValidationFailed, match="开始缴纳"):
        catalogue.set_challenge_deposit(session, clerk, challenge, Decimal("4000"))
