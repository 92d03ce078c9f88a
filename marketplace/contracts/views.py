"""Contract pages: the recording organisation's list and detail (apply at a site), the clerks' queue and
decisions, and the public verification of a registration number."""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from marketplace.catalogue.models import Achievement
from marketplace.contracts import documents, labels, registration, rules, sites, tracker
from marketplace.contracts import services as contracts
from marketplace.contracts.forms import (
    ActionForm,
    ApproveForm,
    ClerkForm,
    ContractForm,
    DocumentForm,
    IncomeForm,
    NoteForm,
    RefuseForm,
    ReturnForm,
    RulesForm,
    SiteForm,
    SubmitForm,
)
from marketplace.contracts.models import Contract, ContractDocument, RegistrationSite
from marketplace.contracts.states import REGISTRATION
from marketplace.contracts.vocab import CorrectionReason, RefusalReason
from marketplace.core import tx
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.core.web import file_store, get_or_404, run_action, show_errors
from marketplace.db import utcnow
from marketplace.extensions import db, limiter

bp = Blueprint("contracts", __name__)

NUMBER = re.compile(r"^[0-9A-Za-z\-]{6,32}$")


@bp.app_template_filter("yuan")
def yuan_filter(value) -> str:
    """An exact amount in 元, with thousands separators (contracts are registered in 元, not 万元)."""
    if value is None:
        return "—"
    return _("%(amount)s yuan", amount=f"{value:,.2f}")


def _contract(contract_id: int) -> Contract:
    contract = get_or_404(Contract, contract_id)
    contracts.require_view(current_user, contract)
    return contract


@bp.get("/contracts")
@login_required
def index():
    return render_template(
        "contracts/list.html",
        contracts=contracts.organization_contracts(db.session, current_user),
        labels=labels,
        can_record=contracts.can_record(current_user),
    )


def _achievements(org_id: int) -> list[Achievement]:
    return list(
        db.session.scalars(
            sa.select(Achievement)
            .where(Achievement.organization_id == org_id, Achievement.status != "draft")
            .order_by(Achievement.title)
        )
    )


def _save(form: ContractForm, save) -> Contract | None:
    """Validate in the service; on refusal, the reasons go next to their fields and nothing is saved."""
    try:
        contract = save(form.to_input())
    except ValidationFailed as exc:
        tx.rollback()
        show_errors(form, exc, rename=form.field_name)
        flash(_("The record was not saved: correct the marked fields."), "danger")
        return None
    tx.commit()
    flash(_("Saved."), "success")
    return contract


@bp.route("/contracts/new", methods=["GET", "POST"])
@login_required
def new():
    org = contracts.recording_organization(current_user)
    form = ContractForm(achievements=_achievements(org.id))
    if not form.is_submitted():
        form.fill(contracts.draft_for(org))
    elif form.validate():
        contract = _save(form, lambda data: contracts.create_contract(db.session, current_user, data))
        if contract is not None:
            return _back(contract)
    return render_template("contracts/form.html", form=form, contract=None)


@bp.route("/contracts/<int:contract_id>/edit", methods=["GET", "POST"])
@login_required
def edit(contract_id: int):
    contract = _contract(contract_id)
    if not contracts.can_edit(current_user, contract):
        raise PermissionDenied("contract.edit")
    form = ContractForm(achievements=_achievements(contract.organization_id))
    if not form.is_submitted():
        form.fill(contracts.input_of(contract))
    elif form.validate():
        saved = _save(form, lambda data: contracts.update_contract(db.session, current_user, contract, data))
        if saved is not None:
            return _back(saved)
    return render_template("contracts/form.html", form=form, contract=contract)


@bp.get("/contracts/<int:contract_id>")
@login_required
def detail(contract_id: int):
    contract = _contract(contract_id)
    actions = REGISTRATION.allowed_actions(contract, current_user)
    submit_form = SubmitForm()
    sites = registration.eligible_sites(db.session, contract)
    if contract.registration_number and contract.site is not None:
        sites = [contract.site]  # a change goes to the site that registered the contract
    submit_form.site_id.choices = [(s.id, s.name) for s in sites]
    return_form, refuse_form = ReturnForm(), RefuseForm()
    return_form.reasons.choices = [(r.value, labels.CORRECTION_REASONS[r.value]) for r in CorrectionReason]
    refuse_form.reason.choices = [(r.value, labels.REFUSAL_REASONS[r.value]) for r in RefusalReason]
    return render_template(
        "contracts/detail.html",
        contract=contract,
        actions=actions,
        labels=labels,
        can_edit=contracts.can_edit(current_user, contract),
        checklist=_checklist(contract),
        duplicates=contracts.duplicates(db.session, contract)
        if contracts.is_site_clerk(current_user, contract)
        else [],
        forms={
            "submit": submit_form,
            "action": ActionForm(),
            "return": return_form,
            "approve": ApproveForm(),
            "refuse": refuse_form,
            "note": NoteForm(),
            "document": DocumentForm(),
            "income": IncomeForm(),
        },
        can_record_income=contract.status in contracts.REGISTRATION_STANDS
        and current_user.membership is not None
        and current_user.membership.organization_id == contract.organization_id,
    )


