"""Business rules of the catalogue: creating, editing, reviewing, publishing and expiring listings,
attachments, contact visibility, completeness and view counting.

Functions take the session and the acting user, flush but never commit, and raise ``ValidationFailed``,
``PermissionDenied`` or ``InvalidTransition``. ``validate_*`` functions are shared with the importer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session, selectinload

from marketplace.accounts.models import MembershipStatus, Organization, OrganizationType, PlatformRole
from marketplace.catalogue import patents
from marketplace.catalogue.models import (
    TITLE_MAX,
    Achievement,
    AchievementIP,
    Attachment,
    Bookmark,
    ChallengeBid,
    CofundingPolicy,
    Collection,
    CollectionItem,
    Demand,
    DemandKind,
    Inquiry,
    ListingStatus,
    ListingView,
    RevisionStatus,
)
from marketplace.catalogue.states import (
    BID,
    COLLECTION,
    LISTING,
    REVISION,
    SYSTEM_ACTOR,
    BidAction,
    CollectionAction,
    ListingAction,
    RevisionAction,
)
from marketplace.catalogue.vocab import (
    IP_TYPES,
    MATURITY_ORDER,
    PATENT_TYPES,
    Field,
    IPStatus,
    IPType,
    Maturity,
    TransferMode,
)
from marketplace.core import audit, counters, regions, uploads
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.core.html import plain_text, sanitise
from marketplace.core.notifications import N_, notify
from marketplace.db import utcnow

Listing = Achievement | Demand
CHINA = ZoneInfo("Asia/Shanghai")
Reasons = list[tuple[str | None, Any]]

#: who may publish what (organisation types)
ACHIEVEMENT_OWNERS = {OrganizationType.UNIVERSITY, OrganizationType.INSTITUTE, OrganizationType.ENTERPRISE}
DEMAND_OWNERS = {OrganizationType.ENTERPRISE}
MONEY_MAX = Decimal("1000000000000")  # 1e12 元: far above any real contract, below the column's limit
EDITABLE = {
    ListingStatus.DRAFT,
    ListingStatus.RETURNED,
    ListingStatus.SUBMITTED,
    ListingStatus.WITHDRAWN,
    ListingStatus.EXPIRED,
}
DELETABLE = {ListingStatus.DRAFT, ListingStatus.RETURNED, ListingStatus.WITHDRAWN}


# --- who acts for which organisation --------------------------------------------------------------


def acting_organization(actor: Any, allowed_types: set[str]) -> Organization:
    """The verified organisation the actor publishes for; PermissionDenied when there is none that may."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("login required")
    org = actor.organization
    if org is None or not org.is_verified or org.type not in allowed_types:
        raise PermissionDenied("needs a verified organisation of type " + "/".join(sorted(allowed_types)))
    return org


def can_publish(actor: Any, kind: str) -> bool:
    try:
        acting_organization(actor, ACHIEVEMENT_OWNERS if kind == "achievement" else DEMAND_OWNERS)
    except PermissionDenied:
        return False
    return True


def is_owner(actor: Any, listing: Listing) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    membership = actor.membership
    return membership is not None and membership.organization_id == listing.organization_id


def is_org_admin_of(actor: Any, org: Organization) -> bool:
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    return membership is not None and membership.organization_id == org.id and membership.is_admin


