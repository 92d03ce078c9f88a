"""The registration workflow: apply at a site, accept, return and resubmit, approve (twice when large),
refuse, numbers, deadlines in working days, overdue reviews, and who may do what."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from marketplace.contracts import registration, services
from marketplace.contracts.models import ProvinceRules, RegistrationSite, SiteClerk
from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from tests.factories import owner_of

from .test_records import CASES, contract_for

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 22)


@pytest.fixture
def world(app, session, make_org, make_user, university):
    """A Shanghai site with two clerks, a Zhejiang site with one, and a university's contract draft."""
    with app.app_context():
        authority = make_org(type="authority", name="上海市技术市场管理办公室")
        sh = RegistrationSite(
            authority_id=authority.id, name="上海市技术合同登记处", code="01", region_code="310000"
        )
        zj = RegistrationSite(authority_id=authority.id, name="宁波市登记点", code="02", region_code="330200")
        clerks = [make_user(roles=("clerk",), name=f"登记员{i}") for i in range(3)]
        sh.clerks = [SiteClerk(user_id=clerks[0].id), SiteClerk(user_id=clerks[1].id)]
        zj.clerks = [SiteClerk(user_id=clerks[2].id)]
        session.add_all([sh, zj])
        session.commit()
        (case,) = [c for c in CASES if c["id"] == "TC01"]
        draft = services.create_contract(session, owner_of(university), contract_for(case), TODAY)
        session.commit()
    # no application context stays open: each request of a test client must get its own
    return {"sh": sh, "zj": zj, "clerks": clerks, "contract": draft, "owner": owner_of(university)}


def test_apply_return_resubmit_approve(app, session, world):
    with app.app_context():
        contract, owner, (clerk, other, far) = world["contract"], world["owner"], world["clerks"]
        with pytest.raises(ValidationFailed) as wrong_site:
            registration.submit(session, owner, contract, world["zj"], TODAY)
        assert "site" in {f for f, _ in wrong_site.value.reasons}
        registration.submit(session, owner, contract, world["sh"], TODAY)
        assert contract.status == "submitted"
        with pytest.raises(PermissionDenied):  # a clerk of another site
            registration.accept(session, far, contract, MONDAY)
        registration.accept(session, clerk, contract, MONDAY)
        # 15 working days from Monday 16 November: Monday 7 December
        assert contract.decision_due == date(2026, 12, 7)
        registration.return_for_correction(
            session, clerk, contract, ["missing_attachment"], "请补充技术开发合同附件", MONDAY
        )
        assert contract.status == "returned" and contract.return_due == date(2026, 12, 16)
        registration.submit(session, owner, contract, world["sh"], TODAY)
        later = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)  # a Friday: the clock starts again
        registration.accept(session, other, contract, later)
        assert contract.decision_due == date(2026, 12, 11)
        with pytest.raises(ValidationFailed):  # a correction of the amount needs a reason
            registration.approve(session, other, contract, technical_amount=Decimal("700000"), now=later)
        status = registration.approve(
            session, other, contract, technical_amount=Decimal("700000"), reason="样机费用应扣除", now=later
        )
        assert status == "registered"
        assert contract.technical_amount == Decimal("700000.00")
        assert contract.registration_number == "26310001000001"
        assert contract.registered_at == later


def test_large_contracts_need_a_second_clerk(app, session, world, university):
    with app.app_context():
        (case,) = [c for c in CASES if c["id"] == "TC25"]  # 9,000,000 元 technical amount
        contract = services.create_contract(session, world["owner"], contract_for(case), TODAY)
        clerk, other, _ = world["clerks"]
        registration.submit(session, world["owner"], contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, MONDAY)
        assert registration.approve(session, clerk, contract, now=MONDAY) == "second_review"
        assert contract.registration_number is None
        with pytest.raises(PermissionDenied):  # not the same clerk twice
            registration.confirm(session, clerk, contract, MONDAY)
        registration.confirm(session, other, contract, MONDAY)
        assert contract.status == "registered" and contract.registration_number.endswith("000001")


