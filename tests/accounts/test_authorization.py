"""The authorisation matrix: every mutating route (and every admin page) of the foundation, for every role.

Each case logs in as one persona, calls the route through HTTP with a valid CSRF token, and checks both
the answer and whether the change really happened (allowed) or not (denied).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa

from marketplace.accounts import services
from marketplace.accounts.models import Membership, Organization, User
from marketplace.accounts.states import MembershipAction, VerificationAction
from marketplace.api.models import ApiToken
from marketplace.catalogue.models import (
    Achievement,
    Attachment,
    Bookmark,
    CofundingPolicy,
    Collection,
    Demand,
    Inquiry,
)
from marketplace.contracts.models import Contract, ProvinceRules, RegistrationSite
from marketplace.core.models import OutboundMail
from marketplace.deals.models import Attribution, BrokerProfile, Deal, DealFile, DealMessage, NdaAcceptance
from marketplace.discovery.models import MatchFeedback, SavedSearch
from marketplace.payments.models import StripeEvent
from tests.conftest import stripe_settings
from tests.contracts.test_form import _valid_form
from tests.factories import PASSWORD, valid_credit_code

PERSONAS = [
    "anonymous",
    "user",
    "member",
    "org_admin",
    "other_org_admin",
    "moderator",
    "broker",
    "clerk",
    "admin",
]
LOGGED_IN = set(PERSONAS) - {"anonymous"}
WITHOUT_ORG = {"user", "moderator", "broker", "clerk", "admin"}
OWNERS_A = {"member", "org_admin"}  #: approved members of the verified university org_a
MODERATORS = {"moderator", "admin"}


@pytest.fixture
def world(session, make_user, make_org, add_member, admin_user, app):
    from pathlib import Path

    w = SimpleNamespace(session=session, upload_root=Path(app.instance_path) / "uploads")
    w.users = {"admin": admin_user}
    w.users["user"] = make_user("user@example.com")
    w.users["moderator"] = make_user("moderator@example.com", roles=("moderator",))
    w.users["broker"] = make_user("broker@example.com", roles=("broker",))
    w.users["clerk"] = make_user("clerk@example.com", roles=("clerk",))
    w.users["org_admin"] = make_user("orgadmin@example.com")
    w.org_a = make_org(w.users["org_admin"], name="甲大学")
    w.users["member"] = make_user("member@example.com")
    w.member_membership = add_member(w.org_a, w.users["member"])
    w.applicant = make_user("applicant@example.com")
    w.applicant_membership = add_member(w.org_a, w.applicant, approve=False)
    w.users["other_org_admin"] = make_user("otheradmin@example.com")
    w.org_b = make_org(w.users["other_org_admin"], name="乙公司", type="enterprise", verified=False)
    services.decide_verification(session, admin_user, w.org_b, VerificationAction.REJECT, note="材料不全")
    w.org_p = make_org(make_user("pending@example.com"), name="丙研究院", type="institute", verified=False)
    w.target = make_user("target@example.com")
    w.reset_token = services.make_reset_token(w.target, "unused")  # replaced with the app's key in the case
    w.new_code = valid_credit_code()
    _catalogue_world(w, session, make_user, make_org)
    from marketplace.api import services as api_services

    w.token, _raw = api_services.create_token(session, w.users["org_admin"], w.org_a, "旧令牌")
    from marketplace.catalogue import services as catalogue

    agency = make_org(make_user("curator@example.com"), name="丁转移中心", type="agency")
    curator = agency.memberships[0].user
    w.collection_draft = catalogue.create_collection(session, curator, "草稿成果包", "")
    catalogue.add_to_collection(session, curator, w.collection_draft, w.published)
    w.collection_pub = catalogue.create_collection(session, curator, "已发布成果包", "")
    catalogue.add_to_collection(session, curator, w.collection_pub, w.published)
    catalogue.act_on_collection(session, curator, w.collection_pub, "publish")
    _contracts_world(w, session, make_user, make_org)
    _deals_world(w, session, make_user, make_org)
    _payments_world(w, session)
    session.commit()
    return w


def _contracts_world(w, session, make_user, make_org):
    """A registration site whose clerk is the clerk persona, and contracts of org_a in each state."""
    from datetime import UTC, date, datetime

    from marketplace.contracts import registration
    from marketplace.contracts import services as contracts
    from marketplace.contracts.models import RegistrationSite, SiteClerk
    from tests.contracts.test_records import CASES, contract_for

    authority = make_org(make_user("authority@example.com"), name="技术市场管理办公室", type="authority")
    other_clerk = make_user("clerk2@example.com", roles=("clerk",))
    w.other_clerk = other_clerk
    w.new_clerk = make_user("clerk3@example.com", roles=("clerk",))
    joining = services.request_membership(session, w.new_clerk, authority)
    services.decide_membership(session, w.users["admin"], joining, MembershipAction.APPROVE)
    w.site = RegistrationSite(authority_id=authority.id, name="登记处", code="01", region_code="310000")
    w.site.clerks = [SiteClerk(user_id=w.users["clerk"].id), SiteClerk(user_id=other_clerk.id)]
    session.add(w.site)
    session.flush()
    (case,) = [c for c in CASES if c["id"] == "TC01"]
    (large,) = [c for c in CASES if c["id"] == "TC25"]
    owner, today, now = w.users["org_admin"], date(2026, 11, 22), datetime(2026, 11, 20, 9, tzinfo=UTC)
    w.c_draft = contracts.create_contract(session, owner, contract_for(case), today)
    from marketplace.core import uploads

    w.c_document = contracts.add_document(
        session, owner, w.c_draft, PDF, "合同.pdf", "contract_text", uploads.FileStore(w.upload_root), 10**6
    )
    w.c_submitted = contracts.create_contract(session, owner, contract_for(case), today)
    registration.submit(session, owner, w.c_submitted, w.site, today)
    w.c_accepted = contracts.create_contract(session, owner, contract_for(case), today)
    registration.submit(session, owner, w.c_accepted, w.site, today)
    registration.accept(session, other_clerk, w.c_accepted, now)
    w.c_second = contracts.create_contract(session, owner, contract_for(large), today)
    registration.submit(session, owner, w.c_second, w.site, today)
    registration.accept(session, other_clerk, w.c_second, now)
    registration.approve(session, other_clerk, w.c_second, now=now)
    w.c_registered = contracts.create_contract(session, owner, contract_for(case), today)
    registration.submit(session, owner, w.c_registered, w.site, today)
    registration.accept(session, other_clerk, w.c_registered, now)
    registration.approve(session, other_clerk, w.c_registered, now=now)
    w.c_cancel_requested = contracts.create_contract(session, owner, contract_for(case), today)
    registration.submit(session, owner, w.c_cancel_requested, w.site, today)
    registration.accept(session, other_clerk, w.c_cancel_requested, now)
    registration.approve(session, other_clerk, w.c_cancel_requested, now=now)
    registration.request_cancellation(session, owner, w.c_cancel_requested, "合同解除")


def _deals_world(w, session, make_user, make_org):
    """An agency whose verified broker (no persona) opened deals between org_a (the seller) and the
    enterprise: one at lead, one negotiating; and a profile waiting for verification."""
    from marketplace.accounts.models import UserRole
    from marketplace.deals import services as deals

    agency = make_org(make_user("agency-head@example.com"), name="戊转移中心", type="agency")
    broker = make_user("deal-broker@example.com", roles=("broker",))
    membership = services.request_membership(session, broker, agency)
    services.decide_membership(session, w.users["admin"], membership, MembershipAction.APPROVE)
    session.flush()
    deals.save_profile(session, broker, deals.BrokerInput("JJR-0001", ["nev"], ["310000"]))
    deals.decide_profile(session, w.users["admin"], deals.profile_of(session, broker.id), True)
    novice = make_user("deal-novice@example.com")
    novice.roles.append(UserRole(role="broker"))
    membership = services.request_membership(session, novice, agency)
    services.decide_membership(session, w.users["admin"], membership, MembershipAction.APPROVE)
    session.flush()
    w.broker_profile = deals.save_profile(session, novice, deals.BrokerInput("JJR-0002"))
    w.deal = deals.open_deal(session, broker, buyer=w.enterprise, seller=w.org_a, title="甲乙技术许可")
    w.deal_talks = deals.open_deal(session, broker, buyer=w.enterprise, seller=w.org_a, title="甲乙洽谈中")
    deals.move(session, broker, w.deal_talks, "negotiate")


def _payments_world(w, session):
    """Service fees org_a owes (no Stripe call is needed to record them): one to pay, one paid."""
    from marketplace.payments import services as payments
    from tests.payments.conftest import completed

    def fee(deal, description):
        return payments.request_payment(
            session,
            actor=w.users["org_admin"],
            purpose="service_fee",
            payer_organization=w.org_a,
            subject_type="deal",
            subject_id=deal.id,
            amount_fen=500_000,
            description=description,
        )

    w.fee = fee(w.deal, "矩阵服务费")
    w.paid_fee = fee(w.deal_talks, "矩阵已付服务费")
    payments.handle_event(session, completed(w.paid_fee))


IMPORT_CSV = (
    "标题,成果简介,技术领域,成熟度,转化方式,省份代码,城市代码\n"
    "导入的成果,一项经过中试验证的新技术，指标优于现有方案。,新材料,中试,许可,310000,310100\n"
).encode("gbk")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _catalogue_world(w, session, make_user, make_org):
    """Listings in every state the catalogue routes act on."""
    from marketplace.catalogue import services as catalogue
    from marketplace.core import uploads
    from tests.factories import achievement_input, demand_input

    owner, moderator = w.users["org_admin"], make_user("mod-world@example.com", roles=("moderator",))
    w.draft = catalogue.create_achievement(session, owner, achievement_input(title="草稿成果"))
    w.submitted = catalogue.create_achievement(session, owner, achievement_input(title="待审成果"))
    catalogue.act(session, owner, w.submitted, "submit")
    w.published = catalogue.create_achievement(session, owner, achievement_input(title="已发布成果"))
    catalogue.act(session, owner, w.published, "submit")
    catalogue.act(session, moderator, w.published, "approve")
    catalogue.update_listing(session, owner, w.published, achievement_input(title="修订后的成果"))
    store = uploads.FileStore(w.upload_root)
    w.attachment = catalogue.add_attachment(session, owner, w.draft, PDF, "说明.pdf", store, 10**6)
    w.enterprise = make_org(make_user("boss@example.com"), name="丙企业", type="enterprise")
    boss = w.enterprise.memberships[0].user
    w.demand = catalogue.create_demand(session, boss, demand_input(title="待审需求"))
    catalogue.act(session, boss, w.demand, "submit")
    w.demand_draft = catalogue.create_demand(session, boss, demand_input(title="需求草稿"))
    from datetime import date, timedelta
    from decimal import Decimal

    challenge_terms = dict(
        kind="challenge", reward=Decimal(10**6), application_deadline=date.today() + timedelta(30)
    )
    w.challenge_open = catalogue.create_demand(
        session, boss, demand_input(title="开放榜单", **challenge_terms)
    )
    w.challenge = catalogue.create_demand(session, boss, demand_input(title="已揭榜单", **challenge_terms))
    for challenge in (w.challenge_open, w.challenge):
        catalogue.act(session, boss, challenge, "submit")
        catalogue.act(session, moderator, challenge, "approve")
    # a published demand of org_a with a suggested achievement (set up directly: universities post none)
    from marketplace.discovery.models import Match, SavedSearch

    # its text answers to w.published, so recomputed matches (the inline drain) keep the pair
    w.matched_demand = catalogue.create_demand(
        session,
        boss,
        demand_input(
            title="寻求高镍三元正极材料表面包覆改性技术",
            field="nev",
            problem="动力电池高镍正极循环寿命不足，需要正极材料表面包覆改性方案。",
        ),
    )
    catalogue.act(session, boss, w.matched_demand, "submit")
    catalogue.act(session, moderator, w.matched_demand, "approve")
    w.matched_demand.organization_id = w.org_a.id
    session.add(
        Match(
            demand_id=w.matched_demand.id,
            achievement_id=w.published.id,
            score=0.8,
            relevance=0.7,
            rank=1,
            reasons=[],
        )
    )
    w.saved = SavedSearch(user_id=w.users["member"].id, name="成员的搜索", params={"q": "电池"})
    session.add(w.saved)
    session.flush()
    w.bid = catalogue.submit_bid(
        session,
        owner,
        w.challenge,
        catalogue.BidInput(
            "甲大学的揭榜方案：技术路线清晰可行，已有中试基础，六个月交付样机。", Decimal(500000)
        ),
    )


def _achievement_form(w, **overrides):
    values = {
        "title": "新成果",
        "summary": "一项经过中试验证的新技术，指标优于现有方案。",
        "field": "materials",
        "maturity": "pilot",
        "province_code": "310000",
        "city_code": "310100",
        "transfer_modes": ["licence"],
        "keywords": "新材料",
    }
    values.update(overrides)
    return values


def _count(w, model, *where) -> int:
    w.session.expire_all()
    return w.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def reload(w, obj):
    w.session.expire_all()
    return w.session.get(type(obj), obj.id)


@dataclass
class Case:
    endpoint: str
    url: Callable[[Any], str]
    allowed: set[str]
    effect: Callable[[Any, Any], bool]
    data: Callable[[Any], dict] = lambda w: {}
    method: str = "POST"
    #: signup/login: a logged-in user is sent home and nothing happens
    anonymous_only: bool = False
    #: where to read the CSRF token from (a page the persona can open)
    token_from: str = "/"
    #: False where the effect cannot distinguish a refusal (logging out when not logged in)
    check_denied_effect: bool = True
    #: the answer to a logged-in persona who may not; 404 where the object's existence is not revealed
    denied_status: int = 403
    #: the answer to an anonymous visitor; None means "redirected to the login page"
    anonymous_status: int | None = None
    #: personas answered differently from ``denied_status`` (an admin sees a payment but cannot pay it)
    denied_status_for: dict[str, int] = field(default_factory=dict)
    #: payments on, against stripe-mock (the route calls Stripe or needs the webhook secret)
    stripe: bool = False


def _org_form(w, **overrides):
    values = {
        "name": "新机构",
        "type": "enterprise",
        "credit_code": w.new_code,
        "province_code": "310000",
        "city_code": "310100",
    }
    values.update(overrides)
    return values


def _logged_in_as(w, browser, email: str) -> bool:
    page = browser.get("/account")
    return page.status_code == 200 and email in page.get_data(as_text=True)


CASES = [
    Case(
        "accounts.signup",
        lambda w: "/signup",
        {"anonymous"},
        anonymous_only=True,
        data=lambda w: {
            "email": "fresh@example.com",
            "display_name": "新人",
            "password": PASSWORD,
            "confirm": PASSWORD,
        },
        effect=lambda w, b: services.find_user_by_email(w.session, "fresh@example.com") is not None,
    ),
    Case(
        "accounts.login",
        lambda w: "/login",
        {"anonymous"},
        anonymous_only=True,
        data=lambda w: {"email": "target@example.com", "password": PASSWORD},
        effect=lambda w, b: _logged_in_as(w, b, "target@example.com"),
    ),
    Case(
        "accounts.logout",
        lambda w: "/logout",
        LOGGED_IN,
        check_denied_effect=False,
        effect=lambda w, b: b.get("/account").status_code == 302,
    ),
    Case(
        "accounts.forgot_password",
        lambda w: "/password/forgot",
        set(PERSONAS),
        data=lambda w: {"email": "target@example.com"},
        effect=lambda w, b: (
            w.session.scalar(
                sa.select(sa.func.count(OutboundMail.id)).where(
                    OutboundMail.recipient == "target@example.com"
                )
            )
            == 1
        ),
    ),
    Case(
        "accounts.reset_password",
        lambda w: f"/password/reset/{w.reset_token}",
        set(PERSONAS),
        data=lambda w: {"password": "a new password 42", "confirm": "a new password 42"},
        effect=lambda w, b: (
            services.authenticate(w.session, "target@example.com", "a new password 42") is not None
        ),
    ),
    Case(
        "core.set_language",
        lambda w: "/language",
        set(PERSONAS),
        data=lambda w: {"locale": "en", "next": "/"},
        effect=lambda w, b: '<html lang="en">' in b.get("/").get_data(as_text=True),
    ),
    Case(
        "accounts.account",
        lambda w: "/account",
        LOGGED_IN,
        data=lambda w: {"profile-display_name": "改过的名字"},
        effect=lambda w, b: (
            w.session.scalar(sa.select(sa.func.count(User.id)).where(User.display_name == "改过的名字")) == 1
        ),
    ),
    Case(
        "accounts.create_organization",
        lambda w: "/organizations/new",
        WITHOUT_ORG,
        data=_org_form,
        effect=lambda w, b: (
            w.session.scalar(sa.select(Organization).where(Organization.credit_code == w.new_code))
            is not None
        ),
    ),
    Case(
        "accounts.edit_organization",
        lambda w: f"/organizations/{w.org_a.id}/edit",
        {"org_admin", "admin"},
        data=lambda w: _org_form(w, name="改名大学", type="university", credit_code=w.org_a.credit_code),
        effect=lambda w, b: reload(w, w.org_a).name == "改名大学",
    ),
    Case(
        "accounts.join_organization",
        lambda w: f"/organizations/{w.org_a.id}/join",
        WITHOUT_ORG,
        effect=lambda w, b: (
            w.session.scalar(
                sa.select(sa.func.count(Membership.id)).where(
                    Membership.organization_id == w.org_a.id, Membership.status == "pending"
                )
            )
            == 2
        ),
    ),
    Case(
        "accounts.decide_membership",
        lambda w: f"/memberships/{w.applicant_membership.id}/approve",
        {"org_admin", "admin"},
        effect=lambda w, b: reload(w, w.applicant_membership).status == "approved",
    ),
    Case(
        "accounts.decide_membership",
        lambda w: f"/memberships/{w.applicant_membership.id}/reject",
        {"org_admin", "admin"},
        effect=lambda w, b: reload(w, w.applicant_membership).status == "rejected",
    ),
    Case(
        "accounts.decide_membership",
        lambda w: f"/memberships/{w.member_membership.id}/remove",
        {"org_admin", "admin"},
        effect=lambda w, b: reload(w, w.member_membership).status == "rejected",
    ),
    Case(
        "accounts.set_member_role",
        lambda w: f"/memberships/{w.member_membership.id}/role",
        {"org_admin", "admin"},
        data=lambda w: {"role": "admin"},
        effect=lambda w, b: reload(w, w.member_membership).role == "admin",
    ),
    Case(
        "accounts.decide_verification",
        lambda w: f"/organizations/{w.org_p.id}/verification/verify",
        {"admin"},
        effect=lambda w, b: reload(w, w.org_p).verification_status == "verified",
    ),
    Case(
        "accounts.decide_verification",
        lambda w: f"/organizations/{w.org_p.id}/verification/reject",
        {"admin"},
        data=lambda w: {"note": "信息不符"},
        effect=lambda w, b: reload(w, w.org_p).verification_status == "rejected",
    ),
    Case(
        "accounts.decide_verification",
        lambda w: f"/organizations/{w.org_a.id}/verification/revoke",
        {"admin"},
        data=lambda w: {"note": "证照过期"},
        effect=lambda w, b: reload(w, w.org_a).verification_status == "rejected",
    ),
    Case(
        "accounts.decide_verification",
        lambda w: f"/organizations/{w.org_b.id}/verification/resubmit",
        {"other_org_admin"},
        effect=lambda w, b: reload(w, w.org_b).verification_status == "pending",
    ),
    Case(
        "accounts.change_roles",
        lambda w: f"/admin/users/{w.target.id}/roles",
        {"admin"},
        data=lambda w: {"role": "moderator", "grant": "1"},
        effect=lambda w, b: reload(w, w.target).has_role("moderator"),
    ),
    # read-only pages restricted to some roles
    Case("core.audit_log", lambda w: "/admin/audit", {"admin"}, method="GET", effect=lambda w, b: True),
    Case("core.mailbox", lambda w: "/admin/mailbox", {"admin"}, method="GET", effect=lambda w, b: True),
    Case(
        "accounts.admin_organizations",
        lambda w: "/admin/organizations",
        {"admin"},
        method="GET",
        effect=lambda w, b: True,
    ),
    Case("accounts.admin_users", lambda w: "/admin/users", {"admin"}, method="GET", effect=lambda w, b: True),
    Case(
        "accounts.edit_organization",
        lambda w: f"/organizations/{w.org_a.id}/edit",
        {"org_admin", "admin"},
        method="GET",
        effect=lambda w, b: True,
    ),
    # --- catalogue ---
    Case(
        "catalogue.create",
        lambda w: "/achievements/new",
        OWNERS_A,
        data=_achievement_form,
        effect=lambda w, b: _count(w, Achievement, Achievement.title == "新成果") == 1,
    ),
    Case(
        "catalogue.create",
        lambda w: "/demands/new",
        set(),
        data=lambda w: {
            "title": "新需求",
            "field": "it",
            "problem": "x" * 30,
            "metrics": "y",
            "kind": "demand",
            "expected_maturity": "lab",
            "province_code": "310000",
            "city_code": "310100",
            "modes": ["licence"],
            "deadline": "2099-01-01",
        },
        effect=lambda w, b: _count(w, Demand, Demand.title == "新需求") == 1,
    ),
    Case(
        "catalogue.edit",
        lambda w: f"/achievements/{w.draft.id}/edit",
        OWNERS_A,
        data=lambda w: _achievement_form(w, title="改过的草稿"),
        effect=lambda w, b: reload(w, w.draft).title == "改过的草稿",
    ),
    Case(
        "catalogue.edit",
        lambda w: f"/demands/{w.demand_draft.id}/edit",
        set(),
        data=lambda w: {"title": "被篡改"},
        effect=lambda w, b: reload(w, w.demand_draft).title == "被篡改",
    ),
    Case(
        "catalogue.act",
        lambda w: f"/achievements/{w.draft.id}/act/submit",
        OWNERS_A,
        effect=lambda w, b: reload(w, w.draft).status == "submitted",
    ),
    Case(
        "catalogue.act",
        lambda w: f"/achievements/{w.submitted.id}/act/approve",
        MODERATORS,
        effect=lambda w, b: reload(w, w.submitted).status == "published",
    ),
    Case(
        "catalogue.act",
        lambda w: f"/achievements/{w.submitted.id}/act/return",
        MODERATORS,
        data=lambda w: {"note": "缺少附件"},
        effect=lambda w, b: reload(w, w.submitted).status == "returned",
    ),
    Case(
        "catalogue.act",
        lambda w: f"/demands/{w.demand.id}/act/approve",
        MODERATORS,
        effect=lambda w, b: reload(w, w.demand).status == "published",
    ),
    Case(
        "catalogue.act",
        lambda w: f"/demands/{w.demand.id}/act/withdraw",
        set(),
        effect=lambda w, b: reload(w, w.demand).status == "withdrawn",
    ),
    Case(
        "catalogue.decide_revision",
        lambda w: f"/achievements/{w.published.id}/revision/approve",
        MODERATORS,
        effect=lambda w, b: reload(w, w.published).title == "修订后的成果",
    ),
    Case(
        "catalogue.delete",
        lambda w: f"/achievements/{w.draft.id}/delete",
        OWNERS_A,
        effect=lambda w, b: _count(w, Achievement, Achievement.id == w.draft.id) == 0,
    ),
    Case(
        "catalogue.delete",
        lambda w: f"/demands/{w.demand_draft.id}/delete",
        set(),
        effect=lambda w, b: _count(w, Demand, Demand.id == w.demand_draft.id) == 0,
    ),
    Case(
        "catalogue.upload",
        lambda w: f"/achievements/{w.draft.id}/attachments",
        OWNERS_A,
        data=lambda w: {"file": (io.BytesIO(PDF + b"%"), "附件.pdf"), "role": "document"},
        effect=lambda w, b: _count(w, Attachment, Attachment.achievement_id == w.draft.id) == 2,
    ),
    Case(
        "catalogue.delete_attachment",
        lambda w: f"/attachments/{w.attachment.id}/delete",
        OWNERS_A,
        effect=lambda w, b: _count(w, Attachment, Attachment.id == w.attachment.id) == 0,
    ),
    Case(
        "catalogue.create_bid",
        lambda w: f"/demands/{w.challenge_open.id}/bids/new",
        OWNERS_A,
        data=lambda w: {"proposal": "我们的方案基于成熟技术路线，六个月交付。", "price": "50"},
        effect=lambda w, b: len(reload(w, w.challenge_open).bids) == 1,
    ),
    Case(
        "catalogue.decide_bid",
        lambda w: f"/bids/{w.bid.id}/select",
        set(),
        effect=lambda w, b: reload(w, w.bid).status == "selected",
    ),
    Case(
        "catalogue.decide_bid",
        lambda w: f"/bids/{w.bid.id}/withdraw",
        OWNERS_A,
        effect=lambda w, b: reload(w, w.bid).status == "withdrawn",
    ),
    Case(
        "accounts.api_tokens",
        lambda w: "/my/organization/api-tokens",
        {"org_admin"},
        data=lambda w: {"name": "区域技术市场"},
        effect=lambda w, b: _count(w, ApiToken, ApiToken.name == "区域技术市场") == 1,
    ),
    Case(
        "accounts.revoke_api_token",
        lambda w: f"/api-tokens/{w.token.id}/revoke",
        {"org_admin", "admin"},
        effect=lambda w, b: reload(w, w.token).revoked_at is not None,
    ),
    # the JSON API: a logged-in browser session never authorises an API write (only a token does)
    Case(
        "api.Achievements",
        lambda w: "/api/v1/achievements",
        set(),
        denied_status=401,
        anonymous_status=401,
        data=lambda w: {"title": "会话写入"},
        effect=lambda w, b: _count(w, Achievement, Achievement.title == "会话写入") == 1,
    ),
    Case(
        "api.AchievementItem",
        lambda w: f"/api/v1/achievements/{w.draft.id}",
        set(),
        method="PUT",
        denied_status=401,
        anonymous_status=401,
        data=lambda w: {"title": "会话改写"},
        effect=lambda w, b: reload(w, w.draft).title == "会话改写",
    ),
    Case(
        "api.Demands",
        lambda w: "/api/v1/demands",
        set(),
        denied_status=401,
        anonymous_status=401,
        data=lambda w: {"title": "会话写入"},
        effect=lambda w, b: _count(w, Demand, Demand.title == "会话写入") == 1,
    ),
    Case(
        "api.DemandItem",
        lambda w: f"/api/v1/demands/{w.demand_draft.id}",
        set(),
        method="PUT",
        denied_status=401,
        anonymous_status=401,
        data=lambda w: {"title": "会话改写"},
        effect=lambda w, b: reload(w, w.demand_draft).title == "会话改写",
    ),
    Case(
        "api.submit_achievement",
        lambda w: f"/api/v1/achievements/{w.draft.id}/submit",
        set(),
        denied_status=401,
        anonymous_status=401,
        effect=lambda w, b: reload(w, w.draft).status == "submitted",
    ),
    # contracts: the recording organisation applies; only a clerk of the contract's site decides
    Case(
        "contracts.submit",
        lambda w: f"/contracts/{w.c_draft.id}/submit",
        OWNERS_A,
        data=lambda w: {"site_id": str(w.site.id)},
        effect=lambda w, b: reload(w, w.c_draft).status == "submitted",
    ),
    Case(
        "contracts.new",
        lambda w: "/contracts/new",
        OWNERS_A,
        data=lambda w: _valid_form(w.org_a) | {"title": "矩阵录入的合同"},
        effect=lambda w, b: _count(w, Contract, Contract.title == "矩阵录入的合同") == 1,
    ),
    Case(
        "contracts.edit",
        lambda w: f"/contracts/{w.c_draft.id}/edit",
        OWNERS_A,
        data=lambda w: _valid_form(w.org_a) | {"title": "矩阵改写的合同"},
        effect=lambda w, b: reload(w, w.c_draft).title == "矩阵改写的合同",
    ),
    # an authority's sites and settings: its administrators (no persona is one) and platform admins
    Case(
        "contracts.create_site",
        lambda w: "/registration/sites",
        set(),
        data=lambda w: {"name": "矩阵登记点", "code": "07", "region_code": "310100"},
        effect=lambda w, b: _count(w, RegistrationSite, RegistrationSite.name == "矩阵登记点") == 1,
    ),
    Case(
        "contracts.site_state",
        lambda w: f"/registration/sites/{w.site.id}/close",
        {"admin"},
        effect=lambda w, b: reload(w, w.site).active is False,
    ),
    Case(
        "contracts.add_clerk",
        lambda w: f"/registration/sites/{w.site.id}/clerks",
        {"admin"},
        data=lambda w: {"email": "clerk3@example.com"},
        effect=lambda w, b: any(c.user_id == w.new_clerk.id for c in reload(w, w.site).clerks),
    ),
    Case(
        "contracts.remove_clerk",
        lambda w: f"/registration/sites/{w.site.id}/clerks/{w.other_clerk.id}/remove",
        {"admin"},
        effect=lambda w, b: all(c.user_id != w.other_clerk.id for c in reload(w, w.site).clerks),
    ),
    Case(
        "contracts.add_rules",
        lambda w: "/registration/rules",
        set(),
        data=lambda w: {
            "effective_from": "2027-01-01",
            "decision_days": "10",
            "large_threshold": "5000000",
            "large_basis": "technical",
            "correction_days": "30",
            "number_pattern": "{yy}{region4}{site}{serial:06d}",
        },
        effect=lambda w, b: _count(w, ProvinceRules, ProvinceRules.effective_from == date(2027, 1, 1)) == 1,
    ),
    Case(
        "contracts.income",
        lambda w: f"/contracts/{w.c_registered.id}/income",
        OWNERS_A,
        data=lambda w: {"received_on": "2026-11-21", "amount": "100000", "note": "矩阵收入"},
        effect=lambda w, b: len(reload(w, w.c_registered).income) == 1,
    ),
    Case(
        "contracts.upload",
        lambda w: f"/contracts/{w.c_draft.id}/documents",
        OWNERS_A,
        data=lambda w: {"kind": "ip_certificate", "file": (io.BytesIO(PDF + b"%ip"), "专利证书.pdf")},
        effect=lambda w, b: len(reload(w, w.c_draft).documents) == 2,
    ),
    Case(
        "contracts.delete_document",
        lambda w: f"/contracts/{w.c_draft.id}/documents/{w.c_document.id}/delete",
        OWNERS_A,
        effect=lambda w, b: reload(w, w.c_draft).documents == [],
    ),
    # payments: the payer's members pay; admins refund; deposits are an authority's; Stripe signs webhooks
    Case(
        "payments.checkout",
        lambda w: f"/payments/{w.fee.id}/checkout",
        OWNERS_A,
        denied_status=404,  # another organisation's payment does not exist for them
        denied_status_for={"admin": 403},  # admins see every payment but pay none
        stripe=True,
        effect=lambda w, b: reload(w, w.fee).status == "checkout",
    ),
    Case(
        "payments.refund",
        lambda w: f"/admin/payments/{w.paid_fee.id}/refund",
        {"admin"},
        data=lambda w: {"reason": "矩阵退款"},
        stripe=True,
        effect=lambda w, b: reload(w, w.paid_fee).status == "refund_requested",
    ),
    Case(
        "payments.set_deposit",
        lambda w: f"/challenges/{w.challenge_open.id}/deposit",
        set(),  # members of an authority of the challenge's province; no persona is one
        data=lambda w: {"deposit": "5000"},
        stripe=True,
        effect=lambda w, b: reload(w, w.challenge_open).deposit is not None,
    ),
    Case(
        "payments.webhook",
        lambda w: "/payments/stripe/webhook",
        set(),  # only a request signed with the webhook secret, whoever sends it
        denied_status=400,
        anonymous_status=400,
        stripe=True,
        effect=lambda w, b: _count(w, StripeEvent) > 1,  # the world recorded the paid fee's event
    ),
    # deals: the parties (org_a is the seller), the agency's brokers and admins; never another agency's broker
    Case(
        "deals.move",
        lambda w: f"/deals/{w.deal.id}/negotiate",
        {"admin"},
        effect=lambda w, b: reload(w, w.deal).stage == "negotiating",
    ),
    Case(
        "deals.move",
        lambda w: f"/deals/{w.deal.id}/lose",
        OWNERS_A | {"admin"},
        data=lambda w: {"reason": "price", "note": "价格谈不拢"},
        effect=lambda w, b: reload(w, w.deal).stage == "lost",
    ),
    Case(
        "deals.sign",
        lambda w: f"/deals/{w.deal_talks.id}/sign",
        OWNERS_A | {"admin"},
        data=lambda w: {
            "type_choice": "licence:patent",
            "contract_amount": "500000",
            "signed_on": "2026-11-01",
        },
        effect=lambda w, b: reload(w, w.deal_talks).stage == "signed",
    ),
    Case(
        "deals.post_message",
        lambda w: f"/deals/{w.deal.id}/messages",
        OWNERS_A | {"admin"},
        data=lambda w: {"body": "矩阵消息"},
        effect=lambda w, b: _count(w, DealMessage, DealMessage.body == "矩阵消息") == 1,
    ),
    Case(
        "deals.accept_nda",
        lambda w: f"/deals/{w.deal.id}/nda",
        set(),  # only the buyer's members, and no persona is one
        effect=lambda w, b: _count(w, NdaAcceptance, NdaAcceptance.deal_id == w.deal.id) == 1,
    ),
    Case(
        "deals.dataroom_upload",
        lambda w: f"/deals/{w.deal.id}/dataroom",
        OWNERS_A | {"admin"},
        data=lambda w: {"file": (io.BytesIO(PDF + b"%dr"), "工艺参数.pdf")},
        effect=lambda w, b: _count(w, DealFile, DealFile.filename == "工艺参数.pdf") == 1,
    ),
    Case(
        "deals.new",
        lambda w: "/deals/new",
        set(),  # verified brokers only; the broker persona has no profile
        data=lambda w: {"buyer_id": str(w.enterprise.id), "seller_id": str(w.org_a.id), "title": "矩阵交易"},
        effect=lambda w, b: _count(w, Deal, Deal.title == "矩阵交易") == 1,
    ),
    Case(
        "deals.my_profile",
        lambda w: "/brokers/me",
        set(),  # brokers of a verified agency only
        data=lambda w: {"certificate_number": "JJR-9999"},
        effect=lambda w, b: _count(w, BrokerProfile, BrokerProfile.certificate_number == "JJR-9999") == 1,
    ),
    Case(
        "deals.decide",
        lambda w: f"/brokers/{w.broker_profile.id}/verify",
        {"admin"},
        effect=lambda w, b: reload(w, w.broker_profile).status == "verified",
    ),
    Case(
        "deals.ledger",
        lambda w: "/brokers/ledger",
        set(),  # verified brokers record sourcing
        data=lambda w: {"kind": "achievements", "listing_id": str(w.published.id), "note": "矩阵"},
        effect=lambda w, b: _count(w, Attribution, Attribution.note == "矩阵") == 1,
    ),
    Case(
        "contracts.remind",
        lambda w: f"/registration/tracker/{w.c_draft.id}/remind",
        {"clerk", "admin"},
        effect=lambda w, b: reload(w, w.c_draft).reminded_at is not None,
    ),
    Case(
        "contracts.applicant_step",
        lambda w: f"/contracts/{w.c_registered.id}/change",
        OWNERS_A,
        data=lambda w: {"note": "补充协议"},
        effect=lambda w, b: reload(w, w.c_registered).status == "changing",
    ),
    Case(
        "contracts.applicant_step",
        lambda w: f"/contracts/{w.c_registered.id}/cancel-request",
        OWNERS_A,
        data=lambda w: {"note": "合同解除"},
        effect=lambda w, b: reload(w, w.c_registered).status == "cancel_requested",
    ),
    Case(
        "contracts.clerk_step",
        lambda w: f"/registration/contracts/{w.c_cancel_requested.id}/keep",
        {"clerk"},
        data=lambda w: {"note": "登记继续有效"},
        effect=lambda w, b: reload(w, w.c_cancel_requested).status == "registered",
    ),
    Case(
        "contracts.clerk_step",
        lambda w: f"/registration/contracts/{w.c_registered.id}/cancel",
        {"clerk"},
        data=lambda w: {"note": "注销"},
        effect=lambda w, b: reload(w, w.c_registered).status == "cancelled",
    ),
    Case(
        "contracts.accept",
        lambda w: f"/registration/contracts/{w.c_submitted.id}/accept",
        {"clerk"},
        effect=lambda w, b: reload(w, w.c_submitted).status == "accepted",
    ),
    Case(
        "contracts.return_",
        lambda w: f"/registration/contracts/{w.c_accepted.id}/return",
        {"clerk"},
        data=lambda w: {"reasons": "missing_attachment", "note": "请补充附件"},
        effect=lambda w, b: reload(w, w.c_accepted).status == "returned",
    ),
    Case(
        "contracts.approve",
        lambda w: f"/registration/contracts/{w.c_accepted.id}/approve",
        {"clerk"},
        effect=lambda w, b: reload(w, w.c_accepted).status == "registered",
    ),
    Case(
        "contracts.confirm",
        lambda w: f"/registration/contracts/{w.c_second.id}/confirm",
        {"clerk"},
        effect=lambda w, b: reload(w, w.c_second).status == "registered",
    ),
    Case(
        "contracts.refuse",
        lambda w: f"/registration/contracts/{w.c_accepted.id}/refuse",
        {"clerk"},
        data=lambda w: {"reason": "not_technology", "note": "不属于技术合同"},
        effect=lambda w, b: reload(w, w.c_accepted).status == "refused",
    ),
    Case(
        "api.create_contract",
        lambda w: "/api/v1/contracts",
        set(),
        denied_status=401,
        anonymous_status=401,
        data=lambda w: {"title": "会话录入"},
        effect=lambda w, b: _count(w, Contract, Contract.title == "会话录入") == 1,
    ),
    Case(
        "api.ContractItem",
        lambda w: f"/api/v1/contracts/{w.c_draft.id}",
        set(),
        method="PUT",
        denied_status=401,
        anonymous_status=401,
        data=lambda w: {"title": "会话改写"},
        effect=lambda w, b: reload(w, w.c_draft).title == "会话改写",
    ),
    Case(
        "api.submit_contract",
        lambda w: f"/api/v1/contracts/{w.c_draft.id}/submit",
        set(),
        denied_status=401,
        anonymous_status=401,
        effect=lambda w, b: reload(w, w.c_draft).status == "submitted",
    ),
    Case(
        "api.validate_contract",
        lambda w: "/api/v1/contracts/validate",
        set(),
        denied_status=401,
        anonymous_status=401,
        data=lambda w: {"title": "会话校验"},
        effect=lambda w, b: True,  # saves nothing either way; only a token may call it
        check_denied_effect=False,
    ),
    Case(
        "api.submit_demand",
        lambda w: f"/api/v1/demands/{w.demand_draft.id}/submit",
        set(),
        denied_status=401,
        anonymous_status=401,
        effect=lambda w, b: reload(w, w.demand_draft).status == "submitted",
    ),
    Case(
        "catalogue.bookmark",
        lambda w: f"/achievements/{w.published.id}/bookmark",
        LOGGED_IN,
        effect=lambda w, b: _count(w, Bookmark, Bookmark.listing_id == w.published.id) == 1,
    ),
    Case(
        "catalogue.create_collection",
        lambda w: "/collections/new",
        set(),
        data=lambda w: {"title": "新成果包"},
        effect=lambda w, b: _count(w, Collection, Collection.title == "新成果包") == 1,
    ),
    Case(
        "catalogue.edit_collection",
        lambda w: f"/collections/{w.collection_draft.id}/edit",
        set(),
        data=lambda w: {"title": "改名成果包"},
        effect=lambda w, b: reload(w, w.collection_draft).title == "改名成果包",
    ),
    Case(
        "catalogue.add_collection_item",
        lambda w: f"/collections/{w.collection_pub.id}/items",
        set(),
        data=lambda w: {"achievement_id": w.published.id},
        effect=lambda w, b: len(reload(w, w.collection_pub).items) == 2,
    ),
    Case(
        "catalogue.remove_collection_item",
        lambda w: f"/collections/{w.collection_pub.id}/items/{w.published.id}/remove",
        set(),
        effect=lambda w, b: len(reload(w, w.collection_pub).items) == 0,
    ),
    Case(
        "catalogue.act_on_collection",
        lambda w: f"/collections/{w.collection_draft.id}/act/publish",
        set(),
        effect=lambda w, b: reload(w, w.collection_draft).status == "published",
    ),
    Case(
        "catalogue.act_on_collection",
        lambda w: f"/collections/{w.collection_pub.id}/act/unpublish",
        MODERATORS,
        effect=lambda w, b: reload(w, w.collection_pub).status == "draft",
    ),
    Case(
        "catalogue.import_listings",
        lambda w: "/my/import",
        OWNERS_A,
        data=lambda w: {"kind": "achievements", "file": (io.BytesIO(IMPORT_CSV), "导入.csv")},
        effect=lambda w, b: _count(w, Achievement, Achievement.title == "导入的成果") == 1,
    ),
    Case(
        "catalogue.inquire",
        lambda w: f"/achievements/{w.published.id}/inquiries",
        set(),
        data=lambda w: {"message": "请问该成果是否可以普通许可？"},
        effect=lambda w, b: _count(w, Inquiry, Inquiry.achievement_id == w.published.id) == 1,
    ),
    Case(
        "catalogue.cofunding",
        lambda w: "/my/organization/cofunding",
        set(),
        data=lambda w: {"rate": "40"},
        effect=lambda w, b: _count(w, CofundingPolicy) == 1,
    ),
    Case(
        "catalogue.upload_bid_file",
        lambda w: f"/bids/{w.bid.id}/attachments",
        OWNERS_A,
        data=lambda w: {"file": (io.BytesIO(PDF), "方案.pdf")},
        effect=lambda w, b: len(reload(w, w.bid).attachments) == 1,
    ),
    Case(
        "core.notifications_read",
        lambda w: "/notifications/read",
        LOGGED_IN,
        check_denied_effect=False,
        effect=lambda w, b: "全部标为已读" not in b.get("/notifications").get_data(as_text=True),
    ),
    Case(
        "discovery.save_search",
        lambda w: "/search/saved?q=%E9%94%82%E7%94%B5%E6%B1%A0",
        LOGGED_IN,
        data=lambda w: {"name": "矩阵里的搜索"},
        token_from="/search",
        effect=lambda w, b: _count(w, SavedSearch, SavedSearch.name == "矩阵里的搜索") == 1,
    ),
    Case(
        "discovery.delete_saved_search",
        lambda w: f"/search/saved/{w.saved.id}/delete",
        {"member"},
        denied_status=404,
        effect=lambda w, b: _count(w, SavedSearch, SavedSearch.id == w.saved.id) == 0,
    ),
    Case(
        "discovery.match_feedback",
        lambda w: f"/demands/{w.matched_demand.id}/matches/{w.published.id}/feedback",
        OWNERS_A,
        data=lambda w: {"verdict": "declined", "reason": "price"},
        effect=lambda w, b: _count(w, MatchFeedback, MatchFeedback.demand_id == w.matched_demand.id) == 1,
    ),
    Case(
        "discovery.match_queue",
        lambda w: "/matches/queue",
        {"broker", "admin"},
        method="GET",
        effect=lambda w, b: True,
    ),
    Case("catalogue.moderation", lambda w: "/moderation", MODERATORS, method="GET", effect=lambda w, b: True),
    Case(
        "deals.room",
        lambda w: f"/deals/{w.deal.id}",
        OWNERS_A | {"admin"},  # the seller's members, the deal's brokers (no persona) and admins
        method="GET",
        effect=lambda w, b: True,
    ),
    Case(
        "payments.detail",
        lambda w: f"/payments/{w.fee.id}",
        OWNERS_A | {"admin"},
        method="GET",
        denied_status=404,
        effect=lambda w, b: True,
    ),
    Case("payments.ledger", lambda w: "/admin/payments", {"admin"}, method="GET", effect=lambda w, b: True),
    Case(
        "catalogue.detail",
        lambda w: f"/achievements/{w.draft.id}",
        OWNERS_A | MODERATORS,
        method="GET",
        denied_status=404,
        anonymous_status=404,
        effect=lambda w, b: True,
    ),
    Case(
        "catalogue.download",
        lambda w: f"/attachments/{w.attachment.id}",
        OWNERS_A | MODERATORS,
        method="GET",
        denied_status=404,
        anonymous_status=404,
        effect=lambda w, b: True,
    ),
]


_PLACEHOLDERS = (
    "fee",
    "paid_fee",
    "c_draft",
    "c_submitted",
    "c_accepted",
    "c_second",
    "c_registered",
    "other_clerk",
    "deal",
    "deal_talks",
    "broker_profile",
    "c_document",
    "c_cancel_requested",
    "site",
    "org_a",
    "org_b",
    "org_p",
    "target",
    "applicant_membership",
    "member_membership",
    "draft",
    "submitted",
    "published",
    "attachment",
    "demand",
    "demand_draft",
    "challenge",
    "challenge_open",
    "bid",
    "token",
    "collection_draft",
    "collection_pub",
    "saved",
    "matched_demand",
)


def case_id(case: Case) -> str:
    """``POST /memberships/0/approve``: the URL with every id shown as 0, for readable test names."""
    world = SimpleNamespace(**{name: SimpleNamespace(id=0) for name in _PLACEHOLDERS}, reset_token="T")
    return f"{case.method} {case.url(world)}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matrix(case: Case, persona: str, world, browser, app, monkeypatch):
    if case.stripe:
        for key, value in stripe_settings().items():
            monkeypatch.setitem(app.config, key, value)
    if case.endpoint == "accounts.reset_password":
        world.reset_token = services.make_reset_token(world.target, app.config["SECRET_KEY"])
    if persona != "anonymous":
        browser.login(world.users[persona].email, PASSWORD)
    url = case.url(world)
    if case.method == "GET":
        response = browser.get(url)
    elif case.method in ("PUT", "PATCH", "DELETE"):
        response = browser.client.open(url, method=case.method, json=case.data(world))
    else:
        response = browser.post(
            url, case.data(world), token_from=case.token_from, content_type="multipart/form-data"
        )
    response.close()  # a file download keeps its file open until the response is closed
    allowed = persona in case.allowed
    if allowed:
        assert response.status_code in (200, 302, 303), response.get_data(as_text=True)[:300]
        assert "/login?next=" not in (response.location or "")
        assert case.effect(world, browser), f"{persona} was allowed but nothing changed"
    else:
        if persona == "anonymous" and case.anonymous_status:
            assert response.status_code == case.anonymous_status
        elif persona == "anonymous":
            assert response.status_code == 302 and "/login" in response.location
        elif case.anonymous_only:
            assert response.status_code == 302 and response.location == "/"
        else:
            expected = case.denied_status_for.get(persona, case.denied_status)
            assert response.status_code == expected, response.get_data(as_text=True)[:300]
        if case.method != "GET" and case.check_denied_effect:
            assert not case.effect(world, browser), f"{persona} was refused but the change happened"


def test_matrix_covers_every_mutating_route(app):
    covered = {case.endpoint for case in CASES if case.method != "GET"}
    mutating = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.methods & {"POST", "PUT", "PATCH", "DELETE"} and rule.endpoint != "static"
    }
    assert mutating - covered == set(), "add these routes to the authorisation matrix"
