"""Payments world: a deal's buyer owes a service fee; Stripe events built as Stripe sends them."""

from __future__ import annotations

import itertools
import json
import time

import pytest

from marketplace.payments import services as payments
from tests.conftest import stripe_signature
from tests.factories import owner_of

_events = itertools.count(1)


@pytest.fixture
def ctx(app):
    """An application context for service-level tests (the services read the Stripe settings from it)."""
    with app.app_context():
        yield


@pytest.fixture
def fee(session, enterprise):
    """A service fee of ¥8,800.00 the enterprise owes for deal 1."""
    payment = payments.request_payment(
        session,
        actor=owner_of(enterprise),
        purpose="service_fee",
        payer_organization=enterprise,
        subject_type="deal",
        subject_id=1,
        amount_fen=880_000,
        description="平台服务费：测试交易",
    )
    session.commit()
    return payment


def event(kind: str, obj: dict, event_id: str | None = None) -> dict:
    """A Stripe event envelope around an object."""
    return {
        "id": event_id or f"evt_test_{next(_events)}_{int(time.time() * 1000)}",
        "object": "event",
        "type": kind,
        "created": int(time.time()),
        "livemode": False,
        "data": {"object": obj},
    }


def completed(payment, event_id: str | None = None, **overrides) -> dict:
    """checkout.session.completed for the payment's session (paid, the right amount)."""
    obj = {
        "id": payment.stripe_session_id or f"cs_test_unseen_{payment.id}",
        "object": "checkout.session",
        "payment_status": "paid",
        "status": "complete",
        "amount_total": payment.amount_fen,
        "currency": payment.currency,
        "payment_intent": payment.stripe_payment_intent_id or f"pi_test_{payment.id}",
        "client_reference_id": str(payment.id),
        "metadata": {"payment_id": str(payment.id)},
    }
    obj.update(overrides)
    return event("checkout.session.completed", obj, event_id)


def charge_refunded(payment, intent: str | None = None, event_id: str | None = None) -> dict:
    """charge.refunded for the whole amount of the payment's intent."""
    intent = intent or payment.stripe_payment_intent_id or f"pi_test_{payment.id}"
    return event(
        "charge.refunded",
        {
            "id": f"ch_test_{payment.id}",
            "object": "charge",
            "payment_intent": intent,
            "paid": True,
            "refunded": True,
            "amount": payment.amount_fen,
            "amount_refunded": payment.amount_fen,
            "created": int(time.time()) - 60,
            "refunds": {"object": "list", "data": [{"id": f"re_test_{payment.id}", "object": "refund"}]},
            "metadata": {"payment_id": str(payment.id)},
        },
        event_id,
    )


def deliver(client, payload: dict | bytes, signature: str | None = "sign"):
    """POST an event to the webhook as Stripe does; ``signature="sign"`` signs it with the suite's secret."""
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    headers = {"Content-Type": "application/json"}
    if signature == "sign":
        signature = stripe_signature(body)
    if signature is not None:
        headers["Stripe-Signature"] = signature
    return client.post("/payments/stripe/webhook", data=body, headers=headers)
