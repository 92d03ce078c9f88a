"""Broker and deal pages: the broker directory and profiles, deal boards, the deal room, the ledger."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.forms import options
from marketplace.accounts.models import Organization
from marketplace.catalogue.models import Achievement, Demand
from marketplace.catalogue.vocab import FIELDS
from marketplace.contracts import labels as contract_labels
from marketplace.core import regions, tx
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.core.web import file_store, flash_problem, get_or_404, run_action, show_errors
from marketplace.deals import labels
from marketplace.deals import services as deals
from marketplace.deals import stats as deal_stats
from marketplace.deals.forms import (
    ActionForm,
    BrokerProfileForm,
    DataRoomForm,
    LoseForm,
    MessageForm,
    OpenDealForm,
    SignForm,
    SourceForm,
)
from marketplace.deals.models import BrokerProfile, Deal, DealFile
from marketplace.deals.states import DEAL, DealAction
from marketplace.extensions import db
from marketplace.payments import labels as payment_labels
from marketplace.payments import services as payments

bp = Blueprint("deals", __name__)
deal_stats.register()  # the closed-deals column of the statistics' broker ranking


# --- brokers ---------------------------------------------------------------------------------------------


@bp.get("/brokers")
def directory():
    """The public broker directory; each record is computed from deals and registered contracts."""
    field = request.args.get("field") if request.args.get("field") in FIELDS else None
    region = request.args.get("region") if regions.get(request.args.get("region")) else None
    return render_template(
        "deals/directory.html",
        rows=deals.directory(db.session, field_code=field, region=region),
        fields=FIELDS,
        provinces=regions.provinces(),
        field=field,
        region=region,
    )


@bp.route("/brokers/me", methods=["GET", "POST"])
@login_required
def my_profile():
    profile = deals.profile_of(db.session, current_user.id)
    form = BrokerProfileForm(obj=profile)
    if form.validate_on_submit():
        try:
            deals.save_profile(db.session, current_user, form.to_input())
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("deals.my_profile"))
    elif not form.is_submitted():
        deals._agency_of(current_user)  # only brokers of a verified agency have a profile
    return render_template("deals/profile_form.html", form=form, profile=profile, labels=labels)


@bp.get("/brokers/review")
@login_required
def review():
    return render_template(
        "deals/review.html", profiles=deals.profiles_to_review(db.session, current_user), form=ActionForm()
    )


@bp.post("/brokers/<int:profile_id>/<any(verify, reject):decision>")
@login_required
def decide(profile_id: int, decision: str):
    profile = get_or_404(BrokerProfile, profile_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    deals.decide_profile(db.session, current_user, profile, decision == "verify")
    tx.commit()
    flash(_("Decision recorded."), "success")
    return redirect(url_for("deals.review"))


@bp.route("/brokers/ledger", methods=["GET", "POST"])
@login_required
def ledger():
    """The attribution ledger; brokers record here the listings they brought to the platform."""
    form = SourceForm()
    if form.validate_on_submit():
        model = Achievement if form.kind.data == "achievements" else Demand
        listing = (
            db.session.get(model, int(form.listing_id.data))
            if (form.listing_id.data or "").isdigit()
            else None
        )
        if listing is None:
            flash(_("No listing has this number."), "danger")
        elif run_action(
            lambda: deals.record_sourcing(db.session, current_user, listing, form.note.data or ""),
            _("Recorded in the ledger."),
        ):
            return redirect(url_for("deals.ledger"))
    return render_template(
        "deals/ledger.html",
        rows=deals.ledger(db.session, current_user),
        form=form,
        can_source=deals.is_verified_broker(db.session, current_user),
        labels=labels,
    )


# --- deals -----------------------------------------------------------------------------------------------


def _deal(deal_id: int) -> Deal:
    deal = get_or_404(Deal, deal_id)
    deals.require_read(current_user, deal)
    return deal


def _organizations() -> list:
    rows = db.session.execute(
        sa.select(Organization.id, Organization.name)
        .where(Organization.verification_status == "verified", Organization.type != "authority")
        .order_by(Organization.name)
    ).all()
    return options(((str(i), n) for i, n in rows), "—")


@bp.route("/deals/new", methods=["GET", "POST"])
@login_required
def new():
    """Open a deal: from a match of the queue (demand + achievement) or by hand (buyer + seller)."""
    if not deals.is_verified_broker(db.session, current_user):
        raise PermissionDenied("only verified brokers open deals")
    form = OpenDealForm()
    form.buyer_id.choices = form.seller_id.choices = _organizations()
    if form.validate_on_submit():
        demand = (
            db.session.get(Demand, int(form.demand_id.data))
            if (form.demand_id.data or "").isdigit()
            else None
        )
        achievement = (
            db.session.get(Achievement, int(form.achievement_id.data))
            if (form.achievement_id.data or "").isdigit()
            else None
        )
        buyer = (
            db.session.get(Organization, int(form.buyer_id.data))
            if (form.buyer_id.data or "").isdigit()
            else None
        )
        seller = (
            db.session.get(Organization, int(form.seller_id.data))
            if (form.seller_id.data or "").isdigit()
            else None
        )
        try:
            deal = deals.open_deal(
                db.session,
                current_user,
                demand=demand,
                achievement=achievement,
                buyer=buyer,
                seller=seller,
                title=form.title.data,
            )
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
            flash_problem(exc)
        else:
            tx.commit()
            flash(_("Deal opened."), "success")
            return redirect(url_for("deals.room", deal_id=deal.id))
    return render_template("deals/new.html", form=form)


@bp.get("/deals")
@login_required
def board():
    grouped = deals.board(db.session, current_user)
    ids = [d.id for stage in grouped.values() for d in stage]
    return render_template(
        "deals/board.html",
        grouped=grouped,
        unread=deals.unread_counts(db.session, current_user, ids),
        labels=labels,
    )


@bp.get("/deals/<int:deal_id>")
@login_required
def room(deal_id: int):
    deal = _deal(deal_id)
    roles = DEAL.roles_of(current_user, deal)
    membership = current_user.membership
    org_id = membership.organization_id if membership is not None else None
    actions = DEAL.allowed_actions(deal, current_user)
    sign_form = SignForm()
    if not sign_form.is_submitted():
        sign_form.type_choice.data = (
            f"{deal.contract_type}:{deal.subtype or ''}" if deal.contract_type else ""
        )
        if deal.contract_amount is None and deal.bid is not None:
            sign_form.contract_amount.data = f"{deal.bid.price:.2f}"
    context: dict[str, Any] = {
        "deal": deal,
        "roles": roles,
        "actions": actions,
        "is_buyer": org_id == deal.buyer_id,
        "is_seller": org_id == deal.seller_id,
        "nda": deals.nda_accepted(deal, deal.buyer_id),
        "can_open": {f.id: deals.can_open(current_user, f) for f in deal.files},
        "access_log": deals.access_log(db.session, current_user, deal)
        if (org_id == deal.seller_id or roles & {"broker", "admin"})
        else None,
        "forms": {
            "message": MessageForm(),
            "dataroom": DataRoomForm(),
            "action": ActionForm(),
            "lose": LoseForm(),
            "sign": sign_form,
        },
        "labels": labels,
        "contract_labels": contract_labels,
        "payment": _service_fee(deal),
        "payment_label": _payment_label,
    }
    deals.mark_read(db.session, current_user, deal)
    tx.commit()
    return render_template("deals/room.html", **context)


def _service_fee(deal: Deal):
    return payments.payment_for(db.session, "deal", deal.id, "service_fee")


def _payment_label(status: str) -> str:
    return str(payment_labels.STATUSES.get(status, status))


def _back(deal: Deal, anchor: str = ""):
    return redirect(url_for("deals.room", deal_id=deal.id) + anchor)


@bp.post("/deals/<int:deal_id>/<any(negotiate, perform, close, lose):action>")
@login_required
def move(deal_id: int, action: str):
    deal = _deal(deal_id)
    if action == DealAction.LOSE:
        form = LoseForm()
        if not form.validate_on_submit():
            abort(400)
        run_action(
            lambda: deals.move(
                db.session,
                current_user,
                deal,
                action,
                reason=form.reason.data or None,
                note=form.note.data or "",
            ),
            _("The deal has ended."),
        )
    else:
        if not ActionForm().validate_on_submit():
            abort(400)
        run_action(lambda: deals.move(db.session, current_user, deal, action), _("Stage updated."))
    return _back(deal)


@bp.post("/deals/<int:deal_id>/sign")
@login_required
def sign(deal_id: int):
    deal = _deal(deal_id)
    form = SignForm()
    if not form.validate_on_submit():
        abort(400)
    rate = Decimal(str(current_app.config.get("SERVICE_FEE_RATE") or 0))
    if run_action(
        lambda: deals.sign(db.session, current_user, deal, form.to_input(), fee_rate=rate),
        _("Signed. A contract record was created for the seller to complete and apply for registration."),
    ):
        return _back(deal)
    return _back(deal, "#sign")


@bp.post("/deals/<int:deal_id>/messages")
@login_required
def post_message(deal_id: int):
    deal = _deal(deal_id)
    form = MessageForm()
    if not form.validate_on_submit():
        abort(400)
    files = [(f.read(), f.filename or "") for f in (form.files.data or []) if f and f.filename]
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    run_action(
        lambda: deals.post_message(
            db.session, current_user, deal, form.body.data or "", files, file_store(), limit
        )
    )
    return _back(deal, "#messages")


@bp.post("/deals/<int:deal_id>/nda")
@login_required
def accept_nda(deal_id: int):
    deal = _deal(deal_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    run_action(
        lambda: deals.accept_nda(db.session, current_user, deal), _("NDA accepted: the data room is open.")
    )
    return _back(deal, "#dataroom")


@bp.post("/deals/<int:deal_id>/dataroom")
@login_required
def dataroom_upload(deal_id: int):
    deal = _deal(deal_id)
    form = DataRoomForm()
    if not form.validate_on_submit():
        abort(400)
    storage = form.file.data
    data = storage.read() if storage else b""
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    run_action(
        lambda: deals.add_confidential_file(
            db.session, current_user, deal, data, storage.filename if storage else "", file_store(), limit
        ),
        _("The document is in the data room."),
    )
    return _back(deal, "#dataroom")


@bp.get("/deals/<int:deal_id>/files/<int:file_id>")
@login_required
def file(deal_id: int, file_id: int):
    deal = _deal(deal_id)
    document = db.session.get(DealFile, file_id)
    if document is None or document.deal_id != deal.id:
        abort(404)
    deals.open_file(db.session, current_user, document)
    tx.commit()  # the access log
    path = file_store().path(document.sha256)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=document.content_type, download_name=document.filename, conditional=True)


@bp.app_template_filter("stage_label")
def stage_label(value: str) -> str:
    return str(labels.STAGES.get(value, value))
