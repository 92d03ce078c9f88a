"""The payment pages: the payer's list, receipt and checkout; the return page; the admins' ledger; the
authority's deposit form."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from marketplace.payments import deposits
from marketplace.payments import services as payments
from tests.factories import PASSWORD, owner_of
from tests.payments.conftest import completed


def test_the_payer_sees_its_payments_and_nobody_else_does(browser, session, fee, make_user, admin_user):
    browser.login(owner_of(fee.payer_organization).email, PASSWORD)
    listing = browser.get("/payments").get_data(as_text=True)
    assert "平台服务费：测试交易" in listing and "¥8,800.00" in listing
    detail = browser.get(f"/payments/{fee.id}").get_data(as_text=True)
    assert 'id="payments-off"' in detail  # no Stripe key: the page says so instead of failing
    browser.logout()
    browser.login(make_user().email, PASSWORD)
    assert browser.get(f"/payments/{fee.id}").status_code == 404
    assert "测试交易" not in browser.get("/payments").get_data(as_text=True)
    assert browser.get("/admin/payments").status_code == 403
    browser.logout()
    browser.login(admin_user.email, PASSWORD)
    ledger = browser.get("/admin/payments?status=open").get_data(as_text=True)
    assert "平台服务费：测试交易" in ledger and 'data-total="open"' in ledger
    assert "测试交易" not in browser.get("/admin/payments?status=paid").get_data(as_text=True)


def test_paying_goes_to_stripe_and_the_return_url_proves_nothing(browser, session, stripe_on, fee):
    browser.login(owner_of(fee.payer_organization).email, PASSWORD)
    response = browser.post(f"/payments/{fee.id}/checkout", token_from=f"/payments/{fee.id}")
    assert response.status_code == 303 and response.location.startswith("https://checkout.stripe.com/")
    back = browser.get(f"/payments/{fee.id}/return?outcome=success").get_data(as_text=True)
    assert "正在等待 Stripe 的确认" in back
    session.expire_all()
    assert session.get(type(fee), fee.id).status == "checkout"  # still not paid: only a webhook says so


def test_paying_with_payments_off_says_so(browser, session, fee):
    browser.login(owner_of(fee.payer_organization).email, PASSWORD)
    response = browser.post(f"/payments/{fee.id}/checkout", token_from="/payments", follow_redirects=True)
    assert "本平台未开通在线支付" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(type(fee), fee.id).status == "open"


def test_a_paid_payment_shows_its_receipt(app, browser, session, stripe_on, fee):
    with app.app_context():
        payments.handle_event(session, completed(fee))
        session.commit()
    browser.login(owner_of(fee.payer_organization).email, PASSWORD)
    page = browser.get(f"/payments/{fee.id}").get_data(as_text=True)
    assert 'id="receipt"' in page and f"TTM-P{fee.id:06d}" in page


@pytest.fixture
def challenge(app, make_demand, moderator):
    deposits.register()
    return make_demand(
        publish_with=moderator,
        kind="challenge",
        reward=Decimal("2000000"),
        application_deadline=date.today() + timedelta(days=30),
        title="厚板焊缝智能跟踪揭榜",
    )


def test_an_authority_sets_the_deposit_on_the_challenge_page(
    browser, session, stripe_on, challenge, make_org
):
    authority = make_org(type="authority", province="330000", city="330100")
    browser.login(owner_of(authority).email, PASSWORD)
    page = f"/demands/{challenge.id}"
    assert 'id="deposit-form"' in browser.get(page).get_data(as_text=True)
    refused = browser.post(f"/challenges/{challenge.id}/deposit", {"deposit": "五千"}, token_from=page)
    assert refused.status_code == 302
    session.expire_all()
    assert session.get(type(challenge), challenge.id).deposit is None
    saved = browser.post(f"/challenges/{challenge.id}/deposit", {"deposit": "5,000"}, token_from=page)
    assert saved.status_code == 302
    session.expire_all()
    assert session.get(type(challenge), challenge.id).deposit == Decimal("5000")
    assert "¥5,000.00" in browser.get(page).get_data(as_text=True)