def is_moderator(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and (
        actor.has_role(PlatformRole.MODERATOR) or actor.has_role(PlatformRole.ADMIN)
    )


def can_view(actor: Any, listing: Listing) -> bool:
    """Published listings are public; others only for the owning organisation and moderators."""
    return listing.is_published or is_owner(actor, listing) or is_moderator(actor)


def require_view(actor: Any, listing: Listing) -> None:
    if not can_view(actor, listing):
        raise PermissionDenied("listing not visible")


def contact_visible(actor: Any, listing: Listing) -> bool:
    """Contact details: for logged-in members of verified organisations, the owner and moderators."""
    if is_owner(actor, listing) or is_moderator(actor):
        return True
    org = actor.organization if getattr(actor, "is_authenticated", False) else None
    return org is not None and org.is_verified


# --- input ----------------------------------------------------------------------------------------


@dataclass
class IPInput:
    ip_type: str
    number: str = ""
    status: str = IPStatus.GRANTED.value


@dataclass
class AchievementInput:
    title: str
    summary: str
    field: str
    maturity: str
    province_code: str
    city_code: str
    keywords: list[str] = field(default_factory=list)
    trl: int | None = None
    transfer_modes: list[str] = field(default_factory=list)
    #: 元; None means 面议
    price: Decimal | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    team: list[dict[str, str]] = field(default_factory=list)
    title_en: str | None = None
    summary_en: str | None = None
    ip_items: list[IPInput] = field(default_factory=list)


@dataclass
class DemandInput:
    title: str
    field: str
    problem: str
    metrics: str
    expected_maturity: str
    deadline: date | None
    province_code: str
    city_code: str
    kind: str = DemandKind.DEMAND.value
    constraints: str = ""
    ip_terms: str = ""
    keywords: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    budget: Decimal | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    reward: Decimal | None = None
    application_deadline: date | None = None
    #: share of the contract value co-funded by the authority (0-1) and its cap in 元
    cofunding_rate: Decimal | None = None
    cofunding_cap: Decimal | None = None


def split_keywords(text: str) -> list[str]:
    """Keywords typed with any of the usual separators (，,、;；/ and spaces)."""
    parts = re.split(r"[,，、;；/\s]+", text or "")
    seen: list[str] = []
    for part in parts:
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def _common_problems(data: Any, today: date) -> Reasons:
    reasons: Reasons = []
    title = (data.title or "").strip()
    if not title:
        reasons.append(("title", _l("Enter a title.")))
    elif len(title) > TITLE_MAX:
        reasons.append(("title", _l("The title must have at most %(n)d characters.", n=TITLE_MAX)))
    if data.field not in {f.value for f in Field}:
        reasons.append(("field", _l("Choose a technical field.")))
    if regions.get(data.province_code) is None or not (data.province_code or "").endswith("0000"):
        reasons.append(("province_code", _l("Choose a province.")))
    elif not regions.is_city_of(data.city_code, data.province_code):
        reasons.append(("city_code", _l("Choose a city in the chosen province.")))
    if len(data.keywords) > 10 or any(len(k) > 30 for k in data.keywords):
        reasons.append(("keywords", _l("Give at most 10 keywords of at most 30 characters each.")))
    if data.contact_email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", data.contact_email.strip()):
        reasons.append(("contact_email", _l("Enter a valid email address.")))
    if data.contact_phone and not re.fullmatch(r"[0-9+\-() ]{5,30}", data.contact_phone.strip()):
        reasons.append(("contact_phone", _l("Enter a valid phone number.")))
    if len(data.contact_name or "") > 50:
        reasons.append(("contact_name", _l("The name must have at most %(n)d characters.", n=50)))
    return reasons


def _money_problem(value: Decimal | None, name: str) -> Reasons:
    if value is not None and (value < 0 or value >= MONEY_MAX):
        return [(name, _l("Enter an amount between 0 and 100 billion yuan."))]
    return []


def validate_achievement(data: AchievementInput, today: date | None = None) -> Reasons:
    """Every problem of an achievement's input, as (field, message); empty when it can be saved."""
    reasons = _common_problems(data, today or date.today())
    if len(plain_text(sanitise(data.summary))) < 20:
        reasons.append(("summary", _l("Describe the achievement in at least 20 characters.")))
    if data.maturity not in {m.value for m in Maturity}:
        reasons.append(("maturity", _l("Choose the maturity stage.")))
    if data.trl is not None and not 1 <= data.trl <= 9:
        reasons.append(("trl", _l("The technology readiness level is a number from 1 to 9.")))
    modes = {m.value for m in TransferMode}
    if not data.transfer_modes or any(m not in modes for m in data.transfer_modes):
        reasons.append(("transfer_modes", _l("Choose at least one transfer mode.")))
    reasons += _money_problem(data.price, "price")
    if len(data.team) > 30 or any(
        len(m.get("name", "")) > 50 or len(m.get("title", "")) > 50 for m in data.team
    ):
        reasons.append(
            ("team", _l("List at most 30 team members, names and titles of at most 50 characters."))
        )
    if data.title_en and len(data.title_en) > 200:
        reasons.append(("title_en", _l("The title must have at most %(n)d characters.", n=200)))
    ip_types = {t.value for t in IPType}
    for index, item in enumerate(data.ip_items, start=1):
        if item.ip_type not in ip_types or item.status not in {s.value for s in IPStatus}:
            reasons.append(
                ("ip_items", _l("Intellectual property item %(n)d: choose its type and status.", n=index))
            )
        elif item.ip_type in PATENT_TYPES and not patents.is_valid(item.number, item.ip_type):
            reasons.append(
                (
                    "ip_items",
                    _l(
                        "%(type)s number “%(number)s” is not a valid Chinese patent application number "
                        "(e.g. 201710601862.3; the last character is a check digit).",
                        type=IP_TYPES[IPType(item.ip_type)],
                        number=item.number,
                    ),
                )
            )
        elif item.ip_type not in PATENT_TYPES and item.ip_type != IPType.KNOW_HOW and not item.number.strip():
            reasons.append(
                ("ip_items", _l("Intellectual property item %(n)d: enter its registration number.", n=index))
            )
    return reasons


def validate_demand(data: DemandInput, today: date | None = None) -> Reasons:
    today = today or date.today()
    reasons = _common_problems(data, today)
    if data.kind not in {k.value for k in DemandKind}:
        reasons.append(("kind", _l("Unknown kind of demand.")))
    if len((data.problem or "").strip()) < 20:
        reasons.append(("problem", _l("Describe the problem in at least 20 characters.")))
    if not (data.metrics or "").strip():
        reasons.append(("metrics", _l("State the target metrics, quantified where possible.")))
    if data.expected_maturity not in {m.value for m in Maturity}:
        reasons.append(("expected_maturity", _l("Choose the expected maturity.")))
    modes = {m.value for m in TransferMode}
    if not data.modes or any(m not in modes for m in data.modes):
        reasons.append(("modes", _l("Choose at least one cooperation mode.")))
    if data.deadline is None:
        reasons.append(("deadline", _l("Choose a deadline.")))
    elif data.deadline < today:
        reasons.append(("deadline", _l("The deadline cannot be in the past.")))
    elif data.deadline > today + timedelta(days=3 * 366):
        reasons.append(("deadline", _l("The deadline can be at most three years ahead.")))
    reasons += _money_problem(data.budget, "budget")
    if data.kind == DemandKind.CHALLENGE:
        if data.reward is None or data.reward <= 0:
            reasons.append(("reward", _l("A challenge needs a reward.")))
        reasons += _money_problem(data.reward, "reward")
        if data.application_deadline is None:
            reasons.append(("application_deadline", _l("Choose the last day for applications.")))
        elif data.deadline and data.application_deadline > data.deadline:
            reasons.append(
                ("application_deadline", _l("Applications must close before the challenge's deadline."))
            )
        elif data.application_deadline < today:
            reasons.append(("application_deadline", _l("The deadline cannot be in the past.")))
        if data.cofunding_rate is not None and not Decimal(0) < data.cofunding_rate <= 1:
            reasons.append(("cofunding_rate", _l("The co-funding rate is a percentage between 0 and 100.")))
        reasons += _money_problem(data.cofunding_cap, "cofunding_cap")
    return reasons


# --- create and edit ------------------------------------------------------------------------------

_ACHIEVEMENT_FIELDS = (
    "title",
    "summary",
    "field",
    "keywords",
    "maturity",
    "trl",
    "transfer_modes",
    "price",
    "province_code",
    "city_code",
    "contact_name",
    "contact_phone",
    "contact_email",
    "team",
    "title_en",
    "summary_en",
)
_DEMAND_FIELDS = (
    "title",
    "field",
    "problem",
    "metrics",
    "constraints",
    "ip_terms",
    "keywords",
    "expected_maturity",
    "modes",
    "budget",
    "deadline",
    "province_code",
    "city_code",
    "contact_name",
    "contact_phone",
    "contact_email",
    "reward",
    "application_deadline",
    "cofunding_rate",
    "cofunding_cap",
)


def _achievement_values(data: AchievementInput) -> dict[str, Any]:
    return {
        "title": data.title.strip(),
        "summary": sanitise(data.summary),
        "field": data.field,
        "keywords": list(data.keywords),
        "maturity": data.maturity,
        "trl": data.trl,
        "transfer_modes": list(dict.fromkeys(data.transfer_modes)),
        "price": data.price,
        "province_code": data.province_code,
        "city_code": data.city_code,
        "contact_name": data.contact_name.strip(),
        "contact_phone": data.contact_phone.strip(),
        "contact_email": data.contact_email.strip(),
        "team": [
            {"name": m.get("name", "").strip(), "title": m.get("title", "").strip()}
            for m in data.team
            if m.get("name", "").strip()
        ],
        "title_en": (data.title_en or "").strip() or None,
        "summary_en": (data.summary_en or "").strip() or None,
        "ip_items": [
            {
                "ip_type": i.ip_type,
                "status": i.status,
                "number": patents.validate(i.number) if i.ip_type in PATENT_TYPES else i.number.strip(),
            }
            for i in data.ip_items
        ],
    }


def _demand_values(data: DemandInput) -> dict[str, Any]:
    challenge = data.kind == DemandKind.CHALLENGE
    return {
        "title": data.title.strip(),
        "field": data.field,
        "problem": data.problem.strip(),
        "metrics": data.metrics.strip(),
        "constraints": data.constraints.strip(),
        "ip_terms": data.ip_terms.strip(),
        "keywords": list(data.keywords),
        "expected_maturity": data.expected_maturity,
        "modes": list(dict.fromkeys(data.modes)),
        "budget": data.budget,
        "deadline": data.deadline,
        "province_code": data.province_code,
        "city_code": data.city_code,
        "contact_name": data.contact_name.strip(),
        "contact_phone": data.contact_phone.strip(),
        "contact_email": data.contact_email.strip(),
        "reward": data.reward if challenge else None,
        "application_deadline": data.application_deadline if challenge else None,
        "cofunding_rate": data.cofunding_rate if challenge else None,
        "cofunding_cap": data.cofunding_cap if challenge else None,
    }


def _apply(listing: Listing, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Set the values on the listing; returns the (old, new) audit pair of what changed."""
    values = dict(values)
    ip_items = values.pop("ip_items", None)
    old, new = audit.changes(listing, list(values), values)
    if ip_items is not None and isinstance(listing, Achievement):
        before = [{"ip_type": i.ip_type, "status": i.status, "number": i.number} for i in listing.ip_items]
        if before != ip_items:
            listing.ip_items = [AchievementIP(**item) for item in ip_items]
            old["ip_items"], new["ip_items"] = before, ip_items
    return old, new


def create_achievement(session: Session, actor: Any, data: AchievementInput) -> Achievement:
    """A new draft achievement of the actor's organisation (a verified university, institute, enterprise)."""
    org = acting_organization(actor, ACHIEVEMENT_OWNERS)
    reasons = validate_achievement(data)
    if reasons:
        raise ValidationFailed(reasons)
    achievement = Achievement(
        organization_id=org.id, created_by_id=actor.id, status=ListingStatus.DRAFT.value
    )
    _apply(achievement, _achievement_values(data))
    session.add(achievement)
    session.flush()
    audit.record(
        session, actor=actor, action="listing.create", target=achievement, new={"title": achievement.title}
    )
    return achievement


def create_demand(session: Session, actor: Any, data: DemandInput) -> Demand:
    """A new draft demand or challenge of the actor's organisation (a verified enterprise)."""
    org = acting_organization(actor, DEMAND_OWNERS)
    reasons = validate_demand(data)
    if reasons:
        raise ValidationFailed(reasons)
    if data.kind == DemandKind.CHALLENGE and data.cofunding_rate is None:
        policy = cofunding_policy_for(session, data.province_code)
        if policy is not None:  # the province's authority co-funds challenges by default
            data = replace(data, cofunding_rate=policy.rate, cofunding_cap=policy.cap)
    demand = Demand(
        organization_id=org.id, created_by_id=actor.id, kind=data.kind, status=ListingStatus.DRAFT.value
    )
    _apply(demand, _demand_values(data))
    session.add(demand)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="listing.create",
        target=demand,
        new={"title": demand.title, "kind": demand.kind},
    )
    return demand


def update_listing(
    session: Session, actor: Any, listing: Listing, data: AchievementInput | DemandInput
) -> str:
    """Edit a listing. Unpublished listings change at once ("saved"); a published one keeps its published
    version visible and the edit waits for review ("revision"). Closed and transferred listings are final.
    """
    if not is_owner(actor, listing):
        raise PermissionDenied("only the owning organisation edits a listing")
    if isinstance(listing, Achievement):
        reasons = validate_achievement(data)
    else:
        if data.kind != listing.kind:
            raise ValidationFailed.one("kind", _l("The kind of a demand cannot change."))
        reasons = validate_demand(data)
    if reasons:
        raise ValidationFailed(reasons)
    values = _achievement_values(data) if isinstance(listing, Achievement) else _demand_values(data)
    if listing.status in EDITABLE:
        old, new = _apply(listing, values)
        if new:
            audit.record(session, actor=actor, action="listing.edit", target=listing, old=old, new=new)
        return "saved"
    if listing.status != ListingStatus.PUBLISHED:
        raise ValidationFailed.one(None, _l("A closed or transferred listing can no longer be changed."))
    REVISION.apply(session, listing, RevisionAction.PROPOSE, actor)
    listing.pending_changes = _jsonable(values)
    _notify_moderation_queue(session, listing)
    return "revision"


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in values.items():
        if isinstance(value, Decimal):
            out[key] = str(value)
        elif isinstance(value, date):
            out[key] = value.isoformat()
        else:
            out[key] = value
    return out


def _from_json(listing: Listing, values: dict[str, Any]) -> dict[str, Any]:
    money = {"price", "budget", "reward", "cofunding_rate", "cofunding_cap"}
    dates = {"deadline", "application_deadline"}
    out = {}
    for key, value in values.items():
        if key in money and value is not None:
            out[key] = Decimal(value)
        elif key in dates and value is not None:
            out[key] = date.fromisoformat(value)
        else:
            out[key] = value
    return out


def decide_revision(
    session: Session, actor: Any, listing: Listing, action: str, note: str | None = None
) -> None:
    """A moderator applies (approve) or returns (with a reason) the pending edit of a published listing."""
    transition = REVISION.transitions.get((listing.revision_status, str(action)))
    if (
        transition
        and transition.needs_note
        and not (note or "").strip()
        and REVISION.can(listing, action, actor)
    ):
        raise ValidationFailed.one("note", _l("Give a reason; the owner will see it."))
    REVISION.apply(session, listing, action, actor, note=note)
    if action == RevisionAction.APPROVE:
        old, new = _apply(listing, _from_json(listing, listing.pending_changes or {}))
        listing.pending_changes = None
        audit.record(
            session,
            actor=actor,
            action="listing.edit",
            target=listing,
            old=old,
            new=new,
            note="revision approved",
        )
        _notify_owner(session, listing, N_("The changes to “%(title)s” have been approved and published."))
    else:
        listing.review_note = note
        _notify_owner(
            session, listing, N_("The changes to “%(title)s” were returned: %(note)s"), note=note or ""
        )


# --- workflow -------------------------------------------------------------------------------------


def validity(listing: Listing, now: datetime, achievement_months: int) -> datetime:
    """When a listing published (or renewed) now leaves the catalogue."""
    if isinstance(listing, Demand):  # the end of the deadline day, China time
        return datetime.combine(listing.deadline + timedelta(days=1), datetime.min.time(), tzinfo=CHINA)
    return now + timedelta(days=round(achievement_months * 30.44))


def filing_number(session: Session, achievement: Achievement, now: datetime) -> str:
    """``CG-<year>-<owner's province code>-<serial>``: gap-free per province and year."""
    province = achievement.organization.province_code
    serial = counters.next_value(session, f"filing:{now.year}:{province}")
    return f"CG-{now.year}-{province}-{serial:06d}"


_MESSAGES = {
    ListingAction.SUBMIT: N_("“%(title)s” has been submitted for review."),
    ListingAction.APPROVE: N_("“%(title)s” has been approved and published."),
    ListingAction.RETURN: N_("“%(title)s” was returned for changes: %(note)s"),
    ListingAction.WITHDRAW: N_("“%(title)s” has been withdrawn from the catalogue."),
    ListingAction.CLOSE: N_("“%(title)s” has been closed."),
    ListingAction.MARK_TRANSFERRED: N_("“%(title)s” has been marked as transferred."),
    ListingAction.EXPIRE: N_(
        "“%(title)s” has expired and left the public catalogue. Renew it to publish it again."
    ),
    ListingAction.RENEW: N_("“%(title)s” has been renewed."),
}


def act(
    session: Session,
    actor: Any,
    listing: Listing,
    action: str,
    note: str | None = None,
    *,
    achievement_months: int = 12,
    now: datetime | None = None,
) -> bool:
    """Take a workflow action (see ``states.LISTING``) with its side effects; returns False when ignored."""
    now = now or utcnow()
    action = ListingAction(action) if action in {a.value for a in ListingAction} else action
    transition = LISTING.transitions.get((listing.status, str(action)))
    if (
        transition
        and transition.needs_note
        and not (note or "").strip()
        and LISTING.can(listing, action, actor)
    ):
        raise ValidationFailed.one("note", _l("Give a reason; the owner will see it."))
    submitting = action == ListingAction.SUBMIT and LISTING.can(listing, action, actor)
    if submitting and isinstance(listing, Demand) and listing.deadline < now.date():
        raise ValidationFailed.one("deadline", _l("The deadline has passed; edit it before submitting."))
    extra: dict[str, Any] = {}
    if (
        action == ListingAction.APPROVE
        and isinstance(listing, Achievement)
        and listing.filing_number is None
        and LISTING.can(listing, action, actor)
    ):
        listing.filing_number = extra["filing_number"] = filing_number(session, listing, now)
    changed = LISTING.apply(session, listing, action, actor, note=note, extra=extra)
    if not changed:
        return False
    if action == ListingAction.SUBMIT:
        listing.submitted_at = now
        _notify_moderation_queue(session, listing)
    elif action in (ListingAction.APPROVE, ListingAction.RENEW):
        listing.published_at = listing.published_at if action == ListingAction.RENEW else now
        listing.expires_at = validity(listing, now, achievement_months)
        listing.expiry_reminded_at = None
        listing.review_note = None
    elif action == ListingAction.RETURN:
        listing.review_note = note
    if action in _MESSAGES and action != ListingAction.SUBMIT:
        _notify_owner(session, listing, _MESSAGES[action], note=note or "")
    return True


def _owner_user_ids(session: Session, listing: Listing) -> list[int]:
    from marketplace.accounts.models import Membership

    return list(
        session.scalars(
            sa.select(Membership.user_id).where(
                Membership.organization_id == listing.organization_id,
                Membership.status == MembershipStatus.APPROVED,
            )
        )
    )


def _link(listing: Listing) -> str:
    return f"/{listing.kind_name}s/{listing.id}"


def _notify_owner(session: Session, listing: Listing, message: str, **params: Any) -> None:
    notify(
        session,
        _owner_user_ids(session, listing),
        message,
        link=_link(listing),
        title=listing.title,
        **params,
    )


def _notify_moderation_queue(session: Session, listing: Listing) -> None:
    from marketplace.accounts.models import UserRole

    moderators = session.scalars(sa.select(UserRole.user_id).where(UserRole.role == PlatformRole.MODERATOR))
    notify(
        session, moderators, N_("“%(title)s” is waiting for review."), link="/moderation", title=listing.title
    )


def delete_listing(session: Session, actor: Any, listing: Listing) -> set[str]:
    """Delete an unpublished listing of the actor's organisation. Returns the content hashes of its files,
    for ``purge_files`` after the commit (a file shared with another listing is kept)."""
    if not is_owner(actor, listing):
        raise PermissionDenied("only the owning organisation deletes a listing")
    if listing.status not in DELETABLE:
        raise ValidationFailed.one(None, _l("Only drafts and returned or withdrawn listings can be deleted."))
    digests = {a.sha256 for a in listing.attachments}
    audit.record(
        session,
        actor=actor,
        action="listing.delete",
        target=listing,
        old={"title": listing.title, "status": listing.status},
    )
    session.delete(listing)
    session.flush()
    return digests


def referenced_digests(session: Session, digests: set[str]) -> set[str]:
    """Files still referenced by any domain (contract documents share the store)."""
    return uploads.referenced(session, digests)


def expire_due(session: Session, now: datetime | None = None) -> int:
    """Move published listings past their expiry (achievements) or deadline (demands) to ``expired``."""
    now = now or utcnow()
    count = 0
    for model in (Achievement, Demand):
        due = session.scalars(
            sa.select(model).where(model.status == ListingStatus.PUBLISHED, model.expires_at <= now)
        ).all()
        for listing in due:
            act(session, SYSTEM_ACTOR, listing, ListingAction.EXPIRE, now=now)
            count += 1
    return count


def remind_expiring(session: Session, now: datetime | None = None, days: int = 30) -> int:
    """Tell owners, once, that a published achievement will expire within ``days``."""
    now = now or utcnow()
    due = session.scalars(
        sa.select(Achievement).where(
            Achievement.status == ListingStatus.PUBLISHED,
            Achievement.expires_at <= now + timedelta(days=days),
            Achievement.expiry_reminded_at.is_(None),
        )
    ).all()
    for achievement in due:
        _notify_owner(
            session,
            achievement,
            N_("“%(title)s” expires on %(date)s. Renew it to keep it in the catalogue."),
            date=achievement.expires_at.date().isoformat(),
        )
        achievement.expiry_reminded_at = now
    return len(due)


# --- attachments ----------------------------------------------------------------------------------


def add_attachment(
    session: Session,
    actor: Any,
    listing: Listing,
    data: bytes,
    filename: str,
    store: uploads.FileStore,
    max_bytes: int,
    role: str = "document",
) -> Attachment:
    """Attach a checked PDF or image (``role="cover"`` takes images only and replaces the old cover)."""
    if not is_owner(actor, listing):
        raise PermissionDenied("only the owning organisation adds files")
    if role not in ("document", "cover"):
        raise ValidationFailed.one("role", _l("Unknown kind of file."))
    if role == "document" and sum(1 for a in listing.attachments if a.role == "document") >= 20:
        raise ValidationFailed.one("file", _l("A listing can have at most 20 files."))
    content_type = uploads.check(data, filename, max_bytes, images_only=(role == "cover"))
    if role == "cover":
        for old in [a for a in listing.attachments if a.role == "cover"]:
            listing.attachments.remove(old)
    return _attach(session, actor, listing, store.save(data, filename, content_type), role)


def _attach(session: Session, actor: Any, owner: Any, stored: uploads.StoredFile, role: str) -> Attachment:
    """Record a stored file on its owner (a listing or a bid), audited in the same transaction."""
    attachment = Attachment(
        role=role,
        filename=stored.filename,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        uploaded_by_id=actor.id,
    )
    owner.attachments.append(attachment)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="attachment.add",
        target=owner,
        new={"filename": stored.filename, "sha256": stored.sha256, "role": role},
    )
    return attachment


