"""Contract records: the rules a record must meet, 技术交易额, duplicates, and drafting by the applicant.

Everything here is callable without a request; authorisation is checked here, not in views.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from marketplace.accounts.models import Organization, PlatformRole
from marketplace.contracts import rules
from marketplace.contracts.models import (
    Contract,
    ContractCost,
    ContractDocument,
    ContractIncome,
    ContractParty,
)
from marketplace.contracts.vocab import (
    CHINA,
    DOCUMENT_KINDS,
    LEGAL_TYPES,
    ContractStatus,
    CostCategory,
    IPKind,
    LicenceExclusivity,
    PartyKind,
    PartyRole,
    PaymentMethod,
    PlanSource,
    TechField,
)
from marketplace.core import audit, html, regions, uploads
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.db import utcnow

Reasons = list[tuple[str | None, Any]]

AMOUNT_MAX = Decimal("100000000000000")  # 1e14 元: far above any technology contract
CENT = Decimal("0.01")
#: organisation types that record contracts (sellers, brokers' agencies, buyers importing technology)
RECORDING_ORGS = {"university", "institute", "enterprise", "agency"}
#: statuses in which the applicant may still edit the record
EDITABLE = {ContractStatus.DRAFT, ContractStatus.RETURNED, ContractStatus.CHANGING}
#: statuses that end a record's claim on its parties/title/date/amount (not counted as duplicates)
INACTIVE = {ContractStatus.REFUSED, ContractStatus.CANCELLED}
#: ContractInput fields copied to the record as they are
COPIED_FIELDS = (
    "contract_type",
    "subtype",
    "subtype_detail",
    "signed_on",
    "effective_on",
    "valid_from",
    "valid_until",
    "written",
    "is_import",
    "tech_field",
    "ip_kind",
    "licence_exclusivity",
    "licence_years",
    "plan_source",
    "payment_method",
    "royalty_terms",
    "summary",
    "achievement_id",
    "demand_id",
)
#: IP kinds a transfer or licence can be about
IP_SUBJECTS = {IPKind.PATENT, IPKind.KNOW_HOW, IPKind.SOFTWARE, IPKind.IC_LAYOUT, IPKind.PLANT_VARIETY,
               IPKind.BIOMEDICINE, IPKind.OTHER}  # fmt: skip


@dataclass
class PartyInput:
    role: str
    name: str
    kind: str = PartyKind.ORGANIZATION.value
    credit_code: str | None = None
    country_code: str = CHINA
    region_code: str | None = None
    legal_type: str | None = None
    organization_id: int | None = None


@dataclass
class CostInput:
    category: str
    description: str
    amount: Decimal
    reasonable_carrier: bool = False


@dataclass
class ContractInput:
    title: str
    contract_type: str
    contract_amount: Decimal | None
    tech_field: str
    subtype: str | None = None
    subtype_detail: str | None = None
    signed_on: date | None = None
    effective_on: date | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    written: bool = True
    is_import: bool = False
    ip_kind: str = IPKind.NONE.value
    ip_numbers: list[str] = field(default_factory=list)
    licence_exclusivity: str | None = None
    licence_years: int | None = None
    plan_source: str = PlanSource.NONE.value
    payment_method: str = PaymentMethod.LUMP_SUM.value
    royalty_terms: str | None = None
    summary: str | None = None
    parties: list[PartyInput] = field(default_factory=list)
    costs: list[CostInput] = field(default_factory=list)
    achievement_id: int | None = None
    demand_id: int | None = None


#: the legal-person type (性质) a platform organisation of each type usually has; the applicant may correct it
ORG_LEGAL_TYPES = {"university": "022", "institute": "021", "enterprise": "150", "agency": "170"}


def party_of(org: Organization, role: str) -> PartyInput:
    """A platform organisation as a contract party, from its verified profile."""
    return PartyInput(
        role=role,
        name=org.name,
        credit_code=org.credit_code,
        region_code=org.city_code or org.province_code,
        legal_type=ORG_LEGAL_TYPES.get(org.type, "900"),
        organization_id=org.id,
    )


def draft_for(org: Organization) -> ContractInput:
    """A new record's starting point: the recording organisation as the seller, everything else empty."""
    return ContractInput(
        title="", contract_type="", contract_amount=None, tech_field="", parties=[party_of(org, "seller")]
    )


