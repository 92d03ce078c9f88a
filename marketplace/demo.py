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

#: the technical fields each demo organisation works in, so that listings land with a plausible owner
ORGANIZATION_FIELDS = {
    "东海理工大学": {"it", "equipment", "materials", "digital_creative"},
    "西岭大学": {"bio", "energy", "environment", "services", "digital_creative"},
    "北辰工业大学": {"equipment", "nev", "materials", "it"},
    "岭南海洋大学": {"environment", "bio", "energy", "services"},
    "江南先进材料研究院": {"materials", "nev", "energy"},
    "中原农业科学研究所": {"bio", "environment"},
    "荆楚光电技术研究院": {"it", "energy", "digital_creative", "equipment"},
    "星海新能源科技有限公司": {"nev", "energy"},
    "浙东精密机械股份有限公司": {"equipment", "materials"},
    "蓉城生物医药有限公司": {"bio", "services"},
    "皖北智能装备有限公司": {"equipment", "it", "digital_creative"},
    "齐鲁新材料集团有限公司": {"materials", "environment", "energy"},
}

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


def seed(
    session: Session, password: str | None = None, seed_value: int = 2026, catalogue: bool = True
) -> list[DemoLogin]:
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
    brokers = []
    for i, who in enumerate(("王经纪", "李经纪"), start=1):
        broker = user(f"broker{i}", who, "broker", agency.name)
        _join(session, broker, agency, admin)
        accounts.grant_role(session, admin, broker, PlatformRole.BROKER)
        brokers.append(broker)
    clerks = []
    for i, who in enumerate(("赵登记员", "钱登记员"), start=1):
        clerk = user(f"clerk{i}", who, "clerk", authority.name)
        clerks.append(clerk)
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
    if catalogue:
        seed_catalogue(session, moderator, rng)
    from marketplace.contracts.demo import seed_contracts

    seed_contracts(
        session,
        authority=authority,
        clerks=clerks,
        sellers=[o for o in orgs.values() if o.type in ("university", "institute")],
        buyers=[o for o in orgs.values() if o.type == "enterprise"],
        broker_agency=agency,
        rng=rng,
    )
    if catalogue:
        from marketplace.deals.demo import seed_deals

        seed_deals(session, brokers=brokers, agency=agency)
    return logins


def _join(session: Session, user: User, org: Organization, admin: User) -> None:
    membership = accounts.request_membership(session, user, org)
    accounts.decide_membership(session, admin, membership, MembershipAction.APPROVE)
    session.flush()
    session.expire(user, ["memberships"])


# --- the catalogue ------------------------------------------------------------------------------------

_PATENT_TYPE_DIGIT = {"invention": "1", "utility_model": "2", "design": "3"}


def patent_number(ip_type: str, rng: random.Random) -> str:
    """A well-formed (fictional) application number: year, type digit, serial, check digit."""
    from marketplace.catalogue import patents

    if ip_type in _PATENT_TYPE_DIGIT:
        digits = f"{rng.randint(2015, 2025)}{_PATENT_TYPE_DIGIT[ip_type]}{rng.randint(0, 9999999):07d}"
        return f"{digits}.{patents.check_character(digits)}"
    if ip_type == "software":
        return f"{rng.randint(2018, 2025)}SR{rng.randint(0, 9999999):07d}"
    if ip_type == "plant_variety":
        return f"CNA{rng.randint(2016, 2025)}{rng.randint(0, 99999):05d}"
    return ""