def remove_attachment(session: Session, actor: Any, attachment: Attachment) -> str:
    listing = attachment.achievement or attachment.demand
    if listing is None or not is_owner(actor, listing):
        raise PermissionDenied("only the owning organisation removes files")
    audit.record(
        session,
        actor=actor,
        action="attachment.remove",
        target=listing,
        old={"filename": attachment.filename, "sha256": attachment.sha256},
    )
    listing.attachments.remove(attachment)
    session.flush()
    return attachment.sha256


def can_download(actor: Any, attachment: Attachment) -> bool:
    listing = attachment.achievement or attachment.demand
    if listing is not None:
        return can_view(actor, listing)
    bid = attachment.bid
    if bid is None:
        return False
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    org_id = membership.organization_id if membership else None
    return is_moderator(actor) or org_id in (bid.organization_id, bid.demand.organization_id)


# --- reading --------------------------------------------------------------------------------------


@dataclass
class Filters:
    field: str | None = None
    province_code: str | None = None
    maturity: str | None = None
    kind: str | None = None
    q: str | None = None


def public_listings(model: type[Listing], filters: Filters) -> sa.Select[Any]:
    """Published listings, newest first, narrowed by simple filters (full-text search is the search issue)."""
    stmt = sa.select(model).where(model.status == ListingStatus.PUBLISHED)
    if filters.field:
        stmt = stmt.where(model.field == filters.field)
    if filters.province_code:
        stmt = stmt.where(model.province_code == filters.province_code)
    if filters.maturity:
        column = model.maturity if model is Achievement else model.expected_maturity
        stmt = stmt.where(column == filters.maturity)
    if filters.kind and model is Demand:
        stmt = stmt.where(Demand.kind == filters.kind)
    if filters.q:
        stmt = stmt.where(model.title.contains(filters.q.strip(), autoescape=True))
    return stmt.order_by(model.published_at.desc(), model.id.desc())


