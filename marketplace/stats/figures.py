"""The figures of REGISTRATION.md §6 as tables: by month, type, field, IP, party type, region and flow, local
absorption, rankings and the funnel. ``Figures`` is what views, exports and tests call.

Every table counts the registered contracts of ``services.load_facts``; with a region chosen, outflow
figures take contracts whose seller is there (输出), inflow figures those whose buyer is there (吸纳), and
flows either.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organization
from marketplace.contracts import labels as contract_labels
from marketplace.contracts.vocab import IPKind
from marketplace.core import regions
from marketplace.stats import funnel, labels
from marketplace.stats.services import (
    BROKER_COLUMNS,
    TOP,
    Absorption,
    BrokerKey,
    ContractFact,
    Measure,
    StatsFilter,
    brokers_of,
    load_facts,
    local_absorption,
    place_label,
    scope_of,
)
from marketplace.stats.tables import AMOUNT, COUNT, PERCENT, RANK, TEXT, Column, Table, share, yuan


def _amount_columns(basis: str, share_column: bool = True) -> list[Column]:
    columns = [
        Column("count", _l("Number of contracts"), COUNT),
        Column("contract_amount", labels.BASES["contract"], AMOUNT),
        Column("technical_amount", labels.BASES["technical"], AMOUNT),
    ]
    if share_column:
        columns.append(Column("share", SHARE_HEADERS[basis], PERCENT))
    return columns


SHARE_HEADERS = {
    "contract": _l("Share of contract amount (%)"),
    "technical": _l("Share of technical amount (%)"),
}


@dataclass(frozen=True)
class Summary:
    total: Measure
    basis: str
    ip: Measure  #: contracts involving intellectual property
    absorption: Absorption

    @property
    def technical_share(self) -> Decimal | None:
        """技术交易额 as a share of 成交额 (Beijing reports it)."""
        return share(self.total.technical_amount, self.total.contract_amount)

    @property
    def ip_share(self) -> Decimal | None:
        return share(self.ip.amount(self.basis), self.total.amount(self.basis))

    @property
    def average(self) -> Decimal | None:
        if not self.total.count:
            return None
        return yuan(self.total.amount(self.basis) / self.total.count)


class Figures:
    """The statistics one actor may see under one filter.

    Contracts are loaded once; each table is built when asked for, so an export of one table does not
    compute the others. Raises ``PermissionDenied`` (via ``scope_of``) for actors without a scope.
    """

    def __init__(self, session: Session, actor: Any, filters: StatsFilter):
        self.session = session
        self.filters = filters
        self.scope = scope_of(session, actor)

    @cached_property
    def registered(self) -> list[ContractFact]:
        return load_facts(self.session, self.scope, self.filters)

    @cached_property
    def contracts(self) -> list[ContractFact]:
        """The contracts of the main figures: brokerage contracts left out unless they are included."""
        if self.filters.brokerage == "include":
            return self.registered
        return [f for f in self.registered if not f.is_brokerage]

    @cached_property
    def brokerage_contracts(self) -> list[ContractFact]:
        return [f for f in self.registered if f.is_brokerage]

    @property
    def region(self) -> str | None:
        return self.filters.region

    @cached_property
    def outflow(self) -> list[ContractFact]:
        """输出: seller in the region (every contract without a region)."""
        return [f for f in self.contracts if f.sold_from(self.region)]

    @cached_property
    def inflow(self) -> list[ContractFact]:
        """吸纳: buyer in the region, wherever the contract was registered."""
        return [f for f in self.contracts if f.bought_in(self.region)]

    @cached_property
    def involving(self) -> list[ContractFact]:
        return [f for f in self.contracts if f.sold_from(self.region) or f.bought_in(self.region)]

    @cached_property
    def involving_ip(self) -> Measure:
        return Measure.of(c for c in self.outflow if c.ip_kind != IPKind.NONE)

    def summary(self) -> Summary:
        f = self.filters
        return Summary(
            total=Measure.of(self.outflow),
            basis=f.basis,
            ip=self.involving_ip,
            absorption=local_absorption(self.contracts, self.region, f.level, f.denominator),
        )

    def table(self, key: str) -> Table:
        """One table by its export name; ``KeyError`` for an unknown name."""
        return TABLES[key][1](self)

    def tables(self) -> list[Table]:
        return [build(self) for build in (spec[1] for spec in TABLES.values())]

    # --- grouped tables ---

    def grouped(
        self,
        key: str,
        title: Any,
        header: Any,
        facts: list[ContractFact],
        group_of: Callable[[ContractFact], Hashable],
        label_of: Callable[[Hashable], Any],
        order: Iterable[Hashable] | None = None,
        share_column: bool = True,
    ) -> Table:
        """Count, 成交额, 技术交易额 (and share of the basis amount) per group. With ``order``, every listed
        group is a row, zero or not (as in the national tables); otherwise groups by amount, largest first."""
        basis = self.filters.basis
        buckets: dict[Hashable, list[ContractFact]] = defaultdict(list)
        for fact in facts:
            buckets[group_of(fact)].append(fact)
        measures = {k: Measure.of(v) for k, v in buckets.items()}
        total = Measure.of(facts)
        if order is None:
            keys = sorted(measures, key=lambda k: (-measures[k].amount(basis), -measures[k].count, str(k)))
        else:
            listed = list(order)
            keys = listed + [k for k in measures if k not in set(listed)]
        rows = []
        for k in keys:
            m = measures.get(k, Measure())
            row = [label_of(k), m.count, m.contract_amount, m.technical_amount]
            rows.append(row + [share(m.amount(basis), total.amount(basis))] if share_column else row)
        totals = [labels.TOTAL, total.count, total.contract_amount, total.technical_amount]
        if share_column:
            totals.append(Decimal("100.0") if total.amount(basis) else None)
        columns = [Column("label", header, TEXT), *_amount_columns(basis, share_column)]
        return Table(key, title, columns, rows if facts else [], totals if facts else None)


# --- the tables, in page order ---------------------------------------------------------------------------


def _months(facts: list[ContractFact]) -> list[str]:
    """Every month from the first registration to the last, so that gaps show as zero."""
    if not facts:
        return []
    first, last = min(f.registered_on for f in facts), max(f.registered_on for f in facts)
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def by_month(figs: Figures, facts: list[ContractFact] | None = None, key: str = "by_month") -> Table:
    facts = figs.outflow if facts is None else facts
    return figs.grouped(
        key,
        _l("Registered contracts by month"),
        _l("Month"),
        facts,
        lambda f: f.registered_on.strftime("%Y-%m"),
        str,
        order=_months(facts),
        share_column=False,
    )


def by_type(figs: Figures) -> Table:
    return figs.grouped(
        "by_type",
        _l("By contract type"),
        _l("Contract type"),
        figs.outflow,
        lambda f: f.contract_type,
        lambda k: contract_labels.TYPES.get(k, k),
        order=contract_labels.TYPES,
    )


def by_field(figs: Figures) -> Table:
    return figs.grouped(
        "by_field",
        _l("By technical field"),
        _l("Technical field"),
        figs.outflow,
        lambda f: f.tech_field,
        lambda k: contract_labels.TECH_FIELDS.get(k, k),
        order=contract_labels.TECH_FIELDS,
    )


def by_ip(figs: Figures) -> Table:
    order = [k.value for k in IPKind if k != IPKind.NONE] + [IPKind.NONE.value]
    table = figs.grouped(
        "by_ip",
        _l("By intellectual property involved"),
        _l("Intellectual property"),
        figs.outflow,
        lambda f: f.ip_kind,
        lambda k: contract_labels.IP_KINDS.get(k, k),
        order=order,
    )
    basis = figs.filters.basis
    total = Measure.of(figs.outflow)
    if total.count:
        table.notes.append(
            _l(
                "Involving intellectual property: %(count)s contracts, %(share)s%% of the %(basis)s.",
                count=figs.involving_ip.count,
                share=share(figs.involving_ip.amount(basis), total.amount(basis)),
                basis=labels.BASES[basis],
            )
        )
    return table


def seller_types(figs: Figures) -> Table:
    return figs.grouped(
        "seller_types",
        _l("Outflow by type of seller (输出)"),
        _l("Type of seller"),
        figs.outflow,
        lambda f: f.seller.group if f.seller else "other",
        labels.PARTY_GROUPS.__getitem__,
        order=labels.PARTY_GROUPS,
    )


def buyer_types(figs: Figures) -> Table:
    return figs.grouped(
        "buyer_types",
        _l("Inflow by type of buyer (吸纳)"),
        _l("Type of buyer"),
        figs.inflow,
        lambda f: f.buyer.group if f.buyer else "other",
        labels.PARTY_GROUPS.__getitem__,
        order=labels.PARTY_GROUPS,
    )


def _seller_place(fact: ContractFact) -> str:
    return fact.seller.place if fact.seller else "unknown"


def _buyer_place(fact: ContractFact) -> str:
    return fact.buyer.place if fact.buyer else "unknown"


def _place_order(facts: list[ContractFact], place_of: Callable[[ContractFact], str], basis: str) -> list[str]:
    """Mainland provinces by amount, largest first; then Hong Kong, Macao and Taiwan, abroad, unknown."""
    weight: dict[str, Decimal] = defaultdict(Decimal)
    for fact in facts:
        weight[place_of(fact)] += fact.amount(basis)
    provinces = sorted((k for k in weight if k not in labels.PLACES), key=lambda k: (-weight[k], k))
    return provinces + [k for k in labels.PLACES if k in weight]


def outflow(figs: Figures) -> Table:
    return figs.grouped(
        "outflow",
        _l("Outflow by seller's province"),
        _l("Seller's province"),
        figs.outflow,
        _seller_place,
        place_label,
        order=_place_order(figs.outflow, _seller_place, figs.filters.basis),
    )


def inflow(figs: Figures) -> Table:
    return figs.grouped(
        "inflow",
        _l("Inflow by buyer's province"),
        _l("Buyer's province"),
        figs.inflow,
        _buyer_place,
        place_label,
        order=_place_order(figs.inflow, _buyer_place, figs.filters.basis),
    )


def _flows(figs: Figures, key: str, title: Any, kind: str, value: Callable[[ContractFact], Any]) -> Table:
    """Seller's province × buyer's province (流向) of contracts with the seller or buyer in the region.
    Rows and columns are in the same order in the count and the amount matrix (by the basis amount)."""
    facts = figs.involving
    zero = Decimal("0.00") if kind == AMOUNT else 0
    cells: dict[tuple[str, str], Any] = defaultdict(lambda: zero)
    row_sum: dict[str, Any] = defaultdict(lambda: zero)
    col_sum: dict[str, Any] = defaultdict(lambda: zero)
    for f in facts:
        pair = (_seller_place(f), _buyer_place(f))
        amount = value(f)
        cells[pair] += amount
        row_sum[pair[0]] += amount
        col_sum[pair[1]] += amount
    rows_keys = _place_order(facts, _seller_place, figs.filters.basis)
    cols_keys = _place_order(facts, _buyer_place, figs.filters.basis)
    columns = [Column("seller", _l("Seller's province → buyer's province"), TEXT)]
    columns += [Column(f"to:{k}", place_label(k), kind) for k in cols_keys]
    columns.append(Column("total", labels.TOTAL, kind))
    rows = [[place_label(r), *(cells.get((r, c), zero) for c in cols_keys), row_sum[r]] for r in rows_keys]
    totals = [labels.TOTAL, *(col_sum[c] for c in cols_keys), sum(col_sum.values(), zero)] if facts else None
    return Table(key, title, columns, rows, totals)


def flow_amount(figs: Figures) -> Table:
    basis = figs.filters.basis
    title = _l("Flows between provinces: %(measure)s", measure=labels.BASES[basis])
    return _flows(figs, "flow_amount", title, AMOUNT, lambda f: f.amount(basis))


def flow_count(figs: Figures) -> Table:
    return _flows(figs, "flow_count", _l("Flows between provinces: contracts"), COUNT, lambda f: 1)


def absorption(figs: Figures) -> Table:
    """Local absorption at both levels, under the chosen denominator; the chosen level leads the page."""
    f = figs.filters
    columns = [
        Column("level", _l("Local means"), TEXT),
        Column("local_count", _l("Local contracts"), COUNT),
        Column("base_count", _l("Contracts in the denominator"), COUNT),
        Column("count_rate", _l("Rate by contracts (%)"), PERCENT),
        Column("local_contract", _l("Local contract amount"), AMOUNT),
        Column("base_contract", _l("Contract amount in the denominator"), AMOUNT),
        Column("contract_rate", _l("Rate by contract amount (%)"), PERCENT),
        Column("local_technical", _l("Local technical amount"), AMOUNT),
        Column("base_technical", _l("Technical amount in the denominator"), AMOUNT),
        Column("technical_rate", _l("Rate by technical amount (%)"), PERCENT),
    ]
    levels = [f.level, *(lv for lv in labels.LEVELS if lv != f.level)]
    rows = []
    for level in levels:
        a = local_absorption(figs.contracts, figs.region, level, f.denominator)
        rows.append(
            [labels.LEVELS[level], a.local.count, a.base.count, a.count_rate,
             a.local.contract_amount, a.base.contract_amount, a.rate("contract"),
             a.local.technical_amount, a.base.technical_amount, a.rate("technical")]
        )  # fmt: skip
    notes = [
        _l("Denominator: %(denominator)s.", denominator=labels.DENOMINATORS[f.denominator]),
        _l("No official formula exists; parties abroad or in Hong Kong, Macao and Taiwan are never local."),
    ]
    return Table(
        "absorption", _l("Local absorption (本地吸纳)"), columns, rows if figs.contracts else [], None, notes
    )


def _names(session: Session, keys: Iterable[tuple[str, Hashable]]) -> dict[tuple[str, Hashable], str]:
    """Display names: a platform organisation's current name, else the name as recorded."""
    ids = [k[1] for k in keys if k[0] == "org"]
    found = dict(
        session.execute(sa.select(Organization.id, Organization.name).where(Organization.id.in_(ids))).all()
    )
    return {k: found.get(k[1], str(k[1])) if k[0] == "org" else str(k[1]) for k in keys}


