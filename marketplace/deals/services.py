"""Brokers and deals: profiles and their computed record, deals from a match to a signed contract, the
deal room (messages, NDA, data room), boards and the attribution ledger.

Everything here is callable without a request; authorisation is checked here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from marketplace.accounts.models import Membership, Organization, PlatformRole, User
from marketplace.catalogue.models import Achievement, Demand
from marketplace.contracts import rules
from marketplace.contracts import services as contracts
from marketplace.contracts.models import Contract
from marketplace.contracts.vocab import ContractStatus
from marketplace.core import audit, html, mail, uploads
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.core.notifications import N_, notify
from marketplace.db import utcnow
from marketplace.deals.models import (
    OPEN_STAGES,
    Attribution,
    AttributionKind,
    BrokerProfile,
    BrokerStatus,
    DataRoomAccess,
    Deal,
    DealBroker,
    DealFile,
    DealMessage,
    DealStage,
    LostReason,
    MessageRead,
    NdaAcceptance,
)
from marketplace.deals.states import ADMIN, BROKER, DEAL, DealAction, deal_roles
from marketplace.payments import services as payments

CENT = Decimal("0.01")
#: the catalogue's fields mapped to the 11 national technical fields of the contract statistics
FIELD_TO_TECH = {
    "it": "electronics",
    "equipment": "manufacturing",
    "materials": "materials",
    "bio": "biomedicine",
    "nev": "transport",
    "energy": "energy",
    "environment": "environment",
    "digital_creative": "electronics",
    "services": "urban",
}
DEFAULT_NDA = (
    "接收方对通过本平台交易室获得的技术资料负有保密义务：仅用于评估与本项目的合作，不得向第三方披露，"
    "不得用于申请专利或自行实施；保密期限自接受之日起三年。"
)


# --- brokers ---------------------------------------------------------------------------------------------


@dataclass
class BrokerInput:
    certificate_number: str
    fields: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    bio: str = ""


def _agency_of(actor: Any) -> Organization:
    org = actor.organization if getattr(actor, "is_authenticated", False) else None
    if not actor.has_role(PlatformRole.BROKER) or org is None or org.type != "agency" or not org.is_verified:
        raise PermissionDenied("brokers are members of a verified agency")
    return org


def profile_of(session: Session, user_id: int) -> BrokerProfile | None:
    return session.scalar(sa.select(BrokerProfile).where(BrokerProfile.user_id == user_id))


def save_profile(session: Session, actor: Any, data: BrokerInput) -> BrokerProfile:
    """A broker writes their profile; a new certificate number needs the agency's verification again."""
    agency = _agency_of(actor)
    number = (data.certificate_number or "").strip()
    problems = []
    if not 4 <= len(number) <= 40:
        problems.append(("certificate_number", _l("Enter the broker certificate number.")))
    if len(data.bio or "") > 2000:
        problems.append(("bio", _l("The introduction must have at most %(n)d characters.", n=2000)))
    if problems:
        raise ValidationFailed(problems)
    profile = profile_of(session, actor.id)
    if profile is None:
        profile = BrokerProfile(user_id=actor.id, agency_id=agency.id, status=BrokerStatus.PENDING.value)
        session.add(profile)
    elif profile.certificate_number != number or profile.agency_id != agency.id:
        profile.status = BrokerStatus.PENDING.value
    profile.agency_id = agency.id
    profile.certificate_number = number
    profile.fields, profile.regions = list(dict.fromkeys(data.fields)), list(dict.fromkeys(data.regions))
    profile.bio = (data.bio or "").strip()
    session.flush()
    audit.record(session, actor=actor, action="broker.profile", target=profile, new={"certificate": number})
    if profile.status == BrokerStatus.PENDING:
        notify(
            session,
            _admin_ids(session, agency.id),
            N_("A broker profile awaits your verification: %(name)s"),
            link="/brokers/review",
            name=actor.display_name,
        )
    return profile


def _admin_ids(session: Session, org_id: int) -> list[int]:
    return list(
        session.scalars(
            sa.select(Membership.user_id).where(
                Membership.organization_id == org_id,
                Membership.status == "approved",
                Membership.role == "admin",
            )
        )
    )


