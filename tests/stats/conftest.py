"""A small fixed market whose statistics were computed by hand (see ``market`` below).

Every contract goes through the real workflow (record, apply, accept, approve), so the statistics read
rows exactly as registration writes them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest

from marketplace.catalogue.models import Collection, CollectionItem, Inquiry, ListingView
from marketplace.contracts import registration, services
from marketplace.contracts.models import RegistrationSite, SiteClerk
from marketplace.contracts.services import ContractInput, CostInput, PartyInput, party_of
from tests.factories import owner_of, valid_credit_code

TODAY = date(2026, 6, 30)


def at(day: str, hour: int = 2) -> datetime:
    """A registration moment in UTC (02:00 UTC is 10:00 in China, the same day)."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def _input(title, kind, subtype, amount, costs, parties, *, signed, ip="none", field="electronics", **extra):
    return ContractInput(
        title=title,
        contract_type=kind,
        subtype=subtype,
        contract_amount=Decimal(amount),
        tech_field=field,
        signed_on=signed,
        effective_on=signed,
        valid_from=signed,
        valid_until=date(2027, 12, 31),
        ip_kind=ip,
        ip_numbers=["ZL201710601862.3"] if ip == "patent" else [],
        parties=parties,
        costs=[CostInput("equipment", "设备（非技术性费用）", Decimal(costs))] if costs else [],
        **extra,
    )


