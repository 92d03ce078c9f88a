"""Statistics of registered technology contracts (REGISTRATION.md §6), callable without a request.

What counts: contracts in status ``registered`` (a cancelled registration no longer counts; drafts,
applications and refusals never do), dated by their registration day in China time. Each contract counts
once. Which contracts an actor sees is decided here (``scope_of``), never in the views.

The figures are summed in Python over a narrow projection of the rows rather than with SQL ``SUM``:
SQLite's ``SUM`` over NUMERIC returns floats, and money is never a float here. A province registers a
few thousand contracts a year, so this stays cheap; the SQL does the filtering (scope, status, dates).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organization, OrganizationType, PlatformRole
from marketplace.contracts import rules
from marketplace.contracts.models import Contract, ContractParty, RegistrationSite, SiteClerk
from marketplace.contracts.vocab import CHINA, PARTY_GROUPS, ContractStatus, PartyKind, PartyRole
from marketplace.core import regions
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.stats import labels
from marketplace.stats.tables import share, yuan

#: statistics count days as they are in China, whatever the server's clock
CHINA_TZ = ZoneInfo("Asia/Shanghai")
#: the municipalities directly under the central government: the province is the city
MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
#: ISO 3166 numeric codes of Hong Kong, Macao and Taiwan (reported apart from other countries)
HMT = frozenset({"344", "446", "158"})
FIRST_YEAR, LAST_YEAR = 1980, 2100
#: how many rows the rankings show
TOP = 20

SELLER, BUYER, BROKER = PartyRole.SELLER.value, PartyRole.BUYER.value, PartyRole.BROKER.value


# --- filters ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatsFilter:
    """What the figures cover and how they are measured.

    ``region`` (a province or city code) selects contracts by the seller's region for outflow figures, by
    the buyer's for inflow figures and by either for flows. ``level`` and ``denominator`` define local
    absorption (本地吸纳), for which no official formula exists (REGISTRATION.md §6).
    """

    date_from: date | None = None
    date_to: date | None = None
    region: str | None = None
    basis: str = "contract"  #: contract (成交额) | technical (技术交易额)
    brokerage: str = "include"  #: include | exclude | separate
    level: str = "city"  #: city | province
    denominator: str = "outflow"  #: outflow | all

    @property
    def amount_key(self) -> str:
        return f"{self.basis}_amount"


def parse_filters(values: Mapping[str, Any]) -> StatsFilter:
    """Filters from query parameters; raises ``ValidationFailed`` listing every bad one."""
    reasons: list[tuple[str | None, Any]] = []

    def day(name: str) -> date | None:
        raw = str(values.get(name) or "").strip()
        if not raw:
            return None
        try:
            parsed = date.fromisoformat(raw)
        except ValueError:
            parsed = None
        if parsed is None or not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            reasons.append((name, _l("Enter the date as YYYY-MM-DD (years 1980 to 2100).")))
            return None
        return parsed

    def choice(name: str, options: Mapping[str, Any], default: str) -> str:
        raw = str(values.get(name) or "").strip() or default
        if raw not in options:
            reasons.append((name, _l("Choose one of the options offered.")))
            return default
        return raw

    date_from, date_to = day("date_from"), day("date_to")
    if date_from and date_to and date_from > date_to:
        reasons.append(("date_to", _l("The end date is before the start date.")))
    region = str(values.get("region") or "").strip() or None
    if region is not None and region not in region_codes():
        reasons.append(("region", _l("Choose a province or city from the list.")))
        region = None
    filters = StatsFilter(
        date_from=date_from,
        date_to=date_to,
        region=region,
        basis=choice("basis", labels.BASES, "contract"),
        brokerage=choice("brokerage", labels.BROKERAGE_MODES, "include"),
        level=choice("level", labels.LEVELS, "city"),
        denominator=choice("denominator", labels.DENOMINATORS, "outflow"),
    )
    if reasons:
        raise ValidationFailed(reasons)
    return filters


# --- regions ---------------------------------------------------------------------------------------------


def region_options() -> list[tuple[regions.Region, tuple[regions.Region, ...]]]:
    """Each province with the cities one may filter by (none for municipalities and the SARs, whose
    province is their only city)."""
    options = []
    for province in regions.provinces():
        cities = regions.cities(province.code)
        own = province.code[:2] in MUNICIPALITIES or all(c.code == province.code for c in cities)
        options.append((province, () if own else cities))
    return options


@cache
def region_codes() -> frozenset[str]:
    return frozenset(code for p, cities in region_options() for code in (p.code, *(c.code for c in cities)))


def city_key(code: str | None) -> str | None:
    """The city a 6-digit code lies in (a district's prefecture); None when only the province is known.

    Municipalities are one city each (a district of Shanghai is in Shanghai); county-level cities under a
    province (AA90CC, e.g. 济源 419001) are their own city.
    """
    if not code or len(code) != 6 or not code.isdigit():
        return None
    if code[:2] in MUNICIPALITIES:
        return code[:2] + "0000"
    if code.endswith("0000"):
        own = regions.cities(code)
        return code if len(own) == 1 and own[0].code == code else None
    if code[2:4] == "90":
        return code
    return code[:4] + "00"


def place_label(key: str) -> Any:
    """A province's name, or where a party outside the mainland provinces is."""
    return labels.PLACES.get(key) or regions.label(key) or key


# --- scope -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The contracts an actor's figures cover: everything (platform admins), the province of an authority
    (seller or buyer there), the sites a clerk works at (registered there), or the actor's organisation
    (as recording organisation or as a party). A user with several of these sees their union."""

    everything: bool = False
    province_codes: frozenset[str] = frozenset()
    sites: tuple[tuple[int, str, str], ...] = ()  #: (id, name, region code)
    organizations: tuple[tuple[int, str], ...] = ()  #: (id, name)

    @property
    def site_ids(self) -> frozenset[int]:
        return frozenset(s[0] for s in self.sites)

    @property
    def organization_ids(self) -> frozenset[int]:
        return frozenset(o[0] for o in self.organizations)

    @property
    def empty(self) -> bool:
        return not (self.everything or self.province_codes or self.sites or self.organizations)

    def describe(self) -> list[Any]:
        if self.everything:
            return [_l("All registered contracts on the platform.")]
        found = [
            _l("Contracts with a seller or buyer in %(region)s.", region=regions.label(code))
            for code in sorted(self.province_codes)
        ]
        found += [_l("Contracts registered at %(site)s.", site=name) for _id, name, _r in self.sites]
        found += [
            _l("Contracts of %(organization)s (recording organisation or party).", organization=name)
            for _id, name in self.organizations
        ]
        return found


def scope_of(session: Session, actor: Any) -> Scope:
    """The actor's scope; raises ``PermissionDenied`` for anonymous users and for users with none (no
    verified organisation, no site, not an admin)."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("login required")
    if actor.has_role(PlatformRole.ADMIN):
        return Scope(everything=True)
    sites: tuple[tuple[int, str, str], ...] = ()
    if actor.has_role(PlatformRole.CLERK):
        rows = session.execute(
            sa.select(RegistrationSite.id, RegistrationSite.name, RegistrationSite.region_code)
            .join(SiteClerk, SiteClerk.site_id == RegistrationSite.id)
            .where(SiteClerk.user_id == actor.id)
            .order_by(RegistrationSite.id)
        )
        sites = tuple((r.id, r.name, r.region_code) for r in rows)
    provinces: frozenset[str] = frozenset()
    organizations: tuple[tuple[int, str], ...] = ()
    org = actor.organization
    if org is not None and org.is_verified:
        if org.type == OrganizationType.AUTHORITY:
            provinces = frozenset({org.province_code})
        else:
            organizations = ((org.id, org.name),)
    scope = Scope(province_codes=provinces, sites=sites, organizations=organizations)
    if scope.empty:
        raise PermissionDenied(
            "statistics are for authorities, registration sites and verified organisations"
        )
    return scope