def top_sellers(figs: Figures) -> Table:
    """Sellers (输出 institutions) ranked by registered 技术交易额."""
    facts = [f for f in figs.outflow if f.seller is not None]
    buckets: dict[tuple[str, Hashable], list[ContractFact]] = defaultdict(list)
    for fact in facts:
        buckets[fact.seller.identity].append(fact)
    measures = {k: Measure.of(v) for k, v in buckets.items()}
    names = _names(figs.session, measures)
    ranked = sorted(measures, key=lambda k: (-measures[k].technical_amount, -measures[k].count, names[k]))[
        :TOP
    ]
    total = Measure.of(facts)
    rows = [
        [rank, names[k], place_label(buckets[k][0].seller.place), measures[k].count,
         measures[k].contract_amount, measures[k].technical_amount,
         share(measures[k].technical_amount, total.technical_amount)]
        for rank, k in enumerate(ranked, start=1)
    ]  # fmt: skip
    columns = [
        Column("rank", _l("Rank"), RANK),
        Column("seller", _l("Seller"), TEXT),
        Column("region", _l("Seller's province"), TEXT),
        *_amount_columns("technical", share_column=False),
        Column("share", SHARE_HEADERS["technical"], PERCENT),
    ]
    return Table("top_sellers", _l("Top sellers by technical amount"), columns, rows)