def _checklist(contract: Contract) -> list[str]:
    """The review checklist of the contract's type under its rule set (REGISTRATION.md §2.2)."""
    type_rule = rules.by_code(contract.rule_set).type(contract.contract_type) if contract.rule_set else None
    return list(type_rule.checklist) if type_rule is not None else []


def _back(contract: Contract):
    return redirect(url_for("contracts.detail", contract_id=contract.id))


def _invalid(form: Any, contract: Contract):
    for errors in form.errors.values():
        for message in errors:
            flash(str(message), "danger")
    return _back(contract)


@bp.post("/contracts/<int:contract_id>/submit")
@login_required
def submit(contract_id: int):
    contract = _contract(contract_id)
    form = SubmitForm()
    if not form.validate_on_submit():
        return _invalid(form, contract)
    site = db.session.get(RegistrationSite, form.site_id.data or 0)
    if site is None:
        flash(_("Choose a registration site."), "danger")
        return _back(contract)
    run_action(lambda: registration.submit(db.session, current_user, contract, site), _("Application sent."))
    return _back(contract)


@bp.post("/contracts/<int:contract_id>/income")
@login_required
def income(contract_id: int):
    contract = _contract(contract_id)
    form = IncomeForm()
    if not form.validate_on_submit():
        return _invalid(form, contract)
    run_action(
        lambda: contracts.record_income(
            db.session,
            current_user,
            contract,
            form.received_on.data,
            contracts.parse_yuan(form.amount.data),
            form.note.data or "",
        ),
        _("Income recorded."),
    )
    return redirect(url_for("contracts.detail", contract_id=contract.id) + "#income")


@bp.post("/contracts/<int:contract_id>/documents")
@login_required
def upload(contract_id: int):
    contract = _contract(contract_id)
    form = DocumentForm()
    if not form.validate_on_submit():
        abort(400)
    storage = form.file.data
    data = storage.read() if storage else b""
    run_action(
        lambda: contracts.add_document(
            db.session,
            current_user,
            contract,
            data,
            storage.filename if storage else "",
            form.kind.data or "",
            file_store(),
            current_app.config["UPLOAD_MAX_BYTES"],
        ),
        _("The file has been added."),
    )
    return redirect(url_for("contracts.detail", contract_id=contract.id) + "#documents")


@bp.get("/contracts/<int:contract_id>/documents/<int:document_id>")
@login_required
def download(contract_id: int, document_id: int):
    contract = _contract(contract_id)
    document = db.session.get(ContractDocument, document_id)
    if document is None or document.contract_id != contract.id:
        abort(404)
    path = file_store().path(document.sha256)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=document.content_type, download_name=document.filename, conditional=True)


@bp.post("/contracts/<int:contract_id>/documents/<int:document_id>/delete")
@login_required
def delete_document(contract_id: int, document_id: int):
    contract = _contract(contract_id)
    document = db.session.get(ContractDocument, document_id)
    if document is None or document.contract_id != contract.id or not ActionForm().validate_on_submit():
        abort(404)
    run_action(
        lambda: contracts.remove_document(db.session, current_user, document), _("The file was removed.")
    )
    return redirect(url_for("contracts.detail", contract_id=contract.id) + "#documents")


#: steps that take only a reason: (service function, message when done)
NOTE_STEPS = {
    "change": (registration.request_change, _l("You can now edit the record; apply again when it is ready.")),
    "cancel-request": (registration.request_cancellation, _l("Cancellation requested from the site.")),
}
CLERK_NOTE_STEPS = {
    "cancel": (registration.cancel, _l("Registration cancelled.")),
    "keep": (registration.keep, _l("The registration stands.")),
}


