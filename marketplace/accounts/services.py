"""Business rules of accounts: sign-up, login, password reset, organisations, memberships, roles.

Every function takes the session and the acting user explicitly, flushes but never commits, and
raises ``ValidationFailed`` (all problems at once), ``PermissionDenied`` or ``InvalidTransition``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import argon2.profiles
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from marketplace.accounts.models import (
    DISPLAY_NAME_MAX,
    EMAIL_MAX,
    LIVE_MEMBERSHIP,
    NAME_MAX,
    Membership,
    MembershipRole,
    MembershipStatus,
    Organization,
    OrganizationType,
    PlatformRole,
    User,
    UserRole,
    VerificationStatus,
)
from marketplace.accounts.permissions import Action, require
from marketplace.accounts.states import (
    MEMBERSHIP,
    ORGANIZATION_VERIFICATION,
    MembershipAction,
)
from marketplace.core import audit, regions
from marketplace.core.errors import ValidationFailed
from marketplace.db import utcnow

PASSWORD_MIN = 10
PASSWORD_MAX = 128
LANGUAGES = ("zh_Hans", "zh_Hant", "en")

_hasher = PasswordHasher()
# verified against when the email is unknown, so a login costs the same whether or not the user exists
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def use_password_profile(name: str) -> None:
    """Choose the argon2 parameters (a name from ``argon2.profiles``) for new hashes.

    Existing hashes keep verifying; ``authenticate`` rehashes them with the current parameters.
    """
    global _hasher, _DUMMY_HASH
    profile = getattr(argon2.profiles, name, None)
    if profile is None:
        raise ValueError(f"unknown argon2 profile {name!r}")
    if _hasher.time_cost != profile.time_cost or _hasher.memory_cost != profile.memory_cost:
        _hasher = PasswordHasher.from_parameters(profile)
        _DUMMY_HASH = _hasher.hash("not-a-real-password")


# --- passwords -------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def password_problems(password: str, field: str = "password") -> list[tuple[str, object]]:
    if len(password) < PASSWORD_MIN:
        return [(field, _l("The password must have at least %(n)d characters.", n=PASSWORD_MIN))]
    if len(password) > PASSWORD_MAX:
        return [(field, _l("The password must have at most %(n)d characters.", n=PASSWORD_MAX))]
    if len(set(password)) < 4:
        return [(field, _l("The password is too simple: use more different characters."))]
    return []


def _check_password(user: User | None, password: str) -> bool:
    try:
        return _hasher.verify(user.password_hash if user else _DUMMY_HASH, password) and user is not None
    except (VerificationError, InvalidHashError):
        return False


# --- users -----------------------------------------------------------------------------------


@dataclass
class SignupInfo:
    email: str
    password: str
    display_name: str
    locale: str | None = None


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def sign_up(session: Session, info: SignupInfo) -> User:
    """Create a user account. Fails on a malformed or taken email, a weak password, a bad name."""
    reasons: list[tuple[str | None, object]] = []
    email = normalise_email(info.email)
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        reasons.append(("email", _l("Enter a valid email address.")))
    if len(email) > EMAIL_MAX:
        reasons.append(("email", _l("The email address is too long.")))
    elif not reasons and find_user_by_email(session, email) is not None:
        reasons.append(("email", _l("An account with this email address already exists.")))
    name = info.display_name.strip()
    if not name:
        reasons.append(("display_name", _l("Enter your name.")))
    elif len(name) > DISPLAY_NAME_MAX:
        reasons.append(
            ("display_name", _l("The name must have at most %(n)d characters.", n=DISPLAY_NAME_MAX))
        )
    reasons += password_problems(info.password)
    if reasons:
        raise ValidationFailed(reasons)
    user = User(
        email=email,
        password_hash=hash_password(info.password),
        display_name=name,
        locale=info.locale if info.locale in LANGUAGES else None,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor=user, action="user.sign_up", target=user, new={"email": email})
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user with this email and password, or None; disabled accounts never authenticate."""
    user = find_user_by_email(session, email)
    if not _check_password(user, password) or user is None or not user.is_enabled:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    reasons: list[tuple[str | None, object]] = []
    if not _check_password(user, current):
        reasons.append(("current_password", _l("The current password is wrong.")))
    reasons += password_problems(new, "new_password")
    if reasons:
        raise ValidationFailed(reasons)
    user.password_hash = hash_password(new)
    audit.record(session, actor=user, action="user.change_password", target=user)