def organization_listings(
    model: type[Listing], organization_id: int, status: str | None = None
) -> sa.Select[Any]:
    """An organisation's listings in every state (or in one), last changed first, with their attachments."""
    stmt = sa.select(model).where(model.organization_id == organization_id)
    if status:
        stmt = stmt.where(model.status == status)
    return stmt.options(selectinload(model.attachments)).order_by(model.updated_at.desc(), model.id.desc())


def moderation_queue(
    model: type[Listing], *, field: str | None = None, revisions: bool = False
) -> sa.Select[Any]:
    if revisions:
        stmt = sa.select(model).where(model.revision_status == RevisionStatus.SUBMITTED)
    else:
        stmt = sa.select(model).where(model.status == ListingStatus.SUBMITTED)
    if field:
        stmt = stmt.where(model.field == field)
    return stmt.order_by(model.submitted_at.asc().nulls_last(), model.id)


def record_view(session: Session, listing: Listing, visitor: str, today: date) -> bool:
    """Count one view per visitor per listing per day; returns True when this view was new."""
    exists = session.scalar(
        sa.select(ListingView.id).where(
            ListingView.kind == listing.kind_name,
            ListingView.listing_id == listing.id,
            ListingView.visitor == visitor,
            ListingView.day == today,
        )
    )
    if exists:
        return False
    try:
        with session.begin_nested():
            session.add(
                ListingView(kind=listing.kind_name, listing_id=listing.id, visitor=visitor, day=today)
            )
    except sa.exc.IntegrityError:  # the same visitor in two tabs at once
        return False
    session.execute(
        sa.update(type(listing))
        .where(type(listing).id == listing.id)
        .values(view_count=type(listing).view_count + 1)
    )
    return True


