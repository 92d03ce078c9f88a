"""Business rules of payments: requesting an amount, paying it through Stripe Checkout, applying Stripe's
signed events, refunding.

Money is marked paid ONLY by ``handle_event`` (a webhook whose signature verified), never by the return
URL. Every creating call to Stripe carries an idempotency key derived from the payment row, so a retried
request cannot open a second session or refund twice. Functions take the session and the actor, flush
but never commit, and raise ``ValidationFailed``, ``PermissionDenied``, ``NotFound`` or
``InvalidTransition``; the Stripe client is passed in (None when payments are off).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import sqlalchemy as sa
import stripe
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import Membership, MembershipStatus, Organization, PlatformRole
from marketplace.core import audit
from marketplace.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from marketplace.core.notifications import N_, notify
from marketplace.db import utcnow
from marketplace.payments.models import (
    LIVE,
    EventOutcome,
    Payment,
    PaymentPurpose,
    PaymentStatus,
    StripeEvent,
    SubjectType,
)
from marketplace.payments.states import (
    PAYER,
    PAYMENT,
    STRIPE_ACTOR,
    SYSTEM_ACTOR,
    PaymentAction,
    payment_roles,
)
from marketplace.payments.stripe_client import current_settings

log = logging.getLogger(__name__)

S = PaymentStatus
A = PaymentAction
#: the largest amount Stripe accepts in one payment (8 digits in the minor unit: 999,999.99 元)
STRIPE_MAX_FEN = 99_999_999
#: a checkout session we open stays payable this long (Stripe allows 30 minutes to 24 hours)
CHECKOUT_TTL = timedelta(hours=1)
DESCRIPTION_MAX = 200


# --- money ------------------------------------------------------------------------------------------


def yuan_to_fen(amount: Decimal) -> int:
    """元 (at most two decimals) -> fen; refuses fractions of a fen rather than rounding money."""
    fen = Decimal(amount) * 100
    if fen != fen.to_integral_value():
        raise ValueError(f"{amount} has more than two decimals")
    return int(fen)


def fen_to_yuan(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def format_money(fen: int | None, currency: str = "cny") -> str:
    """``¥12,345.60`` for yuan, ``12,345.60 USD`` otherwise; two decimals, never through a float."""
    if fen is None:
        return ""
    text = f"{fen_to_yuan(fen):,.2f}"
    return f"¥{text}" if currency == "cny" else f"{text} {currency.upper()}"


# --- who sees what ----------------------------------------------------------------------------------


def is_admin(actor: Any) -> bool:
    return bool(getattr(actor, "is_authenticated", False)) and actor.has_role(PlatformRole.ADMIN)


def can_view(actor: Any, payment: Payment) -> bool:
    """The payer's approved members and platform admins."""
    return bool(payment_roles(actor, payment) & {PAYER, "admin"})


def get_visible(session: Session, actor: Any, payment_id: int) -> Payment:
    """A payment the actor may see; ``NotFound`` otherwise (another organisation's payment does not exist
    for them)."""
    payment = session.get(Payment, payment_id)
    if payment is None or not can_view(actor, payment):
        raise NotFound("payment")
    return payment


def payments_of(actor: Any) -> sa.Select[tuple[Payment]]:
    """The actor's organisation's payments, newest first; none without an organisation."""
    membership = actor.membership if getattr(actor, "is_authenticated", False) else None
    org_id = membership.organization_id if membership is not None else -1
    return sa.select(Payment).where(Payment.payer_organization_id == org_id).order_by(Payment.id.desc())


def payment_for(session: Session, subject_type: str, subject_id: int, purpose: str) -> Payment | None:
    """The latest payment of a purpose for a subject (a deal's service fee, a bid's deposit)."""
    return session.scalar(
        sa.select(Payment)
        .where(
            Payment.subject_type == subject_type,
            Payment.subject_id == subject_id,
            Payment.purpose == purpose,
        )
        .order_by(Payment.id.desc())
        .limit(1)
    )


def payments_for(
    session: Session, subject_type: str, subject_ids: list[int], purpose: str
) -> dict[int, Payment]:
    """The latest payment per subject, for a list of subjects in one query (a challenge's bids)."""
    rows = session.scalars(
        sa.select(Payment)
        .where(
            Payment.subject_type == subject_type,
            Payment.subject_id.in_(subject_ids),
            Payment.purpose == purpose,
        )
        .order_by(Payment.id)
    )
    return {p.subject_id: p for p in rows}  # later ids overwrite earlier ones


