"""POST /payments/stripe/webhook: only signed events count, each event id once, in any order."""

from __future__ import annotations

import json
import time

import sqlalchemy as sa

from marketplace.core.notifications import Notification
from marketplace.payments import services as payments
from marketplace.payments.models import Payment, StripeEvent
from marketplace.payments.stripe_client import current_client
from tests.conftest import stripe_signature
from tests.factories import owner_of
from tests.payments.conftest import charge_refunded, completed, deliver, event


def _events(session) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(StripeEvent))


def _reload(session, payment) -> Payment:
    session.expire_all()
    return session.get(Payment, payment.id)


def _started(app, session, fee) -> Payment:
    with app.app_context():
        payments.start_checkout(
            session,
            owner_of(fee.payer_organization),
            fee,
            "http://localhost/ok",
            "http://localhost/back",
            current_client(),
        )
        session.commit()
    return fee


def test_unsigned_or_wrongly_signed_calls_are_refused_and_change_nothing(
    app, client, session, stripe_on, fee
):
    _started(app, session, fee)
    body = json.dumps(completed(fee)).encode()
    stale = int(time.time()) - 3600
    for signature in (
        None,  # no header
        "t=1,v1=deadbeef",  # malformed, wrong
        stripe_signature(body, secret="whsec_somebody_else"),  # another endpoint's secret
        stripe_signature(body, timestamp=stale),  # a replay an hour late
    ):
        response = deliver(client, body, signature=signature)
        assert response.status_code == 400, signature
    # a correct signature over a different body (the amount changed in transit)
    tampered = body.replace(b'"payment_status": "paid"', b'"payment_status": "paid", "x": 1')
    assert deliver(client, tampered, signature=stripe_signature(body)).status_code == 400
    assert _events(session) == 0 and _reload(session, fee).status == "checkout"


def test_without_a_secret_the_endpoint_does_not_exist(client, session, fee):
    assert deliver(client, completed(fee)).status_code == 404
    assert _events(session) == 0


def test_the_same_event_ten_times_is_one_payment_record(app, client, session, stripe_on, fee):
    _started(app, session, fee)
    payload = completed(fee, event_id="evt_test_repeated")
    for _ in range(10):
        response = deliver(client, payload)
        assert response.status_code == 200
    paid = _reload(session, fee)
    assert paid.status == "paid" and paid.paid_at is not None
    assert session.scalar(sa.select(sa.func.count()).select_from(Payment)) == 1
    assert _events(session) == 1
    confirmations = session.scalars(
        sa.select(Notification.message).where(
            Notification.user_id == owner_of(fee.payer_organization).id,
            Notification.message.contains("confirmed"),
        )
    ).all()
    assert len(confirmations) == 1
    # a second, different event saying the same thing is recorded and changes nothing
    assert deliver(client, completed(paid)).json["outcome"] == "ignored"


def test_a_refund_before_its_payment_still_ends_refunded(app, client, session, stripe_on, fee):
    _started(app, session, fee)
    refund_first, payment_later = charge_refunded(fee), completed(fee)
    assert deliver(client, refund_first).json["outcome"] == "applied"
    assert deliver(client, payment_later).json["outcome"] == "stale"
    final = _reload(session, fee)
    assert final.status == "refunded"
    assert final.paid_at is not None and final.refunded_at is not None  # it was paid, then refunded
    assert final.stripe_refund_id == f"re_test_{fee.id}"


def test_events_we_do_not_act_on_or_whose_objects_we_do_not_know_are_acknowledged(
    app, client, session, stripe_on, fee
):
    other = deliver(client, event("customer.created", {"id": "cus_test_1", "object": "customer"}))
    assert (other.status_code, other.json["outcome"]) == (200, "ignored")
    stranger = {"id": "cs_test_stranger", "object": "checkout.session", "payment_status": "paid"}
    unknown = deliver(client, event("checkout.session.completed", stranger))
    assert (unknown.status_code, unknown.json["outcome"]) == (200, "unknown_object")
    assert _events(session) == 2 and _reload(session, fee).status == "open"
    assert deliver(client, b"[1, 2]", signature=stripe_signature(b"[1, 2]")).status_code == 400


def test_a_completion_with_another_amount_does_not_mark_paid(app, client, session, stripe_on, fee):
    _started(app, session, fee)
    response = deliver(client, completed(fee, amount_total=1))
    assert response.json["outcome"] == "ignored"
    assert _reload(session, fee).status == "checkout"


def test_expired_then_paid_late_and_failures(app, client, session, stripe_on, fee):
    _started(app, session, fee)
    session_object = {"id": fee.stripe_session_id, "object": "checkout.session", "status": "expired"}
    assert deliver(client, event("checkout.session.expired", session_object)).json["outcome"] == "applied"
    assert _reload(session, fee).status == "expired"
    # the money arrived after all (an async method): a completion is still recorded, since it happened
    assert deliver(client, completed(fee)).json["outcome"] == "applied"
    assert _reload(session, fee).status == "paid"


def test_a_failed_attempt_can_be_retried(app, client, session, stripe_on, fee):
    _started(app, session, fee)
    intent = {
        "id": "pi_test_failing",
        "object": "payment_intent",
        "metadata": {"payment_id": str(fee.id)},
        "last_payment_error": {"message": "Your card was declined."},
    }
    response = deliver(client, event("payment_intent.payment_failed", intent))
    assert response.json["outcome"] == "applied"
    failed = _reload(session, fee)
    assert failed.status == "failed" and failed.payable
    row = session.scalar(sa.select(StripeEvent).where(StripeEvent.type == "payment_intent.payment_failed"))
    assert row.note == "Your card was declined."
