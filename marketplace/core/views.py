"""Pages every visitor shares (home, language switch, health) and the admins' audit log and mailbox."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from marketplace.accounts import services as accounts
from marketplace.accounts.forms import EmptyForm, LanguageForm
from marketplace.accounts.models import Organization, User, VerificationStatus
from marketplace.accounts.permissions import Action, require
from marketplace.catalogue.models import Achievement, Demand
from marketplace.core import audit, tx
from marketplace.core import notifications as notices
from marketplace.core.errors import ValidationFailed
from marketplace.core.models import AuditLog, OutboundMail
from marketplace.core.web import page_arg, safe_next
from marketplace.extensions import db
from marketplace.i18n import LOCALE_COOKIE

bp = Blueprint("core", __name__)


@bp.get("/")
def home():
    figures = {
        "organizations": db.session.scalar(
            sa.select(sa.func.count(Organization.id)).where(
                Organization.verification_status == VerificationStatus.VERIFIED
            )
        ),
        "users": db.session.scalar(sa.select(sa.func.count(User.id))),
        "achievements": db.session.scalar(
            sa.select(sa.func.count(Achievement.id)).where(Achievement.status == "published")
        ),
        "demands": db.session.scalar(sa.select(sa.func.count(Demand.id)).where(Demand.status == "published")),
    }
    return render_template("core/home.html", figures=figures)


@bp.post("/language")
def set_language():
    form = LanguageForm()
    if not form.validate_on_submit() or form.locale.data not in current_app.config["LANGUAGES"]:
        abort(400)
    if current_user.is_authenticated:
        try:
            accounts.set_locale(db.session, current_user, form.locale.data)
        except ValidationFailed:
            abort(400)
        tx.commit()
    response = make_response(redirect(safe_next(form.next.data)))
    response.set_cookie(
        LOCALE_COOKIE, form.locale.data, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )
    return response


@bp.get("/healthz")
def healthz():
    started = time.perf_counter()
    try:
        db.session.execute(sa.text("SELECT 1"))
        database = {
            "ok": True,
            "backend": db.engine.dialect.name,
            "latency_ms": round((time.perf_counter() - started) * 1000, 2),
        }
    except sa.exc.SQLAlchemyError as exc:
        db.session.rollback()
        database = {"ok": False, "backend": db.engine.dialect.name, "error": type(exc).__name__}
    ok = database["ok"]
    body = {"status": "ok" if ok else "degraded", "database": database}
    if ok:
        from marketplace.discovery import indexing

        # a search engine that is down degrades search, not the site: reported, but still 200
        body["search"] = indexing.health(db.session, indexing.backend())
        # an index built under an older lexicon or analyzer serves, but misses what the new terms would find
        stale = body["search"].get("analysis", {}).get("current") is False
        if not body["search"].get("ok") or stale:
            body["status"] = "degraded"
    return jsonify(body), 200 if ok else 503


def _date_arg(name: str) -> datetime | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).astimezone()
    except ValueError:
        return None


@bp.get("/admin/audit")
@login_required
def audit_log():
    require(current_user, Action.ADMINISTER)
    filters = {k: request.args.get(k, "").strip() for k in ("actor", "action", "object_type", "object_id")}
    since, until = _date_arg("since"), _date_arg("until")
    if until is not None:
        until = until + timedelta(days=1)  # the "until" day is included
    stmt = audit.query(since=since, until=until, **{k: v or None for k, v in filters.items()})
    page = db.paginate(stmt, page=page_arg(), per_page=50, error_out=False)
    object_types = db.session.scalars(
        sa.select(AuditLog.object_type).distinct().order_by(AuditLog.object_type)
    )
    return render_template(
        "core/audit_log.html",
        page=page,
        filters=filters,
        object_types=list(object_types),
        since=request.args.get("since", ""),
        until=request.args.get("until", ""),
    )


@bp.get("/admin/mailbox")
@login_required
def mailbox():
    """Mail written by the platform; with no SMTP server configured, this is where it can be read."""
    require(current_user, Action.ADMINISTER)
    recipient = request.args.get("to", "").strip()
    stmt = sa.select(OutboundMail).order_by(OutboundMail.id.desc())
    if recipient:
        stmt = stmt.where(OutboundMail.recipient.icontains(recipient, autoescape=True))
    page = db.paginate(stmt, page=page_arg(), per_page=20, error_out=False)
    return render_template(
        "core/mailbox.html", page=page, recipient=recipient, smtp=bool(current_app.config.get("MAIL_SERVER"))
    )


@bp.get("/notifications")
@login_required
def notifications():
    page = db.paginate(notices.for_user(current_user.id), page=page_arg(), per_page=30, error_out=False)
    return render_template("core/notifications.html", page=page, form=EmptyForm())


@bp.post("/notifications/read")
@login_required
def notifications_read():
    if not EmptyForm().validate_on_submit():
        abort(400)
    notices.mark_all_read(db.session, current_user.id)
    tx.commit()
    return redirect(url_for("core.notifications"))
