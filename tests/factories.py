"""Factory fixtures: build users and organisations through the services, with sensible defaults."""

from __future__ import annotations

import itertools
import random

import pytest
from stdnum.cn import uscc

from marketplace.accounts import services
from marketplace.accounts.models import Organization, PlatformRole, User, UserRole
from marketplace.accounts.states import MembershipAction, VerificationAction

PASSWORD = "correct horse battery"
_counter = itertools.count(1)
_rng = random.Random(7)


def valid_credit_code(prefix: str = "91", region: str = "310100") -> str:
    body = prefix + region + "".join(_rng.choice("0123456789") for _ in range(9))
    return body + uscc.calc_check_digit(body)


@pytest.fixture
def make_user(session):
    def factory(
        email: str | None = None,
        *,
        roles: tuple[str, ...] = (),
        password: str = PASSWORD,
        name: str = "测试用户",
    ) -> User:
        email = email or f"user{next(_counter)}@example.com"
        user = services.sign_up(session, services.SignupInfo(email, password, name))
        for role in roles:
            user.roles.append(UserRole(role=role))
        session.commit()  # a savepoint release: a view's rollback must not undo the test's setup
        return user

    return factory


@pytest.fixture
def admin_user(make_user) -> User:
    return make_user("admin@example.com", roles=(PlatformRole.ADMIN,), name="管理员")


@pytest.fixture
def make_org(session, make_user, admin_user):
    def factory(
        owner: User | None = None,
        *,
        name: str | None = None,
        type: str = "university",
        verified: bool = True,
        province: str = "310000",
        city: str = "310100",
    ) -> Organization:
        owner = owner or make_user()
        org = services.create_organization(
            session,
            owner,
            services.OrganizationInfo(
                name or f"测试机构{next(_counter)}", type, valid_credit_code(region=city), province, city
            ),
        )
        if verified:
            services.decide_verification(session, admin_user, org, VerificationAction.VERIFY)
        session.commit()
        return org

    return factory


@pytest.fixture
def add_member(session, admin_user):
    def factory(org: Organization, user: User, *, approve: bool = True):
        membership = services.request_membership(session, user, org)
        if approve:
            services.decide_membership(session, admin_user, membership, MembershipAction.APPROVE)
        session.commit()
        return membership

    return factory
