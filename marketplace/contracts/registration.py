"""Registration of contract records at registration sites: apply, accept, return, approve, refuse.

Per-province settings (decision deadline in calendar or working days, filing window, large-contract
threshold, number pattern) come from the `ProvinceRules` row in force; transitions are the table in
``states.py``. Every step is audited (by the state machine) and the applicant or the site is notified.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import chinese_calendar
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import Membership
from marketplace.contracts import rules, services
from marketplace.contracts.models import Contract, ProvinceRules, RegistrationSite, SiteClerk
from marketplace.contracts.states import REGISTRATION, RegistrationAction
from marketplace.contracts.vocab import ContractStatus, CorrectionReason, RefusalReason
from marketplace.core import counters
from marketplace.core.errors import ValidationFailed
from marketplace.core.notifications import N_, notify
from marketplace.db import utcnow

A = RegistrationAction
DEFAULT_PATTERN = "{yy}{region4}{site}{serial:06d}"


# --- where and under which settings -----------------------------------------------------------------------


def applicant_party(contract: Contract):
    """Who applies (§4.1): the seller; the broker for brokerage contracts; the domestic buyer of a
    technology import when the rule set says so."""
    if contract.subtype == "brokerage" and contract.broker is not None:
        return contract.broker
    if contract.is_import and rules.by_code(contract.rule_set).import_by_buyer:
        return contract.buyer
    return contract.seller


def eligible_sites(session: Session, contract: Contract) -> list[RegistrationSite]:
    """Active sites of the applicant's city or province (applications are made where the applicant is)."""
    party = applicant_party(contract)
    region = (party.region_code if party is not None else None) or ""
    if len(region) != 6:
        return []
    codes = {region[:4] + "00", region[:2] + "0000", region}
    return list(
        session.scalars(
            sa.select(RegistrationSite)
            .where(RegistrationSite.active.is_(True), RegistrationSite.region_code.in_(codes))
            .order_by(RegistrationSite.region_code.desc(), RegistrationSite.code)
        )
    )


def rules_in_force(session: Session, province_code: str, day: date) -> ProvinceRules:
    """The province's settings on ``day``; national defaults (2024 draft: 15 working days, 5,000,000 元)
    when the province has configured none."""
    row = session.scalar(
        sa.select(ProvinceRules)
        .where(ProvinceRules.province_code == province_code, ProvinceRules.effective_from <= day)
        .order_by(ProvinceRules.effective_from.desc())
        .limit(1)
    )
    if row is not None:
        return row
    return ProvinceRules(
        province_code=province_code,
        effective_from=date(2000, 1, 1),
        decision_days=15,
        working_days=True,
        filing_window_days=None,
        large_threshold=Decimal("5000000"),
        large_basis="technical",
        correction_days=30,
        number_pattern=DEFAULT_PATTERN,
    )


