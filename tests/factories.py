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


@pytest.fixture
def moderator(make_user) -> User:
    return make_user("moderator@example.com", roles=(PlatformRole.MODERATOR,), name="审核员")


def achievement_input(**overrides):
    from marketplace.catalogue.services import AchievementInput, IPInput

    values = dict(
        title="高镍三元正极材料表面包覆改性技术",
        summary="采用原子层沉积在高镍正极表面形成均匀包覆层，循环寿命提升30%，适用于动力电池。",
        field="nev",
        maturity="pilot",
        province_code="310000",
        city_code="310100",
        keywords=["锂电池", "正极材料", "包覆"],
        trl=6,
        transfer_modes=["licence", "assignment"],
        price=None,
        contact_name="李老师",
        contact_phone="021-12345678",
        contact_email="li@example.edu.cn",
        team=[{"name": "李明", "title": "教授"}],
        ip_items=[IPInput("invention", "201710601862.3", "granted")],
    )
    values.update(overrides)
    return AchievementInput(**values)


def demand_input(**overrides):
    from datetime import date, timedelta

    from marketplace.catalogue.services import DemandInput

    values = dict(
        title="焊接机器人焊缝跟踪精度提升",
        field="equipment",
        problem="现有焊接机器人在厚板多层多道焊时焊缝跟踪偏差大，返修率高，影响交付。",
        metrics="焊缝一次合格率≥99.5%，节拍≤45秒/件",
        expected_maturity="pilot",
        deadline=date.today() + timedelta(days=90),
        province_code="330000",
        city_code="330200",
        modes=["co_development", "licence"],
        budget=None,
    )
    values.update(overrides)
    return DemandInput(**values)


@pytest.fixture
def university(make_org, make_user):
    """A verified university whose admin can publish achievements."""
    owner = make_user(name="高校管理员")
    return make_org(owner, type="university", name="测试理工大学")


@pytest.fixture
def enterprise(make_org, make_user):
    owner = make_user(name="企业管理员")
    return make_org(owner, type="enterprise", name="测试精密机械有限公司", province="330000", city="330200")


def owner_of(org):
    return org.memberships[0].user


@pytest.fixture
def make_achievement(session, university):
    from marketplace.catalogue import services as catalogue

    def factory(org=None, *, publish_with=None, **overrides):
        org = org or university
        achievement = catalogue.create_achievement(session, owner_of(org), achievement_input(**overrides))
        if publish_with is not None:
            catalogue.act(session, owner_of(org), achievement, "submit")
            catalogue.act(session, publish_with, achievement, "approve")
        session.commit()
        return achievement

    return factory


@pytest.fixture
def make_demand(session, enterprise):
    from marketplace.catalogue import services as catalogue

    def factory(org=None, *, publish_with=None, **overrides):
        org = org or enterprise
        demand = catalogue.create_demand(session, owner_of(org), demand_input(**overrides))
        if publish_with is not None:
            catalogue.act(session, owner_of(org), demand, "submit")
            catalogue.act(session, publish_with, demand, "approve")
        session.commit()
        return demand

    return factory