@dataclass(frozen=True)
class LedgerFilters:
    status: str = ""
    purpose: str = ""


def ledger(actor: Any, filters: LedgerFilters) -> sa.Select[tuple[Payment]]:
    """Every payment, for platform admins only."""
    if not is_admin(actor):
        raise PermissionDenied("payments ledger")
    stmt = sa.select(Payment).order_by(Payment.id.desc())
    if filters.status:
        stmt = stmt.where(Payment.status == filters.status)
    if filters.purpose:
        stmt = stmt.where(Payment.purpose == filters.purpose)
    return stmt


def ledger_totals(session: Session, actor: Any, filters: LedgerFilters) -> list[tuple[str, str, int, int]]:
    """(currency, status, count, sum of fen) of the filtered ledger."""
    inner = ledger(actor, filters).order_by(None).subquery()
    rows = session.execute(
        sa.select(inner.c.currency, inner.c.status, sa.func.count(), sa.func.sum(inner.c.amount_fen))
        .group_by(inner.c.currency, inner.c.status)
        .order_by(inner.c.currency, inner.c.status)
    )
    return [(currency, status, count, int(total or 0)) for currency, status, count, total in rows]


def events_of(session: Session, payment: Payment) -> list[StripeEvent]:
    return list(
        session.scalars(
            sa.select(StripeEvent).where(StripeEvent.payment_id == payment.id).order_by(StripeEvent.id)
        )
    )


# --- requesting a payment ---------------------------------------------------------------------------


def request_payment(
    session: Session,
    *,
    actor: Any,
    purpose: str,
    payer_organization: Organization,
    subject_type: str,
    subject_id: int,
    amount_fen: int,
    description: str,
    currency: str | None = None,
) -> Payment:
    """Ask an organisation to pay ``amount_fen`` for a subject (a deal's service fee, a bid's deposit).

    Idempotent: while a payment for the same purpose, subject and payer is live (not cancelled or
    refunded), that one is returned unchanged. The calling domain has authorised the action that incurs
    the payment; this checks the request itself. The payer's members are notified.
    """
    reasons: list[tuple[str | None, Any]] = []
    if purpose not in {p.value for p in PaymentPurpose}:
        reasons.append(("purpose", _l("Unknown payment purpose.")))
    if subject_type not in {t.value for t in SubjectType}:
        reasons.append(("subject_type", _l("Unknown payment subject.")))
    if not isinstance(amount_fen, int) or isinstance(amount_fen, bool) or amount_fen <= 0:
        reasons.append(("amount_fen", _l("The amount must be above zero.")))
    description = " ".join((description or "").split())[:DESCRIPTION_MAX]
    if not description:
        reasons.append(("description", _l("Describe what the payment is for.")))
    if reasons:
        raise ValidationFailed(reasons)
    existing = _live_payment(session, purpose, subject_type, subject_id, payer_organization.id)
    if existing is not None:
        return existing
    payment = Payment(
        purpose=purpose,
        payer_organization_id=payer_organization.id,
        requested_by_id=getattr(actor, "id", None),
        amount_fen=amount_fen,
        currency=(currency or current_settings().currency).lower(),
        status=S.OPEN.value,
        subject_type=subject_type,
        subject_id=subject_id,
        description=description,
    )
    try:
        with session.begin_nested():  # a concurrent request for the same thing hits the unique index
            session.add(payment)
            session.flush()
    except sa.exc.IntegrityError:
        existing = _live_payment(session, purpose, subject_type, subject_id, payer_organization.id)
        if existing is None:
            raise
        return existing
    audit.record(
        session,
        actor=actor,
        action="payment.request",
        target=payment,
        new={
            "purpose": purpose,
            "payer": payer_organization.id,
            "subject": f"{subject_type}:{subject_id}",
            "amount_fen": amount_fen,
            "currency": payment.currency,
        },
    )
    _notify_payer(session, payment, N_("A payment of %(amount)s is due: %(description)s."))
    return payment


def _live_payment(
    session: Session, purpose: str, subject_type: str, subject_id: int, payer_id: int
) -> Payment | None:
    return session.scalar(
        sa.select(Payment).where(
            Payment.purpose == purpose,
            Payment.subject_type == subject_type,
            Payment.subject_id == subject_id,
            Payment.payer_organization_id == payer_id,
            Payment.status.in_(LIVE),
        )
    )