def test_refusal_needs_a_coded_reason(app, session, world):
    with app.app_context():
        contract, clerk = world["contract"], world["clerks"][0]
        registration.submit(session, world["owner"], contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, MONDAY)
        with pytest.raises(ValidationFailed):
            registration.refuse(session, clerk, contract, "because", "不是技术合同", MONDAY)
        registration.refuse(session, clerk, contract, "not_technology", "属于一般加工承揽", MONDAY)
        assert contract.status == "refused" and contract.refusal_reason == "not_technology"
        assert contract.registration_number is None


def test_province_settings_in_force_decide_deadline_window_and_threshold(app, session, world):
    with app.app_context():
        session.add(
            ProvinceRules(province_code="310000", effective_from=date(2026, 1, 1), decision_days=10,
                          working_days=False, filing_window_days=30, large_threshold=Decimal("500000"),
                          large_basis="contract")
        )  # fmt: skip
        session.commit()
        contract, clerk = world["contract"], world["clerks"][0]
        with pytest.raises(ValidationFailed) as late:  # signed 2026-06-01: the 30-day window has passed
            registration.submit(session, world["owner"], contract, world["sh"], TODAY)
        assert "signed_on" in {f for f, _ in late.value.reasons}
        contract.signed_on = contract.effective_on = contract.valid_from = date(2026, 11, 10)
        registration.submit(session, world["owner"], contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, MONDAY)
        assert contract.decision_due == date(2026, 11, 26)  # 10 calendar days
        assert registration.approve(session, clerk, contract, now=MONDAY) == "second_review"  # 800,000 元
        assert registration.overdue(session, [world["sh"].id], date(2026, 11, 27)) == [contract]
        assert registration.overdue(session, [world["sh"].id], date(2026, 11, 26)) == []


def test_only_the_applicant_organisation_applies(app, session, world, enterprise):
    with app.app_context(), pytest.raises(PermissionDenied):
        registration.submit(session, owner_of(enterprise), world["contract"], world["sh"], TODAY)


def test_working_days_follow_the_national_holiday_calendar():
    """National Day 2026: 1-7 October are off, Saturday 10 October is a make-up working day (调休)."""
    from marketplace.contracts.registration import add_days, is_working_day

    assert not is_working_day(date(2026, 10, 5)) and is_working_day(date(2026, 10, 10))
    # from Tuesday 29 September: 30 Sep, 8 Oct, 9 Oct, 10 Oct (Saturday, worked), 12 Oct
    assert add_days(date(2026, 9, 29), 5, working=True) == date(2026, 10, 12)
    assert add_days(date(2026, 9, 29), 5, working=False) == date(2026, 10, 4)
    # a year the calendar does not know yet counts Monday to Friday
    assert add_days(date(2031, 3, 7), 1, working=True) == date(2031, 3, 10)


