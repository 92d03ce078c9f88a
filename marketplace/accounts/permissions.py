"""Who may do what in the accounts domain, checked by the services (templates only mirror it).

Workflow moves (verification, membership decisions) are authorised by their state tables in
``states.py``; this module covers the remaining actions.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marketplace.accounts.models import PlatformRole
from marketplace.accounts.states import is_org_admin
from marketplace.core.errors import PermissionDenied


class Action(StrEnum):
    CREATE_ORGANIZATION = "organization.create"
    EDIT_ORGANIZATION = "organization.edit"
    VIEW_MEMBERS = "organization.members"
    REQUEST_MEMBERSHIP = "membership.request"
    SET_MEMBER_ROLE = "membership.set_role"
    MANAGE_ROLES = "user.roles"
    ADMINISTER = "platform.administer"  #: admin pages: users, organisations, audit log, dev mailbox


def _authenticated(actor: Any) -> bool:
    return actor is not None and bool(getattr(actor, "is_authenticated", False))


def can(actor: Any, action: Action, target: Any = None) -> bool:
    if not _authenticated(actor):
        return False
    is_admin = actor.has_role(PlatformRole.ADMIN)
    match action:
        case Action.CREATE_ORGANIZATION | Action.REQUEST_MEMBERSHIP:
            # one organisation per user: no approved or pending membership yet
            return actor.membership is None and actor.pending_membership is None
        case Action.EDIT_ORGANIZATION | Action.SET_MEMBER_ROLE:
            org_id = target.id if action is Action.EDIT_ORGANIZATION else target.organization_id
            return is_admin or is_org_admin(actor, org_id)
        case Action.VIEW_MEMBERS:
            m = actor.membership
            return is_admin or (m is not None and m.organization_id == target.id)
        case Action.MANAGE_ROLES | Action.ADMINISTER:
            return is_admin
    return False


def require(actor: Any, action: Action, target: Any = None) -> None:
    if not can(actor, action, target):
        raise PermissionDenied(str(action))