def contract_condition(scope: Scope) -> sa.ColumnElement[bool]:
    """A SQL condition on ``Contract``: the contracts the scope covers."""
    if scope.everything:
        return sa.true()
    conditions: list[sa.ColumnElement[bool]] = []
    if scope.province_codes:
        located = sa.select(ContractParty.contract_id).where(
            ContractParty.role.in_((SELLER, BUYER)),
            ContractParty.country_code == CHINA,
            sa.or_(
                *(ContractParty.region_code.like(f"{code[:2]}%") for code in sorted(scope.province_codes))
            ),
        )
        conditions.append(Contract.id.in_(located))
    if scope.sites:
        conditions.append(Contract.site_id.in_(scope.site_ids))
    if scope.organizations:
        ids = scope.organization_ids
        party = sa.select(ContractParty.contract_id).where(ContractParty.organization_id.in_(ids))
        conditions += [Contract.organization_id.in_(ids), Contract.id.in_(party)]
    return sa.or_(*conditions)


def organization_condition(scope: Scope) -> sa.ColumnElement[bool]:
    """A SQL condition on ``Organization``: whose listings and funnel the scope covers (authorities: their
    province; sites: their province or city; members: their own organisation)."""
    if scope.everything:
        return sa.true()
    conditions: list[sa.ColumnElement[bool]] = []
    if scope.province_codes:
        conditions.append(Organization.province_code.in_(scope.province_codes))
    for _id, _name, region in scope.sites:
        column = Organization.province_code if region.endswith("0000") else Organization.city_code
        conditions.append(column == region)
    if scope.organizations:
        conditions.append(Organization.id.in_(scope.organization_ids))
    return sa.or_(*conditions)


