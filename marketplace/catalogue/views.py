"""Pages of the catalogue: public lists and details, owner forms and dashboard, moderation, files."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from marketplace.catalogue import services, vocab
from marketplace.catalogue.forms import (
    AchievementForm,
    BidForm,
    CofundingForm,
    CollectionForm,
    DecisionForm,
    DemandForm,
    ImportForm,
    InquiryForm,
    UploadForm,
    achievement_form_data,
    demand_form_data,
    wan,
)
from marketplace.catalogue.models import (
    Achievement,
    Attachment,
    ChallengeBid,
    Collection,
    CollectionStatus,
    Demand,
    DemandKind,
)
from marketplace.catalogue.states import BID, COLLECTION, LISTING, REVISION
from marketplace.core import regions, tx, uploads
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from marketplace.core.html import sanitise
from marketplace.core.web import (
    file_store,
    flash_problem,
    get_or_404,
    page_arg,
    run_action,
    safe_next,
    show_errors,
)
from marketplace.discovery.views import listing_panels
from marketplace.extensions import db

bp = Blueprint("catalogue", __name__)

MODELS = {"achievements": Achievement, "demands": Demand}
KINDS = "any(achievements, demands)"


def _listing(kinds: str, listing_id: int):
    return get_or_404(MODELS[kinds], listing_id)


def _visitor() -> str:
    if current_user.is_authenticated:
        return f"u:{current_user.id}"
    raw = f"{request.remote_addr}|{request.user_agent.string}|{current_app.config['SECRET_KEY']}"
    return "a:" + hashlib.sha256(raw.encode()).hexdigest()[:40]


def _filters() -> services.Filters:
    args = request.args
    return services.Filters(
        field=args.get("field") or None,
        province_code=args.get("province_code") or None,
        maturity=args.get("maturity") or None,
        kind=args.get("kind") or None,
        q=args.get("q") or None,
    )


def _purge(digests: set[str]) -> None:
    """After a commit: delete the files no attachment row references any more."""
    if digests:
        file_store().delete_unreferenced(digests, services.referenced_digests(db.session, digests))


# --- public ---------------------------------------------------------------------------------------


@bp.get("/<any(achievements, demands):kinds>")
def index(kinds: str):
    model = MODELS[kinds]
    filters = _filters()
    page = db.paginate(
        services.public_listings(model, filters),
        page=page_arg(),
        per_page=current_app.config["PER_PAGE"],
        error_out=False,
    )
    return render_template(
        "catalogue/index.html",
        kinds=kinds,
        page=page,
        filters=filters,
        provinces=regions.provinces(),
        vocab=vocab,
        can_create=services.can_publish(current_user, "achievement" if kinds == "achievements" else "demand"),
    )


@bp.get("/<any(achievements, demands):kinds>/<int:listing_id>")
def detail(kinds: str, listing_id: int):
    listing = _listing(kinds, listing_id)
    if not services.can_view(current_user, listing):
        abort(404)  # a draft of another organisation does not exist for this visitor
    counted = listing.is_published and not services.is_owner(current_user, listing)
    if counted and services.record_view(db.session, listing, _visitor(), date.today()):
        tx.commit()
    owner = services.is_owner(current_user, listing)
    return render_template(
        f"catalogue/{listing.kind_name}_detail.html",
        listing=listing,
        kinds=kinds,
        vocab=vocab,
        owner=owner,
        moderator=services.is_moderator(current_user),
        show_contact=services.contact_visible(current_user, listing),
        actions=LISTING.allowed_actions(listing, current_user),
        revision_actions=REVISION.allowed_actions(listing, current_user) if listing.pending_changes else [],
        completeness=services.completeness(listing) if owner and isinstance(listing, Achievement) else None,
        decision=DecisionForm(),
        upload=UploadForm(),
        bids=listing.bids
        if isinstance(listing, Demand) and services.can_see_bids(current_user, listing)
        else [],
        own_bid=services.own_bid(current_user, listing) if isinstance(listing, Demand) else None,
        can_bid=isinstance(listing, Demand) and services.can_bid(current_user, listing),
        bid_machine=BID,
        bookmarked=services.is_bookmarked(db.session, current_user, listing),
        inquiries=services.inquiries_for(db.session, current_user, listing),
        can_inquire=services.can_inquire(current_user, listing),
        inquiry_form=InquiryForm(),
        collections=services.curated_by(db.session, current_user)
        if isinstance(listing, Achievement) and listing.is_published and services.can_curate(current_user)
        else [],
        **listing_panels(current_user, listing),
    )


# --- owners ---------------------------------------------------------------------------------------


def _form_for(kinds: str, listing=None):
    if kinds == "achievements":
        return AchievementForm(data=achievement_form_data(listing) if listing else None)
    form = DemandForm(data=demand_form_data(listing) if listing else None)
    if listing is None and request.method == "GET" and request.args.get("kind") == DemandKind.CHALLENGE:
        form.kind.data = DemandKind.CHALLENGE.value
    return form


@bp.route("/<any(achievements, demands):kinds>/new", methods=["GET", "POST"])
@login_required
def create(kinds: str):
    kind = "achievement" if kinds == "achievements" else "demand"
    if not services.can_publish(current_user, kind):
        raise PermissionDenied(kind)
    form = _form_for(kinds)
    if form.validate_on_submit():
        try:
            creator = services.create_achievement if kinds == "achievements" else services.create_demand
            listing = creator(db.session, current_user, form.to_input())
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Saved as a draft. Add files if you like, then submit it for review."), "success")
            return redirect(url_for("catalogue.detail", kinds=kinds, listing_id=listing.id))
    return render_template(f"catalogue/{kind}_form.html", form=form, listing=None, kinds=kinds, vocab=vocab)


@bp.route("/<any(achievements, demands):kinds>/<int:listing_id>/edit", methods=["GET", "POST"])
@login_required
def edit(kinds: str, listing_id: int):
    listing = _listing(kinds, listing_id)
    if not services.is_owner(current_user, listing):
        raise PermissionDenied("edit")
    form = _form_for(kinds, listing)
    if form.validate_on_submit():
        try:
            outcome = services.update_listing(db.session, current_user, listing, form.to_input())
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        except InvalidTransition:
            tx.rollback()
            flash(_("This action is not possible in the current state."), "warning")
        else:
            tx.commit()
            if outcome == "revision":
                flash(
                    _(
                        "Your changes were sent for review; the published version stays visible until they "
                        "are approved."
                    ),
                    "info",
                )
            else:
                flash(_("Saved."), "success")
            return redirect(url_for("catalogue.detail", kinds=kinds, listing_id=listing.id))
    return render_template(
        f"catalogue/{listing.kind_name}_form.html", form=form, listing=listing, kinds=kinds, vocab=vocab
    )


@bp.post("/<any(achievements, demands):kinds>/<int:listing_id>/act/<action>")
@login_required
def act(kinds: str, listing_id: int, action: str):
    listing = _listing(kinds, listing_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    months = current_app.config["ACHIEVEMENT_VALIDITY_MONTHS"]
    run_action(
        lambda: services.act(
            db.session, current_user, listing, action, form.note.data, achievement_months=months
        ),
        _("Done."),
    )
    fallback = url_for("catalogue.detail", kinds=kinds, listing_id=listing_id)
    return redirect(safe_next(request.form.get("next")) if request.form.get("next") else fallback)


@bp.post("/<any(achievements, demands):kinds>/<int:listing_id>/revision/<action>")
@login_required
def decide_revision(kinds: str, listing_id: int, action: str):
    listing = _listing(kinds, listing_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    run_action(
        lambda: services.decide_revision(db.session, current_user, listing, action, form.note.data),
        _("Done."),
    )
    return redirect(url_for("catalogue.moderation", revisions=1))


@bp.post("/<any(achievements, demands):kinds>/<int:listing_id>/delete")
@login_required
def delete(kinds: str, listing_id: int):
    listing = _listing(kinds, listing_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    try:
        digests = services.delete_listing(db.session, current_user, listing)
    except ValidationFailed as exc:
        tx.rollback()
        flash_problem(exc)
        return redirect(url_for("catalogue.detail", kinds=kinds, listing_id=listing_id))
    tx.commit()
    _purge(digests)
    flash(_("Deleted."), "success")
    return redirect(url_for("catalogue.my_listings"))


@bp.post("/<any(achievements, demands):kinds>/<int:listing_id>/attachments")
@login_required
def upload(kinds: str, listing_id: int):
    listing = _listing(kinds, listing_id)
    form = UploadForm()
    if not form.validate_on_submit():
        abort(400)
    storage = form.file.data
    data = storage.read() if storage else b""
    try:
        services.add_attachment(
            db.session,
            current_user,
            listing,
            data,
            storage.filename if storage else "",
            file_store(),
            current_app.config["UPLOAD_MAX_BYTES"],
            role=form.role.data,
        )
    except ValidationFailed as exc:
        tx.rollback()
        flash_problem(exc)
    else:
        tx.commit()
        flash(_("The file has been added."), "success")
    return redirect(url_for("catalogue.detail", kinds=kinds, listing_id=listing_id) + "#files")


@bp.get("/attachments/<int:attachment_id>")
def download(attachment_id: int):
    attachment = get_or_404(Attachment, attachment_id)
    if not services.can_download(current_user, attachment):
        abort(404)
    path = file_store().path(attachment.sha256)
    if not path.exists():
        abort(404)
    inline = attachment.content_type in uploads.ALLOWED
    return send_file(
        path,
        mimetype=attachment.content_type,
        download_name=attachment.filename,
        as_attachment=not inline,
        max_age=3600,
        conditional=True,
    )


@bp.post("/attachments/<int:attachment_id>/delete")
@login_required
def delete_attachment(attachment_id: int):
    attachment = get_or_404(Attachment, attachment_id)
    listing = attachment.achievement or attachment.demand
    if not DecisionForm().validate_on_submit():
        abort(400)
    digest = services.remove_attachment(db.session, current_user, attachment)
    tx.commit()
    _purge({digest})
    flash(_("The file has been removed."), "success")
    kinds = f"{listing.kind_name}s"
    return redirect(url_for("catalogue.detail", kinds=kinds, listing_id=listing.id) + "#files")


@bp.get("/my/listings")
@login_required
def my_listings():
    """The organisation's own listings, one kind at a time, filterable by status and paginated."""
    org = current_user.organization
    if org is None:
        return redirect(url_for("accounts.my_organization"))
    can_achievement = services.can_publish(current_user, "achievement")
    can_demand = services.can_publish(current_user, "demand")
    default = "achievements" if can_achievement or not can_demand else "demands"
    kinds = request.args.get("kind") if request.args.get("kind") in MODELS else default
    status = request.args.get("status") if request.args.get("status") in vocab.LISTING_STATUSES else None
    model = MODELS[kinds]
    stmt = services.organization_listings(model, org.id, status=status)
    page = db.paginate(stmt, page=page_arg(), per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template(
        "catalogue/my_listings.html",
        page=page,
        kinds=kinds,
        status=status,
        inquiry_counts=services.inquiry_counts(db.session, model, [item.id for item in page.items]),
        vocab=vocab,
        can_achievement=can_achievement,
        can_demand=can_demand,
        completeness=services.completeness,
    )


@bp.get("/moderation")
@login_required
def moderation():
    if not services.is_moderator(current_user):
        raise PermissionDenied("moderation")
    revisions = request.args.get("revisions") == "1"
    field = request.args.get("field") or None
    queues = {
        kinds: db.session.scalars(services.moderation_queue(model, field=field, revisions=revisions)).all()
        for kinds, model in MODELS.items()
    }
    return render_template(
        "catalogue/moderation.html",
        queues=queues,
        revisions=revisions,
        field=field,
        vocab=vocab,
        decision=DecisionForm(),
    )


@bp.app_template_filter("wan")
def wan_filter(value) -> str:
    """An amount in 元 shown in 万元, or 面议 (negotiable) when there is none."""
    if value is None:
        return _("Negotiable")
    amount = value / 10000
    text = f"{amount:,.2f}".rstrip("0").rstrip(".")
    return _("%(amount)s ×10k yuan", amount=text)


@bp.app_template_filter("rich")
def rich_filter(markup: str) -> Markup:
    """Stored rich text, sanitised again on the way out (defence in depth)."""
    return Markup(sanitise(markup))  # noqa: S704 - nh3 output


@bp.route("/demands/<int:listing_id>/bids/new", methods=["GET", "POST"])
@login_required
def create_bid(listing_id: int):
    demand = get_or_404(Demand, listing_id)
    if not services.can_bid(current_user, demand):
        raise PermissionDenied("bid")
    form = BidForm()
    if form.validate_on_submit():
        try:
            services.submit_bid(db.session, current_user, demand, form.to_input())
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Your application has been sent to the enterprise."), "success")
            return redirect(url_for("catalogue.detail", kinds="demands", listing_id=demand.id) + "#bids")
    return render_template("catalogue/bid_form.html", form=form, demand=demand)


@bp.post("/bids/<int:bid_id>/<action>")
@login_required
def decide_bid(bid_id: int, action: str):
    bid = get_or_404(ChallengeBid, bid_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    run_action(lambda: services.decide_bid(db.session, current_user, bid, action), _("Done."))
    return redirect(url_for("catalogue.detail", kinds="demands", listing_id=bid.demand_id) + "#bids")


# --- bookmarks ------------------------------------------------------------------------------------


@bp.post("/<any(achievements, demands):kinds>/<int:listing_id>/bookmark")
@login_required
def bookmark(kinds: str, listing_id: int):
    listing = _listing(kinds, listing_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    if not services.can_view(current_user, listing):
        abort(404)
    now_bookmarked = services.toggle_bookmark(db.session, current_user, listing)
    tx.commit()
    flash(_("Bookmarked.") if now_bookmarked else _("Bookmark removed."), "success")
    return redirect(url_for("catalogue.detail", kinds=kinds, listing_id=listing_id))


@bp.get("/my/bookmarks")
@login_required
def my_bookmarks():
    return render_template(
        "catalogue/my_bookmarks.html",
        vocab=vocab,
        achievements=services.bookmarked(db.session, current_user, Achievement),
        demands=services.bookmarked(db.session, current_user, Demand),
    )


# --- collections (成果包) --------------------------------------------------------------------------


@bp.get("/collections")
def collections():
    stmt = (
        sa.select(Collection)
        .where(Collection.status == CollectionStatus.PUBLISHED)
        .order_by(Collection.published_at.desc())
    )
    page = db.paginate(stmt, page=page_arg(), per_page=current_app.config["PER_PAGE"], error_out=False)
    mine = services.curated_by(db.session, current_user) if services.can_curate(current_user) else []
    return render_template(
        "catalogue/collections.html", page=page, mine=mine, can_curate=services.can_curate(current_user)
    )


def _collection(collection_id: int) -> Collection:
    collection = get_or_404(Collection, collection_id)
    curator = COLLECTION.roles_of(current_user, collection)
    if not collection.is_published and not curator:
        abort(404)
    return collection


@bp.get("/collections/<int:collection_id>")
def collection(collection_id: int):
    item = _collection(collection_id)
    return render_template(
        "catalogue/collection.html",
        collection=item,
        achievements=services.visible_items(item),
        vocab=vocab,
        curator="curator" in COLLECTION.roles_of(current_user, item),
        actions=COLLECTION.allowed_actions(item, current_user),
        decision=DecisionForm(),
    )


@bp.get("/collections/<int:collection_id>.xlsx")
def collection_export(collection_id: int):
    from marketplace.catalogue import transfer

    item = _collection(collection_id)
    data = transfer.export_listings(services.visible_items(item), "achievements", "xlsx")
    return send_file(
        io.BytesIO(data),
        download_name=f"{item.title}.xlsx",
        as_attachment=True,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@bp.route("/collections/new", methods=["GET", "POST"])
@login_required
def create_collection():
    if not services.can_curate(current_user):
        raise PermissionDenied("collections are curated by agencies and authorities")
    form = CollectionForm()
    if form.validate_on_submit():
        try:
            item = services.create_collection(
                db.session, current_user, form.title.data, form.description.data or ""
            )
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("The collection has been created. Add achievements from their pages."), "success")
            return redirect(url_for("catalogue.collection", collection_id=item.id))
    return render_template("catalogue/collection_form.html", form=form, collection=None)


@bp.route("/collections/<int:collection_id>/edit", methods=["GET", "POST"])
@login_required
def edit_collection(collection_id: int):
    item = get_or_404(Collection, collection_id)
    if "curator" not in COLLECTION.roles_of(current_user, item):
        raise PermissionDenied("edit collection")
    form = CollectionForm(obj=item)
    if form.validate_on_submit():
        try:
            services.update_collection(
                db.session, current_user, item, form.title.data, form.description.data or ""
            )
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("catalogue.collection", collection_id=item.id))
    return render_template("catalogue/collection_form.html", form=form, collection=item)


@bp.post("/collections/<int:collection_id>/items")
@login_required
def add_collection_item(collection_id: int):
    item = get_or_404(Collection, collection_id)
    achievement = get_or_404(Achievement, request.form.get("achievement_id", type=int) or 0)
    if not DecisionForm().validate_on_submit():
        abort(400)
    run_action(
        lambda: services.add_to_collection(db.session, current_user, item, achievement),
        _("Added to the collection “%(title)s”.", title=item.title),
    )
    return redirect(url_for("catalogue.detail", kinds="achievements", listing_id=achievement.id))


@bp.post("/collections/<int:collection_id>/items/<int:achievement_id>/remove")
@login_required
def remove_collection_item(collection_id: int, achievement_id: int):
    item = get_or_404(Collection, collection_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    services.remove_from_collection(db.session, current_user, item, achievement_id)
    tx.commit()
    flash(_("Removed from the collection."), "success")
    return redirect(url_for("catalogue.collection", collection_id=item.id))


@bp.post("/collections/<int:collection_id>/act/<action>")
@login_required
def act_on_collection(collection_id: int, action: str):
    item = get_or_404(Collection, collection_id)
    if not DecisionForm().validate_on_submit():
        abort(400)
    run_action(lambda: services.act_on_collection(db.session, current_user, item, action), _("Done."))
    return redirect(url_for("catalogue.collection", collection_id=item.id))


# --- import and export ----------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/my/import", methods=["GET", "POST"])
@login_required
def import_listings():
    from marketplace.catalogue import transfer

    kinds = [k for k in ("achievements", "demands") if services.can_publish(current_user, k[:-1])]
    if not kinds:
        raise PermissionDenied("import")
    form = ImportForm()
    form.kind.choices = [
        (k, _("Achievements") if k == "achievements" else _("Demands and challenges")) for k in kinds
    ]
    report = None
    if form.validate_on_submit():
        kind = form.kind.data if form.kind.data in kinds else kinds[0]
        storage = form.file.data
        data = storage.read() if storage else b""
        report = transfer.import_listings(
            db.session,
            current_user,
            kind,
            data,
            storage.filename if storage else "",
            dry_run=form.dry_run.data,
        )
        if report.ok and not report.dry_run:
            tx.commit()
            flash(
                _(
                    "%(n)d listings imported as drafts. Review them, then submit them for review.",
                    n=report.imported,
                ),
                "success",
            )
            return redirect(url_for("catalogue.my_listings"))
        tx.rollback()
    return render_template("catalogue/import.html", form=form, report=report)


@bp.get("/import/template/<any(achievements, demands):kinds>.xlsx")
def import_template(kinds: str):
    from marketplace.catalogue import transfer

    name = "成果导入模板.xlsx" if kinds == "achievements" else "需求导入模板.xlsx"
    return send_file(
        io.BytesIO(transfer.template(kinds)), download_name=name, as_attachment=True, mimetype=XLSX
    )


@bp.get("/<any(achievements, demands):kinds>/export.<any(xlsx, csv):fmt>")
def export(kinds: str, fmt: str):
    """The published listings matching the current filters, as the authorities' spreadsheets expect."""
    from marketplace.catalogue import transfer

    stmt = services.public_listings(MODELS[kinds], _filters()).limit(transfer.MAX_ROWS)
    data = transfer.export_listings(db.session.scalars(stmt).all(), kinds, fmt)
    mimetype = XLSX if fmt == "xlsx" else "text/csv; charset=utf-8"
    name = ("科技成果" if kinds == "achievements" else "技术需求") + f"-{date.today().isoformat()}.{fmt}"
    return send_file(io.BytesIO(data), download_name=name, as_attachment=True, mimetype=mimetype)


@bp.post("/<any(achievements, demands):kinds>/<int:listing_id>/inquiries")
@login_required
def inquire(kinds: str, listing_id: int):
    listing = _listing(kinds, listing_id)
    form = InquiryForm()
    if not form.validate_on_submit():
        abort(400)
    if not services.can_view(current_user, listing):
        abort(404)
    run_action(
        lambda: services.send_inquiry(db.session, current_user, listing, form.message.data or ""),
        _("Your inquiry has been sent to the owner."),
    )
    return redirect(url_for("catalogue.detail", kinds=kinds, listing_id=listing_id) + "#inquiries")


@bp.route("/my/organization/cofunding", methods=["GET", "POST"])
@login_required
def cofunding():
    """An authority's default public co-funding of the challenges posted in its province."""
    from decimal import Decimal, InvalidOperation

    org = current_user.organization
    if org is None or org.type != "authority" or not services.is_org_admin_of(current_user, org):
        raise PermissionDenied("cofunding policy")
    policy = services.cofunding_policy_for(db.session, org.province_code)
    policy = policy if policy is not None and policy.organization_id == org.id else None
    form = CofundingForm(
        data={
            "rate": format((policy.rate * 100).normalize(), "f") if policy else "",
            "cap": wan(policy.cap) if policy else "",
            "note": policy.note if policy else "",
        }
    )
    if form.validate_on_submit():
        raw = (form.rate.data or "").strip().rstrip("%")
        try:
            rate = (Decimal(raw) / 100) if raw else None
        except InvalidOperation:
            rate = Decimal(-1)
        try:
            services.set_cofunding_policy(db.session, current_user, rate, form.cap.yuan, form.note.data or "")
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("catalogue.cofunding"))
    return render_template("catalogue/cofunding.html", form=form, org=org, policy=policy)


@bp.post("/bids/<int:bid_id>/attachments")
@login_required
def upload_bid_file(bid_id: int):
    bid = get_or_404(ChallengeBid, bid_id)
    form = UploadForm()
    if not form.validate_on_submit():
        abort(400)
    storage = form.file.data
    data = storage.read() if storage else b""
    name = storage.filename if storage else ""
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    run_action(
        lambda: services.add_bid_attachment(db.session, current_user, bid, data, name, file_store(), limit),
        _("The file has been added."),
    )
    return redirect(url_for("catalogue.detail", kinds="demands", listing_id=bid.demand_id) + "#bids")