def update_profile(session: Session, user: User, display_name: str) -> None:
    name = display_name.strip()
    if not name:
        raise ValidationFailed.one("display_name", _l("Enter your name."))
    if len(name) > DISPLAY_NAME_MAX:
        raise ValidationFailed.one(
            "display_name", _l("The name must have at most %(n)d characters.", n=DISPLAY_NAME_MAX)
        )
    old, new = audit.changes(user, ["display_name"], {"display_name": name})
    if new:
        audit.record(session, actor=user, action="user.edit", target=user, old=old, new=new)


def set_locale(session: Session, user: User, locale: str) -> None:
    if locale not in LANGUAGES:
        raise ValidationFailed.one("locale", _l("Unknown language."))
    user.locale = locale


# --- password reset --------------------------------------------------------------------------

_RESET_SALT = "password-reset"


def _password_fingerprint(user: User) -> str:
    # part of the token: once the password changes, every earlier token stops working
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User, secret_key: str) -> str:
    serializer = URLSafeTimedSerializer(secret_key, salt=_RESET_SALT)
    return serializer.dumps({"uid": user.id, "fp": _password_fingerprint(user)})


def user_for_reset_token(session: Session, token: str, secret_key: str, max_age: int) -> User:
    """The user a valid reset token belongs to. Raises ValidationFailed when expired, used or forged."""
    serializer = URLSafeTimedSerializer(secret_key, salt=_RESET_SALT)
    try:
        data = serializer.loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise ValidationFailed.one(None, _l("This reset link has expired. Ask for a new one.")) from exc
    except BadSignature as exc:
        raise ValidationFailed.one(None, _l("This reset link is not valid.")) from exc
    user = session.get(User, data.get("uid")) if isinstance(data, dict) else None
    if user is None or not user.is_enabled or data.get("fp") != _password_fingerprint(user):
        raise ValidationFailed.one(None, _l("This reset link has already been used or is not valid."))
    return user


def reset_password(session: Session, token: str, new_password: str, secret_key: str, max_age: int) -> User:
    user = user_for_reset_token(session, token, secret_key, max_age)
    problems = password_problems(new_password)
    if problems:
        raise ValidationFailed(problems)
    user.password_hash = hash_password(new_password)
    audit.record(session, actor=user, action="user.reset_password", target=user)
    return user


# --- organisations ---------------------------------------------------------------------------


@dataclass
class OrganizationInfo:
    name: str
    type: str
    credit_code: str
    province_code: str
    city_code: str


def normalise_credit_code(code: str) -> str:
    return uscc.compact(code or "")


def _organization_problems(
    session: Session, info: OrganizationInfo, existing: Organization | None = None
) -> list[tuple[str | None, object]]:
    reasons: list[tuple[str | None, object]] = []
    name = info.name.strip()
    if not name:
        reasons.append(("name", _l("Enter the organisation's registered name.")))
    elif len(name) > NAME_MAX:
        reasons.append(("name", _l("The name must have at most %(n)d characters.", n=NAME_MAX)))
    if info.type not in {t.value for t in OrganizationType}:
        reasons.append(("type", _l("Choose the kind of organisation.")))
    code = normalise_credit_code(info.credit_code)
    if not uscc.is_valid(code):
        reasons.append(
            (
                "credit_code",
                _l("This is not a valid unified social credit code (18 characters, check digit last)."),
            )
        )
    else:
        clash = session.scalar(sa.select(Organization).where(Organization.credit_code == code))
        if clash is not None and clash is not existing:
            reasons.append(
                ("credit_code", _l("An organisation with this credit code is already registered."))
            )
    if regions.get(info.province_code) is None or not info.province_code.endswith("0000"):
        reasons.append(("province_code", _l("Choose a province.")))
    elif not regions.is_city_of(info.city_code, info.province_code):
        reasons.append(("city_code", _l("Choose a city in the chosen province.")))
    return reasons