# --- amounts ---------------------------------------------------------------------------------------------


def parse_yuan(value: Any) -> Decimal | None:
    """An amount in 元 as an exact decimal (None for empty or unreadable input)."""
    if value is None or value == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        return None
    if not amount.is_finite():
        return None
    return amount


def deductions(costs: list[CostInput] | list[ContractCost]) -> Decimal:
    """The non-technical costs deducted from 成交额: every item except carriers of reasonable quantity."""
    return sum((Decimal(c.amount) for c in costs if not c.reasonable_carrier), Decimal("0"))


def technical_amount(contract_amount: Decimal, costs: list[CostInput] | list[ContractCost]) -> Decimal:
    """技术交易额 = 成交额 − deducted non-technical costs, kept within 0 .. 成交额 (REGISTRATION.md §3.3)."""
    amount = Decimal(contract_amount) - deductions(costs)
    amount = min(max(amount, Decimal("0")), Decimal(contract_amount))
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


# --- validation ------------------------------------------------------------------------------------------


def validate(data: ContractInput, today: date | None = None) -> Reasons:
    """Every problem with a contract record, as (field, message); empty when it can be applied for.

    The rule set in force on the signing date decides which types and sub-types exist.
    """
    today = today or utcnow().date()
    reasons: Reasons = []
    title = (data.title or "").strip()
    if not title:
        reasons.append(("title", _l("Enter the project name.")))
    elif len(title) > 200:
        reasons.append(("title", _l("The project name must have at most %(n)d characters.", n=200)))
    reasons += _type_problems(data)
    reasons += _date_problems(data, today)
    reasons += _amount_problems(data)
    reasons += _party_problems(data)
    if data.tech_field not in {f.value for f in TechField}:
        reasons.append(("tech_field", _l("Choose the technical field.")))
    if data.plan_source not in {p.value for p in PlanSource}:
        reasons.append(("plan_source", _l("Choose the plan source.")))
    if data.payment_method not in {p.value for p in PaymentMethod}:
        reasons.append(("payment_method", _l("Choose the payment method.")))
    elif (
        data.payment_method in (PaymentMethod.ROYALTY, PaymentMethod.ROYALTY_WITH_FEE)
        and not (data.royalty_terms or "").strip()
    ):
        reasons.append(("royalty_terms", _l("State the royalty base and rate.")))
    if not data.written:
        reasons.append(("written", _l("Only written contracts can be registered; an oral agreement cannot.")))
    return reasons


def _type_problems(data: ContractInput) -> Reasons:
    reasons: Reasons = []
    rule_set = rules.for_date(data.signed_on)
    type_rule = rule_set.type(data.contract_type)
    if type_rule is None:
        reasons.append(("contract_type", _l("Choose a contract type valid on the signing date.")))
        return reasons
    if not rule_set.valid_subtype(data.contract_type, data.subtype):
        reasons.append(("subtype", _l("Choose a sub-type of this contract type.")))
    if data.subtype == "other" and not (data.subtype_detail or "").strip():
        reasons.append(
            ("subtype_detail", _l("Name the right transferred or licensed (e.g. software copyright)."))
        )
    if data.ip_kind not in {k.value for k in IPKind}:
        reasons.append(("ip_kind", _l("Choose the kind of intellectual property involved.")))
    elif data.contract_type in ("transfer", "licence"):
        if data.ip_kind not in IP_SUBJECTS:
            reasons.append(("ip_kind", _l("A transfer or licence must name the right it concerns.")))
        if data.ip_kind == IPKind.PATENT and not [n for n in data.ip_numbers if n.strip()]:
            reasons.append(("ip_numbers", _l("Give the patent or application numbers.")))
    if data.contract_type == "licence" or data.subtype == "patent_licence":
        if data.licence_exclusivity and data.licence_exclusivity not in {e.value for e in LicenceExclusivity}:
            reasons.append(("licence_exclusivity", _l("Choose exclusive, sole or ordinary.")))
        if data.licence_years is not None and not 0 < data.licence_years <= 50:
            reasons.append(("licence_years", _l("The licence term must be between 1 and 50 years.")))
    return reasons


