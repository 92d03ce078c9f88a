"""What an authority manages itself: its registration sites (多点布局), the clerks of each site, and the
province's registration settings from a date on, so that no clerk waits for a code change.

The administrators of a verified authority manage the sites in its province; platform admins manage all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import Membership, Organization, PlatformRole, User
from marketplace.contracts.models import ProvinceRules, RegistrationSite, SiteClerk
from marketplace.core import audit, regions
from marketplace.core.errors import PermissionDenied, ValidationFailed

PATTERN_FIELDS = {"yyyy": "2026", "yy": "26", "region": "310000", "region4": "3100", "site": "01"}


def managed_authority(actor: Any) -> Organization | None:
    """The authority the actor administers, or None for a platform admin (who manages every site)."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("login required")
    membership = actor.membership
    org = actor.organization
    if org is not None and org.type == "authority" and org.is_verified and membership and membership.is_admin:
        return org
    if actor.has_role(PlatformRole.ADMIN):
        return None
    raise PermissionDenied("registration sites are managed by an authority's administrators")


def _require_site(actor: Any, site: RegistrationSite) -> None:
    authority = managed_authority(actor)
    if authority is not None and site.authority_id != authority.id:
        raise PermissionDenied("not this authority's site")


def sites_of(session: Session, actor: Any) -> list[RegistrationSite]:
    authority = managed_authority(actor)
    query = sa.select(RegistrationSite).order_by(RegistrationSite.region_code, RegistrationSite.code)
    if authority is not None:
        query = query.where(RegistrationSite.authority_id == authority.id)
    return list(session.scalars(query))


def create_site(session: Session, actor: Any, name: str, code: str, region_code: str) -> RegistrationSite:
    authority = managed_authority(actor)
    if authority is None:
        raise PermissionDenied("a site belongs to an authority: its administrators create it")
    name, code = (name or "").strip(), (code or "").strip()
    problems = []
    if not 2 <= len(name) <= 200:
        problems.append(("name", _l("Enter the site's name.")))
    if not re.fullmatch(r"\d{2}", code):
        problems.append(("code", _l("The site code has two digits (it is part of registration numbers).")))
    if regions.get(region_code) is None or region_code[:2] != authority.province_code[:2]:
        problems.append(("region_code", _l("Choose a region of the authority's province.")))
    elif session.scalar(
        sa.select(RegistrationSite.id).where(
            RegistrationSite.region_code == region_code, RegistrationSite.code == code
        )
    ):
        problems.append(("code", _l("This region already has a site with this code.")))
    if problems:
        raise ValidationFailed(problems)
    site = RegistrationSite(authority_id=authority.id, name=name, code=code, region_code=region_code)
    session.add(site)
    session.flush()
    audit.record(session, actor=actor, action="site.create", target=site, new={"name": name, "code": code})
    return site


def set_active(session: Session, actor: Any, site: RegistrationSite, active: bool) -> None:
    """A closed site takes no new applications; what it registered stays registered."""
    _require_site(actor, site)
    site.active = active
    audit.record(session, actor=actor, action="site.active", target=site, new={"active": active})


def assign_clerk(session: Session, actor: Any, site: RegistrationSite, email: str) -> SiteClerk:
    """A clerk (platform role ``clerk``) who is an approved member of the site's authority."""
    _require_site(actor, site)
    user = session.scalar(sa.select(User).where(User.email == (email or "").strip().lower()))
    member = user is not None and session.scalar(
        sa.select(Membership.id).where(
            Membership.user_id == user.id,
            Membership.organization_id == site.authority_id,
            Membership.status == "approved",
        )
    )
    if user is None or not user.has_role(PlatformRole.CLERK) or not member:
        raise ValidationFailed.one(
            "email", _l("Enter the address of a clerk who is a member of the site's authority.")
        )
    existing = next((c for c in site.clerks if c.user_id == user.id), None)
    if existing is not None:
        return existing
    clerk = SiteClerk(user_id=user.id)
    site.clerks.append(clerk)
    session.flush()
    audit.record(session, actor=actor, action="site.clerk.add", target=site, new={"user": user.id})
    return clerk