def create_organization(session: Session, actor: User, info: OrganizationInfo) -> Organization:
    """Create an organisation awaiting verification; its creator becomes its first admin."""
    require(actor, Action.CREATE_ORGANIZATION)
    reasons = _organization_problems(session, info)
    if reasons:
        raise ValidationFailed(reasons)
    org = Organization(
        name=info.name.strip(),
        type=info.type,
        credit_code=normalise_credit_code(info.credit_code),
        province_code=info.province_code,
        city_code=info.city_code,
        verification_status=VerificationStatus.PENDING.value,
    )
    session.add(org)
    session.flush()
    membership = Membership(
        user=actor,
        organization=org,
        role=MembershipRole.ADMIN.value,
        status=MembershipStatus.APPROVED.value,
        decided_by=actor,
        decided_at=utcnow(),
    )
    session.add(membership)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="organization.create",
        target=org,
        new={"name": org.name, "type": org.type, "credit_code": org.credit_code, "city_code": org.city_code},
    )
    return org


#: changing these on a verified organisation sends it back to verification
_IDENTITY_FIELDS = ("name", "credit_code", "type")


def update_organization(session: Session, actor: User, org: Organization, info: OrganizationInfo) -> None:
    require(actor, Action.EDIT_ORGANIZATION, org)
    reasons = _organization_problems(session, info, existing=org)
    if reasons:
        raise ValidationFailed(reasons)
    values = {
        "name": info.name.strip(),
        "type": info.type,
        "credit_code": normalise_credit_code(info.credit_code),
        "province_code": info.province_code,
        "city_code": info.city_code,
    }
    old, new = audit.changes(org, list(values), values)
    if not new:
        return
    if org.verification_status == VerificationStatus.VERIFIED and set(new) & set(_IDENTITY_FIELDS):
        old["verification_status"] = org.verification_status
        org.verification_status = new["verification_status"] = VerificationStatus.PENDING.value
        org.verified_at = None
    audit.record(session, actor=actor, action="organization.edit", target=org, old=old, new=new)


def decide_verification(
    session: Session, actor: User, org: Organization, action: str, note: str | None = None
) -> bool:
    """Verify, reject, revoke (platform admins) or resubmit (organisation admins) an organisation."""
    machine = ORGANIZATION_VERIFICATION
    transition = machine.transitions.get((org.verification_status, str(action)))
    # the permission is checked first (by ``can``) so an outsider learns nothing from validation messages
    if (
        transition
        and transition.needs_note
        and not (note and note.strip())
        and machine.can(org, action, actor)
    ):
        raise ValidationFailed.one("note", _l("Give a reason; the organisation will see it."))
    changed = ORGANIZATION_VERIFICATION.apply(session, org, action, actor, note)
    if changed:
        org.verification_note = note.strip() if note else None
        org.verified_at = utcnow() if org.verification_status == VerificationStatus.VERIFIED else None
    return changed


def list_organizations(
    *, query: str | None = None, type: str | None = None, status: str | None = None
) -> sa.Select[tuple[Organization]]:
    stmt = sa.select(Organization).order_by(Organization.name)
    if query:
        stmt = stmt.where(
            sa.or_(
                Organization.name.contains(query, autoescape=True), Organization.credit_code == query.upper()
            )
        )
    if type:
        stmt = stmt.where(Organization.type == type)
    if status:
        stmt = stmt.where(Organization.verification_status == status)
    return stmt


# --- memberships -----------------------------------------------------------------------------


def request_membership(session: Session, actor: User, org: Organization) -> Membership:
    """Ask to join an organisation; its admins decide. A user has one organisation at a time."""
    require(actor, Action.REQUEST_MEMBERSHIP, org)
    if org.verification_status == VerificationStatus.REJECTED:
        raise ValidationFailed.one(None, _l("This organisation cannot accept members at the moment."))
    membership = Membership(user=actor, organization=org)
    session.add(membership)
    session.flush()
    audit.record(
        session, actor=actor, action="membership.request", target=membership, new={"organization_id": org.id}
    )
    return membership