def _note_step(contract_id: int, step):
    contract = _contract(contract_id)
    form = NoteForm()
    if not form.validate_on_submit():
        return _invalid(form, contract)
    service, done = step
    run_action(lambda: service(db.session, current_user, contract, form.note.data or ""), str(done))
    return _back(contract)


@bp.post("/contracts/<int:contract_id>/<any(change, 'cancel-request'):step>")
@login_required
def applicant_step(contract_id: int, step: str):
    """The applicant asks to change (变更) or cancel (注销) a registered contract."""
    return _note_step(contract_id, NOTE_STEPS[step])


@bp.post("/registration/contracts/<int:contract_id>/<any(cancel, keep):step>")
@login_required
def clerk_step(contract_id: int, step: str):
    """The site cancels a registration, or declines a request to cancel it."""
    return _note_step(contract_id, CLERK_NOTE_STEPS[step])


@bp.get("/registration/queue")
@login_required
def queue():
    waiting = contracts.site_queue(db.session, current_user)
    return render_template("contracts/queue.html", contracts=waiting, labels=labels, today=utcnow().date())


@bp.post("/registration/contracts/<int:contract_id>/accept")
@login_required
def accept(contract_id: int):
    contract = _contract(contract_id)
    if ActionForm().validate_on_submit():
        run_action(
            lambda: registration.accept(db.session, current_user, contract), _("Application accepted.")
        )
    return _back(contract)


@bp.post("/registration/contracts/<int:contract_id>/return")
@login_required
def return_(contract_id: int):
    contract = _contract(contract_id)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _invalid(form, contract)
    run_action(
        lambda: registration.return_for_correction(
            db.session, current_user, contract, form.reasons.data or [], form.note.data or ""
        ),
        _("Returned to the applicant for correction."),
    )
    return _back(contract)


@bp.post("/registration/contracts/<int:contract_id>/approve")
@login_required
def approve(contract_id: int):
    contract = _contract(contract_id)
    form = ApproveForm()
    if not form.validate_on_submit():
        return _invalid(form, contract)
    run_action(
        lambda: registration.approve(
            db.session,
            current_user,
            contract,
            contract_type=form.contract_type.data or None,
            subtype=form.subtype.data or None,
            technical_amount=form.technical_amount.data,
            reason=form.reason.data or None,
            checks=list(form.checks.data or []),
        ),
        _("Decision recorded."),
    )
    return _back(contract)


@bp.post("/registration/contracts/<int:contract_id>/confirm")
@login_required
def confirm(contract_id: int):
    contract = _contract(contract_id)
    if ActionForm().validate_on_submit():
        run_action(lambda: registration.confirm(db.session, current_user, contract), _("Registered."))
    return _back(contract)


@bp.post("/registration/contracts/<int:contract_id>/refuse")
@login_required
def refuse(contract_id: int):
    contract = _contract(contract_id)
    form = RefuseForm()
    if not form.validate_on_submit():
        return _invalid(form, contract)
    run_action(
        lambda: registration.refuse(
            db.session, current_user, contract, form.reason.data or "", form.note.data or ""
        ),
        _("Refusal recorded; the applicant gets a 未予登记 notice."),
    )
    return _back(contract)


@bp.get("/contracts/<int:contract_id>/<any(certificate, notice):kind>.pdf")
@login_required
def document(contract_id: int, kind: str):
    """The registration certificate (registered) or the 未予登记 notice (refused), as PDF."""
    contract = get_or_404(Contract, contract_id)
    documents.require_document(current_user, contract, kind)
    verify_url = url_for("contracts.verify", number=contract.registration_number or "", _external=True)
    response = make_response(documents.render(contract, kind, verify_url))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{documents.filename(contract, kind)}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.get("/registration/tracker")
@login_required
def tracker_page():
    """应登尽登: what is not registered yet, by age, and the registration rates."""
    kind = request.args.get("kind") if request.args.get("kind") in tracker.REMINDERS else None
    everything = tracker.items(db.session, current_user)
    shown = [item for item in everything if kind is None or item.kind == kind]
    scope = tracker.scope_of(db.session, current_user)
    groupings = ["organization"] if scope.organization_ids and not scope.site_ids else []
    if scope.everything or scope.province_codes or scope.site_ids:
        groupings = ["site", "region", "organization"]
    return render_template(
        "contracts/tracker.html",
        items=shown,
        counts={k: sum(1 for i in everything if i.kind == k) for k in tracker.REMINDERS},
        total=len(everything),
        kind=kind,
        bands=tracker.bands(shown),
        age_bands=tracker.AGE_BANDS,
        rates={by: tracker.rates(db.session, current_user, by) for by in groupings},
        can_remind={i.contract.id for i in shown if tracker.can_remind(db.session, current_user, i.contract)},
        labels=labels,
        form=ActionForm(),
    )


