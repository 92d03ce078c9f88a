"""Pages of payments: the payer's records and receipts, paying through Stripe Checkout, the landing page
after Stripe, the admins' ledger, the authority's challenge deposit, and Stripe's webhook."""

from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
import stripe
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.catalogue import services as catalogue
from marketplace.catalogue.models import ChallengeBid, Demand
from marketplace.core import tx
from marketplace.core.errors import InvalidTransition, NotFound, PermissionDenied, ValidationFailed
from marketplace.core.web import flash_problem, get_or_404, page_arg
from marketplace.extensions import csrf, db
from marketplace.payments import deposits, labels, services
from marketplace.payments.forms import ActionForm, DepositForm, RefundForm
from marketplace.payments.models import Payment, PaymentStatus
from marketplace.payments.states import PAYER, payment_roles
from marketplace.payments.stripe_client import current_client, current_settings, verified_event

log = logging.getLogger(__name__)

bp = Blueprint("payments", __name__)
# the catalogue's bid hooks get the deposit rules when the app that serves payments is assembled
bp.record_once(lambda _state: deposits.register())


@bp.app_template_filter("fen")
def fen_filter(fen: int | None, currency: str = "cny") -> str:
    """An amount in fen shown in 元 with two decimals: ``{{ payment.amount_fen|fen(payment.currency) }}``."""
    return services.format_money(fen, currency)


@bp.app_template_global("payments_enabled")
def payments_enabled() -> bool:
    return current_settings().enabled


@bp.app_template_global("deposit_panel")
def deposit_panel(demand: Demand) -> dict[str, Any] | None:
    """What the challenge page shows of deposits: the amount, the authority's form, each bid's payment."""
    if not demand.is_challenge:
        return None
    bids = {b.id: b for b in demand.bids}
    return {
        "amount": demand.deposit,
        "amount_fen": services.yuan_to_fen(demand.deposit) if demand.deposit is not None else None,
        "labels": labels,
        "can_set": catalogue.can_set_deposit(current_user, demand),
        "form": DepositForm(data={"deposit": "" if demand.deposit is None else f"{demand.deposit:f}"}),
        "action": ActionForm(),
        "by_bid": services.payments_for(db.session, "challenge_bid", list(bids), "deposit") if bids else {},
        "enabled": current_settings().enabled,
    }


def _visible(payment_id: int) -> Payment:
    try:
        return services.get_visible(db.session, current_user, payment_id)
    except NotFound:
        abort(404)


def subject_links(payments: list[Payment]) -> dict[int, tuple[str, str | None]]:
    """payment id -> (what it pays for, a link to it), with one query per subject type."""
    bid_ids = [p.subject_id for p in payments if p.subject_type == "challenge_bid"]
    deal_ids = [p.subject_id for p in payments if p.subject_type == "deal"]
    bids: dict[int, tuple[int, str]] = {}
    if bid_ids:
        rows = db.session.execute(
            sa.select(ChallengeBid.id, Demand.id, Demand.title)
            .join(Demand, ChallengeBid.demand_id == Demand.id)
            .where(ChallengeBid.id.in_(bid_ids))
        )
        bids = {bid_id: (demand_id, title) for bid_id, demand_id, title in rows}
    deals: dict[int, str] = {}
    if deal_ids:
        from marketplace.deals.models import Deal

        rows = db.session.execute(sa.select(Deal.id, Deal.title).where(Deal.id.in_(deal_ids)))
        deals = {deal_id: title for deal_id, title in rows}
    links: dict[int, tuple[str, str | None]] = {}
    for p in payments:
        if p.subject_type == "challenge_bid" and p.subject_id in bids:
            demand_id, title = bids[p.subject_id]
            url = url_for("catalogue.detail", kinds="demands", listing_id=demand_id) + "#bids"
            links[p.id] = (title, url)
        elif p.subject_type == "deal" and p.subject_id in deals:
            links[p.id] = (deals[p.subject_id], url_for("deals.room", deal_id=p.subject_id))
        else:
            links[p.id] = (p.description, None)
    return links


# --- the payer --------------------------------------------------------------------------------------


