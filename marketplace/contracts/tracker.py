"""应登尽登: every contract recorded on the platform that should be registered and is not yet.

An item is a contract that is
- ``missing``: recorded but never applied for (a draft), or
- ``returned``: back with the applicant for correction (补正), or
- ``overdue``: waiting at a site past its decision date.

Items are listed for the seller (the recording organisation), the broker (an organisation named as the
broker party) and the responsible site (the site it was applied at; for drafts, the sites of the
applicant's region), with their age and reminders. The registration rate is registered / registrable,
where registrable is every recorded contract except those a site refused (not registrable) and those
whose registration was cancelled.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext
from sqlalchemy.orm import Session, selectinload

from marketplace.accounts.models import Membership, Organization, PlatformRole, User
from marketplace.contracts import registration
from marketplace.contracts.models import Contract, ContractParty, RegistrationSite, SiteClerk
from marketplace.contracts.vocab import ContractStatus, PartyRole
from marketplace.core import audit, mail, regions
from marketplace.core.errors import PermissionDenied
from marketplace.core.notifications import N_, notify
from marketplace.db import utcnow

S = ContractStatus
MISSING, RETURNED, OVERDUE = "missing", "returned", "overdue"
WAITING = (S.SUBMITTED.value, S.ACCEPTED.value, S.SECOND_REVIEW.value)
TRACKED = (S.DRAFT.value, S.RETURNED.value, *WAITING)
NOT_REGISTRABLE = (S.REFUSED.value, S.CANCELLED.value)
#: age bands of the tracker (days), as the sites report them
AGE_BANDS = ((0, 30), (31, 90), (91, 180), (181, None))
#: a contract is reminded at most once in this many days
REMIND_EVERY = timedelta(days=7)


@dataclass(frozen=True)
class Item:
    contract: Contract
    kind: str  #: missing | returned | overdue
    since: date  #: signing date (missing), return date (returned), decision date (overdue)
    age_days: int
    #: the date the applicant or site should have acted by (filing window, resubmission, decision)
    due: date | None
    past_due: bool

    @property
    def band(self) -> int:
        return next(i for i, (low, high) in enumerate(AGE_BANDS) if high is None or self.age_days <= high)


@dataclass(frozen=True)
class Scope:
    """Which contracts an actor follows: everything (admins), a province (authorities), sites (clerks), or
    organisations (as the recording organisation or the broker)."""

    everything: bool = False
    province_codes: frozenset[str] = frozenset()
    site_ids: frozenset[int] = frozenset()
    organization_ids: frozenset[int] = frozenset()

    @property
    def empty(self) -> bool:
        return not (self.everything or self.province_codes or self.site_ids or self.organization_ids)


def scope_of(session: Session, actor: Any) -> Scope:
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("login required")
    if actor.has_role(PlatformRole.ADMIN):
        return Scope(everything=True)
    site_ids = frozenset(session.scalars(sa.select(SiteClerk.site_id).where(SiteClerk.user_id == actor.id)))
    provinces: frozenset[str] = frozenset()
    orgs: frozenset[int] = frozenset()
    org = actor.organization
    if org is not None and org.is_verified:
        if org.type == "authority":
            provinces = frozenset({org.province_code})
        else:
            orgs = frozenset({org.id})
    scope = Scope(province_codes=provinces, site_ids=site_ids, organization_ids=orgs)
    if scope.empty:
        raise PermissionDenied("the tracker is for organisations, brokers, sites and authorities")
    return scope


def _site_regions(session: Session, site_ids: frozenset[int]) -> set[str]:
    return set(
        session.scalars(sa.select(RegistrationSite.region_code).where(RegistrationSite.id.in_(site_ids)))
    )


def _in_scope(session: Session, scope: Scope):
    """A SQL condition: the contracts the scope follows."""
    if scope.everything:
        return sa.true()
    conditions = []
    applicant_region = (
        sa.select(ContractParty.region_code)
        .where(ContractParty.contract_id == Contract.id, ContractParty.role == PartyRole.SELLER.value)
        .scalar_subquery()
    )
    if scope.organization_ids:
        brokered = sa.select(ContractParty.contract_id).where(
            ContractParty.role == PartyRole.BROKER.value,
            ContractParty.organization_id.in_(scope.organization_ids),
        )
        conditions += [Contract.organization_id.in_(scope.organization_ids), Contract.id.in_(brokered)]
    if scope.site_ids:
        conditions.append(Contract.site_id.in_(scope.site_ids))
        # drafts are the sites' business too: those of applicants in the sites' regions
        for region in _site_regions(session, scope.site_ids):
            prefix = regions_prefix(region)
            conditions.append(sa.and_(Contract.site_id.is_(None), applicant_region.like(f"{prefix}%")))
    for province in scope.province_codes:
        conditions.append(applicant_region.like(f"{province[:2]}%"))
    return sa.or_(*conditions)


def regions_prefix(region_code: str) -> str:
    """The code prefix shared by a region and everything in it: 31 for 310000, 3302 for 330200."""
    if region_code.endswith("0000"):
        return region_code[:2]
    if region_code.endswith("00"):
        return region_code[:4]
    return region_code


def _filing_due(session: Session, contract: Contract) -> date | None:
    """The last day to apply: the province's filing window after signing, if it has one; otherwise the
    end of the contract's validity (an expired contract can no longer be registered)."""
    party = registration.applicant_party(contract)
    province = (party.region_code or "")[:2] + "0000" if party is not None else ""
    if contract.signed_on is not None and province.strip("0"):
        settings = registration.rules_in_force(session, province, contract.signed_on)
        if settings.filing_window_days:
            return contract.signed_on + timedelta(days=settings.filing_window_days)
    return contract.valid_until