def change_amount(session: Session, actor: Any, payment: Payment, amount_fen: int) -> None:
    """Change the amount of a payment nobody has started paying (a challenge's deposit was changed)."""
    if payment.status not in (S.OPEN, S.EXPIRED):
        raise InvalidTransition(PAYMENT.name, payment.status, "change_amount")
    if amount_fen <= 0:
        raise ValidationFailed.one("amount_fen", _l("The amount must be above zero."))
    if amount_fen != payment.amount_fen:
        audit.record(
            session,
            actor=actor,
            action="payment.amount",
            target=payment,
            old={"amount_fen": payment.amount_fen},
            new={"amount_fen": amount_fen},
        )
        payment.amount_fen = amount_fen


# --- paying: Stripe Checkout --------------------------------------------------------------------------


def _stripe_problem(exc: stripe.StripeError | None = None) -> ValidationFailed:
    """What the user reads when a call to Stripe fails: unreachable, or refused (logged for us)."""
    if exc is None or isinstance(exc, stripe.APIConnectionError):
        return ValidationFailed.one(None, _l("Stripe could not be reached. Please try again in a moment."))
    return ValidationFailed.one(
        None, _l("Stripe did not accept the request. Please try again later, or contact the platform.")
    )


def _payments_off() -> ValidationFailed:
    return ValidationFailed.one(None, _l("Online payment is turned off on this platform."))


def _key(payment: Payment, what: str) -> str:
    """A Stripe idempotency key for one creating call about this payment (its creation time keeps keys
    apart when a development database is recreated and ids start again)."""
    return f"ttm-payment-{payment.id}-{int(payment.created_at.timestamp())}-{what}"


def start_checkout(
    session: Session,
    actor: Any,
    payment: Payment,
    success_url: str,
    cancel_url: str,
    client: stripe.StripeClient | None,
) -> str:
    """Open a Stripe Checkout Session for the payment and return its URL (the payer's members only).

    While a session we opened is still valid, its URL is returned again instead of opening a second one
    that could be paid as well; an older session is expired at Stripe before a new one is opened.
    """
    if client is None:
        raise _payments_off()
    if PAYER not in payment_roles(actor, payment):
        raise PermissionDenied("only the paying organisation pays")
    if not payment.payable:
        raise ValidationFailed.one(None, _l("This payment cannot be paid now."))
    if payment.amount_fen > STRIPE_MAX_FEN:
        raise ValidationFailed.one(
            None, _l("This amount is above what can be paid online in one payment; please contact us.")
        )
    now = utcnow()
    if (
        payment.status == S.CHECKOUT
        and payment.checkout_url
        and payment.checkout_expires_at
        and payment.checkout_expires_at > now + timedelta(minutes=2)
    ):
        return payment.checkout_url
    if payment.stripe_session_id and payment.status in (S.CHECKOUT, S.FAILED):
        _expire_session(client, payment.stripe_session_id)
    attempt = payment.checkout_attempts + 1
    expires_at = now + CHECKOUT_TTL
    metadata = {
        "payment_id": str(payment.id),
        "purpose": payment.purpose,
        "subject": f"{payment.subject_type}:{payment.subject_id}",
    }
    params: dict[str, Any] = {
        "mode": "payment",
        "client_reference_id": str(payment.id),
        "success_url": success_url,
        "cancel_url": cancel_url,
        "expires_at": int(expires_at.timestamp()),
        "metadata": metadata,
        "payment_intent_data": {"metadata": metadata, "description": payment.description},
        "line_items": [
            {
                "quantity": 1,
                "price_data": {
                    "currency": payment.currency,
                    "unit_amount": payment.amount_fen,
                    "product_data": {"name": payment.description},
                },
            }
        ],
    }
    try:
        checkout = client.v1.checkout.sessions.create(
            params=params,  # type: ignore[arg-type]
            options={"idempotency_key": _key(payment, f"checkout-{attempt}")},
        )
    except stripe.StripeError as exc:
        log.warning("Stripe checkout for payment %s failed: %s", payment.id, exc)
        raise _stripe_problem(exc) from exc
    PAYMENT.apply(session, payment, A.START, actor, extra={"session": checkout.id, "attempt": attempt})
    payment.checkout_attempts = attempt
    payment.stripe_session_id = checkout.id
    payment.checkout_url = checkout.url
    payment.checkout_expires_at = expires_at
    payment.started_by_id = actor.id
    intent = _id(getattr(checkout, "payment_intent", None))
    if intent and not payment.stripe_payment_intent_id:
        payment.stripe_payment_intent_id = intent
    session.flush()
    return str(checkout.url)