@dataclass
class Completeness:
    score: int
    missing: list[Any]


def completeness(achievement: Achievement) -> Completeness:
    """How complete an achievement's listing is, and what would make it more useful to enterprises."""
    checks = [
        (len(plain_text(achievement.summary)) >= 150, _l("a summary of at least 150 characters")),
        (len(achievement.keywords) >= 3, _l("at least three keywords")),
        (achievement.trl is not None, _l("the technology readiness level (TRL)")),
        (bool(achievement.ip_items), _l("the intellectual property behind it")),
        (bool(achievement.team), _l("the team")),
        (
            bool(achievement.contact_name and (achievement.contact_phone or achievement.contact_email)),
            _l("a contact person with phone or email"),
        ),
        (any(a.role == "document" for a in achievement.attachments), _l("a document (PDF)")),
        (any(a.role == "cover" for a in achievement.attachments), _l("a cover picture")),
        (bool(achievement.title_en), _l("an English title for cross-border readers")),
    ]
    done = sum(1 for ok, _label in checks if ok)
    return Completeness(round(100 * done / len(checks)), [label for ok, label in checks if not ok])


def at_least(maturity: str, minimum: str) -> bool:
    return MATURITY_ORDER.index(Maturity(maturity)) >= MATURITY_ORDER.index(Maturity(minimum))


