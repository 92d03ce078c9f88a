"""The life of a payment, declared once as a table, with Stripe as one of the actors.

Most moves come from Stripe's webhooks rather than from people, but they fit the same ``StateMachine`` as
the other workflows: Stripe is an actor with its own role (``stripe``), so the table answers both "who may"
and "from which state", and every move is audited the same way. What the shared machine calls an
*ignored* action (a harmless repeat: a second completion of a paid payment) and an *invalid* one (a stale
event: a completion arriving after the refund) is exactly the difference the webhook records as
``ignored`` and ``stale``; neither changes anything, so events may arrive twice or out of order.

Roles relative to a payment: ``payer`` (an approved member of the paying organisation), ``stripe`` (a
verified webhook event), ``system`` (other domains' rules, e.g. refunding the deposits of teams not
selected) and ``admin`` (platform administrators).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from marketplace.accounts.models import PlatformRole
from marketplace.core.states import StateMachine, Transition
from marketplace.payments.models import PaymentStatus

PAYER = "payer"
STRIPE = "stripe"
SYSTEM = "system"
ADMIN = "admin"


class PaymentAction(StrEnum):
    START = "start"  #: the payer opens a Stripe Checkout Session
    COMPLETE = "complete"  #: checkout.session.completed (paid)
    FAIL = "fail"  #: a payment attempt failed (the session may still be paid)
    EXPIRE = "expire"  #: the session expired unpaid
    CANCEL = "cancel"  #: no longer due
    REQUEST_REFUND = "request_refund"  #: the platform created a Stripe refund
    REFUND_PENDING = "refund_pending"  #: Stripe reports a refund under way that we did not start
    REFUND_FAILED = "refund_failed"  #: the refund failed: the money stays paid
    REFUND = "refund"  #: the refund succeeded


class _Actor:
    """A non-person actor; recorded in the audit log with no user id and its label."""

    id = None
    is_authenticated = False

    def __init__(self, label: str):
        self.email = label

    def __repr__(self) -> str:
        return f"<actor {self.email}>"


#: the actor of webhook events: the audit row has no user, labelled "stripe"
STRIPE_ACTOR = _Actor("stripe")
#: the actor of rules run on behalf of another domain (refunds of deposits of teams not selected)
SYSTEM_ACTOR = _Actor("system")


def payment_roles(actor: Any, payment: Any) -> set[str]:
    if actor is STRIPE_ACTOR:
        return {STRIPE}
    if actor is SYSTEM_ACTOR:
        return {SYSTEM}
    roles: set[str] = set()
    if actor is None or not getattr(actor, "is_authenticated", False):
        return roles
    if actor.has_role(PlatformRole.ADMIN):
        roles.add(ADMIN)
    membership = actor.membership
    if membership is not None and membership.organization_id == payment.payer_organization_id:
        roles.add(PAYER)
    return roles


S = PaymentStatus
A = PaymentAction
_payer, _stripe, _platform = frozenset({PAYER}), frozenset({STRIPE}), frozenset({SYSTEM, ADMIN})
#: states a Stripe payment can still complete from: a completion means money really arrived
_UNPAID = (S.OPEN, S.CHECKOUT, S.FAILED, S.EXPIRED, S.CANCELLED)

PAYMENT = StateMachine(
    name="payment",
    states=PaymentStatus,
    actions=PaymentAction,
    roles_of=payment_roles,
    transitions={
        **{(s, A.START): Transition(S.CHECKOUT, _payer) for s in (S.OPEN, S.CHECKOUT, S.FAILED, S.EXPIRED)},
        **{(s, A.COMPLETE): Transition(S.PAID, _stripe) for s in _UNPAID},
        (S.CHECKOUT, A.FAIL): Transition(S.FAILED, _stripe),
        (S.CHECKOUT, A.EXPIRE): Transition(S.EXPIRED, _stripe),
        (S.FAILED, A.EXPIRE): Transition(S.EXPIRED, _stripe),
        **{
            (s, A.CANCEL): Transition(S.CANCELLED, _platform)
            for s in (S.OPEN, S.CHECKOUT, S.FAILED, S.EXPIRED)
        },
        (S.PAID, A.REQUEST_REFUND): Transition(S.REFUND_REQUESTED, _platform, needs_note=True),
        (S.PAID, A.REFUND_PENDING): Transition(S.REFUND_REQUESTED, _stripe),
        (S.REFUND_REQUESTED, A.REFUND_FAILED): Transition(S.PAID, _stripe),
        # a refund may be the first news of a payment whose completion is still on its way
        **{(s, A.REFUND): Transition(S.REFUNDED, _stripe) for s in (*_UNPAID, S.PAID, S.REFUND_REQUESTED)},
    },
    ignored=frozenset(
        {
            (S.PAID, A.COMPLETE),
            (S.FAILED, A.FAIL),
            (S.EXPIRED, A.EXPIRE),
            (S.CANCELLED, A.CANCEL),
            (S.REFUND_REQUESTED, A.REFUND_PENDING),
            (S.REFUNDED, A.REFUND),
        }
    ),
)