def _expire_session(client: stripe.StripeClient, session_id: str) -> None:
    """Expire an older session before opening a new one, so the payer cannot pay twice; refuse when it
    turns out to be paid already (its completion event is on the way)."""
    try:
        client.v1.checkout.sessions.expire(session_id)
        return
    except stripe.StripeError:
        pass  # already expired or complete: ask which
    try:
        status = client.v1.checkout.sessions.retrieve(session_id).status
    except stripe.StripeError as exc:
        raise _stripe_problem(exc) from exc
    if status != "expired":
        raise ValidationFailed.one(
            None, _l("A payment for this is already being processed. Please wait for Stripe's confirmation.")
        )


# --- refunds and cancellation -----------------------------------------------------------------------


def refund(
    session: Session,
    payment: Payment,
    client: stripe.StripeClient | None,
    reason: str,
    actor: Any = SYSTEM_ACTOR,
) -> bool:
    """Ask Stripe to refund a paid payment (``refund_requested``); the refund's webhook completes it.

    Returns False when a refund is already requested or done. ``actor`` is the platform (another domain's
    rule) or an admin."""
    if payment.status in (S.REFUND_REQUESTED, S.REFUNDED):
        return False
    if not PAYMENT.can(payment, A.REQUEST_REFUND, actor):
        if payment.status != S.PAID:
            raise InvalidTransition(PAYMENT.name, payment.status, A.REQUEST_REFUND)
        raise PermissionDenied("refund")
    if client is None:
        raise _payments_off()
    reason = (reason or "").strip()[:200] or "refund"
    try:
        intent = payment.stripe_payment_intent_id
        if not intent and payment.stripe_session_id:  # the completion event did not name it
            intent = _id(client.v1.checkout.sessions.retrieve(payment.stripe_session_id).payment_intent)
        if not intent:
            raise ValidationFailed.one(None, _l("Stripe has not told us which payment to refund yet."))
        created = client.v1.refunds.create(
            params={
                "payment_intent": intent,
                "reason": "requested_by_customer",
                "metadata": {"payment_id": str(payment.id)},
            },
            # a refund that failed keeps its id here, so the next attempt gets a new key
            options={"idempotency_key": _key(payment, f"refund-after-{payment.stripe_refund_id or 'none'}")},
        )
    except stripe.StripeError as exc:
        log.warning("Stripe refund of payment %s failed: %s", payment.id, exc)
        raise _stripe_problem(exc) from exc
    PAYMENT.apply(session, payment, A.REQUEST_REFUND, actor, note=reason, extra={"refund": created.id})
    payment.stripe_payment_intent_id = intent
    payment.stripe_refund_id = created.id
    payment.refund_reason = reason
    _notify_payer(session, payment, N_("A refund of %(amount)s has been requested: %(description)s."))
    return True


def cancel(
    session: Session,
    payment: Payment,
    client: stripe.StripeClient | None,
    reason: str,
    actor: Any = SYSTEM_ACTOR,
) -> bool:
    """The payment is no longer due; an open checkout session is expired at Stripe (best effort: a late
    completion would still be recorded as paid, because the money then really arrived)."""
    if payment.status in (S.CHECKOUT, S.FAILED) and payment.stripe_session_id and client is not None:
        try:
            client.v1.checkout.sessions.expire(payment.stripe_session_id)
        except stripe.StripeError as exc:
            log.info("could not expire session of payment %s: %s", payment.id, exc)
    changed = PAYMENT.apply(session, payment, A.CANCEL, actor, note=reason)
    if changed:
        payment.checkout_url = None
        _notify_payer(session, payment, N_("The payment “%(description)s” is no longer due."))
    return changed


# --- Stripe's events --------------------------------------------------------------------------------


def _id(value: Any) -> str | None:
    """The id of a Stripe reference, which is an id string or an expanded object."""
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) and value else None


def _at(timestamp: Any) -> datetime | None:
    return datetime.fromtimestamp(int(timestamp), UTC) if isinstance(timestamp, int | float) else None