@pytest.fixture
def market(app, session, make_org, make_user, moderator, make_achievement):
    """Eight registered contracts, one cancelled, one only accepted; parties in Shanghai, Ningbo and
    Hangzhou (Zhejiang) and abroad; one brokerage contract; two brokers.

    Hand-computed (amounts in 元; registration day in China time):

    | #  | type / sub-type          | seller -> buyer (region, legal type)  | 成交额    | 技术交易额 |
    | C1 | development/commissioned | U1 310100 022 -> E1 310115 150        | 1,000,000 |   800,000 |
    | C2 | transfer/patent          | U1 310100 022 -> E2 330203 160        | 2,000,000 | 2,000,000 |
    | C3 | licence/patent           | E2 330203 160 -> E3 330106 170        |   500,000 |   500,000 |
    | C4 | service/general          | E2 330203 160 -> Ningbo co 330212 170 |   300,000 |   200,000 |
    | C5 | consulting               | U1 310100 022 -> Pacific (840) 300    |   400,000 |   400,000 |
    | C6 | service/brokerage        | U1 310100 022 -> E1 310115 150        |    50,000 |    50,000 |
    | C7 | development/cooperative  | U1 310100 022 -> E3 330106 170        |   600,000 |   600,000 |
    | C8 | transfer/know_how import | Rhein (276) 300 -> E1 310115 150      | 1,200,000 | 1,000,000 |

    | #  | broker | IP       | field         | registered (China day)         | site | recorded by |
    | C1 |        | none     | electronics   | 2026-02-10 (transfers ach1)    | SH   | U1          |
    | C2 |        | patent   | materials     | 2026-03-01 (UTC 28 Feb 17:00)  | SH   | U1          |
    | C3 |        | patent   | materials     | 2026-03-20                     | ZJ   | E2          |
    | C4 | 明远   | none     | manufacturing | 2026-04-02                     | ZJ   | E2          |
    | C5 |        | none     | energy        | 2026-04-15 (23:00 in China)    | SH   | U1          |
    | C6 | A1     | none     | manufacturing | 2026-04-20                     | SH   | A1 (agency) |
    | C7 | A1     | none     | electronics   | 2026-05-08                     | SH   | U1          |
    | C8 |        | know_how | materials     | 2026-05-20                     | SH   | E1 (buyer)  |

    X1: service/general U1 -> E1, 900,000, registered 2026-03-10 then CANCELLED (never counts)
    X2: consulting E2 -> E3, 700,000, accepted but not registered (never counts)

    Totals: 8 contracts, 成交额 6,050,000, 技术交易额 5,550,000.
    """
    w = SimpleNamespace(session=session)
    w.u1 = make_org(make_user(name="东海大学管理员"), name="东海大学", type="university")
    w.e1 = make_org(make_user(), name="浦江制造有限公司", type="enterprise")
    w.e2 = make_org(
        make_user(), name="甬江精密股份有限公司", type="enterprise", province="330000", city="330200"
    )
    w.e3 = make_org(make_user(), name="钱塘智能有限公司", type="enterprise", province="330000", city="330100")
    w.a1 = make_org(make_user(), name="申城技术转移中心", type="agency")
    w.auth_sh = make_org(make_user(), name="上海市技术市场管理办公室", type="authority")
    w.auth_zj = make_org(make_user(), name="浙江省技术市场管理办公室", type="authority", province="330000",
                         city="330100")  # fmt: skip
    w.clerk_sh, w.clerk_zj = make_user(roles=("clerk",)), make_user(roles=("clerk",))
    w.sh = RegistrationSite(authority_id=w.auth_sh.id, name="上海登记处", code="01", region_code="310000")
    w.zj = RegistrationSite(authority_id=w.auth_zj.id, name="宁波登记点", code="02", region_code="330200")
    w.sh.clerks, w.zj.clerks = [SiteClerk(user_id=w.clerk_sh.id)], [SiteClerk(user_id=w.clerk_zj.id)]
    session.add_all([w.sh, w.zj])
    session.commit()

    # the university's achievements, for the funnel: two published (one also collected by the agency)
    # and one draft
    w.ach1 = make_achievement(w.u1, publish_with=moderator, title="高镍正极包覆技术")
    w.ach2 = make_achievement(w.u1, publish_with=moderator, title="焊缝跟踪视觉系统")
    w.draft = make_achievement(w.u1, title="尚未发布的成果")
    w.ach1.published_at = at("2026-01-05")
    w.ach2.published_at = at("2026-04-05")
    collection = Collection(organization_id=w.a1.id, title="长三角成果包", status="published")
    collection.items = [CollectionItem(achievement_id=w.ach1.id)]
    session.add(collection)
    for listing_id, visitor, day in [
        (w.ach1.id, "u:1", "2026-01-10"), (w.ach1.id, "u:2", "2026-01-10"), (w.ach1.id, "u:1", "2026-03-02"),
        (w.ach2.id, "a:x", "2026-04-06"),
    ]:  # fmt: skip
        session.add(
            ListingView(
                kind="achievement", listing_id=listing_id, visitor=visitor, day=date.fromisoformat(day)
            )
        )
    session.add(ListingView(kind="demand", listing_id=w.ach1.id, visitor="u:9", day=date(2026, 1, 10)))
    for when in ("2026-01-12", "2026-03-03"):
        inquiry = Inquiry(achievement_id=w.ach1.id, from_organization_id=w.e1.id, message="请联系我们洽谈。")
        inquiry.created_at = at(when)
        session.add(inquiry)
    session.commit()

    u1 = party_of(w.u1, "seller")
    e1 = replace(party_of(w.e1, "buyer"), region_code="310115")
    e2_buyer = replace(party_of(w.e2, "buyer"), region_code="330203", legal_type="160")
    e2_seller = replace(e2_buyer, role="seller")
    e3 = replace(party_of(w.e3, "buyer"), region_code="330106", legal_type="170")
    a1 = party_of(w.a1, "broker")
    ningbo = PartyInput("buyer", "宁波港城物流有限公司", credit_code=valid_credit_code("91", "330212"),
                        region_code="330212", legal_type="170")  # fmt: skip
    mingyuan = PartyInput("broker", "明远技术经理人事务所", credit_code=valid_credit_code("91", "330200"),
                          region_code="330200", legal_type="170")  # fmt: skip
    pacific = PartyInput("buyer", "Pacific Robotics Inc.", country_code="840", legal_type="300")
    rhein = PartyInput("seller", "Rhein Technik GmbH", country_code="276", legal_type="300")

    def registered(org, data, site, clerk, when):
        contract = services.create_contract(session, owner_of(org), data, TODAY)
        registration.submit(session, owner_of(org), contract, site, TODAY)
        registration.accept(session, clerk, contract, when)
        assert registration.approve(session, clerk, contract, now=when) == "registered"
        return contract

    def signed(when: datetime) -> date:
        return when.date() - timedelta(days=20)

    rows = [
        ("c1", w.u1, "东海-浦江 电池管理系统委托开发", "development", "commissioned", 1_000_000, 200_000,
         [u1, e1], {"achievement_id": w.ach1.id}, w.sh, w.clerk_sh, at("2026-02-10")),
        ("c2", w.u1, "高强铝合金专利权转让", "transfer", "patent", 2_000_000, 0, [u1, e2_buyer],
         {"ip": "patent", "field": "materials"}, w.sh, w.clerk_sh, at("2026-02-28", 17)),
        ("c3", w.e2, "精密导轨专利实施许可", "licence", "patent", 500_000, 0, [e2_seller, e3],
         {"ip": "patent", "field": "materials", "licence_exclusivity": "ordinary"}, w.zj, w.clerk_zj,
         at("2026-03-20")),
        ("c4", w.e2, "港口设备运维技术服务", "service", "general", 300_000, 100_000,
         [e2_seller, ningbo, mingyuan], {"field": "manufacturing"}, w.zj, w.clerk_zj, at("2026-04-02")),
        ("c5", w.u1, "海外机器人产线技术咨询", "consulting", None, 400_000, 0, [u1, pacific],
         {"field": "energy"}, w.sh, w.clerk_sh, at("2026-04-15", 15)),
        ("c6", w.a1, "电池技术许可中介服务", "service", "brokerage", 50_000, 0, [u1, e1, a1],
         {"field": "manufacturing"}, w.sh, w.clerk_sh, at("2026-04-20")),
        ("c7", w.u1, "智能焊接合作开发", "development", "cooperative", 600_000, 0, [u1, e3, a1],
         {}, w.sh, w.clerk_sh, at("2026-05-08")),
        ("c8", w.e1, "涂层工艺技术秘密引进", "transfer", "know_how", 1_200_000, 200_000,
         [rhein, replace(e1, role="buyer")], {"ip": "know_how", "field": "materials", "is_import": True},
         w.sh, w.clerk_sh, at("2026-05-20")),
    ]  # fmt: skip
    for name, org, title, kind, subtype, amount, costs, parties, extra, site, clerk, when in rows:
        data = _input(title, kind, subtype, amount, costs, parties, signed=signed(when), **extra)
        setattr(w, name, registered(org, data, site, clerk, when))

    cancelled_at = at("2026-03-10")
    w.x1 = registered(w.u1, _input("已注销的技术服务", "service", "general", 900_000, 0, [u1, e1],
                                   signed=signed(cancelled_at)), w.sh, w.clerk_sh, cancelled_at)  # fmt: skip
    registration.cancel(session, w.clerk_sh, w.x1, "合同已解除", at("2026-04-01"))
    w.x2 = services.create_contract(
        session, owner_of(w.e2), _input("尚在审查的咨询", "consulting", None, 700_000, 0, [e2_seller, e3],
                                         signed=date(2026, 5, 1)), TODAY
    )  # fmt: skip
    registration.submit(session, owner_of(w.e2), w.x2, w.zj, TODAY)
    registration.accept(session, w.clerk_zj, w.x2, at("2026-05-05"))
    session.commit()
    return w
