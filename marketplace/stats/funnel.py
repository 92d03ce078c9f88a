"""The transfer funnel per seller organisation, per broker agency and per region, from recorded events only.

Stages are a registry of counters. Each counts its own records in the period: achievements published,
views of them (visitor-days, ``ListingView``), inquiries about them (``Inquiry``), contracts signed
(recorded with a signing date) and registered. Nothing on the platform records NDAs or negotiations yet,
so those stages answer ``None`` and the page says "not recorded yet" instead of inventing numbers; the
deals domain will plug its counters in with ``register_stage``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organization, OrganizationType, VerificationStatus
from marketplace.catalogue.models import Achievement, Collection, CollectionItem, Inquiry, ListingView
from marketplace.contracts.models import Contract, ContractParty
from marketplace.contracts.vocab import CHINA, ContractStatus, PartyRole
from marketplace.core import regions
from marketplace.stats.services import (
    CHINA_TZ,
    PartyFact,
    Scope,
    StatsFilter,
    contract_condition,
    organization_condition,
    registered_between,
)
from marketplace.stats.tables import COUNT, TEXT, Column, Table

#: organisations whose own funnel is shown per organisation (agencies have theirs; authorities sell nothing)
SELLER_TYPES = (OrganizationType.UNIVERSITY.value, OrganizationType.INSTITUTE.value,
                OrganizationType.ENTERPRISE.value)  # fmt: skip
MAX_ROWS = 50

GROUPINGS = {
    "organization": (_l("Funnel by seller organisation"), _l("Seller organisation")),
    "agency": (_l("Funnel by broker agency"), _l("Broker agency")),
    "region": (_l("Funnel by region"), _l("Province")),
}


@dataclass(frozen=True)
class ContractLink:
    """A recorded contract and the funnel rows it counts in."""

    id: int
    status: str
    signed_on: date | None
    registered_on: date | None
    groups: frozenset[Hashable]


@dataclass
class FunnelContext:
    """What a stage counter needs: the rows (groups), the achievements of each, the contracts in scope."""

    session: Session
    scope: Scope
    filters: StatsFilter
    grouping: str
    #: achievement id -> the rows it counts in
    listings: dict[int, frozenset[Hashable]]
    #: achievement id -> the day it was (first) published, in China time
    published_on: dict[int, date | None]
    #: organisation id -> the rows its contracts count in (organisation and agency groupings)
    org_groups: dict[int, frozenset[Hashable]]
    #: the achievement ids of ``listings`` as a SQL subquery (IN lists would hit SQLite's variable limit)
    listing_ids: sa.Select[Any]

    def in_period(self, day: date | None) -> bool:
        f = self.filters
        return (
            day is not None
            and (f.date_from is None or day >= f.date_from)
            and (f.date_to is None or day <= f.date_to)
        )

    def per_group(self, counts: Iterable[tuple[int, int]]) -> dict[Hashable, int]:
        """Counts per achievement summed into the rows each achievement counts in."""
        out: dict[Hashable, int] = defaultdict(int)
        for listing_id, n in counts:
            for group in self.listings.get(listing_id, ()):
                out[group] += n
        return out

    @cached_property
    def contracts(self) -> list[ContractLink]:
        return _contract_links(self)


@dataclass(frozen=True)
class FunnelStage:
    key: str
    label: Any
    #: per row, how often the stage was reached in the period; None when nothing records the stage yet
    count: Callable[[FunnelContext], Mapping[Hashable, int] | None]


def _published(ctx: FunnelContext) -> dict[Hashable, int]:
    return ctx.per_group((i, 1) for i, day in ctx.published_on.items() if ctx.in_period(day))


def _viewed(ctx: FunnelContext) -> dict[Hashable, int]:
    f = ctx.filters
    stmt = sa.select(ListingView.listing_id, sa.func.count()).where(
        ListingView.kind == "achievement", ListingView.listing_id.in_(ctx.listing_ids)
    )
    if f.date_from:
        stmt = stmt.where(ListingView.day >= f.date_from)
    if f.date_to:
        stmt = stmt.where(ListingView.day <= f.date_to)
    return ctx.per_group(ctx.session.execute(stmt.group_by(ListingView.listing_id)))


def _inquiries(ctx: FunnelContext) -> dict[Hashable, int]:
    stmt = sa.select(Inquiry.achievement_id, sa.func.count()).where(
        Inquiry.achievement_id.in_(ctx.listing_ids), *registered_between(Inquiry.created_at, ctx.filters)
    )
    return ctx.per_group(ctx.session.execute(stmt.group_by(Inquiry.achievement_id)))


def _not_recorded(_ctx: FunnelContext) -> None:
    return None


def _tally(links: Iterable[ContractLink]) -> dict[Hashable, int]:
    out: dict[Hashable, int] = defaultdict(int)
    for link in links:
        for group in link.groups:
            out[group] += 1
    return out


def _signed(ctx: FunnelContext) -> dict[Hashable, int]:
    return _tally(c for c in ctx.contracts if ctx.in_period(c.signed_on))


def _registered(ctx: FunnelContext) -> dict[Hashable, int]:
    return _tally(
        c for c in ctx.contracts if c.status == ContractStatus.REGISTERED and ctx.in_period(c.registered_on)
    )


STAGES: list[FunnelStage] = [
    FunnelStage("published", _l("Listings published"), _published),
    FunnelStage("viewed", _l("Listing views"), _viewed),
    FunnelStage("inquiry", _l("Inquiries received"), _inquiries),
    FunnelStage("nda", _l("NDAs signed"), _not_recorded),
    FunnelStage("negotiating", _l("In negotiation"), _not_recorded),
    FunnelStage("signed", _l("Contracts signed"), _signed),
    FunnelStage("registered", _l("Contracts registered"), _registered),
]


def register_stage(stage: FunnelStage, before: str | None = None) -> None:
    """Plug in a stage counter: replace the stage of the same key in place (deals: ``nda``,
    ``negotiating``), or insert a new one before the stage ``before`` (at the end without it)."""
    for i, existing in enumerate(STAGES):
        if existing.key == stage.key:
            STAGES[i] = stage
            return
    keys = [s.key for s in STAGES]
    STAGES.insert(keys.index(before) if before in keys else len(STAGES), stage)


# --- building the context --------------------------------------------------------------------------------


def _visible_organizations(scope: Scope, types: Iterable[str] | None) -> sa.Select[Any]:
    stmt = sa.select(Organization.id).where(
        organization_condition(scope), Organization.verification_status == VerificationStatus.VERIFIED.value
    )
    return stmt.where(Organization.type.in_(list(types))) if types is not None else stmt


def _listing_region(region: str | None) -> list[sa.ColumnElement[bool]]:
    if region is None:
        return []
    if region.endswith("0000"):
        return [Achievement.province_code == region]
    return [Achievement.city_code == region]


def build_context(session: Session, scope: Scope, filters: StatsFilter, grouping: str) -> FunnelContext:
    """The rows of ``grouping`` the scope may see and the achievements behind each row.

    organisation: universities, institutes and enterprises with their own achievements; agency: broker
    agencies with the achievements they own or collect in their 成果包 (collections); region: the
    achievements of visible organisations by their province.
    """
    types = {"organization": SELLER_TYPES, "agency": (OrganizationType.AGENCY.value,), "region": None}[
        grouping
    ]
    members = _visible_organizations(scope, types)
    collected = (
        sa.select(CollectionItem.achievement_id, Collection.organization_id)
        .join(Collection, Collection.id == CollectionItem.collection_id)
        .where(Collection.organization_id.in_(members))
    )
    belongs = Achievement.organization_id.in_(members)
    if grouping == "agency":
        belongs = sa.or_(belongs, Achievement.id.in_(sa.select(collected.subquery().c.achievement_id)))
    where = [belongs, *_listing_region(filters.region)]
    found = session.execute(
        sa.select(
            Achievement.id, Achievement.organization_id, Achievement.province_code, Achievement.published_at
        ).where(*where)
    ).all()
    org_ids = set() if grouping == "region" else set(session.scalars(members))
    groups: dict[int, set[Hashable]] = defaultdict(set)
    published: dict[int, date | None] = {}
    for row in found:
        if grouping == "region":
            groups[row.id].add(row.province_code)
        elif row.organization_id in org_ids:
            groups[row.id].add(row.organization_id)
        published[row.id] = row.published_at.astimezone(CHINA_TZ).date() if row.published_at else None
    if grouping == "agency":
        for achievement_id, agency_id in session.execute(collected):
            if achievement_id in published:  # within the region filter
                groups[achievement_id].add(agency_id)
    return FunnelContext(
        session=session,
        scope=scope,
        filters=filters,
        grouping=grouping,
        listings={i: frozenset(g) for i, g in groups.items()},
        published_on=published,
        org_groups={i: frozenset({i}) for i in org_ids},
        listing_ids=sa.select(Achievement.id).where(*where),
    )


def _contract_links(ctx: FunnelContext) -> list[ContractLink]:
    """Contracts in scope recorded with a signing date, and the rows each counts in: the owner of the
    achievement it transfers, its recording organisation and its seller (and, for agencies, its broker);
    per region, the seller's province."""
    f = ctx.filters
    where = [contract_condition(ctx.scope), Contract.signed_on.is_not(None)]
    rows = ctx.session.execute(
        sa.select(
            Contract.id,
            Contract.status,
            Contract.signed_on,
            Contract.registered_at,
            Contract.achievement_id,
            Contract.organization_id,
            Contract.contract_type,
            Contract.subtype,
        ).where(*where)
    ).all()
    parties: dict[int, dict[str, PartyFact]] = defaultdict(dict)
    for p in ctx.session.execute(
        sa.select(ContractParty).where(ContractParty.contract_id.in_(sa.select(Contract.id).where(*where)))
    ).scalars():
        parties[p.contract_id][p.role] = PartyFact(
            p.role, p.kind, p.name, p.organization_id, p.country_code or CHINA, p.region_code, p.legal_type
        )
    links = []
    for r in rows:
        seller = parties[r.id].get(PartyRole.SELLER.value)
        broker = parties[r.id].get(PartyRole.BROKER.value)
        if f.region is not None and (seller is None or not seller.in_region(f.region)):
            continue
        if f.brokerage != "include" and (r.contract_type, r.subtype) == ("service", "brokerage"):
            continue
        if ctx.grouping == "region":
            groups: set[Hashable] = {seller.province} if seller is not None and seller.province else set()
        else:
            groups = set(ctx.listings.get(r.achievement_id, ()))
            linked = [r.organization_id, seller.organization_id if seller else None]
            if ctx.grouping == "agency":
                linked.append(broker.organization_id if broker else None)
            for org_id in linked:
                groups |= ctx.org_groups.get(org_id, frozenset())
        registered_on = r.registered_at.astimezone(CHINA_TZ).date() if r.registered_at else None
        links.append(ContractLink(r.id, r.status, r.signed_on, registered_on, frozenset(groups)))
    return links


