"""Deals in a browser: a broker opens a deal from the match queue, the parties talk in the deal room, the
seller's confidential document opens to the buyer only after the NDA (and the view is logged), the deal
is signed and the seller finds the contract draft with the deal's data; the buyer pays the service fee,
which shows as paid once Stripe's signed event reaches the running server."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from tests.conftest import stripe_api_base, stripe_signature
from tests.payments.conftest import completed

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _service_fee(live_app, deal_url: str):
    from marketplace.extensions import db
    from marketplace.payments import services as payments

    with live_app.app_context():
        deal_id = int(deal_url.rstrip("/").rsplit("/", 1)[1])
        payment = payments.payment_for(db.session, "deal", deal_id, "service_fee")
        db.session.expunge(payment)
        db.session.remove()
    return payment


@pytest.fixture(scope="module")
def deal_setup(live_app, live_people):
    """A verified broker of an agency, and a strong match between the enterprise's published demand and
    the university's published achievement."""
    from marketplace.accounts import services as accounts
    from marketplace.accounts.models import User, UserRole
    from marketplace.accounts.states import MembershipAction, VerificationAction
    from marketplace.catalogue import services as catalogue
    from marketplace.deals import services as deals
    from marketplace.discovery.models import Match
    from marketplace.extensions import db
    from tests.factories import PASSWORD, achievement_input, demand_input, valid_credit_code

    with live_app.app_context():
        session = db.session
        user = {k: session.scalar(sa.select(User).where(User.email == e)) for k, e in live_people.items()}
        admin = session.scalar(sa.select(User).where(User.email == "root@example.com"))
        head = accounts.sign_up(session, accounts.SignupInfo("agency@example.com", PASSWORD, "中心主任"))
        agency = accounts.create_organization(
            session,
            head,
            accounts.OrganizationInfo(
                "泉城技术转移中心", "agency", valid_credit_code("91", "370100"), "370000", "370100"
            ),
        )
        accounts.decide_verification(session, admin, agency, VerificationAction.VERIFY)
        broker = accounts.sign_up(session, accounts.SignupInfo("dealbroker@example.com", PASSWORD, "孙经纪"))
        broker.roles.append(UserRole(role="broker"))
        membership = accounts.request_membership(session, broker, agency)
        accounts.decide_membership(session, head, membership, MembershipAction.APPROVE)
        session.flush()
        profile = deals.save_profile(
            session, broker, deals.BrokerInput("SD-JJR-0001", ["equipment"], ["370000"])
        )
        deals.decide_profile(session, head, profile, True)
        moderator = user["moderator"]
        achievement = catalogue.create_achievement(
            session,
            user["university"],
            achievement_input(
                title="伺服压力机智能控制技术",
                field="equipment",  # not the field another browser test counts in its facets
                keywords=["伺服", "压力机"],
                province_code="370000",
                city_code="370100",
            ),
        )
        demand = catalogue.create_demand(
            session, user["enterprise"], demand_input(title="压力机控制系统升级需求")
        )
        for listing, owner in ((achievement, user["university"]), (demand, user["enterprise"])):
            catalogue.act(session, owner, listing, "submit")
            catalogue.act(session, moderator, listing, "approve")
        session.add(
            Match(
                demand_id=demand.id,
                achievement_id=achievement.id,
                score=0.93,
                relevance=0.9,
                rank=1,
                reasons=[],
            )
        )
        session.commit()
        session.remove()
    return {"broker": "dealbroker@example.com"}


