"""应登尽登 tracker: what is missing, returned or overdue, for whom, with age, reminders and rates."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from marketplace.contracts import registration, services, tracker
from marketplace.contracts.models import ProvinceRules
from marketplace.core.errors import PermissionDenied
from marketplace.core.models import OutboundMail
from marketplace.core.notifications import Notification
from tests.contracts.test_records import CASES, contract_for
from tests.factories import PASSWORD

from .test_registration import TODAY, owner_of, world  # noqa: F401 - fixture

CASE = next(c for c in CASES if c["id"] == "TC01")


def _state(app, session, world, university, make_org, make_user):  # noqa: F811
    """Five contracts of the university: a draft, a returned one, an overdue review, a registered one and
    a refused one; and a broker's agency named on the draft."""
    owner, (clerk, _other, _far) = world["owner"], world["clerks"]
    early = datetime(2026, 9, 1, 9, tzinfo=UTC)
    with app.app_context():
        agency = make_org(type="agency", name="浦江技术转移中心")
        broker_user = agency.memberships[0].user
        draft = world["contract"]
        data = contract_for(CASE)
        data.parties.append(services.party_of(agency, "broker"))
        services.update_contract(session, owner, draft, data, TODAY)
        returned = services.create_contract(session, owner, contract_for(CASE), TODAY)
        registration.submit(session, owner, returned, world["sh"], TODAY)
        registration.return_for_correction(session, clerk, returned, ["seals"], "补盖公章", early)
        overdue = services.create_contract(session, owner, contract_for(CASE), TODAY)
        registration.submit(session, owner, overdue, world["sh"], TODAY)
        registration.accept(session, clerk, overdue, early)
        done = services.create_contract(session, owner, contract_for(CASE), TODAY)
        registration.submit(session, owner, done, world["sh"], TODAY)
        registration.accept(session, clerk, done, early)
        registration.approve(session, clerk, done, now=early)
        refused = services.create_contract(session, owner, contract_for(CASE), TODAY)
        registration.submit(session, owner, refused, world["sh"], TODAY)
        registration.refuse(session, clerk, refused, "not_technology", "一般买卖", early)
        session.commit()
        return {"draft": draft, "returned": returned, "overdue": overdue, "done": done, "broker": broker_user}


def test_items_ageing_and_rates(app, session, world, university, make_org, make_user):  # noqa: F811
    s = _state(app, session, world, university, make_org, make_user)
    owner, (clerk, _other, far) = world["owner"], world["clerks"]
    with app.app_context():
        found = {i.contract.id: i for i in tracker.items(session, owner, today=TODAY)}
        assert set(found) == {s["draft"].id, s["returned"].id, s["overdue"].id}
        assert found[s["draft"].id].kind == "missing"
        assert found[s["returned"].id].kind == "returned" and found[s["returned"].id].age_days == 82
        overdue = found[s["overdue"].id]
        assert (
            overdue.kind == "overdue" and overdue.past_due and overdue.since == overdue.contract.decision_due
        )
        # the site sees the same three (the draft because its applicant is in the site's region)
        assert {i.contract.id for i in tracker.items(session, clerk, today=TODAY)} == set(found)
        # the broker's agency sees only the contract it brokers; a clerk of another region nothing
        assert [i.contract.id for i in tracker.items(session, s["broker"], today=TODAY)] == [s["draft"].id]
        assert tracker.items(session, far, today=TODAY) == []
        # 1 registered of 4 registrable (the refused one is not registrable)
        (rate,) = tracker.rates(session, owner, "organization")
        assert (rate.registered, rate.registrable, str(rate.rate)) == (1, 4, "25.0")
        by_site = {r.label: (r.registered, r.registrable) for r in tracker.rates(session, clerk, "site")}
        assert by_site == {"上海市技术合同登记处": (1, 3), "尚未申请": (0, 1)}
        (region,) = tracker.rates(session, clerk, "region")
        assert region.label == "上海市" and (region.registered, region.registrable) == (1, 4)


def test_filing_window_makes_a_draft_past_due(app, session, world, university, make_org, make_user):  # noqa: F811
    s = _state(app, session, world, university, make_org, make_user)
    with app.app_context():
        session.add(
            ProvinceRules(province_code="310000", effective_from=date(2020, 1, 1), filing_window_days=30)
        )
        session.flush()
        item = next(i for i in tracker.items(session, world["owner"], today=TODAY) if i.kind == "missing")
        assert item.contract.id == s["draft"].id
        assert item.due == item.contract.signed_on + (date(2026, 1, 31) - date(2026, 1, 1)) and item.past_due


def test_reminders_once_a_week_and_only_by_those_who_may(
    app, session, world, university, make_org, make_user
):  # noqa: F811
    s = _state(app, session, world, university, make_org, make_user)
    owner, (clerk, _other, far) = world["owner"], world["clerks"]
    now = datetime(2026, 11, 22, 8, tzinfo=UTC)
    with app.app_context():
        returned = s["returned"]
        mails = session.scalar(sa.select(sa.func.count(OutboundMail.id)))
        assert tracker.remind(session, clerk, returned, now) == 1  # the university's one member
        note = session.scalars(sa.select(Notification).where(Notification.user_id == owner.id)).all()[-1]
        assert note.link == f"/contracts/{returned.id}" and "补正" not in note.message
        assert session.scalar(sa.select(sa.func.count(OutboundMail.id))) == mails + 1
        assert tracker.remind(session, clerk, returned, now) == 0  # not twice in a week
        with pytest.raises(PermissionDenied):
            tracker.remind(session, far, s["draft"], now)  # another region's clerk
        with pytest.raises(PermissionDenied):
            tracker.remind(session, owner, s["draft"], now)  # the applicant does not remind itself
        # the applicant may remind its site of an overdue review; the site's clerks are told
        assert tracker.remind(session, owner, s["overdue"], now) == 2
        # the daily job reminds the rest (the draft) and nothing twice
        assert tracker.remind_all(session, now) == 1
        assert tracker.remind_all(session, now) == 0


def test_tracker_page(app, session, make_browser, world, university, make_org, make_user):  # noqa: F811
    s = _state(app, session, world, university, make_org, make_user)
    officer = make_browser()
    officer.login(world["clerks"][0].email, PASSWORD)
    page = officer.get("/registration/tracker").get_data(as_text=True)
    assert s["returned"].title in page and 'id="count-missing">1<' in page and 'id="rates-site"' in page
    returned_only = officer.get("/registration/tracker?kind=returned").get_data(as_text=True)
    assert returned_only.count("data-contract=") == 1
    response = officer.post(
        f"/registration/tracker/{s['returned'].id}/remind", {}, token_from="/registration/tracker"
    )
    assert response.status_code == 302
    assert "已发送提醒" in officer.get("/registration/tracker").get_data(as_text=True)
    applicant = make_browser()
    applicant.login(owner_of(university).email, PASSWORD)
    page = applicant.get("/registration/tracker").get_data(as_text=True)
    assert 'id="rates-organization"' in page and 'id="rates-site"' not in page