def _date_problems(data: ContractInput, today: date) -> Reasons:
    reasons: Reasons = []
    if data.signed_on is None:
        reasons.append(("signed_on", _l("Enter the signing date.")))
    elif data.signed_on > today:
        reasons.append(("signed_on", _l("The signing date cannot be in the future.")))
    if data.effective_on and data.signed_on and data.effective_on < data.signed_on:
        reasons.append(("effective_on", _l("A contract cannot take effect before it is signed.")))
    if data.valid_from is None or data.valid_until is None:
        reasons.append(("valid_until", _l("Enter the validity period.")))
    elif data.valid_until < data.valid_from:
        reasons.append(("valid_until", _l("The validity period ends before it starts.")))
    elif data.valid_until < today:
        reasons.append(
            ("valid_until", _l("The contract's validity period has ended; it can no longer be registered."))
        )
    return reasons


def _amount_problems(data: ContractInput) -> Reasons:
    reasons: Reasons = []
    amount = data.contract_amount
    if amount is None:
        reasons.append(("contract_amount", _l("Enter the contract amount in yuan.")))
        return reasons
    if amount <= 0 or amount >= AMOUNT_MAX:
        reasons.append(("contract_amount", _l("The contract amount must be more than 0 yuan.")))
    elif amount != amount.quantize(CENT):
        reasons.append(("contract_amount", _l("Amounts are in yuan with at most two decimals.")))
    for i, cost in enumerate(data.costs):
        name = f"costs-{i}"
        if cost.category not in {c.value for c in CostCategory}:
            reasons.append((f"{name}-category", _l("Choose what the cost is for.")))
        if not (cost.description or "").strip():
            reasons.append((f"{name}-description", _l("Describe the item.")))
        if cost.amount is None or cost.amount <= 0 or cost.amount != Decimal(cost.amount).quantize(CENT):
            reasons.append((f"{name}-amount", _l("Enter the item's amount in yuan.")))
    costs_known = all(c.amount is not None and c.amount > 0 for c in data.costs)
    if amount > 0 and costs_known and deductions(data.costs) > amount:
        reasons.append(("costs", _l("The non-technical costs exceed the contract amount.")))
    return reasons


def _party_problems(data: ContractInput) -> Reasons:
    reasons: Reasons = []
    roles = [p.role for p in data.parties]
    for role, message in (
        (PartyRole.SELLER, _l("Enter the seller.")),
        (PartyRole.BUYER, _l("Enter the buyer.")),
    ):
        if role not in roles:
            reasons.append((f"{role}-name", message))
    if data.subtype == "brokerage" and PartyRole.BROKER not in roles:
        reasons.append(("broker-name", _l("A brokerage contract names the broker.")))
    if len(set(roles)) != len(roles) or any(r not in {x.value for x in PartyRole} for r in roles):
        reasons.append((None, _l("Each party role may appear once.")))
    for party in data.parties:
        prefix = party.role
        if not (party.name or "").strip():
            reasons.append((f"{prefix}-name", _l("Enter the party's full name.")))
        if party.kind not in {k.value for k in PartyKind}:
            reasons.append((f"{prefix}-kind", _l("Choose organisation or natural person.")))
        if not re.fullmatch(r"\d{3}", party.country_code or ""):
            reasons.append((f"{prefix}-country_code", _l("Enter the 3-digit country code (China: 156).")))
        domestic = party.country_code == CHINA
        if domestic:
            if regions.get(party.region_code) is None:
                reasons.append((f"{prefix}-region_code", _l("Choose the party's region (6-digit code).")))
            if party.kind == PartyKind.ORGANIZATION and not uscc.is_valid(
                uscc.compact(party.credit_code or "")
            ):
                reasons.append(
                    (f"{prefix}-credit_code", _l("Enter a valid unified social credit code (18 characters)."))
                )
        if party.legal_type is not None and party.legal_type not in LEGAL_TYPES:
            reasons.append((f"{prefix}-legal_type", _l("Choose the party's legal-person type.")))
    seller = next((p for p in data.parties if p.role == PartyRole.SELLER), None)
    if data.is_import and seller is not None and seller.country_code == CHINA:
        reasons.append(("is_import", _l("A technology import has a seller outside China.")))
    return reasons