def handle_event(session: Session, event: Mapping[str, Any]) -> StripeEvent:
    """Apply one verified Stripe event, once per event id, and record what it did.

    A repeated delivery returns the first delivery's record and changes nothing. Unknown event types and
    events about objects we do not know are recorded and change nothing. Events only move a payment along
    its table, so a late event (a completion after the refund) is recorded as ``stale``.
    """
    event_id = str(event.get("id") or "")
    if not event_id:
        raise ValueError("a Stripe event has an id")
    seen = session.scalar(sa.select(StripeEvent).where(StripeEvent.event_id == event_id))
    if seen is not None:
        return seen
    event_type = str(event.get("type") or "")
    data = event.get("data")
    obj = data.get("object") if isinstance(data, Mapping) else None
    obj = obj if isinstance(obj, Mapping) else {}
    row = StripeEvent(
        event_id=event_id,
        type=event_type[:100],
        created=_at(event.get("created")),
        object_id=str(obj.get("id") or "")[:255] or None,
        outcome=EventOutcome.IGNORED.value,
        note="",
    )
    session.add(row)
    session.flush()  # two deliveries racing: the unique event id stops the second one here
    handler = HANDLERS.get(event_type)
    if handler is None:
        row.note = "event type not handled"
        return row
    payment = _find_payment(session, obj)
    if payment is None:
        row.outcome = EventOutcome.UNKNOWN_OBJECT.value
        return row
    row.payment_id = payment.id
    outcome, note = handler(session, payment, obj, row.created or utcnow())
    row.outcome, row.note = outcome.value, note[:300]
    return row


def _find_payment(session: Session, obj: Mapping[str, Any]) -> Payment | None:
    """The payment an event's object is about: by the Stripe ids we stored, then by our metadata."""
    kind = obj.get("object")
    object_id = obj.get("id")
    if kind == "checkout.session" and object_id:
        found = session.scalar(sa.select(Payment).where(Payment.stripe_session_id == object_id))
        if found is not None:
            return found
    intent = object_id if kind == "payment_intent" else _id(obj.get("payment_intent"))
    if intent:
        found = session.scalar(sa.select(Payment).where(Payment.stripe_payment_intent_id == intent))
        if found is not None:
            return found
    if kind == "refund" and object_id:
        found = session.scalar(sa.select(Payment).where(Payment.stripe_refund_id == object_id))
        if found is not None:
            return found
    metadata = obj.get("metadata")
    raw = metadata.get("payment_id") if isinstance(metadata, Mapping) else None
    if raw is None and kind == "checkout.session":
        raw = obj.get("client_reference_id")
    if isinstance(raw, str) and raw.isdigit() and len(raw) < 10:
        return session.get(Payment, int(raw))
    return None


Outcome = tuple[EventOutcome, str]


def _move(session: Session, payment: Payment, action: str, extra: dict[str, Any] | None = None) -> Outcome:
    try:
        changed = PAYMENT.apply(session, payment, action, STRIPE_ACTOR, extra=extra)
    except InvalidTransition:
        return EventOutcome.STALE, f"{action} after {payment.status}"
    return (EventOutcome.APPLIED, "") if changed else (EventOutcome.IGNORED, f"already {payment.status}")


def _adopt(payment: Payment, obj: Mapping[str, Any]) -> None:
    """Keep the Stripe ids an event tells us, so later events about the same payment find it."""
    intent = obj.get("id") if obj.get("object") == "payment_intent" else _id(obj.get("payment_intent"))
    if intent and not payment.stripe_payment_intent_id:
        payment.stripe_payment_intent_id = intent


def _matches(payment: Payment, amount: Any, currency: Any) -> bool:
    return amount == payment.amount_fen and str(currency or "").lower() == payment.currency


def _on_completed(session: Session, payment: Payment, obj: Mapping[str, Any], at: datetime) -> Outcome:
    if obj.get("payment_status") != "paid":
        return EventOutcome.IGNORED, f"payment_status {obj.get('payment_status')!r}"
    if not _matches(payment, obj.get("amount_total"), obj.get("currency")):
        audit.record(
            session,
            actor=STRIPE_ACTOR,
            action="payment.mismatch",
            target=payment,
            old={"amount_fen": payment.amount_fen, "currency": payment.currency},
            new={"amount_fen": obj.get("amount_total"), "currency": obj.get("currency")},
            note=str(obj.get("id")),
        )
        return EventOutcome.IGNORED, "amount or currency differs from the payment"
    _adopt(payment, obj)
    outcome = _move(session, payment, A.COMPLETE, {"session": obj.get("id")})
    if payment.paid_at is None:  # also when the refund came first: the payment did happen
        payment.paid_at = at
    if outcome[0] is EventOutcome.APPLIED:
        payment.checkout_url = None
        _notify_payer(session, payment, N_("Your payment of %(amount)s is confirmed: %(description)s."))
    return outcome