def can_verify(actor: Any, profile: BrokerProfile) -> bool:
    if not getattr(actor, "is_authenticated", False):
        return False
    membership = actor.membership
    agency_admin = (
        membership is not None and membership.organization_id == profile.agency_id and membership.is_admin
    )
    return agency_admin or actor.has_role(PlatformRole.ADMIN)


def decide_profile(session: Session, actor: Any, profile: BrokerProfile, verify: bool) -> None:
    if not can_verify(actor, profile):
        raise PermissionDenied("broker.verify")
    old = profile.status
    profile.status = (BrokerStatus.VERIFIED if verify else BrokerStatus.REJECTED).value
    profile.decided_by_id, profile.decided_at = actor.id, utcnow()
    audit.record(
        session,
        actor=actor,
        action="broker.verify",
        target=profile,
        old={"status": old},
        new={"status": profile.status},
    )
    message = (
        N_("Your broker profile was verified.") if verify else N_("Your broker profile was not verified.")
    )
    notify(session, [profile.user_id], message, link="/brokers/me")


def profiles_to_review(session: Session, actor: Any) -> list[BrokerProfile]:
    query = sa.select(BrokerProfile).where(BrokerProfile.status == BrokerStatus.PENDING.value)
    if not actor.has_role(PlatformRole.ADMIN):
        membership = actor.membership
        if membership is None or not membership.is_admin:
            raise PermissionDenied("broker.verify")
        query = query.where(BrokerProfile.agency_id == membership.organization_id)
    return list(session.scalars(query.order_by(BrokerProfile.created_at)))


def is_verified_broker(session: Session, actor: Any) -> bool:
    if not getattr(actor, "is_authenticated", False) or not actor.has_role(PlatformRole.BROKER):
        return False
    profile = profile_of(session, actor.id)
    return profile is not None and profile.status == BrokerStatus.VERIFIED


@dataclass(frozen=True)
class BrokerRecord:
    """What the records say about a broker: deals closed, contracts registered and their amounts."""

    deals_closed: int = 0
    contracts_registered: int = 0
    technical_amount: Decimal = Decimal("0")
    contract_amount: Decimal = Decimal("0")


def broker_records(
    session: Session, user_ids: list[int], since: date | None = None, until: date | None = None
) -> dict[int, BrokerRecord]:
    """Computed from deals and their registered contracts, never typed; optionally within a period (the
    close date of deals, the registration date of contracts)."""
    if not user_ids:
        return {}
    closed = (
        sa.select(DealBroker.user_id, sa.func.count(Deal.id))
        .join(Deal, Deal.id == DealBroker.deal_id)
        .where(DealBroker.user_id.in_(user_ids), Deal.stage == DealStage.CLOSED.value)
    )
    registered = (
        sa.select(
            DealBroker.user_id,
            sa.func.count(Contract.id),
            sa.func.coalesce(sa.func.sum(Contract.technical_amount), 0),
            sa.func.coalesce(sa.func.sum(Contract.contract_amount), 0),
        )
        .join(Deal, Deal.id == DealBroker.deal_id)
        .join(Contract, Contract.id == Deal.contract_id)
        .where(
            DealBroker.user_id.in_(user_ids),
            Contract.registration_number.is_not(None),
            Contract.status != ContractStatus.CANCELLED.value,
        )
    )
    if since is not None:
        closed = closed.where(Deal.stage_changed_at >= datetime.combine(since, datetime.min.time()))
        registered = registered.where(Contract.registered_at >= datetime.combine(since, datetime.min.time()))
    if until is not None:
        closed = closed.where(Deal.stage_changed_at < datetime.combine(until, datetime.max.time()))
        registered = registered.where(Contract.registered_at < datetime.combine(until, datetime.max.time()))
    counts = dict(session.execute(closed.group_by(DealBroker.user_id)).all())
    records = {uid: BrokerRecord(deals_closed=counts.get(uid, 0)) for uid in user_ids}
    for uid, number, technical, amount in session.execute(registered.group_by(DealBroker.user_id)).all():
        records[uid] = BrokerRecord(counts.get(uid, 0), number, Decimal(technical), Decimal(amount))
    return records