# --- the table -------------------------------------------------------------------------------------------


def _labels(session: Session, grouping: str, keys: Iterable[Hashable]) -> dict[Hashable, str]:
    keys = list(keys)
    if grouping == "region":
        return {k: regions.label(str(k)) or str(k) for k in keys}
    names = dict(
        session.execute(sa.select(Organization.id, Organization.name).where(Organization.id.in_(keys))).all()
    )
    return {k: names.get(k, str(k)) for k in keys}


def table(session: Session, scope: Scope, filters: StatsFilter, grouping: str) -> Table:
    """One funnel table: a row per organisation, agency or province with any recorded step."""
    ctx = build_context(session, scope, filters, grouping)
    counts = {stage.key: stage.count(ctx) for stage in STAGES}
    keys = {k for found in counts.values() if found for k, n in found.items() if n}
    names = _labels(session, grouping, keys)

    def order(k: Hashable) -> tuple[Any, ...]:
        """Furthest along first: by contracts registered, then signed ... then listings published."""
        return tuple(-(counts[s.key] or {}).get(k, 0) for s in reversed(STAGES)) + (names[k],)

    rows = [
        [names[k], *(None if counts[s.key] is None else counts[s.key].get(k, 0) for s in STAGES)]
        for k in sorted(keys, key=order)[:MAX_ROWS]
    ]
    title, header = GROUPINGS[grouping]
    columns = [Column("group", header, TEXT), *(Column(s.key, s.label, COUNT) for s in STAGES)]
    notes: list[Any] = [
        _l(
            "Each stage counts its own records in the period: achievements published, visitor-days on "
            "them, inquiries, contracts signed and registered. A contract counts for every organisation "
            "it involves."
        )
    ]
    if any(found is None for found in counts.values()):
        notes.append(_l("Not recorded yet: the platform has no records of this stage so far."))
    return Table(f"funnel_{grouping}", title, columns, rows, None, notes)