def remove_clerk(session: Session, actor: Any, site: RegistrationSite, user_id: int) -> None:
    _require_site(actor, site)
    clerk = next((c for c in site.clerks if c.user_id == user_id), None)
    if clerk is None:
        return
    site.clerks.remove(clerk)
    audit.record(session, actor=actor, action="site.clerk.remove", target=site, old={"user": user_id})


@dataclass
class RulesInput:
    effective_from: date | None
    decision_days: int | None
    working_days: bool
    filing_window_days: int | None
    large_threshold: Decimal | None
    large_basis: str
    correction_days: int | None
    number_pattern: str
    note: str = ""


def pattern_problem(pattern: str) -> Any | None:
    """Why a registration-number pattern cannot be used, or None."""
    if "{serial" not in pattern:
        return _l("The pattern needs the serial, e.g. {serial:06d}.")
    try:
        sample = pattern.format(serial=1, **PATTERN_FIELDS)
    except (KeyError, ValueError, IndexError):
        return _l("Use only {yyyy}, {yy}, {region}, {region4}, {site} and {serial:06d}.")
    if not re.fullmatch(r"[0-9A-Za-z\-]{6,32}", sample):
        return _l("Numbers are 6 to 32 digits, letters or hyphens.")
    return None


def rules_of(session: Session, actor: Any) -> list[ProvinceRules]:
    authority = managed_authority(actor)
    query = sa.select(ProvinceRules).order_by(
        ProvinceRules.province_code, ProvinceRules.effective_from.desc()
    )
    if authority is not None:
        query = query.where(ProvinceRules.province_code == authority.province_code)
    return list(session.scalars(query))


def add_rules(session: Session, actor: Any, data: RulesInput) -> ProvinceRules:
    """New settings of the authority's province from a date on; earlier rows keep governing earlier days."""
    authority = managed_authority(actor)
    if authority is None:
        raise PermissionDenied("province settings are an authority's")
    problems = []
    if data.effective_from is None:
        problems.append(("effective_from", _l("Enter the day the settings apply from.")))
    elif session.scalar(
        sa.select(ProvinceRules.id).where(
            ProvinceRules.province_code == authority.province_code,
            ProvinceRules.effective_from == data.effective_from,
        )
    ):
        problems.append(("effective_from", _l("Settings from this day exist already.")))
    if data.decision_days is None or not 1 <= data.decision_days <= 90:
        problems.append(("decision_days", _l("The decision deadline is 1 to 90 days.")))
    if data.filing_window_days is not None and not 1 <= data.filing_window_days <= 3650:
        problems.append(("filing_window_days", _l("The filing window is 1 to 3650 days, or empty.")))
    if data.correction_days is None or not 1 <= data.correction_days <= 180:
        problems.append(("correction_days", _l("The time to correct is 1 to 180 days.")))
    if data.large_threshold is None or data.large_threshold <= 0:
        problems.append(("large_threshold", _l("Enter the large-contract threshold in yuan.")))
    if data.large_basis not in ("technical", "contract"):
        problems.append(("large_basis", _l("Choose the amount the threshold applies to.")))
    problem = pattern_problem(data.number_pattern or "")
    if problem is not None:
        problems.append(("number_pattern", problem))
    if problems:
        raise ValidationFailed(problems)
    row = ProvinceRules(
        province_code=authority.province_code,
        effective_from=data.effective_from,
        decision_days=data.decision_days,
        working_days=data.working_days,
        filing_window_days=data.filing_window_days,
        large_threshold=data.large_threshold,
        large_basis=data.large_basis,
        correction_days=data.correction_days,
        number_pattern=data.number_pattern,
        note=(data.note or "").strip()[:200] or None,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="province_rules.add",
        target=row,
        new={"from": data.effective_from.isoformat(), "decision_days": data.decision_days},
    )
    return row
