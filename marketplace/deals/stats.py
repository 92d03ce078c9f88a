"""What deals add to the statistics: the closed-deals column of the broker ranking (服务之星), and the
funnel's NDA and negotiation stages, counted from the deals' records (NDA acceptances, the audit trail)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.core.models import AuditLog
from marketplace.deals.models import Deal, DealStage, NdaAcceptance
from marketplace.stats.funnel import FunnelStage, register_stage
from marketplace.stats.services import (
    BrokerColumn,
    BrokerKey,
    StatsFilter,
    register_broker_column,
    registered_between,
)
from marketplace.stats.tables import COUNT


def closed_deals(session: Session, brokers: list[BrokerKey], filters: StatsFilter) -> dict[BrokerKey, Any]:
    """Deals closed by each ranked agency, within the statistics' date range (the day they closed)."""
    agency_ids = [ident for kind, ident in brokers if kind == "org"]
    if not agency_ids:
        return {}
    query = (
        sa.select(Deal.agency_id, sa.func.count(Deal.id))
        .where(Deal.stage == DealStage.CLOSED.value, Deal.agency_id.in_(agency_ids))
        .group_by(Deal.agency_id)
    )
    if filters.date_from is not None:
        query = query.where(Deal.stage_changed_at >= datetime.combine(filters.date_from, time.min))
    if filters.date_to is not None:
        query = query.where(Deal.stage_changed_at <= datetime.combine(filters.date_to, time.max))
    counts = dict(session.execute(query).all())
    return {("org", agency): counts.get(agency, 0) for agency in agency_ids}


# --- the funnel's NDA and negotiation stages -----------------------------------------------------------


def _deal_counts(ctx: Any, rows: list[tuple[int | None, int]]) -> dict[Any, int]:
    """One count per deal, in the rows its achievement counts in (and its agency's row, by agency)."""
    out: dict[Any, int] = {}
    for achievement_id, agency_id in rows:
        groups = set(ctx.listings.get(achievement_id, ())) if achievement_id is not None else set()
        if ctx.grouping == "agency" and agency_id in ctx.org_groups:
            groups.add(agency_id)
        for group in groups:
            out[group] = out.get(group, 0) + 1
    return out


def nda_signed(ctx: Any) -> dict[Any, int]:
    """Deals whose buyer accepted the NDA in the period (the first acceptance counts)."""
    first = (
        sa.select(NdaAcceptance.deal_id, sa.func.min(NdaAcceptance.accepted_at).label("at"))
        .group_by(NdaAcceptance.deal_id)
        .subquery()
    )
    query = sa.select(Deal.achievement_id, Deal.agency_id).join(first, first.c.deal_id == Deal.id)
    query = query.where(*registered_between(first.c.at, ctx.filters))
    return _deal_counts(ctx, [tuple(r) for r in ctx.session.execute(query)])


def negotiating(ctx: Any) -> dict[Any, int]:
    """Deals that entered negotiation in the period, from the audit trail of their stage moves."""
    moved = sa.select(sa.cast(AuditLog.object_id, sa.Integer)).where(
        AuditLog.action == "deal.negotiate",
        AuditLog.object_type == Deal.__tablename__,
        *registered_between(AuditLog.created_at, ctx.filters),
    )
    query = sa.select(Deal.achievement_id, Deal.agency_id).where(Deal.id.in_(moved))
    return _deal_counts(ctx, [tuple(r) for r in ctx.session.execute(query)])


def register() -> None:
    register_broker_column(BrokerColumn("deals_closed", _l("Deals closed"), COUNT, closed_deals))
    register_stage(FunnelStage("nda", _l("NDAs signed"), nda_signed))
    register_stage(FunnelStage("negotiating", _l("In negotiation"), negotiating))