# --- the rows the figures are made of --------------------------------------------------------------------


def party_group(kind: str | None, legal_type: str | None) -> str:
    """技术交易主体 of a party from its 性质 code, grouped as ``vocab.PARTY_GROUPS`` (longest prefix wins)."""
    if kind == PartyKind.PERSON:
        return "person"
    for prefix in sorted(PARTY_GROUPS, key=len, reverse=True):
        if legal_type and legal_type.startswith(prefix):
            return PARTY_GROUPS[prefix]
    return "other"


@dataclass(frozen=True)
class PartyFact:
    role: str
    kind: str
    name: str
    organization_id: int | None
    country_code: str
    region_code: str | None
    legal_type: str | None

    @property
    def domestic(self) -> bool:
        return self.country_code == CHINA

    @property
    def province(self) -> str | None:
        code = self.region_code
        return code[:2] + "0000" if self.domestic and code and len(code) == 6 else None

    @property
    def city(self) -> str | None:
        return city_key(self.region_code) if self.domestic else None

    @property
    def place(self) -> str:
        """The province, or ``hmt`` / ``foreign`` / ``unknown``."""
        if not self.domestic:
            return "hmt" if self.country_code in HMT else "foreign"
        return self.province or "unknown"

    @property
    def group(self) -> str:
        return party_group(self.kind, self.legal_type)

    @property
    def identity(self) -> tuple[str, Hashable]:
        """The same organisation across contracts: the platform organisation, else the recorded name."""
        if self.organization_id is not None:
            return ("org", self.organization_id)
        return ("name", self.name.strip())

    def in_region(self, region: str | None) -> bool:
        if region is None:
            return True
        if not self.domestic or not self.region_code:
            return False
        if region.endswith("0000"):
            return self.region_code[:2] == region[:2]
        return self.city is not None and self.city == city_key(region)


@dataclass(frozen=True)
class ContractFact:
    """A registered contract as the statistics see it."""

    id: int
    contract_type: str  #: as the latest rule set names it (a 2001 patent licence is a licence)
    subtype: str | None
    tech_field: str
    ip_kind: str
    contract_amount: Decimal
    technical_amount: Decimal
    registered_on: date
    organization_id: int
    organization_type: str
    site_id: int | None
    parties: dict[str, PartyFact] = field(default_factory=dict)

    @property
    def seller(self) -> PartyFact | None:
        return self.parties.get(SELLER)

    @property
    def buyer(self) -> PartyFact | None:
        return self.parties.get(BUYER)

    @property
    def broker(self) -> PartyFact | None:
        return self.parties.get(BROKER)

    @property
    def is_brokerage(self) -> bool:
        """技术中介: a technical service of sub-type brokerage (its amount is the broker's fee)."""
        return self.contract_type == "service" and self.subtype == "brokerage"

    def amount(self, basis: str) -> Decimal:
        return self.technical_amount if basis == "technical" else self.contract_amount

    def sold_from(self, region: str | None) -> bool:
        return region is None or (self.seller is not None and self.seller.in_region(region))

    def bought_in(self, region: str | None) -> bool:
        return region is None or (self.buyer is not None and self.buyer.in_region(region))

    def is_local(self, level: str) -> bool:
        """Seller and buyer in the same city (or province). Parties abroad, in Hong Kong, Macao or Taiwan,
        or of unknown region are never local."""
        seller, buyer = self.seller, self.buyer
        if seller is None or buyer is None or not seller.domestic or not buyer.domestic:
            return False
        mine, theirs = (seller.province, buyer.province) if level == "province" else (seller.city, buyer.city)
        return mine is not None and mine == theirs


def china_day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=CHINA_TZ)


def registered_between(column: Any, filters: StatsFilter) -> list[sa.ColumnElement[bool]]:
    """SQL bounds on a UTC timestamp for the filter's days (inclusive) in China time."""
    bounds = []
    if filters.date_from:
        bounds.append(column >= china_day_start(filters.date_from))
    if filters.date_to:
        bounds.append(column < china_day_start(filters.date_to + timedelta(days=1)))
    return bounds


