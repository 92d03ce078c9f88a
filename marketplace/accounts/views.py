"""Pages of the accounts domain: sign-up, login, password reset, organisations, memberships, admin."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import labels, services
from marketplace.accounts.forms import (
    ApiTokenForm,
    ChangePasswordForm,
    DecisionForm,
    EmptyForm,
    ForgotPasswordForm,
    LoginForm,
    MemberRoleForm,
    OrganizationForm,
    ProfileForm,
    ResetPasswordForm,
    RoleForm,
    SignupForm,
)
from marketplace.accounts.models import Membership, Organization, User, VerificationStatus
from marketplace.accounts.permissions import Action, can, require
from marketplace.accounts.states import MEMBERSHIP, ORGANIZATION_VERIFICATION
from marketplace.core import mail, regions, tx
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.core.web import get_or_404, page_arg, run_action, safe_next, show_errors
from marketplace.extensions import db, limiter

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


# --- sign-up, login, logout ------------------------------------------------------------------


@bp.route("/signup", methods=["GET", "POST"])
def signup():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = SignupForm()
    if form.validate_on_submit():
        info = services.SignupInfo(
            email=form.email.data,
            password=form.password.data,
            display_name=form.display_name.data,
            locale=request.cookies.get("locale"),
        )
        try:
            user = services.sign_up(db.session, info)
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            login_user(user)
            flash(_("Welcome! Your account is ready. Next, create or join your organisation."), "success")
            return redirect(url_for("accounts.my_organization"))
    return render_template("accounts/signup.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=lambda response: response.status_code != 302)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = services.authenticate(db.session, form.email.data, form.password.data)
        if user is None:
            form.form_errors.append(_("Wrong email or password."))
        else:
            tx.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next(form.next.data))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    if not EmptyForm().validate_on_submit():
        abort(400)
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("core.home"))


# --- password reset --------------------------------------------------------------------------


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.find_user_by_email(db.session, form.email.data)
        if user is not None and user.is_enabled:
            token = services.make_reset_token(user, current_app.config["SECRET_KEY"])
            link = url_for("accounts.reset_password", token=token, _external=True)
            body = render_template(
                "emails/password_reset.txt",
                user=user,
                link=link,
                hours=current_app.config["PASSWORD_RESET_MAX_AGE"] // 3600,
            )
            mail.queue(db.session, user.email, _("Reset your password"), body)
            tx.commit()
        # the same answer whether or not the address is known, so that accounts cannot be enumerated
        flash(
            _("If an account exists for this address, we have sent it a link to set a new password."), "info"
        )
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    secret, max_age = current_app.config["SECRET_KEY"], current_app.config["PASSWORD_RESET_MAX_AGE"]
    try:
        services.user_for_reset_token(db.session, token, secret, max_age)
    except ValidationFailed as exc:
        return render_template("accounts/reset_invalid.html", reasons=exc.reasons), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(db.session, token, form.password.data, secret, max_age)
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Your password has been changed. You can log in with it now."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_password.html", form=form)


# --- own account -----------------------------------------------------------------------------


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    profile = ProfileForm(prefix="profile", obj=current_user)
    password = ChangePasswordForm(prefix="pw")
    if profile.display_name.name in request.form and profile.validate_on_submit():
        try:
            services.update_profile(db.session, current_user, profile.display_name.data)
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(profile, exc)
        else:
            tx.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("accounts.account"))
    if password.current_password.name in request.form and password.validate_on_submit():
        try:
            services.change_password(
                db.session, current_user, password.current_password.data, password.new_password.data
            )
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(password, exc)
        else:
            tx.commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("accounts.account"))
    return render_template("accounts/account.html", profile=profile, password=password)


# --- organisations ---------------------------------------------------------------------------


def _org_info(form: OrganizationForm) -> services.OrganizationInfo:
    return services.OrganizationInfo(
        name=form.name.data or "",
        type=form.type.data or "",
        credit_code=form.credit_code.data or "",
        province_code=form.province_code.data or "",
        city_code=form.city_code.data or "",
    )


@bp.get("/regions/cities")
def city_options():
    """The city <option>s of a province, swapped into the organisation form by htmx."""
    province = request.args.get("province_code", "")
    return render_template("accounts/_city_options.html", cities=regions.cities(province))


@bp.get("/organizations")
def organizations():
    q = request.args.get("q", "").strip()
    org_type = request.args.get("type", "")
    stmt = services.list_organizations(
        query=q or None, type=org_type or None, status=VerificationStatus.VERIFIED.value
    )
    page = db.paginate(stmt, page=page_arg(), per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template(
        "accounts/organizations.html",
        page=page,
        q=q,
        org_type=org_type,
        can_join=can(current_user, Action.REQUEST_MEMBERSHIP),
        join_form=EmptyForm(),
    )


@bp.get("/organizations/<int:org_id>")
def organization(org_id: int):
    org = get_or_404(Organization, org_id)
    is_member = (
        current_user.is_authenticated
        and current_user.membership is not None
        and current_user.membership.organization_id == org.id
    )
    if not org.is_verified and not (is_member or can(current_user, Action.ADMINISTER)):
        abort(404)
    return render_template(
        "accounts/organization.html",
        org=org,
        join_form=EmptyForm(),
        can_join=can(current_user, Action.REQUEST_MEMBERSHIP) and org.verification_status != "rejected",
        can_edit=can(current_user, Action.EDIT_ORGANIZATION, org),
    )


@bp.route("/organizations/new", methods=["GET", "POST"])
@login_required
def create_organization():
    require(current_user, Action.CREATE_ORGANIZATION)
    form = OrganizationForm()
    if form.validate_on_submit():
        try:
            org = services.create_organization(db.session, current_user, _org_info(form))
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("The organisation has been created. A platform administrator will verify it."), "success")
            return redirect(url_for("accounts.my_organization", org_id=org.id))
    return render_template("accounts/organization_form.html", form=form, org=None)


@bp.route("/organizations/<int:org_id>/edit", methods=["GET", "POST"])
@login_required
def edit_organization(org_id: int):
    org = get_or_404(Organization, org_id)
    require(current_user, Action.EDIT_ORGANIZATION, org)
    form = OrganizationForm(obj=org)
    if form.validate_on_submit():
        try:
            services.update_organization(db.session, current_user, org, _org_info(form))
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("accounts.my_organization"))
    return render_template("accounts/organization_form.html", form=form, org=org)


@bp.post("/organizations/<int:org_id>/join")
@login_required
def join_organization(org_id: int):
    org = get_or_404(Organization, org_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        services.request_membership(db.session, current_user, org)
    except ValidationFailed as exc:
        tx.rollback()
        for _field, message in exc.reasons:
            flash(str(message), "danger")
        return redirect(url_for("accounts.organization", org_id=org.id))
    tx.commit()
    flash(_("Your request has been sent to the organisation's administrators."), "success")
    return redirect(url_for("accounts.my_organization"))


@bp.get("/my/organization")
@login_required
def my_organization():
    membership = current_user.membership or current_user.pending_membership
    if membership is None or membership.status != "approved":
        return render_template(
            "accounts/no_organization.html",
            pending=membership,
            can_create=can(current_user, Action.CREATE_ORGANIZATION),
        )
    org = membership.organization
    return render_template(
        "accounts/my_organization.html",
        org=org,
        membership=membership,
        members=services.members(db.session, current_user, org),
        machine=MEMBERSHIP,
        verification=ORGANIZATION_VERIFICATION,
        is_admin=can(current_user, Action.EDIT_ORGANIZATION, org),
        form=EmptyForm(),
        role_form=MemberRoleForm(),
        labels=labels,
    )


@bp.post("/memberships/<int:membership_id>/<action>")
@login_required
def decide_membership(membership_id: int, action: str):
    membership = get_or_404(Membership, membership_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    run_action(lambda: services.decide_membership(db.session, current_user, membership, action), _("Done."))
    return redirect(request.referrer and safe_next(request.referrer) or url_for("accounts.my_organization"))


@bp.post("/memberships/<int:membership_id>/role")
@login_required
def set_member_role(membership_id: int):
    membership = get_or_404(Membership, membership_id)
    form = MemberRoleForm()
    if not form.validate_on_submit():
        abort(400)
    run_action(
        lambda: services.set_member_role(db.session, current_user, membership, form.role.data), _("Saved.")
    )
    return redirect(url_for("accounts.my_organization"))


@bp.post("/organizations/<int:org_id>/verification/<action>")
@login_required
def decide_verification(org_id: int, action: str):
    org = get_or_404(Organization, org_id)
    form = DecisionForm()
    if not form.validate_on_submit():
        abort(400)
    run_action(
        lambda: services.decide_verification(db.session, current_user, org, action, form.note.data),
        _("Done."),
    )
    return redirect(
        request.referrer and safe_next(request.referrer) or url_for("accounts.admin_organizations")
    )


# --- platform administration -----------------------------------------------------------------


@bp.get("/admin/organizations")
@login_required
def admin_organizations():
    require(current_user, Action.ADMINISTER)
    status = request.args.get("status", VerificationStatus.PENDING.value)
    q = request.args.get("q", "").strip()
    stmt = services.list_organizations(query=q or None, status=status or None)
    page = db.paginate(stmt, page=page_arg(), per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template(
        "accounts/admin_organizations.html",
        page=page,
        status=status,
        q=q,
        machine=ORGANIZATION_VERIFICATION,
        form=DecisionForm(),
        labels=labels,
    )


@bp.get("/admin/users")
@login_required
def admin_users():
    require(current_user, Action.ADMINISTER)
    q = request.args.get("q", "").strip()
    stmt = services.list_users(query=q or None)
    page = db.paginate(stmt, page=page_arg(), per_page=current_app.config["PER_PAGE"], error_out=False)
    return render_template("accounts/admin_users.html", page=page, q=q, form=RoleForm(), labels=labels)


@bp.post("/admin/users/<int:user_id>/roles")
@login_required
def change_roles(user_id: int):
    user = get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose a role."), "warning")
        return redirect(url_for("accounts.admin_users", q=request.args.get("q", "")))
    change = services.grant_role if form.grant.data == "1" else services.revoke_role
    run_action(lambda: change(db.session, current_user, user, form.role.data), _("Saved."))
    return redirect(url_for("accounts.admin_users", q=request.args.get("q", "")))


# --- API tokens of the organisation (for regional technology markets exchanging data) ---------------


@bp.route("/my/organization/api-tokens", methods=["GET", "POST"])
@login_required
def api_tokens():
    from marketplace.api import services as api_services

    org = current_user.organization
    if org is None or not org.is_verified:
        raise PermissionDenied("the API is for verified organisations")
    require(current_user, Action.EDIT_ORGANIZATION, org)
    form = ApiTokenForm()
    if form.validate_on_submit():
        try:
            token, raw = api_services.create_token(db.session, current_user, org, form.name.data)
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            # shown once, in this response only: never flashed (the session cookie is not encrypted)
            return render_template("accounts/api_token_created.html", token=token, raw=raw)
    tokens = api_services.tokens_of(db.session, current_user, org)
    return render_template(
        "accounts/api_tokens.html", org=org, tokens=tokens, form=form, revoke_form=EmptyForm()
    )


@bp.post("/api-tokens/<int:token_id>/revoke")
@login_required
def revoke_api_token(token_id: int):
    from marketplace.api import services as api_services
    from marketplace.api.models import ApiToken

    token = get_or_404(ApiToken, token_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    api_services.revoke_token(db.session, current_user, token)
    tx.commit()
    flash(_("The token has been revoked."), "success")
    return redirect(url_for("accounts.api_tokens"))