# --- duplicates --------------------------------------------------------------------------------------------


def duplicates(session: Session, contract: Contract) -> list[Contract]:
    """Other active records of the same contract: same seller and buyer, title, signing date and amount."""
    seller, buyer = contract.seller, contract.buyer
    if seller is None or buyer is None:
        return []
    candidates = session.scalars(
        sa.select(Contract).where(
            Contract.id != contract.id,
            Contract.title == contract.title,
            Contract.signed_on == contract.signed_on,
            Contract.contract_amount == contract.contract_amount,
            Contract.status.not_in([s.value for s in INACTIVE]),
        )
    )
    return [
        other
        for other in candidates
        if other.seller is not None
        and other.buyer is not None
        and _same_party(other.seller, seller)
        and _same_party(other.buyer, buyer)
    ]


def _same_party(a: ContractParty, b: ContractParty) -> bool:
    if a.credit_code and b.credit_code:
        return uscc.compact(a.credit_code) == uscc.compact(b.credit_code)
    return a.name.strip() == b.name.strip()


# --- drafting by the applicant ---------------------------------------------------------------------------


def recording_organization(actor: Any) -> Organization:
    """The verified organisation the actor records contracts for."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("login required")
    org = actor.organization
    if org is None or not org.is_verified or org.type not in RECORDING_ORGS:
        raise PermissionDenied("contracts are recorded by members of a verified organisation")
    return org


def can_record(actor: Any) -> bool:
    try:
        recording_organization(actor)
    except PermissionDenied:
        return False
    return True


def can_edit(actor: Any, contract: Contract) -> bool:
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    return (
        membership is not None
        and membership.organization_id == contract.organization_id
        and contract.status in EDITABLE
    )


def is_site_clerk(actor: Any, contract: Contract) -> bool:
    site = contract.site
    return (
        bool(getattr(actor, "is_authenticated", False))
        and site is not None
        and actor.has_role(PlatformRole.CLERK)
        and any(c.user_id == actor.id for c in site.clerks)
    )


def can_view(actor: Any, contract: Contract) -> bool:
    """The recording organisation's members, the clerks of the contract's site, platform admins."""
    if not getattr(actor, "is_authenticated", False):
        return False
    membership = actor.membership
    return (
        (membership is not None and membership.organization_id == contract.organization_id)
        or is_site_clerk(actor, contract)
        or actor.has_role("admin")
    )


def require_view(actor: Any, contract: Contract) -> None:
    if not can_view(actor, contract):
        raise PermissionDenied("contract not visible")


def organization_contracts(session: Session, actor: Any) -> list[Contract]:
    """The contracts the actor's organisation records, newest first."""
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    if membership is None:
        return []
    return list(
        session.scalars(
            sa.select(Contract)
            .where(Contract.organization_id == membership.organization_id)
            .order_by(Contract.created_at.desc(), Contract.id.desc())
        )
    )


