"""Challenge deposits (保证金): the payments side of the catalogue's bid hooks.

An authority of the challenge's province requires a deposit (``Demand.deposit``, in 元, set through
``catalogue.services.set_challenge_deposit``). The catalogue does not import payments; it calls the hooks
registered in ``catalogue.services.BID_HOOKS``, and ``register()`` (run when the payments blueprint is
registered) adds ``on_bid_event`` there. Then:

- a bid submitted to a challenge with a deposit gets a deposit payment for the bidding organisation;
- a bid cannot be selected while its deposit is unpaid;
- a bid that closes without award (another team selected, declined, withdrawn) gets its paid deposit
  refunded through Stripe and an unpaid one cancelled; the selected team's deposit stays;
- a changed deposit is asked of every open bid, and refused once a team has started paying.

Refunds need a Stripe client, which these hooks build from the running app's settings: the catalogue's
callers know nothing of Stripe. A refund Stripe refuses (or payments switched off) leaves the deposit
``paid`` and audited; an admin refunds it from the ledger.
"""

from __future__ import annotations

import logging
from typing import Any

import stripe
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.catalogue import services as catalogue
from marketplace.core import audit
from marketplace.core.errors import ValidationFailed
from marketplace.payments import services
from marketplace.payments.models import Payment, PaymentPurpose, PaymentStatus, SubjectType
from marketplace.payments.stripe_client import current_client, payments_enabled

log = logging.getLogger(__name__)

S = PaymentStatus
DEPOSIT = PaymentPurpose.DEPOSIT.value
BID = SubjectType.CHALLENGE_BID.value
OPEN_BIDS = ("submitted", "shortlisted")


def register() -> None:
    catalogue.register_bid_hook(on_bid_event)


def on_bid_event(session: Session, actor: Any, event: str, obj: Any) -> None:
    if event == catalogue.BID_SUBMITTED:
        _ask_deposit(session, actor, obj)
    elif event == catalogue.BID_SELECTING:
        _require_paid(session, obj)
    elif event == catalogue.BID_CLOSED:
        _release(session, obj)
    elif event == catalogue.DEPOSIT_CHANGED:
        _deposit_changed(session, actor, obj)


def deposit_of(session: Session, bid: Any) -> Payment | None:
    """The bid's deposit payment (the latest one), if any."""
    return services.payment_for(session, BID, bid.id, DEPOSIT)


def _fen(demand: Any) -> int:
    try:
        fen = services.yuan_to_fen(demand.deposit)
    except ValueError as exc:
        raise ValidationFailed.one(
            "deposit", _l("Enter the deposit in yuan with at most two decimals.")
        ) from exc
    if fen > services.STRIPE_MAX_FEN:
        raise ValidationFailed.one(
            "deposit",
            _l("A deposit can be at most %(max)s, the most one online payment takes.", max="¥999,999.99"),
        )
    return fen


def _ask_deposit(session: Session, actor: Any, bid: Any) -> Payment | None:
    demand = bid.demand
    if demand.deposit is None:
        return None
    return services.request_payment(
        session,
        actor=actor,
        purpose=DEPOSIT,
        payer_organization=bid.organization,
        subject_type=BID,
        subject_id=bid.id,
        amount_fen=_fen(demand),
        description=f"揭榜保证金：{demand.title}",
    )


def _require_paid(session: Session, bid: Any) -> None:
    if bid.demand.deposit is None:
        return
    payment = deposit_of(session, bid)
    if payment is None or payment.status != S.PAID:
        raise ValidationFailed.one(
            None,
            _l(
                "%(org)s has not paid the deposit yet; a team can be selected once Stripe has confirmed "
                "its deposit.",
                org=bid.organization.name,
            ),
        )


def _release(session: Session, bid: Any) -> None:
    payment = deposit_of(session, bid)
    if payment is None:
        return
    note = f"bid {bid.id} {bid.status}"
    if payment.status in (S.OPEN, S.CHECKOUT, S.FAILED, S.EXPIRED):
        services.cancel(session, payment, current_client(), note)
    elif payment.status == S.PAID:
        try:
            services.refund(session, payment, current_client(), note)
        except (ValidationFailed, stripe.StripeError) as exc:
            # the bid decision stands; the deposit stays paid and visible on the ledger for an admin
            log.warning("deposit %s of bid %s not refunded: %s", payment.id, bid.id, exc)
            audit.record(
                session,
                actor=services.SYSTEM_ACTOR,
                action="payment.refund_failed",
                target=payment,
                note=str(exc),
            )


def _deposit_changed(session: Session, actor: Any, demand: Any) -> None:
    if demand.deposit is not None and not payments_enabled():
        # a deposit nobody can pay would keep every team from being selected
        raise ValidationFailed.one(
            "deposit", _l("Online payment is turned off on this platform, so no deposit can be required.")
        )
    bids = [b for b in demand.bids if b.status in OPEN_BIDS]
    payments = services.payments_for(session, BID, [b.id for b in bids], DEPOSIT)
    started = [p for p in payments.values() if p.status not in (S.OPEN, S.EXPIRED, S.CANCELLED, S.REFUNDED)]
    if started:
        raise ValidationFailed.one(
            "deposit", _l("A team has already started paying the deposit; it can no longer be changed.")
        )
    fen = _fen(demand) if demand.deposit is not None else None
    for bid in bids:
        payment = payments.get(bid.id)
        live = payment is not None and payment.status in (S.OPEN, S.EXPIRED)
        if fen is None:
            if live:
                services.cancel(session, payment, None, "deposit removed")
        elif live:
            services.change_amount(session, actor, payment, fen)
        else:
            _ask_deposit(session, actor, bid)