def is_working_day(day: date) -> bool:
    """A working day of the national calendar: public holidays are off and make-up days (调休) are on, as the
    State Council announces them (``chinesecalendar``). Years the calendar does not know yet (announced each
    December) count Monday to Friday."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_days(start: date, days: int, working: bool) -> date:
    """``days`` calendar days after ``start``, or ``days`` working days of the national calendar."""
    if not working:
        return start + timedelta(days=days)
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def is_large(contract: Contract, settings: ProvinceRules) -> bool:
    amount = contract.technical_amount if settings.large_basis == "technical" else contract.contract_amount
    return amount is not None and Decimal(amount) >= Decimal(settings.large_threshold)


def _settings(session: Session, contract: Contract, day: date) -> ProvinceRules:
    assert contract.site is not None
    return rules_in_force(session, contract.site.province_code, day)


# --- numbers ----------------------------------------------------------------------------------------------


def next_registration_number(session: Session, site: RegistrationSite, day: date, pattern: str) -> str:
    """The next number of the site and year, allocated in the caller's transaction (gap-free, never reused).

    Pattern fields: ``{yyyy}`` / ``{yy}`` year, ``{region}`` the site's 6-digit region code, ``{region4}``
    its first 4 digits (province + city), ``{site}`` the 2-digit site code, ``{serial:06d}`` the serial of
    the site in that year. The default ``{yy}{region4}{site}{serial:06d}`` gives the 14 digits of the
    national form (2 year + 2 province + 2 city + 2 site + 6 serial).
    """
    serial = counters.next_value(session, f"registration:{site.id}:{day.year}")
    return pattern.format(
        yyyy=f"{day.year:04d}",
        yy=f"{day.year % 100:02d}",
        region=site.region_code,
        region4=site.region_code[:4],
        site=site.code,
        serial=serial,
    )


# --- the steps --------------------------------------------------------------------------------------------


def _site_clerk_ids(session: Session, site_id: int) -> list[int]:
    return list(session.scalars(sa.select(SiteClerk.user_id).where(SiteClerk.site_id == site_id)))


def _applicant_ids(session: Session, contract: Contract) -> list[int]:
    return list(
        session.scalars(
            sa.select(Membership.user_id).where(
                Membership.organization_id == contract.organization_id, Membership.status == "approved"
            )
        )
    )


def _notify_applicant(session: Session, contract: Contract, message: str, **params: Any) -> None:
    notify(session, _applicant_ids(session, contract), message, link=f"/contracts/{contract.id}",
           title=contract.title, **params)  # fmt: skip


def submit(
    session: Session, actor: Any, contract: Contract, site: RegistrationSite, today: date | None = None
):
    """Apply (or re-apply after a correction) at ``site``; the record must still be complete and valid."""
    today = today or utcnow().date()
    problems = services.validate(services.input_of(contract), today)
    if contract.registration_number is not None and contract.site_id not in (None, site.id):
        problems.append(("site", _l("A change is applied for at the site that registered the contract.")))
    elif site not in eligible_sites(session, contract):
        problems.append(("site", _l("Apply at a registration site of the applicant's city or province.")))
    else:
        settings = rules_in_force(session, site.province_code, today)
        window = settings.filing_window_days
        if window and contract.signed_on and contract.signed_on + timedelta(days=window) < today:
            problems.append(
                (
                    "signed_on",
                    _l("Applications in this province are due within %(n)d days of signing.", n=window),
                )
            )
    if problems:
        raise ValidationFailed(problems)
    resubmitting = contract.status in (ContractStatus.RETURNED, ContractStatus.CHANGING)
    action = A.RESUBMIT if resubmitting else A.SUBMIT
    contract.site_id = site.id
    contract.site = site
    if REGISTRATION.apply(session, contract, action, actor, extra={"site": site.name}):
        contract.submitted_at = utcnow()
        notify(session, _site_clerk_ids(session, site.id), N_("New application to register: %(title)s"),
               link=f"/contracts/{contract.id}", title=contract.title)  # fmt: skip


def accept(session: Session, clerk: Any, contract: Contract, now: datetime | None = None) -> None:
    """受理: the decision is due within the province's deadline from today (from resubmission after 补正)."""
    now = now or utcnow()
    if not REGISTRATION.apply(session, contract, A.ACCEPT, clerk):
        return
    settings = _settings(session, contract, now.date())
    contract.accepted_at = now
    contract.decision_due = add_days(now.date(), settings.decision_days, settings.working_days)
    _notify_applicant(session, contract, N_("Your application %(title)s was accepted for review."))