def _item(session: Session, contract: Contract, today: date) -> Item | None:
    if contract.status == S.DRAFT:
        since = contract.signed_on or contract.created_at.date()
        due = _filing_due(session, contract)
        kind = MISSING
    elif contract.status == S.RETURNED:
        since = (contract.returned_at or contract.updated_at or utcnow()).date()
        due, kind = contract.return_due, RETURNED
    elif contract.status in WAITING and contract.decision_due is not None and contract.decision_due < today:
        since, due, kind = contract.decision_due, contract.decision_due, OVERDUE
    else:
        return None
    return Item(contract, kind, since, max((today - since).days, 0), due, due is not None and due < today)


def items(session: Session, actor: Any, kind: str | None = None, today: date | None = None) -> list[Item]:
    """The actor's open items, oldest first."""
    today = today or utcnow().date()
    scope = scope_of(session, actor)
    rows = session.scalars(
        sa.select(Contract)
        .where(Contract.status.in_(TRACKED), _in_scope(session, scope))
        .options(selectinload(Contract.parties), selectinload(Contract.organization))
    )
    found = [item for contract in rows if (item := _item(session, contract, today)) is not None]
    if kind:
        found = [item for item in found if item.kind == kind]
    return sorted(found, key=lambda item: (-item.age_days, item.contract.id))


def bands(found: list[Item]) -> list[int]:
    """How many items fall in each age band."""
    counts = [0] * len(AGE_BANDS)
    for item in found:
        counts[item.band] += 1
    return counts


# --- registration rate ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    key: str
    label: str
    registered: int
    registrable: int

    @property
    def rate(self) -> Decimal | None:
        if not self.registrable:
            return None
        return (Decimal(self.registered) / Decimal(self.registrable) * 100).quantize(Decimal("0.1"))


def rates(session: Session, actor: Any, by: str) -> list[Rate]:
    """Registered / registrable per ``organization``, ``site`` or ``region`` (the applicant's province),
    within the actor's scope. Contracts never applied for have no site: they appear under "not applied"."""
    scope = scope_of(session, actor)
    rows = session.execute(
        sa.select(
            Contract.id,
            Contract.status,
            Contract.organization_id,
            Contract.site_id,
            Contract.registration_number,
        ).where(Contract.status.not_in(NOT_REGISTRABLE), _in_scope(session, scope))
    ).all()
    seller_regions = dict(
        session.execute(
            sa.select(ContractParty.contract_id, ContractParty.region_code).where(
                ContractParty.role == PartyRole.SELLER.value,
                ContractParty.contract_id.in_([r.id for r in rows]),
            )
        ).all()
    )
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        if by == "organization":
            key = str(row.organization_id)
        elif by == "site":
            key = str(row.site_id or "")
        else:
            key = (seller_regions.get(row.id) or "")[:2] + "0000" if seller_regions.get(row.id) else ""
        tally[key][1] += 1
        tally[key][0] += row.registration_number is not None  # a change under review stays registered
    names = _names(session, by, set(tally))
    result = [Rate(key, names.get(key, key), reg, total) for key, (reg, total) in tally.items()]
    return sorted(result, key=lambda r: (r.rate is None, r.rate or 0, r.label))