# --- bid hooks: other domains follow challenge bids without catalogue importing them ---------------

#: Events passed to the bid hooks, each with the object it concerns:
BID_SUBMITTED = "bid_submitted"  #: a new bid
BID_SELECTING = "bid_selecting"  #: a bid about to be selected; a hook raises ValidationFailed to refuse
BID_CLOSED = "bid_closed"  #: a bid that ended without award (not selected or withdrawn)
DEPOSIT_CHANGED = "deposit_changed"  #: a challenge whose deposit changed; a hook may refuse the change

BidHook = Callable[[Session, Any, str, Any], None]
#: ``hook(session, actor, event, obj)``, run in the caller's transaction. The payments domain registers
#: its deposit rules here when its blueprint is registered (marketplace/payments/deposits.py), so the
#: catalogue works, and is tested, with or without payments.
BID_HOOKS: list[BidHook] = []


def register_bid_hook(hook: BidHook) -> None:
    """Add a hook once (registering twice, e.g. from two apps in one process, is harmless)."""
    if hook not in BID_HOOKS:
        BID_HOOKS.append(hook)


def _bid_event(session: Session, actor: Any, event: str, obj: Any) -> None:
    for hook in BID_HOOKS:
        hook(session, actor, event, obj)


# --- challenge bids (揭榜) -------------------------------------------------------------------------

BID_OWNERS = {OrganizationType.UNIVERSITY, OrganizationType.INSTITUTE}


@dataclass
class BidInput:
    proposal: str
    price: Decimal | None
    timeline: str = ""
    team: list[dict[str, str]] = field(default_factory=list)


def can_bid(actor: Any, demand: Demand, today: date | None = None) -> bool:
    today = today or date.today()
    try:
        org = acting_organization(actor, BID_OWNERS)
    except PermissionDenied:
        return False
    open_ = demand.is_challenge and demand.is_published and (demand.application_deadline or today) >= today
    return (
        open_
        and org.id != demand.organization_id
        and not any(b.organization_id == org.id for b in demand.bids)
    )


def submit_bid(
    session: Session, actor: Any, demand: Demand, data: BidInput, today: date | None = None
) -> Any:
    """A university or institute team applies to a published challenge, once, before applications close."""
    today = today or date.today()
    org = acting_organization(actor, BID_OWNERS)
    if not (demand.is_challenge and demand.is_published):
        raise ValidationFailed.one(None, _l("Only published challenges accept applications."))
    if demand.application_deadline and demand.application_deadline < today:
        raise ValidationFailed.one(None, _l("Applications for this challenge have closed."))
    if any(b.organization_id == org.id for b in demand.bids):
        raise ValidationFailed.one(None, _l("Your organisation has already applied to this challenge."))
    reasons: Reasons = []
    if len((data.proposal or "").strip()) < 20:
        reasons.append(("proposal", _l("Describe your proposal in at least 20 characters.")))
    if data.price is None or data.price <= 0:
        reasons.append(("price", _l("Enter the price you ask.")))
    reasons += _money_problem(data.price, "price")
    if reasons:
        raise ValidationFailed(reasons)
    bid = ChallengeBid(
        demand=demand,
        organization_id=org.id,
        submitted_by_id=actor.id,
        proposal=data.proposal.strip(),
        price=data.price,
        timeline=data.timeline.strip(),
        team=[
            {"name": m.get("name", "").strip(), "title": m.get("title", "").strip()}
            for m in data.team
            if m.get("name", "").strip()
        ],
    )
    session.add(bid)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="bid.submit",
        target=bid,
        new={"demand_id": demand.id, "price": data.price},
    )
    _notify_owner(session, demand, N_("%(org)s has applied to your challenge “%(title)s”."), org=org.name)
    _bid_event(session, actor, BID_SUBMITTED, bid)
    return bid


def decide_bid(session: Session, actor: Any, bid: Any, action: str) -> bool:
    """Shortlist, select, reject (the challenge's organisation) or withdraw (the bidder) a bid.

    Selecting a bid records it as awarded and tells every other open bidder that they were not selected.
    The bid hooks may refuse the selection (an unpaid deposit) and learn of every bid that closes.
    """
    if action == BidAction.SELECT and bid.status != "selected" and BID.can(bid, action, actor):
        _bid_event(session, actor, BID_SELECTING, bid)
    changed = BID.apply(session, bid, action, actor)
    if not changed:
        return False
    bid.decided_at = utcnow()
    demand = bid.demand
    if action == BidAction.SELECT:
        for other in demand.bids:
            if other is not bid and other.status in ("submitted", "shortlisted"):
                BID.apply(session, other, BidAction.REJECT, actor, note=f"bid {bid.id} selected")
                other.decided_at = utcnow()
                _notify_bidder(
                    session,
                    other,
                    N_("Another team was selected for the challenge “%(title)s”. Thank you for applying."),
                )
                _bid_event(session, actor, BID_CLOSED, other)
        session.flush()
        _notify_bidder(session, bid, N_("Your application to the challenge “%(title)s” has been selected."))
    elif action == BidAction.REJECT:
        _notify_bidder(session, bid, N_("Your application to the challenge “%(title)s” was not selected."))
        _bid_event(session, actor, BID_CLOSED, bid)
    elif action == BidAction.SHORTLIST:
        _notify_bidder(
            session, bid, N_("Your application to the challenge “%(title)s” has been shortlisted.")
        )
    elif action == BidAction.WITHDRAW:
        _bid_event(session, actor, BID_CLOSED, bid)
    return True


def _notify_bidder(session: Session, bid: Any, message: str) -> None:
    from marketplace.accounts.models import Membership

    users = session.scalars(
        sa.select(Membership.user_id).where(
            Membership.organization_id == bid.organization_id, Membership.status == MembershipStatus.APPROVED
        )
    )
    notify(session, users, message, link=_link(bid.demand), title=bid.demand.title)