def load_facts(session: Session, scope: Scope, filters: StatsFilter) -> list[ContractFact]:
    """The registered contracts of the scope and period, with their parties (two queries)."""
    where = [
        Contract.status == ContractStatus.REGISTERED.value,
        Contract.registered_at.is_not(None),
        contract_condition(scope),
        *registered_between(Contract.registered_at, filters),
    ]
    rows = session.execute(
        sa.select(
            Contract.id,
            Contract.rule_set,
            Contract.contract_type,
            Contract.subtype,
            Contract.tech_field,
            Contract.ip_kind,
            Contract.contract_amount,
            Contract.technical_amount,
            Contract.registered_at,
            Contract.organization_id,
            Organization.type,
            Contract.site_id,
        )
        .join(Organization, Organization.id == Contract.organization_id)
        .where(*where)
        .order_by(Contract.registered_at, Contract.id)
    ).all()
    parties: dict[int, dict[str, PartyFact]] = defaultdict(dict)
    for p in session.execute(
        sa.select(
            ContractParty.contract_id,
            ContractParty.role,
            ContractParty.kind,
            ContractParty.name,
            ContractParty.organization_id,
            ContractParty.country_code,
            ContractParty.region_code,
            ContractParty.legal_type,
        ).where(ContractParty.contract_id.in_(sa.select(Contract.id).where(*where)))
    ):
        parties[p.contract_id][p.role] = PartyFact(
            p.role, p.kind, p.name, p.organization_id, p.country_code or CHINA, p.region_code, p.legal_type
        )
    latest = rules.latest()
    facts = []
    for r in rows:
        kind, subtype = latest.current_form(r.contract_type, r.subtype)
        facts.append(
            ContractFact(
                id=r.id,
                contract_type=kind,
                subtype=subtype,
                tech_field=r.tech_field,
                ip_kind=r.ip_kind,
                contract_amount=yuan(r.contract_amount),
                # registration fixes 技术交易额; a row without one counts as 0, never as the contract amount
                technical_amount=yuan(r.technical_amount),
                registered_on=r.registered_at.astimezone(CHINA_TZ).date(),
                organization_id=r.organization_id,
                organization_type=r.type,
                site_id=r.site_id,
                parties=parties.get(r.id, {}),
            )
        )
    return facts


# --- local absorption (本地吸纳) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    count: int = 0
    contract_amount: Decimal = Decimal("0.00")
    technical_amount: Decimal = Decimal("0.00")

    @classmethod
    def of(cls, facts: Iterable[ContractFact]) -> Measure:
        found = list(facts)
        return cls(
            len(found),
            sum((f.contract_amount for f in found), Decimal("0.00")),
            sum((f.technical_amount for f in found), Decimal("0.00")),
        )

    def amount(self, basis: str) -> Decimal:
        return self.technical_amount if basis == "technical" else self.contract_amount


@dataclass(frozen=True)
class Absorption:
    """Local absorption of a region: contracts whose seller is in the region and whose buyer is in the
    seller's city (or province), against a denominator the user chooses, since no source gives an
    official formula: ``outflow`` (every contract whose seller is in the region) or ``all`` (every contract
    in scope with the seller or the buyer in the region; without a region both are every contract)."""

    level: str
    denominator: str
    local: Measure
    base: Measure

    @property
    def count_rate(self) -> Decimal | None:
        return share(self.local.count, self.base.count)

    def rate(self, basis: str) -> Decimal | None:
        return share(self.local.amount(basis), self.base.amount(basis))


def local_absorption(
    facts: list[ContractFact], region: str | None, level: str, denominator: str
) -> Absorption:
    outflow = [f for f in facts if f.sold_from(region)]
    base = (
        outflow
        if denominator == "outflow"
        else [f for f in facts if f.sold_from(region) or f.bought_in(region)]
    )
    return Absorption(
        level, denominator, Measure.of(f for f in outflow if f.is_local(level)), Measure.of(base)
    )


# --- broker ranking: extra columns from other domains ----------------------------------------------------

BrokerKey = tuple[str, Hashable]


@dataclass(frozen=True)
class BrokerColumn:
    """A column another domain adds to the broker ranking, e.g. deals' closed deals per broker.

    ``values(session, brokers, filters)`` answers a value per broker key (``("org", organization id)`` or
    ``("name", recorded name)``); brokers it does not answer for get an empty cell.
    """

    key: str
    header: Any
    kind: str
    values: Callable[[Session, list[BrokerKey], StatsFilter], Mapping[BrokerKey, Any]]


BROKER_COLUMNS: list[BrokerColumn] = []


def register_broker_column(column: BrokerColumn) -> None:
    """Add (or replace, by key) a broker-ranking column; call it once when the other domain's app starts."""
    BROKER_COLUMNS[:] = [c for c in BROKER_COLUMNS if c.key != column.key] + [column]


def brokers_of(fact: ContractFact) -> set[BrokerKey]:
    """Who brokered a contract, by the record: the broker party, and the recording organisation when it is
    a technology transfer agency. Never what anyone reports about itself."""
    found: set[BrokerKey] = set()
    if fact.broker is not None:
        found.add(fact.broker.identity)
    if fact.organization_type == OrganizationType.AGENCY:
        found.add(("org", fact.organization_id))
    return found