@bp.get("/payments")
@login_required
def index():
    page = db.paginate(
        services.payments_of(current_user),
        page=page_arg(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "payments/index.html",
        page=page,
        links=subject_links(list(page.items)),
        labels=labels,
        has_org=current_user.membership is not None,
    )


@bp.get("/payments/<int:payment_id>")
@login_required
def detail(payment_id: int):
    payment = _visible(payment_id)
    admin = services.is_admin(current_user)
    return render_template(
        "payments/detail.html",
        payment=payment,
        link=subject_links([payment])[payment.id],
        labels=labels,
        is_payer=PAYER in payment_roles(current_user, payment),
        is_admin=admin,
        events=services.events_of(db.session, payment) if admin else [],
        action=ActionForm(),
        refund_form=RefundForm(),
    )


@bp.post("/payments/<int:payment_id>/checkout")
@login_required
def checkout(payment_id: int):
    payment = _visible(payment_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        url = services.start_checkout(
            db.session,
            current_user,
            payment,
            success_url=url_for(".returned", payment_id=payment.id, outcome="success", _external=True),
            cancel_url=url_for(".returned", payment_id=payment.id, outcome="cancel", _external=True),
            client=current_client(),
        )
    except (ValidationFailed, InvalidTransition) as exc:
        tx.rollback()
        flash_problem(exc)
        return redirect(url_for(".detail", payment_id=payment_id))
    tx.commit()
    return redirect(url, code=303)


@bp.get("/payments/<int:payment_id>/return")
@login_required
def returned(payment_id: int):
    """Where Stripe sends the payer back. It only shows the status: money is confirmed by the webhook."""
    payment = _visible(payment_id)
    return render_template(
        "payments/return.html",
        payment=payment,
        labels=labels,
        cancelled=request.args.get("outcome") == "cancel",
        waiting=payment.status in (PaymentStatus.CHECKOUT, PaymentStatus.OPEN),
    )


# --- admins -----------------------------------------------------------------------------------------


@bp.get("/admin/payments")
@login_required
def ledger():
    status = request.args.get("status", "")
    purpose = request.args.get("purpose", "")
    filters = services.LedgerFilters(
        status=status if status in labels.STATUSES else "",
        purpose=purpose if purpose in labels.PURPOSES else "",
    )
    stmt = services.ledger(current_user, filters)  # PermissionDenied (403) for everyone but admins
    page = db.paginate(stmt, page=page_arg(), per_page=50, error_out=False)
    return render_template(
        "payments/ledger.html",
        page=page,
        filters=filters,
        totals=services.ledger_totals(db.session, current_user, filters),
        links=subject_links(list(page.items)),
        labels=labels,
    )


@bp.post("/admin/payments/<int:payment_id>/refund")
@login_required
def refund(payment_id: int):
    if not services.is_admin(current_user):
        raise PermissionDenied("refund")
    payment = get_or_404(Payment, payment_id)
    form = RefundForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        done = services.refund(
            db.session, payment, current_client(), form.reason.data or "", actor=current_user
        )
    except (ValidationFailed, InvalidTransition) as exc:
        tx.rollback()
        flash_problem(exc)
    else:
        tx.commit()
        if done:
            flash(_("The refund has been requested from Stripe; its confirmation will follow."), "success")
    return redirect(url_for(".detail", payment_id=payment_id))


# --- challenge deposits -----------------------------------------------------------------------------


@bp.post("/challenges/<int:demand_id>/deposit")
@login_required
def set_deposit(demand_id: int):
    """An authority of the challenge's province requires (or stops requiring) a deposit from bidders."""
    demand = get_or_404(Demand, demand_id)
    if not catalogue.can_view(current_user, demand) or not demand.is_challenge:
        abort(404)
    form = DepositForm()
    back = url_for("catalogue.detail", kinds="demands", listing_id=demand.id)
    if not form.validate_on_submit():
        tx.rollback()
        for error in form.deposit.errors:
            flash(str(error), "danger")
        if not form.deposit.errors:
            abort(400)
        return redirect(back + "#deposit")
    try:
        catalogue.set_challenge_deposit(db.session, current_user, demand, form.deposit.yuan)
    except (ValidationFailed, InvalidTransition) as exc:
        tx.rollback()
        flash_problem(exc)
    else:
        tx.commit()
        flash(_("The deposit has been saved."), "success")
    return redirect(back + "#deposit")


# --- Stripe -----------------------------------------------------------------------------------------


@bp.post("/payments/stripe/webhook")
@csrf.exempt
def webhook():
    """Stripe's events, signed with STRIPE_WEBHOOK_SECRET (a 404 while it is not set).

    A missing or bad signature is a 400 and changes nothing; every verified event is a 200, including the
    ones we do not act on and repeats, so Stripe stops redelivering them."""
    secret = current_settings().webhook_secret
    if not secret:
        abort(404)
    try:
        event = verified_event(request.get_data(), request.headers.get("Stripe-Signature"), secret)
    except (stripe.SignatureVerificationError, ValueError):
        tx.rollback()
        return {"error": "invalid signature or payload"}, 400
    try:
        row = services.handle_event(db.session, event)
    except sa.exc.IntegrityError:  # the same event, delivered concurrently, was recorded first
        tx.rollback()
        return {"received": True, "duplicate": True}, 200
    except ValueError:
        tx.rollback()
        return {"error": "not a Stripe event"}, 400
    tx.commit()
    log.info("stripe event %s (%s): %s", row.event_id, row.type, row.outcome)
    return {"received": True, "outcome": row.outcome}, 200
