"""The demo world created by ``flask seed-demo``: organisations in several provinces and one login per role.

Everything is created through the domain services, so the demo obeys the same rules and leaves the same
audit trail as real use. Organisations are flagged ``is_demo`` and carry a demo badge in the UI.
"""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from marketplace.accounts import services as accounts
from marketplace.accounts.models import Organization, PlatformRole, User
from marketplace.accounts.states import MembershipAction, VerificationAction

DEMO_DOMAIN = "demo.example"

#: (name, type, province code, city code)
ORGANIZATIONS = [
    ("东海理工大学", "university", "310000", "310100"),
    ("西岭大学", "university", "510000", "510100"),
    ("北辰工业大学", "university", "120000", "120100"),
    ("岭南海洋大学", "university", "440000", "440100"),
    ("江南先进材料研究院", "institute", "320000", "320500"),
    ("中原农业科学研究所", "institute", "410000", "410100"),
    ("荆楚光电技术研究院", "institute", "420000", "420100"),
    ("星海新能源科技有限公司", "enterprise", "440000", "440300"),
    ("浙东精密机械股份有限公司", "enterprise", "330000", "330200"),
    ("蓉城生物医药有限公司", "enterprise", "510000", "510100"),
    ("皖北智能装备有限公司", "enterprise", "340000", "340100"),
    ("齐鲁新材料集团有限公司", "enterprise", "370000", "370200"),
    ("长三角技术转移中心有限公司", "agency", "310000", "310100"),
    ("上海市技术市场服务中心", "authority", "310000", "310100"),
]

#: registration-management + organisation-category prefixes of the unified social credit code
_CODE_PREFIX = {"university": "12", "institute": "12", "authority": "11", "enterprise": "91", "agency": "91"}


@dataclass
class DemoLogin:
    role: str
    email: str
    password: str
    organization: str | None


def credit_code(kind: str, region_code: str, rng: random.Random) -> str:
    body = _CODE_PREFIX[kind] + region_code + "".join(rng.choice("0123456789") for _ in range(9))
    return body + uscc.calc_check_digit(body)


def is_seeded(session: Session) -> bool:
    return session.scalar(sa.select(sa.func.count(User.id))) > 0


def seed(session: Session, password: str | None = None, seed_value: int = 2026) -> list[DemoLogin]:
    """Create the demo world in the session (the caller commits). Returns the logins created."""
    rng = random.Random(seed_value)
    logins: list[DemoLogin] = []

    def new_password() -> str:
        return password or secrets.token_urlsafe(9)

    def user(email_local: str, name: str, role: str, org: str | None = None) -> User:
        pw = new_password()
        u = accounts.sign_up(session, accounts.SignupInfo(f"{email_local}@{DEMO_DOMAIN}", pw, name))
        logins.append(DemoLogin(role, u.email, pw, org))
        return u

    admin_password = new_password()
    admin = accounts.bootstrap_admin(session, f"admin@{DEMO_DOMAIN}", admin_password, "平台管理员")
    logins.append(DemoLogin("platform admin", admin.email, admin_password, None))

    orgs: dict[str, Organization] = {}
    for index, (name, kind, province, city) in enumerate(ORGANIZATIONS, start=1):
        owner = user(f"{kind}{index}", f"{name[:4]}管理员", f"{kind} admin", name)
        org = accounts.create_organization(
            session,
            owner,
            accounts.OrganizationInfo(name, kind, credit_code(kind, city, rng), province, city),
        )
        org.is_demo = True
        accounts.decide_verification(session, admin, org, VerificationAction.VERIFY)
        orgs[name] = org

    moderator = user("moderator", "内容审核员", "moderator")
    accounts.grant_role(session, admin, moderator, PlatformRole.MODERATOR)

    agency = orgs["长三角技术转移中心有限公司"]
    authority = orgs["上海市技术市场服务中心"]
    for i, who in enumerate(("王经纪", "李经纪"), start=1):
        broker = user(f"broker{i}", who, "broker", agency.name)
        _join(session, broker, agency, admin)
        accounts.grant_role(session, admin, broker, PlatformRole.BROKER)
    for i, who in enumerate(("赵登记员", "钱登记员"), start=1):
        clerk = user(f"clerk{i}", who, "clerk", authority.name)
        _join(session, clerk, authority, admin)
        accounts.grant_role(session, admin, clerk, PlatformRole.CLERK)

    researcher = user("researcher", "陈教授", "university member", "东海理工大学")
    _join(session, researcher, orgs["东海理工大学"], admin)
    engineer = user("engineer", "周工程师", "enterprise member", "星海新能源科技有限公司")
    _join(session, engineer, orgs["星海新能源科技有限公司"], admin)
    applicant = user("applicant", "吴同学", "member awaiting approval", "西岭大学")
    accounts.request_membership(session, applicant, orgs["西岭大学"])

    # one organisation still waiting for verification, so the admin queue is not empty
    newcomer = user("newcomer", "郑经理", "admin of an unverified organisation", "滨江数字科技有限公司")
    pending = accounts.create_organization(
        session,
        newcomer,
        accounts.OrganizationInfo(
            "滨江数字科技有限公司", "enterprise", credit_code("enterprise", "330100", rng), "330000", "330100"
        ),
    )
    pending.is_demo = True
    session.flush()
    return logins


def _join(session: Session, user: User, org: Organization, admin: User) -> None:
    membership = accounts.request_membership(session, user, org)
    accounts.decide_membership(session, admin, membership, MembershipAction.APPROVE)
    session.flush()
    session.expire(user, ["memberships"])