def can_see_bids(actor: Any, demand: Demand) -> bool:
    return is_owner(actor, demand) or is_moderator(actor)


def own_bid(actor: Any, demand: Demand) -> Any:
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    if membership is None:
        return None
    return next((b for b in demand.bids if b.organization_id == membership.organization_id), None)


def awarded_bid(demand: Demand) -> Any:
    """The selected bid of a challenge, which the contract that follows is prefilled from."""
    return next((b for b in demand.bids if b.status == "selected"), None)


# --- bookmarks ------------------------------------------------------------------------------------


def toggle_bookmark(session: Session, user: Any, listing: Listing) -> bool:
    """Bookmark a visible listing, or remove the bookmark; returns True when it is now bookmarked."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "token", None) is not None:
        raise PermissionDenied("bookmarks belong to people")
    require_view(user, listing)
    existing = session.scalar(
        sa.select(Bookmark).where(
            Bookmark.user_id == user.id, Bookmark.kind == listing.kind_name, Bookmark.listing_id == listing.id
        )
    )
    if existing is not None:
        session.delete(existing)
        return False
    session.add(Bookmark(user_id=user.id, kind=listing.kind_name, listing_id=listing.id))
    return True


def is_bookmarked(session: Session, user: Any, listing: Listing) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        session.scalar(
            sa.select(Bookmark.id).where(
                Bookmark.user_id == user.id,
                Bookmark.kind == listing.kind_name,
                Bookmark.listing_id == listing.id,
            )
        )
        is not None
    )


def bookmarked(session: Session, user: Any, model: type[Listing]) -> list[Listing]:
    """The user's bookmarked listings of one kind that they may still see, most recent bookmark first."""
    rows = session.scalars(
        sa.select(model)
        .join(Bookmark, sa.and_(Bookmark.listing_id == model.id, Bookmark.kind == model.kind_name))
        .where(Bookmark.user_id == user.id)
        .order_by(Bookmark.created_at.desc())
    ).all()
    return [listing for listing in rows if can_view(user, listing)]


# --- collections (成果包) --------------------------------------------------------------------------

CURATORS = {OrganizationType.AGENCY, OrganizationType.AUTHORITY}


def can_curate(actor: Any) -> bool:
    try:
        acting_organization(actor, CURATORS)
    except PermissionDenied:
        return False
    return True


def _require_curator(actor: Any, collection: Collection) -> None:
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    if membership is None or membership.organization_id != collection.organization_id:
        raise PermissionDenied("only the curating organisation changes a collection")


def _collection_problems(title: str, description: str) -> Reasons:
    reasons: Reasons = []
    if not (title or "").strip():
        reasons.append(("title", _l("Enter a title.")))
    elif len(title.strip()) > TITLE_MAX:
        reasons.append(("title", _l("The title must have at most %(n)d characters.", n=TITLE_MAX)))
    if len(description or "") > 20000:
        reasons.append(("description", _l("The description is too long.")))
    return reasons


def create_collection(session: Session, actor: Any, title: str, description: str) -> Collection:
    """A new draft collection of the actor's transfer agency or authority."""
    org = acting_organization(actor, CURATORS)
    reasons = _collection_problems(title, description)
    if reasons:
        raise ValidationFailed(reasons)
    collection = Collection(
        organization_id=org.id, created_by_id=actor.id, title=title.strip(), description=sanitise(description)
    )
    session.add(collection)
    session.flush()
    audit.record(
        session, actor=actor, action="collection.create", target=collection, new={"title": collection.title}
    )
    return collection


def update_collection(
    session: Session, actor: Any, collection: Collection, title: str, description: str
) -> None:
    _require_curator(actor, collection)
    reasons = _collection_problems(title, description)
    if reasons:
        raise ValidationFailed(reasons)
    old, new = audit.changes(
        collection, ["title", "description"], {"title": title.strip(), "description": sanitise(description)}
    )
    if new:
        audit.record(session, actor=actor, action="collection.edit", target=collection, old=old, new=new)


def add_to_collection(session: Session, actor: Any, collection: Collection, achievement: Achievement) -> bool:
    """Add a published achievement (of any organisation) to the collection; False when already in it."""
    _require_curator(actor, collection)
    if not achievement.is_published:
        raise ValidationFailed.one(None, _l("Only published achievements can be added to a collection."))
    if any(item.achievement_id == achievement.id for item in collection.items):
        return False
    if len(collection.items) >= 500:
        raise ValidationFailed.one(None, _l("A collection holds at most 500 achievements."))
    collection.items.append(CollectionItem(achievement=achievement, position=len(collection.items)))
    audit.record(
        session,
        actor=actor,
        action="collection.add",
        target=collection,
        new={"achievement_id": achievement.id},
    )
    return True


def remove_from_collection(session: Session, actor: Any, collection: Collection, achievement_id: int) -> None:
    _require_curator(actor, collection)
    for item in list(collection.items):
        if item.achievement_id == achievement_id:
            collection.items.remove(item)
            audit.record(
                session,
                actor=actor,
                action="collection.remove",
                target=collection,
                old={"achievement_id": achievement_id},
            )


def act_on_collection(session: Session, actor: Any, collection: Collection, action: str) -> bool:
    if (
        action == CollectionAction.PUBLISH
        and COLLECTION.can(collection, action, actor)
        and not collection.items
    ):
        raise ValidationFailed.one(None, _l("Add at least one achievement before publishing the collection."))
    changed = COLLECTION.apply(session, collection, action, actor)
    if changed and collection.is_published:
        collection.published_at = utcnow()
    return changed


def visible_items(collection: Collection) -> list[Achievement]:
    """The collection's achievements that are still published (withdrawn ones drop out of its page)."""
    return [item.achievement for item in collection.items if item.achievement.is_published]


def curated_by(session: Session, actor: Any) -> list[Collection]:
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    if membership is None:
        return []
    return list(
        session.scalars(
            sa.select(Collection)
            .where(Collection.organization_id == membership.organization_id)
            .order_by(Collection.updated_at.desc())
        )
    )


# --- inquiries ------------------------------------------------------------------------------------

INQUIRY_MAX = 2000


def can_inquire(actor: Any, listing: Listing) -> bool:
    org = actor.organization if getattr(actor, "is_authenticated", False) else None
    return bool(org and org.is_verified and listing.is_published and org.id != listing.organization_id)