def site_queue(session: Session, actor: Any) -> list[Contract]:
    """Applications waiting at the sites the actor is a clerk of, oldest deadline first."""
    from marketplace.contracts.models import SiteClerk

    if not getattr(actor, "is_authenticated", False) or not actor.has_role("clerk"):
        raise PermissionDenied("registration clerks only")
    site_ids = sa.select(SiteClerk.site_id).where(SiteClerk.user_id == actor.id)
    waiting = [
        ContractStatus.SUBMITTED.value,
        ContractStatus.ACCEPTED.value,
        ContractStatus.SECOND_REVIEW.value,
    ]
    return list(
        session.scalars(
            sa.select(Contract)
            .where(Contract.site_id.in_(site_ids), Contract.status.in_(waiting))
            .order_by(Contract.decision_due.is_(None), Contract.decision_due, Contract.submitted_at)
        )
    )


def _apply(session: Session, contract: Contract, data: ContractInput) -> None:
    contract.title = data.title.strip()
    contract.rule_set = rules.for_date(data.signed_on).code
    for name in COPIED_FIELDS:
        setattr(contract, name, getattr(data, name))
    contract.ip_numbers = [n.strip() for n in data.ip_numbers if n.strip()]
    if contract.contract_type == "licence" and not contract.licence_exclusivity:
        contract.licence_exclusivity = LicenceExclusivity.ORDINARY.value  # what a silent contract means
    contract.contract_amount = Decimal(data.contract_amount).quantize(CENT)
    contract.costs = [
        ContractCost(
            category=c.category,
            description=c.description.strip(),
            amount=Decimal(c.amount).quantize(CENT),
            reasonable_carrier=c.reasonable_carrier,
        )
        for c in data.costs
    ]
    # rows are updated in place per role: a role is unique per contract, and an insert is flushed before
    # the delete of the row it replaces
    existing = {party.role: party for party in contract.parties}
    kept = []
    for p in data.parties:
        row = existing.pop(p.role, None) or ContractParty(role=p.role)
        row.kind, row.name = p.kind, p.name.strip()
        row.credit_code = uscc.compact(p.credit_code) if p.credit_code else None
        row.country_code, row.region_code, row.legal_type = p.country_code, p.region_code, p.legal_type
        row.organization_id = p.organization_id or _platform_organization(session, p.credit_code)
        kept.append(row)
    contract.parties = kept
    contract.computed_technical_amount = technical_amount(contract.contract_amount, data.costs)
    contract.technical_amount = contract.computed_technical_amount
    contract.technical_amount_reason = None


def _platform_organization(session: Session, credit_code: str | None) -> int | None:
    """The platform organisation a party is, recognised by its credit code (for the statistics)."""
    if not credit_code:
        return None
    code = uscc.compact(credit_code)
    return session.scalar(sa.select(Organization.id).where(Organization.credit_code == code))


def create_contract(session: Session, actor: Any, data: ContractInput, today: date | None = None) -> Contract:
    """Record a contract as a draft of the actor's organisation; it must already be complete and valid."""
    org = recording_organization(actor)
    problems = validate(data, today)
    if problems:
        raise ValidationFailed(problems)
    contract = Contract(organization_id=org.id, created_by_id=actor.id, status=ContractStatus.DRAFT.value)
    _apply(session, contract, data)
    session.add(contract)
    session.flush()
    audit.record(
        session, actor=actor, action="contract.create", target=contract, new={"title": contract.title}
    )
    return contract