def decide_membership(session: Session, actor: User, membership: Membership, action: str) -> bool:
    """Approve, reject or remove a membership (organisation admins and platform admins)."""
    if action == MembershipAction.REMOVE and membership.is_admin:
        _ensure_another_admin(session, membership)
    changed = MEMBERSHIP.apply(session, membership, action, actor)
    if changed:
        membership.decided_by = actor
        membership.decided_at = utcnow()
        if membership.status == MembershipStatus.REJECTED:
            membership.role = MembershipRole.MEMBER.value
    return changed


def set_member_role(session: Session, actor: User, membership: Membership, role: str) -> None:
    require(actor, Action.SET_MEMBER_ROLE, membership)
    if role not in {r.value for r in MembershipRole}:
        raise ValidationFailed.one("role", _l("Unknown role."))
    if membership.status != MembershipStatus.APPROVED:
        raise ValidationFailed.one("role", _l("Only approved members can be given a role."))
    if membership.role == role:
        return
    if role == MembershipRole.MEMBER:
        _ensure_another_admin(session, membership)
    old = membership.role
    membership.role = role
    audit.record(
        session,
        actor=actor,
        action="membership.set_role",
        target=membership,
        old={"role": old},
        new={"role": role},
    )


def _ensure_another_admin(session: Session, membership: Membership) -> None:
    admins = session.scalar(
        sa.select(sa.func.count(Membership.id)).where(
            Membership.organization_id == membership.organization_id,
            Membership.status == MembershipStatus.APPROVED,
            Membership.role == MembershipRole.ADMIN,
            Membership.id != membership.id,
        )
    )
    if not admins:
        raise ValidationFailed.one(None, _l("An organisation needs at least one administrator."))


def members(session: Session, actor: User, org: Organization) -> list[Membership]:
    """Members and pending requests of an organisation, for its members and platform admins."""
    require(actor, Action.VIEW_MEMBERS, org)
    return list(
        session.scalars(
            sa.select(Membership)
            .where(Membership.organization_id == org.id, Membership.status.in_(LIVE_MEMBERSHIP))
            .order_by(Membership.status.desc(), Membership.created_at)
        )
    )


# --- platform roles --------------------------------------------------------------------------


def grant_role(session: Session, actor: User, user: User, role: str) -> bool:
    require(actor, Action.MANAGE_ROLES)
    if role not in {r.value for r in PlatformRole}:
        raise ValidationFailed.one("role", _l("Unknown role."))
    if user.has_role(role):
        return False
    user.roles.append(UserRole(role=role))
    audit.record(session, actor=actor, action="user.grant_role", target=user, new={"role": role})
    return True


def revoke_role(session: Session, actor: User, user: User, role: str) -> bool:
    require(actor, Action.MANAGE_ROLES)
    if role == PlatformRole.ADMIN and user.id == actor.id:
        raise ValidationFailed.one("role", _l("You cannot remove your own administrator role."))
    for held in list(user.roles):
        if held.role == role:
            user.roles.remove(held)
            audit.record(session, actor=actor, action="user.revoke_role", target=user, old={"role": role})
            return True
    return False


def bootstrap_admin(session: Session, email: str, password: str, display_name: str) -> User:
    """Create the first platform administrator (CLI ``flask users create-admin``)."""
    user = find_user_by_email(session, email) or sign_up(session, SignupInfo(email, password, display_name))
    if not user.has_role(PlatformRole.ADMIN):
        user.roles.append(UserRole(role=PlatformRole.ADMIN.value))
        audit.record(session, actor=None, action="user.grant_role", target=user, new={"role": "admin"})
    return user


def list_users(*, query: str | None = None) -> sa.Select[tuple[User]]:
    stmt = sa.select(User).order_by(User.created_at.desc(), User.id.desc())
    if query:
        stmt = stmt.where(
            sa.or_(
                User.email.icontains(query, autoescape=True),
                User.display_name.icontains(query, autoescape=True),
            )
        )
    return stmt