def test_change_keeps_the_number_and_cancellation_ends_it(app, session, world):
    """变更: the applicant edits a registered contract and applies again at the same site; the number stays.
    注销: requested by the applicant, declined once, then granted; verification shows it cancelled."""
    with app.app_context():
        contract, owner, (clerk, _other, far) = world["contract"], world["owner"], world["clerks"]
        registration.submit(session, owner, contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, MONDAY)
        registration.approve(session, clerk, contract, now=MONDAY)
        number = contract.registration_number
        with pytest.raises(PermissionDenied):
            registration.request_change(session, clerk, contract, "clerks do not change contracts")
        with pytest.raises(InvalidTransition):  # a clerk cannot "keep" what nobody asked to cancel
            registration.keep(session, clerk, contract, "nothing asked")
        with pytest.raises(ValidationFailed):
            registration.request_change(session, owner, contract, " ")
        registration.request_change(session, owner, contract, "补充协议调整了付款节点和金额")
        assert contract.status == "changing" and services.can_edit(owner, contract)
        assert services.public_registration(session, number).valid  # it stands meanwhile
        data = services.input_of(contract)
        data.contract_amount = Decimal("850000.00")
        services.update_contract(session, owner, contract, data, TODAY)
        with pytest.raises(ValidationFailed):  # a change goes to the site that registered it
            registration.submit(session, owner, contract, world["zj"], TODAY)
        registration.submit(session, owner, contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, MONDAY)
        with pytest.raises(ValidationFailed):  # a change is not refused
            registration.refuse(session, clerk, contract, "other", "不同意变更", MONDAY)
        registration.approve(session, clerk, contract, now=MONDAY)
        assert contract.status == "registered" and contract.registration_number == number
        assert contract.contract_amount == Decimal("850000.00")

        registration.request_cancellation(session, owner, contract, "合同已解除")
        assert contract.status == "cancel_requested"
        with pytest.raises(PermissionDenied):  # a clerk of another site
            registration.keep(session, far, contract, "no")
        registration.keep(session, clerk, contract, "解除协议未附，登记继续有效")
        assert contract.status == "registered"
        registration.request_cancellation(session, owner, contract, "已补交解除协议")
        registration.cancel(session, clerk, contract, "合同解除，注销登记", MONDAY)
        assert contract.status == "cancelled" and not services.public_registration(session, number).valid


def test_technical_income_is_recorded_against_a_registered_contract(app, session, world):
    with app.app_context():
        contract, owner, (clerk, _other, _far) = world["contract"], world["owner"], world["clerks"]
        with pytest.raises(ValidationFailed):  # a draft has no registration to record income against
            services.record_income(session, owner, contract, TODAY, Decimal("100000.00"), today=TODAY)
        registration.submit(session, owner, contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, MONDAY)
        registration.approve(session, clerk, contract, now=MONDAY)
        with pytest.raises(PermissionDenied):  # only the recording organisation records it
            services.record_income(session, clerk, contract, TODAY, Decimal("100000.00"), today=TODAY)
        services.record_income(session, owner, contract, TODAY, Decimal("300000.00"), "首期款", today=TODAY)
        with pytest.raises(ValidationFailed) as bad:
            services.record_income(session, owner, contract, date(2027, 1, 1), Decimal("0.001"), today=TODAY)
        assert {f for f, _m in bad.value.reasons} == {"received_on", "amount"}
        with pytest.raises(ValidationFailed) as too_much:  # the total stays within the contract amount
            services.record_income(
                session, owner, contract, TODAY, Decimal(contract.contract_amount), today=TODAY
            )
        assert [f for f, _m in too_much.value.reasons] == ["amount"]
        assert [(i.amount, i.note) for i in contract.income] == [(Decimal("300000.00"), "首期款")]


def test_the_review_checklist_is_recorded_with_the_decision(app, session, world, make_browser):
    import sqlalchemy as sa

    from marketplace.core.models import AuditLog
    from tests.factories import PASSWORD

    contract, owner, (clerk, _other, _far) = world["contract"], world["owner"], world["clerks"]
    with app.app_context():
        registration.submit(session, owner, contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, MONDAY)
        session.commit()
    officer = make_browser()
    officer.login(clerk.email, PASSWORD)
    page = officer.get(f"/contracts/{contract.id}").get_data(as_text=True)
    assert 'id="check-dev_not_mastered"' in page and "尚未掌握" in page  # the development criteria
    officer.post(
        f"/registration/contracts/{contract.id}/approve",
        {"checks": ["dev_goal", "dev_not_mastered", "ip_held"]},
        token_from=f"/contracts/{contract.id}",
    )
    with app.app_context():
        row = session.scalar(
            sa.select(AuditLog).where(AuditLog.action == "contract.approve").order_by(AuditLog.id.desc())
        )
        # only the items of the type's checklist are kept (ip_held belongs to transfers and licences)
        assert row.new_values["checklist"] == ["dev_goal", "dev_not_mastered"]