def _on_failed(session: Session, payment: Payment, obj: Mapping[str, Any], at: datetime) -> Outcome:
    _adopt(payment, obj)
    outcome = _move(session, payment, A.FAIL)
    if outcome[0] is EventOutcome.APPLIED:
        _notify_payer(session, payment, N_("A payment attempt for “%(description)s” failed."))
    error = obj.get("last_payment_error")
    message = error.get("message") if isinstance(error, Mapping) else None
    return outcome[0], outcome[1] or str(message or "")


def _on_expired(session: Session, payment: Payment, obj: Mapping[str, Any], at: datetime) -> Outcome:
    if obj.get("id") != payment.stripe_session_id:
        return EventOutcome.STALE, "an earlier checkout session"
    outcome = _move(session, payment, A.EXPIRE)
    if outcome[0] is EventOutcome.APPLIED:
        payment.checkout_url = None
    return outcome


def _on_charge_refunded(session: Session, payment: Payment, obj: Mapping[str, Any], at: datetime) -> Outcome:
    _adopt(payment, obj)
    if payment.paid_at is None and obj.get("paid"):
        payment.paid_at = _at(obj.get("created"))
    refunds = obj.get("refunds")
    listed = refunds.get("data") if isinstance(refunds, Mapping) else None
    if listed and not payment.stripe_refund_id:
        payment.stripe_refund_id = _id(listed[0])
    if not obj.get("refunded") or (obj.get("amount_refunded") or 0) < payment.amount_fen:
        return EventOutcome.IGNORED, "partial refund"
    return _refunded(session, payment, at)


def _on_refund(session: Session, payment: Payment, obj: Mapping[str, Any], at: datetime) -> Outcome:
    _adopt(payment, obj)
    status = obj.get("status")
    if payment.stripe_refund_id and obj.get("id") != payment.stripe_refund_id and status != "succeeded":
        return EventOutcome.IGNORED, "another refund"
    payment.stripe_refund_id = payment.stripe_refund_id or _id(obj.get("id"))
    if status == "succeeded":
        if (obj.get("amount") or 0) < payment.amount_fen:
            return EventOutcome.IGNORED, "partial refund"
        return _refunded(session, payment, at)
    if status in ("pending", "requires_action"):
        return _move(session, payment, A.REFUND_PENDING, {"refund": obj.get("id")})
    if status in ("failed", "canceled"):
        outcome = _move(session, payment, A.REFUND_FAILED, {"refund": obj.get("id")})
        if outcome[0] is EventOutcome.APPLIED:
            _notify_payer(
                session, payment, N_("The refund of “%(description)s” failed; we will look into it.")
            )
        return outcome
    return EventOutcome.IGNORED, f"refund status {status!r}"


def _refunded(session: Session, payment: Payment, at: datetime) -> Outcome:
    outcome = _move(session, payment, A.REFUND)
    if outcome[0] is EventOutcome.APPLIED:
        payment.refunded_at = at
        payment.checkout_url = None
        _notify_payer(session, payment, N_("%(amount)s has been refunded: %(description)s."))
    return outcome


Handler = Callable[[Session, Payment, Mapping[str, Any], datetime], Outcome]
#: the event types we act on; every other verified event is recorded as ignored
HANDLERS: dict[str, Handler] = {
    "checkout.session.completed": _on_completed,
    "checkout.session.async_payment_succeeded": _on_completed,
    "checkout.session.async_payment_failed": _on_failed,
    "checkout.session.expired": _on_expired,
    "payment_intent.payment_failed": _on_failed,
    "charge.refunded": _on_charge_refunded,
    "refund.created": _on_refund,
    "refund.updated": _on_refund,
    "refund.failed": _on_refund,
    "charge.refund.updated": _on_refund,
}


# --- notifications ----------------------------------------------------------------------------------


def _notify_payer(session: Session, payment: Payment, message: str) -> None:
    members = session.scalars(
        sa.select(Membership.user_id).where(
            Membership.organization_id == payment.payer_organization_id,
            Membership.status == MembershipStatus.APPROVED,
        )
    )
    notify(
        session,
        members,
        message,
        link=f"/payments/{payment.id}",
        amount=format_money(payment.amount_fen, payment.currency),
        description=payment.description,
    )