def directory(session: Session, *, field_code: str | None = None, region: str | None = None) -> list[tuple]:
    """Verified brokers with their computed record, the most registered technical amount first."""
    profiles = list(
        session.scalars(sa.select(BrokerProfile).where(BrokerProfile.status == BrokerStatus.VERIFIED.value))
    )
    if field_code:
        profiles = [p for p in profiles if field_code in (p.fields or [])]
    if region:
        profiles = [p for p in profiles if region[:2] + "0000" in (p.regions or [])]
    records = broker_records(session, [p.user_id for p in profiles])
    rows = [(p, records.get(p.user_id, BrokerRecord())) for p in profiles]
    return sorted(rows, key=lambda r: (-r[1].technical_amount, -r[1].deals_closed, r[0].id))


# --- deals -----------------------------------------------------------------------------------------------


def can_read(actor: Any, deal: Deal) -> bool:
    return bool(deal_roles(actor, deal))


def require_read(actor: Any, deal: Deal) -> None:
    if not can_read(actor, deal):
        raise PermissionDenied("deal.read")


def open_deal(
    session: Session,
    actor: Any,
    *,
    demand: Demand | None = None,
    achievement: Achievement | None = None,
    buyer: Organization | None = None,
    seller: Organization | None = None,
    title: str | None = None,
) -> Deal:
    """A verified broker opens a deal from a match (demand + achievement) or by hand (the two parties)."""
    if not is_verified_broker(session, actor):
        raise PermissionDenied("only verified brokers open deals")
    agency = _agency_of(actor)
    buyer = buyer or (demand.organization if demand is not None else None)
    seller = seller or (achievement.organization if achievement is not None else None)
    problems = []
    if buyer is None or not buyer.is_verified:
        problems.append(("buyer_id", _l("Choose the buyer: a verified organisation.")))
    if seller is None or not seller.is_verified:
        problems.append(("seller_id", _l("Choose the seller: a verified organisation.")))
    if buyer is not None and seller is not None and buyer.id == seller.id:
        problems.append(("seller_id", _l("Buyer and seller must be different organisations.")))
    for listing in (demand, achievement):
        if listing is not None and listing.status != "published":
            problems.append((None, _l("Deals are opened on published listings.")))
    if demand is not None and achievement is not None and _open_deal_for(session, demand.id, achievement.id):
        problems.append((None, _l("An open deal already covers this match.")))
    if problems:
        raise ValidationFailed(problems)
    name = (
        (title or "").strip()
        or (achievement.title if achievement is not None else "")
        or (demand.title if demand is not None else "")
    )
    deal = Deal(
        title=name[:200] or f"{seller.name} — {buyer.name}",
        demand_id=demand.id if demand else None,
        achievement_id=achievement.id if achievement else None,
        bid_id=_awarded_bid_id(demand, seller),
        buyer_id=buyer.id,
        seller_id=seller.id,
        agency_id=agency.id,
        created_by_id=actor.id,
        teaser=_teaser(achievement),
        nda_text=DEFAULT_NDA,
        brokers=[DealBroker(user_id=actor.id, lead=True)],
    )
    session.add(deal)
    session.flush()
    audit.record(
        session, actor=actor, action="deal.open", target=deal, new={"buyer": buyer.id, "seller": seller.id}
    )
    _attribute(session, actor, AttributionKind.INTRODUCTION, deal, note=f"{seller.name} → {buyer.name}")
    _tell(session, deal, N_("A broker opened a deal with you: %(title)s"), exclude=actor.id)
    return deal


def _awarded_bid_id(demand: Demand | None, seller: Organization) -> int | None:
    if demand is None or not demand.is_challenge:
        return None
    return next(
        (b.id for b in demand.bids if b.status == "selected" and b.organization_id == seller.id), None
    )


def _teaser(achievement: Achievement | None) -> str:
    if achievement is None:
        return ""
    text = html.plain_text(achievement.summary or "").strip()  # the summary is sanitised rich text
    return text[:300] + ("…" if len(text) > 300 else "")


def _open_deal_for(session: Session, demand_id: int, achievement_id: int) -> Deal | None:
    return session.scalar(
        sa.select(Deal).where(
            Deal.demand_id == demand_id,
            Deal.achievement_id == achievement_id,
            Deal.stage.in_([s.value for s in OPEN_STAGES]),
        )
    )


