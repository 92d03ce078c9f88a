"""The authorisation matrix: every mutating route (and every admin page) of the foundation, for every role.

Each case logs in as one persona, calls the route through HTTP with a valid CSRF token, and checks both
the answer and whether the change really happened (allowed) or not (denied).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
import sqlalchemy as sa

from marketplace.accounts import services
from marketplace.accounts.models import Membership, Organization, User
from marketplace.accounts.states import VerificationAction
from marketplace.core.models import OutboundMail
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


@pytest.fixture
def world(session, make_user, make_org, add_member, admin_user):
    w = SimpleNamespace(session=session)
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
    session.commit()
    return w


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
]


_PLACEHOLDERS = ("org_a", "org_b", "org_p", "target", "applicant_membership", "member_membership")


def case_id(case: Case) -> str:
    """``POST /memberships/0/approve``: the URL with every id shown as 0, for readable test names."""
    world = SimpleNamespace(**{name: SimpleNamespace(id=0) for name in _PLACEHOLDERS}, reset_token="T")
    return f"{case.method} {case.url(world)}"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matrix(case: Case, persona: str, world, browser, app):
    if case.endpoint == "accounts.reset_password":
        world.reset_token = services.make_reset_token(world.target, app.config["SECRET_KEY"])
    if persona != "anonymous":
        browser.login(world.users[persona].email, PASSWORD)
    url = case.url(world)
    if case.method == "GET":
        response = browser.get(url)
    else:
        response = browser.post(url, case.data(world), token_from=case.token_from)
    allowed = persona in case.allowed
    if allowed:
        assert response.status_code in (200, 302), response.get_data(as_text=True)[:300]
        assert "/login?next=" not in (response.location or "")
        assert case.effect(world, browser), f"{persona} was allowed but nothing changed"
    else:
        if persona == "anonymous":
            assert response.status_code == 302 and "/login" in response.location
        elif case.anonymous_only:
            assert response.status_code == 302 and response.location == "/"
        else:
            assert response.status_code == 403, response.get_data(as_text=True)[:300]
        if case.method == "POST" and case.check_denied_effect:
            assert not case.effect(world, browser), f"{persona} was refused but the change happened"


def test_matrix_covers_every_mutating_route(app):
    covered = {case.endpoint for case in CASES if case.method == "POST"}
    mutating = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.methods & {"POST", "PUT", "PATCH", "DELETE"} and rule.endpoint != "static"
    }
    assert mutating - covered == set(), "add these routes to the authorisation matrix"