def send_inquiry(session: Session, actor: Any, listing: Listing, message: str) -> Inquiry:
    """A member of a verified organisation asks the owner about a published listing; the owner is told."""
    if not can_inquire(actor, listing):
        raise PermissionDenied("inquiries come from members of other verified organisations")
    text = (message or "").strip()
    if len(text) < 10:
        raise ValidationFailed.one(
            "message", _l("Write at least 10 characters: what you need and how to reach you.")
        )
    if len(text) > INQUIRY_MAX:
        raise ValidationFailed.one(
            "message", _l("The message must have at most %(n)d characters.", n=INQUIRY_MAX)
        )
    inquiry = Inquiry(
        from_organization_id=actor.organization.id,
        from_user_id=actor.id,
        message=text,
        **{f"{listing.kind_name}_id": listing.id},
    )
    session.add(inquiry)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="inquiry.send",
        target=inquiry,
        new={"listing": f"{listing.kind_name}:{listing.id}"},
    )
    _notify_owner(
        session, listing, N_("%(org)s sent an inquiry about “%(title)s”."), org=actor.organization.name
    )
    return inquiry


def inquiries_for(session: Session, actor: Any, listing: Listing) -> list[Inquiry]:
    """The inquiries about a listing, for its owner and moderators only."""
    if not (is_owner(actor, listing) or is_moderator(actor)):
        return []
    column = Inquiry.achievement_id if isinstance(listing, Achievement) else Inquiry.demand_id
    return list(
        session.scalars(sa.select(Inquiry).where(column == listing.id).order_by(Inquiry.created_at.desc()))
    )


def inquiry_counts(session: Session, model: type[Listing], listing_ids: list[int]) -> dict[int, int]:
    column = Inquiry.achievement_id if model is Achievement else Inquiry.demand_id
    if not listing_ids:
        return {}
    rows = session.execute(
        sa.select(column, sa.func.count(Inquiry.id)).where(column.in_(listing_ids)).group_by(column)
    )
    return {listing_id: count for listing_id, count in rows}


# --- co-funding policies of authorities -----------------------------------------------------------


def cofunding_policy_for(session: Session, province_code: str) -> CofundingPolicy | None:
    """The co-funding policy of a verified authority of the province, if one is set."""
    return session.scalar(
        sa.select(CofundingPolicy)
        .join(CofundingPolicy.organization)
        .where(CofundingPolicy.province_code == province_code, Organization.verification_status == "verified")
        .order_by(CofundingPolicy.updated_at.desc())
    )


def set_cofunding_policy(
    session: Session, actor: Any, rate: Decimal | None, cap: Decimal | None, note: str = ""
) -> CofundingPolicy | None:
    """An authority's admin sets (or, with no rate, removes) its province's default challenge co-funding."""
    from marketplace.accounts.permissions import Action, require

    org = acting_organization(actor, {OrganizationType.AUTHORITY})
    require(actor, Action.EDIT_ORGANIZATION, org)
    policy = session.scalar(sa.select(CofundingPolicy).where(CofundingPolicy.organization_id == org.id))
    if rate is None:
        if policy is not None:
            audit.record(
                session,
                actor=actor,
                action="cofunding.remove",
                target=policy,
                old={"rate": policy.rate, "cap": policy.cap},
            )
            session.delete(policy)
        return None
    reasons: Reasons = []
    if not Decimal(0) < rate <= 1:
        reasons.append(("rate", _l("The co-funding rate is a percentage between 0 and 100.")))
    reasons += _money_problem(cap, "cap")
    if len(note or "") > 200:
        reasons.append(("note", _l("At most 200 characters.")))
    if reasons:
        raise ValidationFailed(reasons)
    values = {"rate": rate, "cap": cap, "note": (note or "").strip(), "province_code": org.province_code}
    if policy is None:
        policy = CofundingPolicy(organization_id=org.id, **values)
        session.add(policy)
        session.flush()
        audit.record(session, actor=actor, action="cofunding.set", target=policy, new=values)
    else:
        old, new = audit.changes(policy, list(values), values)
        if new:
            audit.record(session, actor=actor, action="cofunding.set", target=policy, old=old, new=new)
    return policy


# --- challenge deposits (保证金), required by an authority of the challenge's province --------------


def can_set_deposit(actor: Any, demand: Demand) -> bool:
    """Approved members of a verified authority of the challenge's province (as for co-funding)."""
    try:
        org = acting_organization(actor, {OrganizationType.AUTHORITY})
    except PermissionDenied:
        return False
    return demand.is_challenge and org.province_code == demand.province_code


def set_challenge_deposit(session: Session, actor: Any, demand: Demand, amount: Decimal | None) -> None:
    """Require (or, with None, stop requiring) a deposit in 元 from every team that applies.

    The bid hooks (payments) ask the open bids for it, and refuse the change once a team has started
    paying; nothing changes after a team has been selected."""
    if not can_set_deposit(actor, demand):
        raise PermissionDenied("challenge deposit")
    if awarded_bid(demand) is not None:
        raise ValidationFailed.one(None, _l("A team has been selected; the deposit can no longer change."))
    reasons: Reasons = []
    if amount is not None and amount <= 0:
        reasons.append(("deposit", _l("Enter a deposit above zero, or leave it empty for none.")))
    reasons += _money_problem(amount, "deposit")
    if reasons:
        raise ValidationFailed(reasons)
    previous = demand.deposit
    if amount == previous:
        return
    demand.deposit = amount
    try:
        _bid_event(session, actor, DEPOSIT_CHANGED, demand)
    except Exception:
        demand.deposit = previous  # a hook refused: the challenge keeps its deposit
        raise
    audit.record(
        session,
        actor=actor,
        action="challenge.deposit",
        target=demand,
        old={"deposit": previous},
        new={"deposit": amount},
    )


def add_bid_attachment(
    session: Session,
    actor: Any,
    bid: ChallengeBid,
    data: bytes,
    filename: str,
    store: uploads.FileStore,
    max_bytes: int,
) -> Attachment:
    """The bidding team attaches a document (a proposal PDF, a certificate) while its bid is open."""
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    if membership is None or membership.organization_id != bid.organization_id:
        raise PermissionDenied("only the bidding organisation adds files to its bid")
    if bid.status not in ("submitted", "shortlisted"):
        raise ValidationFailed.one("file", _l("Files can be added while the application is open."))
    if len(bid.attachments) >= 10:
        raise ValidationFailed.one("file", _l("An application can have at most 10 files."))
    content_type = uploads.check(data, filename, max_bytes)
    return _attach(session, actor, bid, store.save(data, filename, content_type), "document")
