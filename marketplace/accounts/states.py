"""Workflows of the accounts domain: organisation verification and membership requests."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marketplace.accounts.models import MembershipStatus, PlatformRole, VerificationStatus
from marketplace.core.states import StateMachine, Transition

PLATFORM_ADMIN = "platform_admin"
ORG_ADMIN = "org_admin"


class VerificationAction(StrEnum):
    VERIFY = "verify"
    REJECT = "reject"
    REVOKE = "revoke"
    RESUBMIT = "resubmit"


class MembershipAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    REMOVE = "remove"


def _is_platform_admin(actor: Any) -> bool:
    return (
        actor is not None and getattr(actor, "is_authenticated", False) and actor.has_role(PlatformRole.ADMIN)
    )


def is_org_admin(actor: Any, organization_id: int) -> bool:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    m = actor.membership
    return m is not None and m.organization_id == organization_id and m.is_admin


def organization_roles(actor: Any, organization: Any) -> set[str]:
    roles = set()
    if _is_platform_admin(actor):
        roles.add(PLATFORM_ADMIN)
    if is_org_admin(actor, organization.id):
        roles.add(ORG_ADMIN)
    return roles


def membership_roles(actor: Any, membership: Any) -> set[str]:
    roles = set()
    if _is_platform_admin(actor):
        roles.add(PLATFORM_ADMIN)
    if is_org_admin(actor, membership.organization_id):
        roles.add(ORG_ADMIN)
    return roles


P, V, R = VerificationStatus.PENDING, VerificationStatus.VERIFIED, VerificationStatus.REJECTED

ORGANIZATION_VERIFICATION = StateMachine(
    name="organization",
    states=VerificationStatus,
    actions=VerificationAction,
    state_attr="verification_status",
    roles_of=organization_roles,
    transitions={
        (P, VerificationAction.VERIFY): Transition(V, frozenset({PLATFORM_ADMIN})),
        (P, VerificationAction.REJECT): Transition(R, frozenset({PLATFORM_ADMIN}), needs_note=True),
        (V, VerificationAction.REVOKE): Transition(R, frozenset({PLATFORM_ADMIN}), needs_note=True),
        (R, VerificationAction.RESUBMIT): Transition(P, frozenset({ORG_ADMIN})),
    },
    ignored=frozenset({(V, VerificationAction.VERIFY)}),
)

MP, MA, MR = MembershipStatus.PENDING, MembershipStatus.APPROVED, MembershipStatus.REJECTED

MEMBERSHIP = StateMachine(
    name="membership",
    states=MembershipStatus,
    actions=MembershipAction,
    roles_of=membership_roles,
    transitions={
        (MP, MembershipAction.APPROVE): Transition(MA, frozenset({ORG_ADMIN, PLATFORM_ADMIN})),
        (MP, MembershipAction.REJECT): Transition(MR, frozenset({ORG_ADMIN, PLATFORM_ADMIN})),
        (MA, MembershipAction.REMOVE): Transition(MR, frozenset({ORG_ADMIN, PLATFORM_ADMIN})),
    },
    ignored=frozenset({(MA, MembershipAction.APPROVE), (MR, MembershipAction.REJECT)}),
)
