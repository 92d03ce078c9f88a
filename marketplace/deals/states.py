"""The stages of a deal, declared once: 意向 lead -> 洽谈 negotiating -> 签约 signed -> 履行 performing ->
完成 closed, and 终止 lost (with a reason) from any open stage.

Roles relative to a deal: ``broker`` (a broker named on the deal, or a verified broker of the deal's
agency), ``party`` (an approved member of the buyer or the seller) and ``admin`` (platform admins).
A broker of another agency holds no role and cannot move the deal.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marketplace.accounts.models import PlatformRole
from marketplace.core.states import StateMachine, Transition
from marketplace.deals.models import DealStage

BROKER, PARTY, ADMIN = "broker", "party", "admin"


class DealAction(StrEnum):
    NEGOTIATE = "negotiate"
    SIGN = "sign"
    PERFORM = "perform"
    CLOSE = "close"
    LOSE = "lose"


def is_deal_broker(actor: Any, deal: Any) -> bool:
    if not getattr(actor, "is_authenticated", False) or not actor.has_role(PlatformRole.BROKER):
        return False
    if any(b.user_id == actor.id for b in deal.brokers):
        return True
    membership = actor.membership
    return membership is not None and membership.organization_id == deal.agency_id


def is_deal_party(actor: Any, deal: Any) -> bool:
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    return membership is not None and membership.organization_id in (deal.buyer_id, deal.seller_id)


def deal_roles(actor: Any, deal: Any) -> set[str]:
    roles: set[str] = set()
    if not getattr(actor, "is_authenticated", False):
        return roles
    if is_deal_broker(actor, deal):
        roles.add(BROKER)
    if is_deal_party(actor, deal):
        roles.add(PARTY)
    if actor.has_role(PlatformRole.ADMIN):
        roles.add(ADMIN)
    return roles


S, A = DealStage, DealAction
_broker = frozenset({BROKER, ADMIN})
_anyone = frozenset({BROKER, PARTY, ADMIN})

DEAL = StateMachine(
    name="deal",
    states=DealStage,
    actions=DealAction,
    roles_of=deal_roles,
    state_attr="stage",
    transitions={
        (S.LEAD, A.NEGOTIATE): Transition(S.NEGOTIATING, _broker),
        (S.NEGOTIATING, A.SIGN): Transition(S.SIGNED, _anyone),
        (S.SIGNED, A.PERFORM): Transition(S.PERFORMING, _anyone),
        (S.PERFORMING, A.CLOSE): Transition(S.CLOSED, _broker),
        (S.LEAD, A.LOSE): Transition(S.LOST, _anyone, needs_note=True),
        (S.NEGOTIATING, A.LOSE): Transition(S.LOST, _anyone, needs_note=True),
        (S.SIGNED, A.LOSE): Transition(S.LOST, _anyone, needs_note=True),
        (S.PERFORMING, A.LOSE): Transition(S.LOST, _anyone, needs_note=True),
    },
)
