"""An authority manages its registration sites, their clerks and its province's settings itself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from marketplace.contracts import registration, sites
from marketplace.core.errors import PermissionDenied, ValidationFailed
from tests.factories import PASSWORD, owner_of


def _rules(**overrides) -> sites.RulesInput:
    values = dict(
        effective_from=date(2027, 1, 1),
        decision_days=10,
        working_days=False,
        filing_window_days=30,
        large_threshold=Decimal("3000000"),
        large_basis="contract",
        correction_days=20,
        number_pattern="SH{yyyy}{site}-{serial:05d}",
    )
    values.update(overrides)
    return sites.RulesInput(**values)


def test_sites_clerks_and_settings(app, session, make_org, make_user, add_member, university):
    with app.app_context():
        authority = make_org(type="authority", name="上海市科委技术市场处")
        head = owner_of(authority)
        clerk = make_user(roles=("clerk",), name="新登记员")
        add_member(authority, clerk)
        with pytest.raises(PermissionDenied):  # a university is no authority
            sites.create_site(session, owner_of(university), "登记点", "03", "310100")
        with pytest.raises(ValidationFailed) as bad:
            sites.create_site(session, head, "", "3", "330100")  # another province's city
        assert {f for f, _m in bad.value.reasons} == {"name", "code", "region_code"}
        site = sites.create_site(session, head, "浦东登记点", "03", "310100")
        with pytest.raises(ValidationFailed):  # the same code twice in a region
            sites.create_site(session, head, "另一个", "03", "310100")
        with pytest.raises(ValidationFailed):  # a user without the clerk role
            sites.assign_clerk(session, head, site, owner_of(university).email)
        sites.assign_clerk(session, head, site, clerk.email)
        assert [c.user_id for c in site.clerks] == [clerk.id]
        other = make_org(type="authority", name="浙江省技术市场", province="330000", city="330100")
        with pytest.raises(PermissionDenied):  # another authority's admin
            sites.set_active(session, owner_of(other), site, False)

        with pytest.raises(ValidationFailed) as wrong:
            sites.add_rules(session, head, _rules(number_pattern="{yy}{oops}", decision_days=0))
        assert {f for f, _m in wrong.value.reasons} == {"number_pattern", "decision_days"}
        sites.add_rules(session, head, _rules())
        # the settings in force follow the date: national defaults before, the new row from 2027
        assert registration.rules_in_force(session, "310000", date(2026, 12, 31)).decision_days == 15
        in_2027 = registration.rules_in_force(session, "310000", date(2027, 3, 1))
        assert (in_2027.decision_days, in_2027.large_basis) == (10, "contract")
        number = registration.next_registration_number(
            session, site, date(2027, 3, 1), in_2027.number_pattern
        )
        assert number == "SH202703-00001"
        with pytest.raises(ValidationFailed):  # one row per day
            sites.add_rules(session, head, _rules())


def test_sites_page(app, session, make_org, make_browser):
    authority = make_org(type="authority", name="上海市科委技术市场处")
    browser = make_browser()
    browser.login(owner_of(authority).email, PASSWORD)
    page = browser.get("/registration/sites").get_data(as_text=True)
    assert 'id="site-form"' in page and 'id="rules-form"' in page
    response = browser.post(
        "/registration/sites",
        {"name": "", "code": "x", "region_code": "310100"},
        token_from="/registration/sites",
    )
    assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)
    created = browser.post(
        "/registration/sites",
        {"name": "徐汇登记点", "code": "05", "region_code": "310100"},
        token_from="/registration/sites",
    )
    assert created.status_code == 302
    assert "徐汇登记点" in browser.get("/registration/sites").get_data(as_text=True)