def _names(session: Session, by: str, keys: set[str]) -> dict[str, str]:
    ids = [int(k) for k in keys if k.isdigit()]
    if by == "organization":
        return {
            str(i): n
            for i, n in session.execute(
                sa.select(Organization.id, Organization.name).where(Organization.id.in_(ids))
            )
        }
    if by == "site":
        found = {
            str(i): n
            for i, n in session.execute(
                sa.select(RegistrationSite.id, RegistrationSite.name).where(RegistrationSite.id.in_(ids))
            )
        }
        return found | {"": gettext("Not applied yet")}
    return {k: regions.label(k) for k in keys if k} | {"": gettext("Region unknown")}


# --- reminders -----------------------------------------------------------------------------------------


REMINDERS = {
    MISSING: N_("%(title)s is not registered yet: apply at a registration site."),
    RETURNED: N_("%(title)s was returned for correction and is waiting for you."),
    OVERDUE: N_("%(title)s is past its decision date at %(site)s."),
}


def _member_ids(session: Session, organization_id: int) -> list[int]:
    return list(
        session.scalars(
            sa.select(Membership.user_id).where(
                Membership.organization_id == organization_id, Membership.status == "approved"
            )
        )
    )


def can_remind(session: Session, actor: Any, contract: Contract) -> bool:
    """Sites, authorities and admins remind applicants; the recording organisation reminds its site."""
    try:
        scope = scope_of(session, actor)
    except PermissionDenied:
        return False
    if not session.scalar(
        sa.select(sa.exists().where(Contract.id == contract.id, _in_scope(session, scope)))
    ):
        return False
    return bool(scope.everything or scope.province_codes or scope.site_ids) or (
        contract.organization_id in scope.organization_ids and contract.status in WAITING
    )


def remind(session: Session, actor: Any, contract: Contract, now: datetime | None = None) -> int:
    """Remind whoever must act on a tracked contract, if the actor may; returns how many users were told
    (0 when it was reminded less than a week ago)."""
    now = now or utcnow()
    item = _item(session, contract, now.date())
    if item is None or not can_remind(session, actor, contract):
        raise PermissionDenied("nothing to remind")
    return _send(session, item, now, actor)


def _send(session: Session, item: Item, now: datetime, actor: Any | None) -> int:
    """The applicant's members (missing, returned) or the site's clerks (overdue) are told in the app and by
    mail; at most once a week per contract."""
    contract = item.contract
    last = contract.reminded_at
    if last is not None and (last if last.tzinfo else last.replace(tzinfo=now.tzinfo)) > now - REMIND_EVERY:
        return 0
    if item.kind == OVERDUE:
        clerks = sa.select(SiteClerk.user_id).where(SiteClerk.site_id == contract.site_id)
        user_ids = list(session.scalars(clerks))
    else:
        user_ids = _member_ids(session, contract.organization_id)
    site = contract.site.name if contract.site else ""
    message = REMINDERS[item.kind]
    sent = notify(
        session, user_ids, message, link=f"/contracts/{contract.id}", title=contract.title, site=site
    )
    for email in session.scalars(sa.select(User.email).where(User.id.in_(user_ids), User.is_enabled)):
        subject = gettext("Technology contract registration reminder")
        mail.queue(session, email, subject, gettext(message, title=contract.title, site=site))
    contract.reminded_at = now
    audit.record(session, actor=actor, action="contract.remind", target=contract, new={"kind": item.kind})
    return sent


def remind_all(session: Session, now: datetime | None = None) -> int:
    """The daily job (``flask contracts remind``): remind every open item not reminded this week; returns
    how many contracts were reminded."""
    now = now or utcnow()
    rows = session.scalars(
        sa.select(Contract).where(Contract.status.in_(TRACKED)).options(selectinload(Contract.parties))
    )
    found = [item for contract in rows if (item := _item(session, contract, now.date())) is not None]
    return sum(1 for item in found if _send(session, item, now, None))