def add_broker(session: Session, actor: Any, deal: Deal, broker: User) -> None:
    """A broker of the deal adds a verified co-broker of the same agency."""
    if BROKER not in deal_roles(actor, deal):
        raise PermissionDenied("deal.brokers")
    profile = profile_of(session, broker.id)
    if profile is None or profile.status != BrokerStatus.VERIFIED or profile.agency_id != deal.agency_id:
        raise ValidationFailed.one("broker", _l("Only verified brokers of the deal's agency can join it."))
    if any(b.user_id == broker.id for b in deal.brokers):
        return
    deal.brokers.append(DealBroker(user_id=broker.id))
    audit.record(session, actor=actor, action="deal.broker", target=deal, new={"broker": broker.id})


def move(
    session: Session, actor: Any, deal: Deal, action: str, *, reason: str | None = None, note: str = ""
) -> None:
    """Move a deal along its stages (signing has its own function: it needs the contract essentials)."""
    if action == DealAction.SIGN:
        raise ValueError("use sign()")
    if action == DealAction.LOSE:
        if reason not in {r.value for r in LostReason}:
            raise ValidationFailed.one("reason", _l("Choose why the deal ended."))
        if not note.strip():
            raise ValidationFailed.one("note", _l("Say in a few words why the deal ended."))
    DEAL.apply(session, deal, action, actor, note=note or None, extra={"reason": reason} if reason else None)
    deal.stage_changed_at = utcnow()
    if action == DealAction.LOSE:
        deal.lost_reason, deal.lost_note = reason, note.strip()
    _tell(session, deal, N_("The deal %(title)s moved on: %(stage)s"), exclude=actor.id, stage=deal.stage)


@dataclass
class Essentials:
    """What a deal needs to be signed: the contract's type, amount in 元, parties (the deal's) and date."""

    contract_type: str
    subtype: str | None
    contract_amount: Decimal | None
    signed_on: date | None
    commission_rate: Decimal | None = None
    commission_amount: Decimal | None = None


def _essential_problems(data: Essentials, today: date) -> list:
    problems: list = []
    rule_set = rules.for_date(data.signed_on)
    if rule_set.type(data.contract_type) is None or not rule_set.valid_subtype(
        data.contract_type, data.subtype
    ):
        problems.append(("type_choice", _l("Choose a contract type valid on the signing date.")))
    if data.contract_amount is None or data.contract_amount <= 0:
        problems.append(("contract_amount", _l("Enter the contract amount in yuan.")))
    elif data.contract_amount != data.contract_amount.quantize(CENT):
        problems.append(("contract_amount", _l("Amounts are in yuan with at most two decimals.")))
    if data.signed_on is None:
        problems.append(("signed_on", _l("Enter the signing date.")))
    elif data.signed_on > today:
        problems.append(("signed_on", _l("The signing date cannot be in the future.")))
    if data.commission_rate is not None and not Decimal(0) <= data.commission_rate <= 1:
        problems.append(("commission_rate", _l("The commission rate is a percentage between 0 and 100.")))
    if data.commission_amount is not None and data.commission_amount < 0:
        problems.append(("commission_amount", _l("The commission cannot be negative.")))
    return problems


def sign(
    session: Session,
    actor: Any,
    deal: Deal,
    data: Essentials,
    today: date | None = None,
    fee_rate: Decimal = Decimal(0),
) -> Contract:
    """签约: with the contract essentials, the deal is signed and a Contract draft is recorded for the seller,
    prefilled from the deal, the listing and the awarded bid; the seller completes the rest and applies.
    The platform service fee (``fee_rate`` of the amount, when payments are on) is invoiced to the buyer."""
    today = today or utcnow().date()
    problems = _essential_problems(data, today)
    if problems:
        raise ValidationFailed(problems)
    DEAL.apply(session, deal, DealAction.SIGN, actor, extra={"amount": str(data.contract_amount)})
    deal.stage_changed_at = utcnow()
    deal.contract_type, deal.subtype = data.contract_type, data.subtype or None
    deal.contract_amount, deal.signed_on = data.contract_amount, data.signed_on
    deal.commission_rate, deal.commission_amount = data.commission_rate, data.commission_amount
    contract = contracts.draft_from_deal(session, actor, deal)
    deal.contract_id = contract.id
    _attribute(
        session,
        actor,
        AttributionKind.CONTRACT,
        deal,
        contract_id=contract.id,
        note=f"{data.contract_amount} 元",
    )
    _tell(
        session,
        deal,
        N_("The deal %(title)s is signed; the seller completes the contract record."),
        exclude=actor.id,
        stage=deal.stage,
    )
    if fee_rate > 0:
        _invoice_service_fee(session, actor, deal, fee_rate)
    return contract


