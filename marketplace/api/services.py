"""API tokens and the actor a token acts as."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organization
from marketplace.accounts.permissions import Action, require
from marketplace.api.models import ApiToken
from marketplace.core import audit
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.db import utcnow

TOKEN_PREFIX = "ttm_"  # noqa: S105 - a public prefix that marks our tokens, not a secret


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(session: Session, actor: Any, org: Organization, name: str) -> tuple[ApiToken, str]:
    """A new token for the organisation (its admins only). Returns the row and the token, shown once."""
    require(actor, Action.EDIT_ORGANIZATION, org)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise ValidationFailed.one(
            "name", _l("Name the token (at most 100 characters), e.g. the system using it.")
        )
    if not org.is_verified:
        raise PermissionDenied("only verified organisations use the API")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        organization_id=org.id, created_by_id=actor.id, name=name, prefix=raw[:12], token_hash=_hash(raw)
    )
    session.add(token)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="api_token.create",
        target=token,
        new={"name": name, "prefix": token.prefix},
    )
    return token, raw


def revoke_token(session: Session, actor: Any, token: ApiToken) -> None:
    require(actor, Action.EDIT_ORGANIZATION, token.organization)
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        audit.record(
            session, actor=actor, action="api_token.revoke", target=token, old={"prefix": token.prefix}
        )


def tokens_of(session: Session, actor: Any, org: Organization) -> list[ApiToken]:
    require(actor, Action.EDIT_ORGANIZATION, org)
    return list(
        session.scalars(
            sa.select(ApiToken).where(ApiToken.organization_id == org.id).order_by(ApiToken.created_at.desc())
        )
    )


@dataclass
class _Membership:
    organization_id: int
    is_admin: bool = False
    status: str = "approved"


class TokenActor:
    """The actor behind an API request: the token's organisation, acting like one of its members.

    Services see an authenticated user of that organisation without platform roles; the audit log records
    ``api-token:<prefix>`` and the admin who created the token.
    """

    is_authenticated = True
    is_active = True
    is_anonymous = False

    def __init__(self, token: ApiToken):
        self.token = token
        self.id = token.created_by_id
        self.email = f"api-token:{token.prefix}"
        self.organization = token.organization
        self.membership = _Membership(token.organization_id)
        self.pending_membership = None

    def has_role(self, role: str) -> bool:
        return False


def authenticate(session: Session, raw: str | None) -> TokenActor | None:
    """The actor for a ``Bearer`` token, or None when it is missing, unknown or revoked."""
    if not raw or not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == _hash(raw)))
    if token is None or not token.is_active or not token.organization.is_verified:
        return None
    token.last_used_at = utcnow()
    return TokenActor(token)