@bp.post("/registration/tracker/<int:contract_id>/remind")
@login_required
def remind(contract_id: int):
    contract = get_or_404(Contract, contract_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    sent = tracker.remind(db.session, current_user, contract)
    tx.commit()
    if sent:
        flash(_("Reminder sent."), "success")
    else:
        flash(_("A reminder about this contract was sent less than a week ago."), "info")
    return redirect(url_for("contracts.tracker_page", kind=request.args.get("kind") or None))


# --- an authority's sites and settings ---------------------------------------------------------------------


def _sites_page(site_form=None, rules_form=None):
    authority = sites.managed_authority(current_user)
    province = authority.province_code if authority is not None else ""
    return render_template(
        "contracts/sites.html",
        authority=authority,
        sites=sites.sites_of(db.session, current_user),
        rules=sites.rules_of(db.session, current_user),
        site_form=site_form or SiteForm(province_code=province),
        clerk_form=ClerkForm(),
        rules_form=rules_form or RulesForm(),
        action_form=ActionForm(),
    )


@bp.get("/registration/sites")
@login_required
def sites_page():
    return _sites_page()


@bp.post("/registration/sites")
@login_required
def create_site():
    authority = sites.managed_authority(current_user)
    form = SiteForm(province_code=authority.province_code if authority is not None else "")
    if form.validate_on_submit():
        try:
            sites.create_site(
                db.session,
                current_user,
                form.name.data or "",
                form.code.data or "",
                form.region_code.data or "",
            )
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Site created."), "success")
            return redirect(url_for("contracts.sites_page"))
    return _sites_page(site_form=form)


@bp.post("/registration/sites/<int:site_id>/<any(open, close):state>")
@login_required
def site_state(site_id: int, state: str):
    site = get_or_404(RegistrationSite, site_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    sites.set_active(db.session, current_user, site, state == "open")
    tx.commit()
    return redirect(url_for("contracts.sites_page"))


@bp.post("/registration/sites/<int:site_id>/clerks")
@login_required
def add_clerk(site_id: int):
    site = get_or_404(RegistrationSite, site_id)
    form = ClerkForm()
    if not form.validate_on_submit():
        abort(400)
    run_action(
        lambda: sites.assign_clerk(db.session, current_user, site, form.email.data or ""),
        _("Clerk assigned."),
    )
    return redirect(url_for("contracts.sites_page"))


@bp.post("/registration/sites/<int:site_id>/clerks/<int:user_id>/remove")
@login_required
def remove_clerk(site_id: int, user_id: int):
    site = get_or_404(RegistrationSite, site_id)
    if not ActionForm().validate_on_submit():
        abort(400)
    sites.remove_clerk(db.session, current_user, site, user_id)
    tx.commit()
    flash(_("Clerk removed from the site."), "success")
    return redirect(url_for("contracts.sites_page"))


@bp.post("/registration/rules")
@login_required
def add_rules():
    form = RulesForm()
    if form.validate_on_submit():
        data = sites.RulesInput(
            effective_from=form.effective_from.data,
            decision_days=form.decision_days.data,
            working_days=bool(form.working_days.data),
            filing_window_days=form.filing_window_days.data,
            large_threshold=contracts.parse_yuan(form.large_threshold.data),
            large_basis=form.large_basis.data or "",
            correction_days=form.correction_days.data,
            number_pattern=(form.number_pattern.data or "").strip(),
            note=form.note.data or "",
        )
        try:
            sites.add_rules(db.session, current_user, data)
        except ValidationFailed as exc:
            tx.rollback()
            show_errors(form, exc)
        else:
            tx.commit()
            flash(_("Settings saved; they apply from the day given."), "success")
            return redirect(url_for("contracts.sites_page"))
    return _sites_page(rules_form=form)


@bp.get("/registration/verify")
@limiter.limit("30 per minute")
def verify():
    """Anyone checks a registration number: only non-confidential facts (type, date, site, validity)."""
    number = (request.args.get("number") or "").strip()
    found = None
    malformed = bool(number) and not NUMBER.match(number)
    if number and not malformed:
        found = contracts.public_registration(db.session, number)
    return render_template(
        "contracts/verify.html", number=number, found=found, malformed=malformed, labels=labels
    )