def draft_from_deal(session: Session, actor: Any, deal: Any) -> Contract:
    """The contract record of a signed deal, prefilled from the deal, its listings and the awarded bid.

    A draft of the seller (who applies for registration); it need not be complete yet: the seller adds the
    validity period, costs and the rest in the form, and everything is validated when it is applied for.
    """
    from marketplace.deals.services import FIELD_TO_TECH

    achievement, demand = deal.achievement, deal.demand
    listing_field = (achievement or demand).field if (achievement or demand) is not None else None
    summary = html.plain_text(achievement.summary or "") if achievement is not None else ""
    summary = summary or (demand.problem if demand is not None else "")
    contract = Contract(
        organization_id=deal.seller_id,
        created_by_id=actor.id,
        status=ContractStatus.DRAFT.value,
        title=deal.title[:200],
        rule_set=rules.for_date(deal.signed_on).code,
        contract_type=deal.contract_type,
        subtype=deal.subtype,
        signed_on=deal.signed_on,
        effective_on=deal.signed_on,
        tech_field=FIELD_TO_TECH.get(listing_field or "", TechField.MANUFACTURING.value),
        ip_kind=IPKind.PATENT.value
        if achievement is not None and achievement.ip_items
        else IPKind.NONE.value,
        ip_numbers=[i.number for i in achievement.ip_items if i.number] if achievement is not None else [],
        contract_amount=Decimal(deal.contract_amount).quantize(CENT),
        computed_technical_amount=Decimal(deal.contract_amount).quantize(CENT),
        technical_amount=Decimal(deal.contract_amount).quantize(CENT),
        summary=(summary or "")[:5000] or None,
        achievement_id=deal.achievement_id,
        demand_id=deal.demand_id,
    )
    parties = [
        party_of(deal.seller, "seller"),
        party_of(deal.buyer, "buyer"),
        party_of(deal.agency, "broker"),
    ]
    contract.parties = [
        ContractParty(
            role=p.role,
            kind=p.kind,
            name=p.name,
            credit_code=p.credit_code,
            country_code=p.country_code,
            region_code=p.region_code,
            legal_type=p.legal_type,
            organization_id=p.organization_id,
        )
        for p in parties
    ]
    session.add(contract)
    session.flush()
    audit.record(session, actor=actor, action="contract.create", target=contract,
                 new={"title": contract.title, "deal": deal.id})  # fmt: skip
    return contract


def update_contract(
    session: Session, actor: Any, contract: Contract, data: ContractInput, today: date | None = None
) -> Contract:
    if not can_edit(actor, contract):
        raise PermissionDenied("contract.edit")
    problems = validate(data, today)
    if problems:
        raise ValidationFailed(problems)
    old = {"title": contract.title, "contract_amount": str(contract.contract_amount)}
    _apply(session, contract, data)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="contract.edit",
        target=contract,
        old=old,
        new={"title": contract.title, "contract_amount": str(contract.contract_amount)},
    )
    return contract


def input_of(contract: Contract) -> ContractInput:
    """A stored record as input again (to re-check it when it is submitted)."""
    return ContractInput(
        title=contract.title,
        contract_amount=Decimal(contract.contract_amount),
        ip_numbers=list(contract.ip_numbers or []),
        parties=[
            PartyInput(
                p.role,
                p.name,
                p.kind,
                p.credit_code,
                p.country_code,
                p.region_code,
                p.legal_type,
                p.organization_id,
            )
            for p in contract.parties
        ],  # fmt: skip
        costs=[
            CostInput(c.category, c.description, Decimal(c.amount), c.reasonable_carrier)
            for c in contract.costs
        ],
        **{name: getattr(contract, name) for name in COPIED_FIELDS},
    )


def preview(data: ContractInput, today: date | None = None) -> dict[str, Any]:
    """What `POST /api/v1/contracts/validate` answers: problems and computed amounts, nothing saved."""
    problems = validate(data, today)
    amount = data.contract_amount
    computable = amount is not None and amount > 0 and all(c.amount and c.amount > 0 for c in data.costs)
    return {
        "valid": not problems,
        "errors": [{"field": f, "message": str(m)} for f, m in problems],
        "rule_set": rules.for_date(data.signed_on).code,
        "contract_amount": str(Decimal(amount).quantize(CENT)) if amount is not None else None,
        "technical_amount": str(technical_amount(amount, data.costs)) if computable else None,
    }


# --- technical income received ----------------------------------------------------------------------------

#: statuses in which a contract's registration stands, so income is recorded against it
REGISTRATION_STANDS = {ContractStatus.REGISTERED, ContractStatus.CHANGING, ContractStatus.CANCEL_REQUESTED}