def return_for_correction(
    session: Session,
    clerk: Any,
    contract: Contract,
    reasons: list[str],
    note: str,
    now: datetime | None = None,
) -> None:
    now = now or utcnow()
    codes = [r for r in dict.fromkeys(reasons) if r]
    if not codes or any(r not in {c.value for c in CorrectionReason} for r in codes):
        raise ValidationFailed.one("reasons", _l("Choose what must be corrected."))
    if not (note or "").strip():
        raise ValidationFailed.one("note", _l("Tell the applicant what to correct."))
    settings = _settings(session, contract, now.date())
    REGISTRATION.apply(session, contract, A.RETURN, clerk, note=note, extra={"reasons": codes})
    contract.return_reasons = codes
    contract.return_note = note.strip()
    contract.returned_at = now
    contract.return_due = now.date() + timedelta(days=settings.correction_days)
    contract.first_approver_id = None
    contract.decision_due = None
    _notify_applicant(session, contract, N_("Your application %(title)s was returned for correction."))


def approve(
    session: Session,
    clerk: Any,
    contract: Contract,
    *,
    contract_type: str | None = None,
    subtype: str | None = None,
    technical_amount: Decimal | None = None,
    reason: str | None = None,
    now: datetime | None = None,
    checks: list[str] | None = None,
) -> str:
    """认定登记. The clerk confirms or corrects type, sub-type and 技术交易额 (a correction needs a reason);
    the items of the type's review checklist the clerk ticked are recorded with the decision.

    Returns the new status: ``registered``, or ``second_review`` for a large contract's first approval.
    """
    now = now or utcnow()
    rule_set = rules.by_code(contract.rule_set)
    new_type = contract_type or contract.contract_type
    new_subtype = subtype if contract_type or subtype else contract.subtype
    new_amount = technical_amount if technical_amount is not None else contract.technical_amount
    problems = []
    if rule_set.type(new_type) is None or not rule_set.valid_subtype(new_type, new_subtype):
        problems.append(("contract_type", _l("Choose a type and sub-type of the contract's rule set.")))
    if new_amount is None or not Decimal(0) <= Decimal(new_amount) <= Decimal(contract.contract_amount):
        problems.append(
            ("technical_amount", _l("The technical amount lies between 0 and the contract amount."))
        )
    changed = (new_type, new_subtype) != (contract.contract_type, contract.subtype) or (
        new_amount is not None and Decimal(new_amount) != Decimal(contract.technical_amount or 0)
    )
    if changed and not (reason or "").strip():
        problems.append(("reason", _l("Give the reason for the correction.")))
    if problems:
        raise ValidationFailed(problems)
    if changed:
        contract.contract_type, contract.subtype = new_type, new_subtype
        contract.technical_amount = Decimal(new_amount).quantize(services.CENT)
        contract.technical_amount_reason = reason.strip()
    settings = _settings(session, contract, now.date())
    extra = {"type": new_type, "subtype": new_subtype, "technical_amount": str(contract.technical_amount)}
    if checks is not None:  # the review checklist items the clerk ticked, kept with the decision
        type_rule = rule_set.type(new_type)
        extra["checklist"] = [c for c in checks if type_rule is not None and c in type_rule.checklist]
    if is_large(contract, settings) and contract.first_approver_id is None:
        REGISTRATION.apply(session, contract, A.APPROVE_FIRST, clerk, note=reason, extra=extra)
        contract.first_approver_id = clerk.id
        notify(session, [i for i in _site_clerk_ids(session, contract.site_id) if i != clerk.id],
               N_("A large contract awaits your second approval: %(title)s"),
               link=f"/contracts/{contract.id}", title=contract.title)  # fmt: skip
        return contract.status
    REGISTRATION.apply(session, contract, A.APPROVE, clerk, note=reason, extra=extra)
    _register(session, contract, settings, now)
    return contract.status


def confirm(session: Session, clerk: Any, contract: Contract, now: datetime | None = None) -> None:
    """The second clerk's approval of a large contract."""
    now = now or utcnow()
    REGISTRATION.apply(session, contract, A.CONFIRM, clerk)
    _register(session, contract, _settings(session, contract, now.date()), now)


