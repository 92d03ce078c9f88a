"""Demo brokers and deals: verified broker profiles and a few deals at different stages with messages,
built through the services like real ones; called by ``marketplace.demo``."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organization, User
from marketplace.catalogue.models import Achievement, Demand
from marketplace.deals import services as deals

PROFILES = [
    (
        "SH-JJR-2023-0107",
        ["nev", "energy", "materials"],
        ["310000", "320000", "330000"],
        "十年技术转移经验，专注新能源与新材料成果的许可和作价入股。",
    ),
    (
        "SH-JJR-2024-0342",
        ["it", "equipment", "digital_creative"],
        ["310000", "340000"],
        "熟悉智能制造与工业软件，擅长校企联合开发项目的组织和合同谈判。",
    ),
]


def seed_deals(
    session: Session, *, brokers: list[User], agency: Organization, today: date | None = None
) -> int:
    """Verified profiles for the agency's brokers, then deals between published demands and achievements
    of the same field: one at each of lead, negotiating and signed (with a contract draft and the platform
    service fee invoiced to the buyer, at the default rate of 1%)."""
    today = today or date.today()
    agency_admin = agency.memberships[0].user
    for broker, (number, fields, regions, bio) in zip(brokers, PROFILES, strict=False):
        profile = deals.save_profile(session, broker, deals.BrokerInput(number, fields, regions, bio))
        deals.decide_profile(session, agency_admin, profile, True)
    pairs = _pairs(session, 3)
    made = 0
    for index, (demand, achievement) in enumerate(pairs):
        broker = brokers[index % len(brokers)]
        deal = deals.open_deal(session, broker, demand=demand, achievement=achievement)
        made += 1
        if index == 0:
            continue
        deals.move(session, broker, deal, "negotiate")
        seller, buyer = achievement.organization.memberships[0].user, demand.organization.memberships[0].user
        deals.post_message(
            session,
            broker,
            deal,
            "两位好，我整理了双方的需求与技术指标，建议下周安排一次线上技术交流。",
            [],
            None,
            0,
        )
        deals.post_message(session, buyer, deal, "可以，请先提供中试数据和专利清单。", [], None, 0)
        deals.post_message(session, seller, deal, "专利清单已整理，签署保密协议后放入资料室。", [], None, 0)
        if index == 2:
            deals.accept_nda(session, buyer, deal)
            deals.sign(
                session,
                broker,
                deal,
                deals.Essentials(
                    "licence",
                    "patent",
                    Decimal("1800000"),
                    today - timedelta(days=3),
                    commission_rate=Decimal("0.03"),
                ),
                today,
                fee_rate=Decimal("0.01"),
            )
    return made


def _pairs(session: Session, count: int) -> list[tuple[Demand, Achievement]]:
    """Published demands and achievements of the same field, of different organisations."""
    demands = session.scalars(
        sa.select(Demand).where(Demand.status == "published", Demand.kind == "demand").order_by(Demand.id)
    ).all()
    achievements = session.scalars(
        sa.select(Achievement).where(Achievement.status == "published").order_by(Achievement.id)
    ).all()
    pairs, used = [], set()
    for demand in demands:
        match = next(
            (
                a
                for a in achievements
                if a.field == demand.field
                and a.organization_id != demand.organization_id
                and a.id not in used
            ),
            None,
        )
        if match is not None:
            pairs.append((demand, match))
            used.add(match.id)
        if len(pairs) == count:
            break
    return pairs