def test_from_match_to_signed_deal_with_nda_and_data_room(
    login_as, live_app, live_server, live_people, deal_setup, screenshots
):
    stripe_api_base()  # the service fee is paid through stripe-mock (required in CI)
    broker = login_as(deal_setup["broker"])
    broker.goto("/matches/queue")
    row = broker.locator("#match-queue tr", has_text="压力机控制系统升级需求")
    row.locator("button.open-deal").click()
    expect(broker.locator("#deal-stage")).to_have_text("意向")
    deal_url = broker.url
    broker.locator("#negotiate-form button").click()
    expect(broker.locator("#deal-stage")).to_have_text("洽谈")
    broker.goto("/matches/queue")
    covered = broker.locator("#match-queue tr", has_text="压力机控制系统升级需求")
    expect(covered).to_have_count(0)  # the match is covered now

    seller = login_as(live_people["university"])
    seller.goto(deal_url)
    seller.locator("#dataroom-form input[type=file]").set_input_files(
        files=[{"name": "伺服工艺参数.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    seller.locator("#dataroom-form button").click()
    expect(seller.locator("#dataroom-files")).to_contain_text("伺服工艺参数.pdf")
    seller.fill("#message-form textarea", "控制方案说明见附件，详细参数在资料室。")
    seller.locator("#message-form input[type=file]").set_input_files(
        files=[{"name": "方案说明.pdf", "mimeType": "application/pdf", "buffer": PDF + b"%1"}]
    )
    seller.locator("#message-form button").click()
    expect(seller.locator(".deal-message").last).to_contain_text("方案说明.pdf")

    buyer = login_as(live_people["enterprise"])
    buyer.goto("/deals")
    expect(buyer.locator("#deal-board .badge.text-bg-danger")).to_have_text("1")  # one unread message
    buyer.goto(deal_url)
    expect(buyer.locator("#dataroom-files .locked")).to_have_count(1)
    assert buyer.locator("#dataroom-files a").count() == 0  # locked before the NDA
    buyer.locator("#nda-form button").click()
    expect(buyer.locator("#nda-accepted")).to_be_visible()
    link = buyer.locator("#dataroom-files a", has_text="伺服工艺参数.pdf")
    response = buyer.request.get(link.get_attribute("href"))
    assert response.ok and response.body() == PDF
    buyer.fill("#message-form textarea", "收到，参数符合要求，可以签约。")
    buyer.locator("#message-form button").click()
    buyer.select_option("#sign-form select[name=type_choice]", "licence:patent")
    buyer.fill("#sign-form input[name=contract_amount]", "880000")
    buyer.fill("#sign-form input[name=signed_on]", (date.today() - timedelta(days=1)).isoformat())
    buyer.locator("#sign-form button").click()
    expect(buyer.locator("#deal-stage")).to_have_text("签约")
    expect(buyer.locator("#service-fee")).to_contain_text("¥8,800.00")  # 1% of 880,000 元
    expect(buyer.locator("#service-fee-status")).to_have_text("待支付")
    buyer.screenshot(path=screenshots / "deal-room-buyer.png", full_page=True)

    # the buyer pays: the server opens a Checkout Session at stripe-mock and sends the browser to Stripe,
    # whose hosted page is beyond this machine's network, so the browser is stopped there
    buyer.locator("#service-fee a").click()
    payment_url = buyer.url
    buyer.route(
        "https://checkout.stripe.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<h1>Stripe Checkout</h1>"),
    )
    buyer.locator("#pay-button").click()
    buyer.wait_for_url("https://checkout.stripe.com/**")
    buyer.goto(payment_url + "/return?outcome=success")  # the return URL proves nothing
    expect(buyer.locator("#payment-return h1")).to_have_text("正在等待 Stripe 的确认")
    payment = _service_fee(live_app, deal_url)
    assert payment.status == "checkout" and payment.stripe_session_id
    body = json.dumps(completed(payment)).encode()
    stripe = login_as(None).request  # Stripe, a stranger to the site's sessions
    answer = stripe.post(
        live_server + "/payments/stripe/webhook",
        data=body,
        headers={"Content-Type": "application/json", "Stripe-Signature": stripe_signature(body)},
    )
    assert answer.status == 200 and answer.json()["outcome"] == "applied"
    buyer.goto(deal_url)
    expect(buyer.locator("#service-fee-status")).to_have_text("已支付")
    buyer.goto(payment_url)
    expect(buyer.locator("#receipt")).to_contain_text("¥8,800.00")
    buyer.screenshot(path=screenshots / "payment-receipt.png", full_page=True)

    seller.goto(deal_url)
    seller.locator("#access-log summary").click()
    expect(seller.locator("#access-log")).to_contain_text("伺服工艺参数.pdf")
    seller.locator("#deal-contract a").click()
    expect(seller.locator("#contract-status")).to_have_text("草稿")
    expect(seller.locator("h1")).to_have_text("伺服压力机智能控制技术")
    expect(seller.locator("#parties")).to_contain_text("泉城技术转移中心")  # the broker's agency as 中介方
    expect(seller.locator("body")).to_contain_text("880,000.00")
    seller.screenshot(path=screenshots / "deal-contract-draft.png", full_page=True)