def _invoice_service_fee(session: Session, actor: Any, deal: Deal, rate: Decimal) -> None:
    fee = (Decimal(deal.contract_amount) * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    if fee <= 0:
        return
    payments.request_payment(
        session,
        actor=actor,
        purpose="service_fee",
        payer_organization=deal.buyer,
        subject_type="deal",
        subject_id=deal.id,
        amount_fen=int(fee * 100),
        description=f"平台服务费：{deal.title}",
    )


def participants(session: Session, deal: Deal) -> set[int]:
    """Everyone a deal room notifies: the parties' approved members and the deal's brokers."""
    members = set(
        session.scalars(
            sa.select(Membership.user_id).where(
                Membership.organization_id.in_([deal.buyer_id, deal.seller_id]),
                Membership.status == "approved",
            )
        )
    )
    return members | {b.user_id for b in deal.brokers}


def _tell(session: Session, deal: Deal, message: str, exclude: int | None = None, **params: Any) -> None:
    notify(
        session,
        participants(session, deal) - {exclude},
        message,
        link=f"/deals/{deal.id}",
        title=deal.title,
        **params,
    )


def _attribute(
    session: Session,
    actor: Any,
    kind: AttributionKind,
    deal: Deal | None = None,
    *,
    contract_id: int | None = None,
    demand_id: int | None = None,
    achievement_id: int | None = None,
    note: str = "",
) -> Attribution:
    brokers = [b for b in deal.brokers if b.lead] if deal is not None else []
    broker_id = brokers[0].user_id if brokers else actor.id
    row = Attribution(
        kind=kind.value,
        broker_id=broker_id,
        agency_id=deal.agency_id if deal is not None else actor.membership.organization_id,
        deal_id=deal.id if deal is not None else None,
        demand_id=demand_id if demand_id is not None else (deal.demand_id if deal is not None else None),
        achievement_id=achievement_id
        if achievement_id is not None
        else (deal.achievement_id if deal else None),
        contract_id=contract_id,
        recorded_by_id=actor.id,
        note=note[:500],
    )
    session.add(row)
    session.flush()
    return row


def record_sourcing(
    session: Session, actor: Any, listing: Demand | Achievement, note: str = ""
) -> Attribution:
    """A verified broker records that they brought a listing to the platform (first claim only)."""
    if not is_verified_broker(session, actor):
        raise PermissionDenied("only verified brokers record sourcing")
    is_demand = isinstance(listing, Demand)
    kind = AttributionKind.SOURCED_DEMAND if is_demand else AttributionKind.SOURCED_ACHIEVEMENT
    column = Attribution.demand_id if is_demand else Attribution.achievement_id
    if session.scalar(sa.select(Attribution.id).where(Attribution.kind == kind.value, column == listing.id)):
        raise ValidationFailed.one(None, _l("A broker is already recorded as the source of this listing."))
    row = _attribute(
        session,
        actor,
        kind,
        demand_id=listing.id if is_demand else None,
        achievement_id=None if is_demand else listing.id,
        note=note,
    )
    audit.record(session, actor=actor, action="broker.source", target=listing, new={"attribution": row.id})
    return row


def ledger(session: Session, actor: Any) -> list[Attribution]:
    """The attribution ledger: platform admins see all of it, an agency's members their agency's rows."""
    query = sa.select(Attribution).order_by(Attribution.created_at.desc(), Attribution.id.desc())
    if not actor.has_role(PlatformRole.ADMIN):
        org = actor.organization
        if org is None or org.type != "agency":
            raise PermissionDenied("ledger")
        query = query.where(Attribution.agency_id == org.id)
    return list(session.scalars(query.limit(500)))


# --- boards ----------------------------------------------------------------------------------------------


def board(session: Session, actor: Any) -> dict[str, list[Deal]]:
    """The actor's deals by stage: a broker's (named on the deal or of its agency), an organisation's."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("login required")
    conditions = []
    if actor.has_role(PlatformRole.BROKER):
        conditions.append(Deal.brokers.any(DealBroker.user_id == actor.id))
    membership = actor.membership
    if membership is not None:
        org = membership.organization_id
        conditions += [Deal.buyer_id == org, Deal.seller_id == org, Deal.agency_id == org]
    if actor.has_role(PlatformRole.ADMIN):
        conditions.append(sa.true())
    if not conditions:
        return {stage.value: [] for stage in DealStage}
    deals = session.scalars(
        sa.select(Deal)
        .where(sa.or_(*conditions))
        .options(selectinload(Deal.brokers))
        .order_by(Deal.stage_changed_at.desc(), Deal.id.desc())
    )
    grouped: dict[str, list[Deal]] = {stage.value: [] for stage in DealStage}
    for deal in deals:
        grouped[deal.stage].append(deal)
    return grouped


# --- the deal room ---------------------------------------------------------------------------------------

MESSAGE_MAX = 5000


def post_message(
    session: Session,
    actor: Any,
    deal: Deal,
    body: str,
    files: list[tuple[bytes, str]],
    store: uploads.FileStore | None,
    max_bytes: int,
) -> DealMessage:
    """A message from a party or a broker, with attachments checked like catalogue attachments."""
    require_read(actor, deal)
    text = (body or "").strip()
    if not text and not files:
        raise ValidationFailed.one("body", _l("Write a message or attach a file."))
    if len(text) > MESSAGE_MAX:
        raise ValidationFailed.one("body", _l("A message has at most %(n)d characters.", n=MESSAGE_MAX))
    if len(files) > 5:
        raise ValidationFailed.one("files", _l("Attach at most %(n)d files to a message.", n=5))
    checked = [(data, name, uploads.check(data, name, max_bytes, field="files")) for data, name in files]
    if checked and store is None:
        raise ValueError("a file store is needed for attachments")
    message = DealMessage(deal_id=deal.id, author_id=actor.id, body=text)
    session.add(message)
    session.flush()
    for data, filename, content_type in checked:
        message.files.append(_file(deal, store.save(data, filename, content_type), actor, confidential=False))
    session.flush()
    mark_read(session, actor, deal)
    recipients = participants(session, deal) - {actor.id}
    notify(
        session,
        recipients,
        N_("New message in the deal room of %(title)s"),
        link=f"/deals/{deal.id}",
        title=deal.title,
    )
    for email in session.scalars(sa.select(User.email).where(User.id.in_(recipients), User.is_enabled)):
        mail.queue(session, email, f"交易室新消息：{deal.title}", f"{text[:500]}\n\n/deals/{deal.id}")
    return message


def _file(deal: Deal, stored: uploads.StoredFile, actor: Any, confidential: bool) -> DealFile:
    return DealFile(
        deal_id=deal.id,
        confidential=confidential,
        filename=stored.filename,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by_id=actor.id,
    )


def add_confidential_file(
    session: Session,
    actor: Any,
    deal: Deal,
    data: bytes,
    filename: str,
    store: uploads.FileStore,
    max_bytes: int,
) -> DealFile:
    """The seller (or the deal's broker) puts a document in the data room."""
    roles = deal_roles(actor, deal)
    seller_member = actor.membership is not None and actor.membership.organization_id == deal.seller_id
    if not (seller_member or BROKER in roles or ADMIN in roles):
        raise PermissionDenied("data room")
    stored = store.save(data, filename, uploads.check(data, filename, max_bytes))
    document = _file(deal, stored, actor, confidential=True)
    deal.files.append(document)
    session.flush()
    audit.record(session, actor=actor, action="deal.dataroom.add", target=deal, new={"file": stored.filename})
    return document


def nda_sha256(deal: Deal) -> str:
    return hashlib.sha256(deal.nda_text.encode("utf-8")).hexdigest()


def nda_accepted(deal: Deal, organization_id: int) -> NdaAcceptance | None:
    """The buyer's acceptance of the NDA version in force, if any."""
    return next(
        (
            a
            for a in deal.nda_acceptances
            if a.organization_id == organization_id and a.version == deal.nda_version
        ),
        None,
    )


def accept_nda(session: Session, actor: Any, deal: Deal) -> NdaAcceptance:
    """A member of the buyer accepts the NDA in force; who, when and which text version are recorded."""
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    if membership is None or membership.organization_id != deal.buyer_id:
        raise PermissionDenied("only the buyer accepts the NDA")
    existing = next(
        (a for a in deal.nda_acceptances if a.user_id == actor.id and a.version == deal.nda_version), None
    )
    if existing is not None:
        return existing
    acceptance = NdaAcceptance(
        organization_id=deal.buyer_id,
        user_id=actor.id,
        version=deal.nda_version,
        text_sha256=nda_sha256(deal),
    )
    deal.nda_acceptances.append(acceptance)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="deal.nda",
        target=deal,
        new={"version": deal.nda_version, "sha256": acceptance.text_sha256},
    )
    _tell(
        session,
        deal,
        N_("The buyer accepted the NDA of %(title)s; the data room is open to it."),
        exclude=actor.id,
    )
    return acceptance


def can_open(actor: Any, file: DealFile) -> bool:
    """Message attachments: everyone in the deal room. Data-room documents: the seller, the brokers and
    admins; the buyer only after accepting the NDA in force."""
    deal = file.deal
    roles = deal_roles(actor, file.deal)
    if not roles:
        return False
    if not file.confidential or BROKER in roles or ADMIN in roles:
        return True
    membership = actor.membership
    if membership is not None and membership.organization_id == deal.seller_id:
        return True
    return (
        membership is not None
        and membership.organization_id == deal.buyer_id
        and nda_accepted(deal, deal.buyer_id) is not None
    )


def open_file(session: Session, actor: Any, file: DealFile) -> DealFile:
    """Check access and log every opening of a confidential document by someone outside the seller."""
    if not can_open(actor, file):
        raise PermissionDenied("deal file")
    membership = actor.membership
    org_id = membership.organization_id if membership is not None else None
    if file.confidential and org_id != file.deal.seller_id:
        session.add(DataRoomAccess(file_id=file.id, user_id=actor.id, organization_id=org_id))
        session.flush()
    return file


def access_log(session: Session, actor: Any, deal: Deal) -> list[DataRoomAccess]:
    """Who opened the data room's documents: for the seller, the brokers and admins."""
    roles = deal_roles(actor, deal)
    seller_member = actor.membership is not None and actor.membership.organization_id == deal.seller_id
    if not (seller_member or BROKER in roles or ADMIN in roles):
        raise PermissionDenied("access log")
    return list(
        session.scalars(
            sa.select(DataRoomAccess)
            .join(DealFile)
            .where(DealFile.deal_id == deal.id)
            .order_by(DataRoomAccess.at.desc())
        )
    )


def mark_read(session: Session, actor: Any, deal: Deal) -> None:
    last = session.scalar(sa.select(sa.func.max(DealMessage.id)).where(DealMessage.deal_id == deal.id)) or 0
    row = session.scalar(
        sa.select(MessageRead).where(MessageRead.deal_id == deal.id, MessageRead.user_id == actor.id)
    )
    if row is None:
        session.add(MessageRead(deal_id=deal.id, user_id=actor.id, last_message_id=last))
    elif row.last_message_id < last:
        row.last_message_id = last


def unread_counts(session: Session, actor: Any, deal_ids: list[int]) -> dict[int, int]:
    """Messages by others the actor has not seen yet, per deal."""
    if not deal_ids:
        return {}
    seen = (
        sa.select(MessageRead.last_message_id)
        .where(MessageRead.deal_id == DealMessage.deal_id, MessageRead.user_id == actor.id)
        .scalar_subquery()
    )
    rows = session.execute(
        sa.select(DealMessage.deal_id, sa.func.count(DealMessage.id))
        .where(
            DealMessage.deal_id.in_(deal_ids),
            DealMessage.author_id != actor.id,
            DealMessage.id > sa.func.coalesce(seen, 0),
        )
        .group_by(DealMessage.deal_id)
    ).all()
    return dict(rows)