def brokers(figs: Figures) -> Table:
    """服务之星: brokers ranked by the number, then the value, of registered contracts they brokered."""
    basis = figs.filters.basis
    buckets: dict[BrokerKey, list[ContractFact]] = defaultdict(list)
    for fact in figs.outflow:
        for key in brokers_of(fact):
            buckets[key].append(fact)
    measures = {k: Measure.of(v) for k, v in buckets.items()}
    names = _names(figs.session, measures)
    ranked = sorted(measures, key=lambda k: (-measures[k].count, -measures[k].amount(basis), names[k]))[:TOP]
    columns = [
        Column("rank", _l("Rank"), RANK),
        Column("broker", _l("Broker"), TEXT),
        *_amount_columns(basis, share_column=False),
    ]
    rows = [
        [rank, names[k], measures[k].count, measures[k].contract_amount, measures[k].technical_amount]
        for rank, k in enumerate(ranked, start=1)
    ]
    for extra in BROKER_COLUMNS:
        columns.append(Column(extra.key, extra.header, extra.kind))
        answered = extra.values(figs.session, ranked, figs.filters)
        for row, k in zip(rows, ranked, strict=True):
            row.append(answered.get(k))
    notes = [
        _l(
            "From registered contracts only: the broker named in the contract, and the technology transfer "
            "agency that recorded it. Nothing self-reported."
        )
    ]
    return Table("brokers", _l("Broker ranking (服务之星)"), columns, rows, None, notes)


