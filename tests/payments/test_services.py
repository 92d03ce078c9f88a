"""Requesting, paying (Stripe Checkout on stripe-mock) and refunding payments, through the services."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from marketplace.core.models import AuditLog
from marketplace.core.notifications import Notification
from marketplace.payments import services as payments
from marketplace.payments.models import Payment
from marketplace.payments.stripe_client import current_client
from tests.factories import owner_of
from tests.payments.conftest import completed

URLS = {"success_url": "http://localhost/ok", "cancel_url": "http://localhost/back"}


def test_money_is_kept_in_fen_without_floats():
    from decimal import Decimal

    assert payments.yuan_to_fen(Decimal("8800.10")) == 880_010
    with pytest.raises(ValueError):
        payments.yuan_to_fen(Decimal("0.001"))
    assert payments.format_money(880_010) == "¥8,800.10"
    assert payments.format_money(5, "usd") == "0.05 USD"


def test_a_request_is_idempotent_and_validated(ctx, session, fee, enterprise):
    again = payments.request_payment(
        session,
        actor=owner_of(enterprise),
        purpose="service_fee",
        payer_organization=enterprise,
        subject_type="deal",
        subject_id=1,
        amount_fen=880_000,
        description="平台服务费：测试交易",
    )
    assert again.id == fee.id
    assert session.scalar(sa.select(sa.func.count()).select_from(Payment)) == 1
    assert fee.status == "open" and fee.currency == "cny"
    members = session.scalars(
        sa.select(Notification.message).where(Notification.user_id == owner_of(enterprise).id)
    )
    assert any("payment" in m for m in members)
    with pytest.raises(ValidationFailed) as problem:
        payments.request_payment(
            session,
            actor=None,
            purpose="tip",
            payer_organization=enterprise,
            subject_type="deal",
            subject_id=2,
            amount_fen=0,
            description="  ",
        )
    fields = {field for field, _message in problem.value.reasons}
    assert fields == {"purpose", "amount_fen", "description"}


def test_checkout_on_stripe_mock_and_no_second_session(ctx, session, stripe_on, fee, enterprise):
    payer = owner_of(enterprise)
    url = payments.start_checkout(session, payer, fee, client=current_client(), **URLS)
    assert url.startswith("https://") and fee.status == "checkout"
    assert fee.stripe_session_id.startswith("cs_") and fee.checkout_attempts == 1
    assert fee.stripe_payment_intent_id is None or fee.stripe_payment_intent_id.startswith("pi_")
    # a second click while the session is valid returns the same page rather than a second session
    assert payments.start_checkout(session, payer, fee, client=current_client(), **URLS) == url
    assert fee.checkout_attempts == 1
    actions = session.scalars(
        sa.select(AuditLog.action).where(AuditLog.object_type == "payment", AuditLog.object_id == str(fee.id))
    ).all()
    assert "payment.start" in actions


def test_only_the_payer_pays_and_only_when_payments_are_on(
    ctx, session, stripe_on, fee, make_user, admin_user
):
    with pytest.raises(PermissionDenied):
        payments.start_checkout(session, make_user(), fee, client=current_client(), **URLS)
    with pytest.raises(PermissionDenied):  # an admin sees every payment but pays none
        payments.start_checkout(session, admin_user, fee, client=current_client(), **URLS)
    with pytest.raises(ValidationFailed, match="未开通在线支付"):
        payments.start_checkout(session, owner_of(fee.payer_organization), fee, client=None, **URLS)
    assert fee.status == "open" and fee.stripe_session_id is None


def test_stripe_unreachable_changes_nothing(app, ctx, session, stripe_on, fee, monkeypatch):
    monkeypatch.setitem(app.config, "STRIPE_API_BASE", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(ValidationFailed, match="无法连接"):
        payments.start_checkout(
            session, owner_of(fee.payer_organization), fee, client=current_client(), **URLS
        )
    assert fee.status == "open" and fee.stripe_session_id is None


def test_an_amount_stripe_cannot_take_is_refused(ctx, session, stripe_on, fee):
    fee.amount_fen = payments.STRIPE_MAX_FEN + 1
    with pytest.raises(ValidationFailed, match="超过单笔在线支付上限"):
        payments.start_checkout(
            session, owner_of(fee.payer_organization), fee, client=current_client(), **URLS
        )


def test_refund_through_stripe_mock_then_its_event(ctx, session, stripe_on, fee, admin_user):
    payments.start_checkout(session, owner_of(fee.payer_organization), fee, client=current_client(), **URLS)
    with pytest.raises(InvalidTransition):  # nothing to refund before Stripe confirms the payment
        payments.refund(session, fee, current_client(), "重复付款", actor=admin_user)
    payments.handle_event(session, completed(fee))
    assert fee.status == "paid" and fee.paid_at is not None
    with pytest.raises(PermissionDenied):
        payments.refund(session, fee, current_client(), "想退", actor=owner_of(fee.payer_organization))
    assert payments.refund(session, fee, current_client(), "重复付款", actor=admin_user) is True
    assert fee.status == "refund_requested" and fee.stripe_refund_id.startswith("re_")
    assert payments.refund(session, fee, current_client(), "再退一次", actor=admin_user) is False
    from tests.payments.conftest import event

    refund = {
        "id": fee.stripe_refund_id,
        "object": "refund",
        "status": "succeeded",
        "amount": fee.amount_fen,
        "payment_intent": fee.stripe_payment_intent_id,
    }
    row = payments.handle_event(session, event("refund.updated", refund))
    assert row.outcome == "applied" and fee.status == "refunded" and fee.refunded_at is not None


def test_cancel_and_the_ledger_is_for_admins(ctx, session, fee, admin_user):
    assert payments.cancel(session, fee, None, "交易终止") is True
    assert fee.status == "cancelled"
    with pytest.raises(PermissionDenied):
        payments.ledger(owner_of(fee.payer_organization), payments.LedgerFilters())
    totals = payments.ledger_totals(session, admin_user, payments.LedgerFilters())
    assert totals == [("cny", "cancelled", 1, 880_000)]