def _register(session: Session, contract: Contract, settings: ProvinceRules, now: datetime) -> None:
    if contract.registration_number is None:  # a change (reopen) keeps the number
        contract.registration_number = next_registration_number(
            session, contract.site, now.date(), settings.number_pattern or DEFAULT_PATTERN
        )
        contract.registered_at = now
    contract.decided_at = now
    contract.decision_due = None
    _notify_applicant(
        session, contract, N_("%(title)s is registered under number %(number)s."),
        number=contract.registration_number,
    )  # fmt: skip


def refuse(
    session: Session, clerk: Any, contract: Contract, reason: str, note: str, now: datetime | None = None
) -> None:
    """不予登记, with a coded reason from the refusal list; the applicant gets a "未予登记" notice."""
    now = now or utcnow()
    if contract.registration_number is not None:
        message = _l(
            "A change of a registered contract is registered or returned for correction, not refused."
        )
        raise ValidationFailed.one("reason", message)
    if reason not in {r.value for r in RefusalReason}:
        raise ValidationFailed.one("reason", _l("Choose the ground for refusal."))
    if not (note or "").strip():
        raise ValidationFailed.one("note", _l("Explain the refusal to the applicant."))
    REGISTRATION.apply(session, contract, A.REFUSE, clerk, note=note, extra={"reason": reason})
    contract.refusal_reason = reason
    contract.refusal_note = note.strip()
    contract.decided_at = now
    contract.decision_due = None
    _notify_applicant(session, contract, N_("%(title)s was not registered (未予登记)."))


def request_change(session: Session, actor: Any, contract: Contract, note: str) -> None:
    """变更登记 (§4.4 step 6): the applicant changes a registered contract and applies to the same site again.
    The registration stands, with its number, until the site decides on the change."""
    if not (note or "").strip():
        raise ValidationFailed.one("note", _l("Say what changed in the contract."))
    REGISTRATION.apply(session, contract, A.REQUEST_CHANGE, actor, note=note)
    contract.decided_at = None


def request_cancellation(session: Session, actor: Any, contract: Contract, note: str) -> None:
    """注销登记 asked by the applicant: the contract was terminated or revoked."""
    if not (note or "").strip():
        raise ValidationFailed.one("note", _l("Say why the registration should be cancelled."))
    REGISTRATION.apply(session, contract, A.REQUEST_CANCEL, actor, note=note)
    notify(session, _site_clerk_ids(session, contract.site_id), N_("Cancellation requested: %(title)s"),
           link=f"/contracts/{contract.id}", title=contract.title)  # fmt: skip


def cancel(session: Session, clerk: Any, contract: Contract, note: str, now: datetime | None = None) -> None:
    """注销: the contract was terminated or revoked, or its registration obtained by fraud. The number is
    never reused; public verification shows it as cancelled."""
    if not (note or "").strip():
        raise ValidationFailed.one("note", _l("Give the reason for the cancellation."))
    REGISTRATION.apply(session, contract, A.CANCEL, clerk, note=note)
    contract.decided_at = now or utcnow()
    _notify_applicant(session, contract, N_("The registration of %(title)s was cancelled."))


def keep(session: Session, clerk: Any, contract: Contract, note: str) -> None:
    """The site declines a request to cancel: the registration stands."""
    if not (note or "").strip():
        raise ValidationFailed.one("note", _l("Tell the applicant why the registration stands."))
    REGISTRATION.apply(session, contract, A.KEEP, clerk, note=note)
    _notify_applicant(session, contract, N_("The registration of %(title)s stands: cancellation declined."))


def overdue(session: Session, site_ids: list[int], today: date | None = None) -> list[Contract]:
    """Reviews past their decision date at these sites, oldest first."""
    today = today or utcnow().date()
    return list(
        session.scalars(
            sa.select(Contract)
            .where(
                Contract.site_id.in_(site_ids),
                Contract.status.in_([ContractStatus.ACCEPTED.value, ContractStatus.SECOND_REVIEW.value]),
                Contract.decision_due < today,
            )
            .order_by(Contract.decision_due)
        )
    )