def brokerage(figs: Figures) -> Table:
    """Brokerage contracts (技术中介) by month: their amount is the broker's fee, on top of the contract
    brokered, so they can be kept out of the main figures and shown here."""
    table = by_month(figs, [f for f in figs.brokerage_contracts if f.sold_from(figs.region)], "brokerage")
    table.title = _l("Brokerage contracts (技术中介) by month")
    return table


def _funnel(grouping: str) -> Callable[[Figures], Table]:
    def build(figs: Figures) -> Table:
        return funnel.table(figs.session, figs.scope, figs.filters, grouping)

    return build


#: every table by its export name, with the page section it belongs to
TABLES: dict[str, tuple[str, Callable[[Figures], Table]]] = {
    "by_month": ("contracts", by_month),
    "by_type": ("contracts", by_type),
    "by_field": ("contracts", by_field),
    "by_ip": ("contracts", by_ip),
    "seller_types": ("parties", seller_types),
    "buyer_types": ("parties", buyer_types),
    "outflow": ("regions", outflow),
    "inflow": ("regions", inflow),
    "flow_amount": ("regions", flow_amount),
    "flow_count": ("regions", flow_count),
    "absorption": ("regions", absorption),
    "top_sellers": ("rankings", top_sellers),
    "brokers": ("rankings", brokers),
    "brokerage": ("contracts", brokerage),
    "funnel_organization": ("funnel", _funnel("organization")),
    "funnel_agency": ("funnel", _funnel("agency")),
    "funnel_region": ("funnel", _funnel("region")),
}


def describe(filters: StatsFilter) -> list[Any]:
    """The filter in words, for the page and the export's subtitle."""
    period = _l("all dates")
    if filters.date_from and filters.date_to:
        period = _l(
            "%(start)s to %(end)s", start=filters.date_from.isoformat(), end=filters.date_to.isoformat()
        )
    elif filters.date_from:
        period = _l("from %(start)s", start=filters.date_from.isoformat())
    elif filters.date_to:
        period = _l("until %(end)s", end=filters.date_to.isoformat())
    return [
        _l("Registered: %(period)s", period=period),
        _l(
            "Region: %(region)s",
            region=regions.label(filters.region) if filters.region else _l("all regions"),
        ),
        _l("Basis: %(basis)s", basis=labels.BASES[filters.basis]),
        _l("Brokerage contracts: %(mode)s", mode=labels.BROKERAGE_MODES[filters.brokerage]),
    ]