def record_income(
    session: Session,
    actor: Any,
    contract: Contract,
    received_on: date | None,
    amount: Decimal | None,
    note: str = "",
    today: date | None = None,
) -> ContractIncome:
    """技术性收入 received under a registered contract, recorded as it comes in by the recording organisation
    (the basis of the tax relief; REGISTRATION.md §3.2). The total stays within the contract amount."""
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    if membership is None or membership.organization_id != contract.organization_id:
        raise PermissionDenied("contract.income")
    today = today or utcnow().date()
    problems: Reasons = []
    if contract.status not in REGISTRATION_STANDS:
        problems.append((None, _l("Income is recorded for registered contracts.")))
    if received_on is None or received_on > today:
        problems.append(("received_on", _l("Enter the day the income was received (not in the future).")))
    elif contract.signed_on and received_on < contract.signed_on:
        problems.append(("received_on", _l("Income cannot be received before the contract was signed.")))
    if amount is None or amount <= 0 or amount != amount.quantize(CENT):
        problems.append(("amount", _l("Enter the amount received in yuan (two decimals at most).")))
    elif sum((Decimal(i.amount) for i in contract.income), amount) > Decimal(contract.contract_amount):
        problems.append(("amount", _l("The income recorded would exceed the contract amount.")))
    if len(note or "") > 200:
        problems.append(("note", _l("The note must have at most %(n)d characters.", n=200)))
    if problems:
        raise ValidationFailed(problems)
    income = ContractIncome(received_on=received_on, amount=amount, note=(note or "").strip() or None)
    contract.income.append(income)
    session.flush()
    audit.record(session, actor=actor, action="contract.income", target=contract,
                 new={"received_on": received_on.isoformat(), "amount": str(amount)})  # fmt: skip
    return income


# --- documents of the application -------------------------------------------------------------------------

#: at most this many files per contract
DOCUMENTS_MAX = 20


def add_document(
    session: Session,
    actor: Any,
    contract: Contract,
    data: bytes,
    filename: str,
    kind: str,
    store: uploads.FileStore,
    max_bytes: int,
) -> ContractDocument:
    """Attach a file while the applicant may still edit the record (checked by content, not by name)."""
    if not can_edit(actor, contract):
        raise PermissionDenied("contract.documents")
    if kind not in DOCUMENT_KINDS:
        raise ValidationFailed.one("kind", _l("Choose what the file is."))
    if len(contract.documents) >= DOCUMENTS_MAX:
        raise ValidationFailed.one("file", _l("A contract has at most %(n)d files.", n=DOCUMENTS_MAX))
    content_type = uploads.check(data, filename, max_bytes)
    stored = store.save(data, filename, content_type)
    document = ContractDocument(
        kind=kind,
        filename=stored.filename,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by_id=actor.id,
    )
    contract.documents.append(document)
    session.flush()
    audit.record(session, actor=actor, action="contract.document.add", target=contract,
                 new={"file": stored.filename, "kind": kind, "sha256": stored.sha256})  # fmt: skip
    return document


def remove_document(session: Session, actor: Any, document: ContractDocument) -> None:
    contract = document.contract
    if not can_edit(actor, contract):
        raise PermissionDenied("contract.documents")
    audit.record(session, actor=actor, action="contract.document.remove", target=contract,
                 old={"file": document.filename, "sha256": document.sha256})  # fmt: skip
    contract.documents.remove(document)
    session.flush()


# --- public verification ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicRegistration:
    """What anyone may learn about a registration number: no parties, amounts or technical content."""

    number: str
    contract_type: str
    subtype: str | None
    registered_on: date
    site: str
    valid: bool  #: False once the registration was cancelled


def public_registration(session: Session, number: str) -> PublicRegistration | None:
    contract = session.scalar(sa.select(Contract).where(Contract.registration_number == number))
    if contract is None or contract.registered_at is None or contract.site is None:
        return None
    return PublicRegistration(
        number=contract.registration_number,
        contract_type=contract.contract_type,
        subtype=contract.subtype,
        registered_on=contract.registered_at.date(),
        site=contract.site.name,
        valid=contract.status != ContractStatus.CANCELLED,
    )