def seed_catalogue(
    session: Session, moderator: User, rng: random.Random, n_achievements: int = 220, n_demands: int = 70
) -> dict[str, int]:
    """Publish demo achievements, demands and challenges through the services (with review), plus a few
    drafts and submissions so that every page has something to show. About one listing in ten is written
    in Traditional script, as listings from Hong Kong, Macao and Taiwan partners are."""
    from datetime import date, timedelta
    from decimal import Decimal

    from marketplace.catalogue import demo_content
    from marketplace.catalogue import services as catalogue
    from marketplace.catalogue.models import Achievement
    from marketplace.i18n import to_script

    def admin_of(org: Organization) -> User:
        return next(m.user for m in org.memberships if m.is_admin)

    orgs = list(
        session.scalars(sa.select(Organization).where(Organization.verification_status == "verified"))
    )
    research = [o for o in orgs if o.type in ("university", "institute")]
    enterprises = [o for o in orgs if o.type == "enterprise"]
    counts = {"achievements": 0, "demands": 0, "challenges": 0, "bids": 0}

    def owner_for(field: str, candidates: list[Organization]) -> Organization:
        fitting = [o for o in candidates if field in ORGANIZATION_FIELDS.get(o.name, ())]
        return rng.choice(fitting or candidates)

    for index, item in enumerate(demo_content.achievements(rng, n_achievements)):
        org = owner_for(item["field"], research if index % 7 else enterprises)
        traditional = index % 10 == 3
        script = (lambda text: to_script(text, "zh_Hant")) if traditional else (lambda text: text)
        data = catalogue.AchievementInput(
            title=script(item["title"]),
            summary=script(item["summary"]),
            field=item["field"],
            maturity=item["maturity"],
            province_code=org.province_code,
            city_code=org.city_code,
            keywords=[script(k) for k in item["keywords"]],
            trl=item["trl"],
            transfer_modes=item["transfer_modes"],
            price=None if item["price_wan"] is None else (Decimal(str(item["price_wan"])) * 10000),
            contact_name=f"{rng.choice('王李张刘陈杨赵黄周吴')}老师",
            contact_phone=f"0{rng.randint(10, 99)}-{rng.randint(60000000, 89999999)}",
            contact_email=f"tto{index}@{DEMO_DOMAIN}",
            team=item["team"],
            title_en=item["title_en"],
            ip_items=[
                catalogue.IPInput(ip["type"], patent_number(ip["type"], rng), ip["status"])
                for ip in item["ip"]
            ],
        )
        owner = admin_of(org)
        achievement = catalogue.create_achievement(session, owner, data)
        stage = index % 25
        if stage == 0:
            continue  # a draft
        catalogue.act(session, owner, achievement, "submit")
        if stage == 1:
            continue  # waiting in the review queue
        catalogue.act(session, moderator, achievement, "approve")
        counts["achievements"] += 1

    # the demo authority co-funds challenges posted in its province (50 % up to 3,000,000 元)
    authority = next(o for o in orgs if o.type == "authority")
    catalogue.set_cofunding_policy(
        session, admin_of(authority), Decimal("0.5"), Decimal("3000000"), "揭榜挂帅专项（演示）"
    )
    for index, item in enumerate(demo_content.demands(rng, n_demands)):
        org = owner_for(item["field"], enterprises)
        challenge = item["kind"] == "challenge"
        deadline = date.today() + timedelta(days=rng.randint(60, 300))
        to_yuan = lambda wan: None if wan is None else Decimal(str(wan)) * 10000  # noqa: E731
        data = catalogue.DemandInput(
            kind=item["kind"],
            title=item["title"],
            field=item["field"],
            problem=item["problem"],
            metrics=item["metrics"],
            constraints=item["constraints"],
            ip_terms=item["ip_terms"],
            expected_maturity=item["expected_maturity"],
            modes=item["modes"],
            budget=to_yuan(item["budget_wan"]),
            deadline=deadline,
            province_code=org.province_code,
            city_code=org.city_code,
            contact_name=f"{rng.choice('王李张刘陈杨赵黄周吴')}经理",
            contact_phone=f"1{rng.randint(3000000000, 9999999999)}",
            reward=to_yuan(item["reward_wan"]) if challenge else None,
            application_deadline=deadline - timedelta(days=30) if challenge else None,
            cofunding_rate=Decimal("0.5") if challenge and index % 2 else None,
            cofunding_cap=Decimal("3000000") if challenge and index % 2 else None,
        )
        owner = admin_of(org)
        demand = catalogue.create_demand(session, owner, data)
        catalogue.act(session, owner, demand, "submit")
        if index % 20 == 5:
            continue
        catalogue.act(session, moderator, demand, "approve")
        counts["challenges" if challenge else "demands"] += 1
        if challenge:
            teams = [o for o in research if item["field"] in ORGANIZATION_FIELDS.get(o.name, ())] or research
            for team in rng.sample(teams, k=min(len(teams), rng.randint(0, 3))):
                proposal = (
                    f"{team.name}团队针对“{item['title']}”提出技术方案：结合已有研究基础开展攻关，"
                    f"分阶段完成实验室验证、样机试制与现场测试，确保达到榜单指标。"
                )
                catalogue.submit_bid(
                    session,
                    admin_of(team),
                    demand,
                    catalogue.BidInput(
                        proposal=proposal,
                        price=data.reward * Decimal(rng.choice(["0.8", "0.9", "1.0"])),
                        timeline="3个月完成方案验证，9个月完成样机与测试",
                    ),
                )
                counts["bids"] += 1
    agency = next(o for o in orgs if o.type == "agency")
    published = list(session.scalars(sa.select(Achievement).where(Achievement.status == "published")))
    for title, fields, description in (
        (
            "长三角新能源与新能源汽车成果包",
            {"energy", "nev"},
            "面向长三角新能源与汽车零部件企业的精选成果，附转化方式与报价。",
        ),
        ("智能制造装备成果包", {"equipment"}, "为装备制造企业技术改造遴选的高成熟度成果。"),
    ):
        collection = catalogue.create_collection(session, admin_of(agency), title, description)
        for achievement in [a for a in published if a.field in fields][:12]:
            catalogue.add_to_collection(session, admin_of(agency), collection, achievement)
        catalogue.act_on_collection(session, admin_of(agency), collection, "publish")
    session.flush()
    return counts
