"""Demo contracts: every type, in every state of registration, so the pages have something to show.

Built through the services (validation, workflow, numbers) like real records; called by ``marketplace.demo``.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy.orm import Session

from marketplace.accounts.models import Organization, User
from marketplace.contracts import registration, services
from marketplace.contracts.models import RegistrationSite, SiteClerk
from marketplace.contracts.services import ContractInput, CostInput, party_of

#: (title, type, sub-type, IP kind, amount 元, non-technical costs 元, tech field)
CONTRACTS = [
    ("高安全性锂电池隔膜陶瓷涂覆工艺开发", "development", "commissioned", "none", 800_000, 60_000, "energy"),
    (
        "工业机器人焊缝跟踪视觉系统联合开发",
        "development",
        "cooperative",
        "none",
        1_500_000,
        0,
        "manufacturing",
    ),
    ("高强韧铝合金制备方法发明专利权转让", "transfer", "patent", "patent", 2_000_000, 0, "materials"),
    (
        "环氧树脂连续化生产工艺技术秘密转让",
        "transfer",
        "know_how",
        "know_how",
        6_800_000,
        1_800_000,
        "materials",
    ),
    ("电力负荷预测系统软件著作权转让", "transfer", "other", "software", 600_000, 0, "electronics"),
    ("钠离子电池正极材料专利独占实施许可", "licence", "patent", "patent", 3_000_000, 0, "energy"),
    ("CAE仿真软件二次开发普通许可", "licence", "other", "software", 400_000, 0, "electronics"),
    ("园区煤制烯烃技术路线可行性论证", "consulting", None, "none", 300_000, 0, "energy"),
    ("回转窑煅烧工艺节能优化技术服务", "service", "general", "none", 350_000, 0, "environment"),
    ("MES系统部署与设备数据接口开发", "service", "general", "none", 1_200_000, 500_000, "electronics"),
    ("5G基站天线波束优化专项技术培训", "service", "training", "none", 150_000, 0, "electronics"),
    ("智能检测装备专利许可技术中介服务", "service", "brokerage", "none", 50_000, 0, "manufacturing"),
]

#: how far each demo contract gets (same order as CONTRACTS)
OUTCOMES = [
    "registered", "registered", "registered", "second_review", "registered", "registered",
    "returned", "accepted", "submitted", "refused", "draft", "registered",
]  # fmt: skip


def seed_contracts(
    session: Session,
    *,
    authority: Organization,
    clerks: list[User],
    sellers: list[Organization],
    buyers: list[Organization],
    broker_agency: Organization,
    rng: random.Random,
    today: date | None = None,
) -> int:
    """Registration sites of the authority with its clerks, then one contract per CONTRACTS row taken as
    far as OUTCOMES says, plus a few unregistered contracts of sellers without a site in their region."""
    today = today or datetime.now(UTC).date()
    main = RegistrationSite(
        authority_id=authority.id, name="上海市技术合同认定登记处", code="01", region_code="310000"
    )
    second = RegistrationSite(
        authority_id=authority.id, name="上海市浦东技术合同登记点", code="02", region_code="310000"
    )
    main.clerks = [SiteClerk(user_id=c.id) for c in clerks]
    second.clerks = [SiteClerk(user_id=clerks[0].id)]
    session.add_all([main, second])
    session.flush()

    local_seller = next(o for o in sellers if o.province_code == "310000")
    made = 0
    for index, (row, outcome) in enumerate(zip(CONTRACTS, OUTCOMES, strict=True)):
        title, kind, subtype, ip_kind, amount, costs, field = row
        broker = broker_agency if subtype == "brokerage" else None
        buyer = buyers[index % len(buyers)]
        signed = today - timedelta(days=rng.randint(10, 120))
        data = _input(
            title, kind, subtype, ip_kind, amount, costs, field, local_seller, buyer, signed, rng, broker
        )
        owner = (broker or local_seller).memberships[0].user  # the broker applies for brokerage contracts
        contract = services.create_contract(session, owner, data, today)
        made += 1
        if outcome == "draft":
            continue
        moment = datetime.combine(signed + timedelta(days=5), datetime.min.time(), tzinfo=UTC)
        registration.submit(session, owner, contract, main, today)
        if outcome == "submitted":
            continue
        registration.accept(session, clerks[0], contract, moment)
        if outcome == "accepted":
            continue
        if outcome == "returned":
            registration.return_for_correction(
                session,
                clerks[0],
                contract,
                ["missing_attachment"],
                "请上传经双方盖章的许可合同扫描件及软件著作权登记证书。",
                moment,
            )
            continue
        if outcome == "refused":
            registration.refuse(
                session,
                clerks[0],
                contract,
                "not_technology",
                "合同内容为常规设备安装调试，不属于技术合同。",
                moment,
            )
            continue
        status = registration.approve(session, clerks[0], contract, now=moment)
        if status == "second_review" and outcome == "registered":
            registration.confirm(session, clerks[1], contract, moment)
    # contracts of sellers in regions without a registration site on the platform: still unregistered
    for seller in [o for o in sellers if o.province_code != "310000"][:3]:
        buyer = rng.choice(buyers)
        signed = today - timedelta(days=rng.randint(20, 200))
        data = _input(
            f"{seller.name[:4]}技术服务项目", "service", "general", "none", rng.randint(5, 80) * 10_000, 0,
            "manufacturing", seller, buyer, signed, rng,
        )  # fmt: skip
        services.create_contract(session, seller.memberships[0].user, data, today)
        made += 1
    made += seed_history(session, owner_of=local_seller, site=main, clerks=clerks, buyers=buyers,
                         broker_agency=broker_agency, rng=rng, today=today)  # fmt: skip
    session.flush()
    return made


#: buyers that are not on the platform (most contract partners are not): name, kind, region
OFF_PLATFORM_BUYERS = [
    ("上海临港智能装备有限公司", "enterprise", "310100"),
    ("上海张江生物技术有限公司", "enterprise", "310100"),
    ("上海宝山新材料有限公司", "enterprise", "310100"),
    ("苏州工业园区精密制造有限公司", "enterprise", "320500"),
    ("杭州数智科技有限公司", "enterprise", "330100"),
    ("合肥储能系统有限公司", "enterprise", "340100"),
]
#: (title stem, type, sub-type, IP kind, tech field)
HISTORY_KINDS = [
    ("工艺优化技术开发", "development", "commissioned", "none", "manufacturing"),
    ("智能控制系统合作开发", "development", "cooperative", "none", "electronics"),
    ("发明专利权转让", "transfer", "patent", "patent", "materials"),
    ("专利普通实施许可", "licence", "patent", "patent", "energy"),
    ("技术可行性咨询", "consulting", None, "none", "environment"),
    ("检测分析技术服务", "service", "general", "none", "biomedicine"),
    ("专项技术培训", "service", "training", "none", "electronics"),
]


def seed_history(
    session: Session,
    *,
    owner_of: Organization,
    site: RegistrationSite,
    clerks: list[User],
    buyers: list[Organization],
    broker_agency: Organization,
    rng: random.Random,
    today: date,
    count: int = 48,
) -> int:
    """A year of registered contracts of the local university, so the statistics have months, flows,
    local absorption, party types and a broker ranking to show: buyers on and off the platform, in
    Shanghai and elsewhere, some brokered by the agency."""
    from marketplace.demo import credit_code

    off_platform = [
        services.PartyInput("buyer", name, credit_code=credit_code(kind, region, rng), region_code=region,
                            legal_type="150")
        for name, kind, region in OFF_PLATFORM_BUYERS
    ]  # fmt: skip
    owner = owner_of.memberships[0].user
    # oldest first, so each site's serials follow the registration dates
    days_ago = sorted((rng.randint(20, 360) for _ in range(count)), reverse=True)
    for n, ago in enumerate(days_ago):
        stem, kind, subtype, ip_kind, field = HISTORY_KINDS[n % len(HISTORY_KINDS)]
        signed = today - timedelta(days=ago)
        buyer = rng.choice(off_platform) if rng.random() < 0.6 else party_of(rng.choice(buyers), "buyer")
        amount = Decimal(rng.choice([8, 15, 30, 45, 60, 90, 120, 200, 350]) * 10_000)
        data = _input(f"{stem}（{n + 1:02d}）", kind, subtype, ip_kind, amount, 0, field, owner_of,
                      rng.choice(buyers), signed, rng)  # fmt: skip
        data.valid_until = today + timedelta(days=365)
        data.parties = [party_of(owner_of, "seller"), buyer]
        if n % 4 == 0:
            data.parties.append(party_of(broker_agency, "broker"))
        contract = services.create_contract(session, owner, data, today)
        moment = datetime.combine(
            signed + timedelta(days=rng.randint(3, 15)), datetime.min.time(), tzinfo=UTC
        )
        registration.submit(session, owner, contract, site, signed + timedelta(days=1))
        registration.accept(session, clerks[0], contract, moment)
        if registration.approve(session, clerks[0], contract, now=moment) == "second_review":
            registration.confirm(session, clerks[1], contract, moment)
    return count


def _input(
    title, kind, subtype, ip_kind, amount, costs, field, seller, buyer, signed, rng, broker=None
) -> ContractInput:
    parties = [party_of(seller, "seller"), party_of(buyer, "buyer")]
    if broker is not None:
        parties.append(party_of(broker, "broker"))
    cost_items = []
    if costs:
        cost_items.append(CostInput("equipment", "设备及原材料（非技术性费用）", Decimal(costs)))
    if kind == "development":
        cost_items.append(
            CostInput("hardware", "样机1套（合理数量的技术载体）", Decimal(20_000), reasonable_carrier=True)
        )
    numbers = {"patent": ["ZL201710601862.3"], "software": ["2021SR0123456"]}.get(ip_kind, [])
    return ContractInput(
        title=title,
        contract_type=kind,
        subtype=subtype,
        subtype_detail="计算机软件著作权" if subtype == "other" else None,
        contract_amount=Decimal(amount),
        tech_field=field,
        signed_on=signed,
        effective_on=signed,
        valid_from=signed,
        valid_until=signed + timedelta(days=365 * rng.randint(1, 3)),
        ip_kind=ip_kind,
        ip_numbers=numbers,
        licence_exclusivity="exclusive" if kind == "licence" and subtype == "patent" else None,
        licence_years=5 if kind == "licence" else None,
        summary=f"{title}。",
        parties=parties,
        costs=cost_items,
    )
