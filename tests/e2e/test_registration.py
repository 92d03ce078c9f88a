"""Registration in a browser: a university records and applies, the site's clerk returns it for correction,
the university corrects and applies again, the clerk registers it; the certificate PDF is rendered and
checked; the public verification confirms the number; the tracker and the statistics follow."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def site(live_app, live_people):
    """A registration site of the university's province (Shandong) with one clerk."""
    from marketplace.accounts import services as accounts
    from marketplace.accounts.models import User, UserRole
    from marketplace.accounts.states import VerificationAction
    from marketplace.contracts.models import RegistrationSite, SiteClerk
    from marketplace.extensions import db
    from tests.factories import PASSWORD, valid_credit_code

    with live_app.app_context():
        session = db.session
        admin = session.scalar(sa.select(User).where(User.email == "root@example.com"))
        clerk = accounts.sign_up(session, accounts.SignupInfo("clerk@example.com", PASSWORD, "登记员"))
        clerk.roles.append(UserRole(role="clerk"))
        office = accounts.create_organization(
            session,
            clerk,
            accounts.OrganizationInfo(
                "山东省技术市场管理办公室", "authority", valid_credit_code("11", "370100"), "370000", "370100"
            ),
        )
        accounts.decide_verification(session, admin, office, VerificationAction.VERIFY)
        place = RegistrationSite(
            authority_id=office.id, name="山东省技术合同登记处", code="01", region_code="370000"
        )
        place.clerks = [SiteClerk(user_id=clerk.id)]
        session.add(place)
        session.commit()
        session.remove()
    return {"clerk": "clerk@example.com", "name": "山东省技术合同登记处"}


def _fill_contract(page, signed: date) -> None:
    from tests.factories import valid_credit_code

    page.fill("input[name=title]", "高温合金叶片精密铸造工艺委托开发")
    page.select_option("select[name=type_choice]", "development:commissioned")
    page.select_option("select[name=tech_field]", "manufacturing")
    for name, day in (("signed_on", signed), ("effective_on", signed), ("valid_from", signed),
                      ("valid_until", signed + timedelta(days=365))):  # fmt: skip
        page.fill(f"input[name={name}]", day.isoformat())
    page.fill("input[name=contract_amount]", "1,000,000")
    page.fill("input[name='buyer-name']", "北岸智能装备有限公司")
    page.fill("input[name='buyer-credit_code']", valid_credit_code("91", "330100"))
    page.select_option("select[name='buyer-region_code']", "330100")
    page.select_option("select[name='buyer-legal_type']", "150")
    page.select_option("select[name='costs-0-category']", "equipment")
    page.fill("input[name='costs-0-description']", "铸造试验炉")
    page.fill("input[name='costs-0-amount']", "150000")


def test_apply_return_correct_register_certificate_verify(login_as, live_people, site, screenshots):
    import pypdfium2

    university = login_as(live_people["university"])
    university.goto("/registration/tracker")  # other browser tests may have left contracts of this university
    missing_before = int(university.locator("#count-missing").inner_text())
    registered_before = _registered(university)
    university.goto("/stats")
    counted_before = _counted(university)
    university.goto("/contracts/new")
    _fill_contract(university, date.today() - timedelta(days=30))
    university.get_by_role("button", name="保存").click()
    expect(university.locator("#contract-status")).to_have_text("草稿")
    expect(university.locator("#technical-amount")).to_contain_text("850,000.00")
    contract_url = university.url

    university.goto("/registration/tracker")
    expect(university.locator("#count-missing")).to_have_text(str(missing_before + 1))
    university.goto(contract_url)
    university.select_option("#submit-form select[name=site_id]", label=site["name"])
    university.locator("#submit-form button").click()
    expect(university.locator("#contract-status")).to_have_text("已申请，待受理")

    clerk = login_as(site["clerk"])
    clerk.goto("/registration/queue")
    clerk.get_by_role("link", name="高温合金叶片精密铸造工艺委托开发").click()
    clerk.locator("#accept-form button").click()
    expect(clerk.locator("#contract-status")).to_have_text("审查中")
    clerk.locator("#reason-amounts").check()
    clerk.fill("#return-form textarea[name=note]", "铸造试验炉属于非技术性费用，请核对金额后重新提交。")
    clerk.locator("#return-form button").click()
    expect(clerk.locator("#contract-status")).to_have_text("退回补正")

    university.goto(contract_url)
    expect(university.locator("#return-info")).to_contain_text("请核对金额后重新提交")
    university.locator("#edit-contract").click()
    university.fill("input[name='costs-0-amount']", "180000")
    university.get_by_role("button", name="保存").click()
    expect(university.locator("#technical-amount")).to_contain_text("820,000.00")
    university.locator("#submit-form button").click()
    expect(university.locator("#contract-status")).to_have_text("已申请，待受理")

    clerk.goto(contract_url)
    clerk.locator("#accept-form button").click()
    clerk.locator("#approve-form button").click()
    expect(clerk.locator("#contract-status")).to_have_text("已认定登记")
    number = clerk.locator("#registration-info .font-monospace").inner_text().strip()
    assert number.startswith(f"{date.today().year % 100:02d}370001")  # year, site region, site code

    university.goto(contract_url)
    link = university.locator("#certificate-link")
    response = university.request.get(link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    document = pypdfium2.PdfDocument(response.body())
    text = "".join(document[0].get_textpage().get_text_range().split())
    assert number in text and "技术合同登记证明" in text and "820,000.00" in text and site["name"] in text
    document[0].render(scale=1.5).to_pil().save(screenshots / "registration-certificate.png")

    visitor = login_as(None)
    visitor.goto("/registration/verify")
    visitor.fill("#number", number)
    visitor.locator("#verify-form button").click()
    expect(visitor.locator("#verify-result")).to_contain_text(site["name"])
    expect(visitor.locator("#verify-result")).not_to_contain_text("北岸智能")  # no parties, no amounts
    visitor.screenshot(path=screenshots / "registration-verify.png", full_page=True)

    university.goto("/registration/tracker")
    expect(university.locator("#count-missing")).to_have_text(str(missing_before))
    assert _registered(university) == registered_before + 1
    university.goto("/stats")
    assert _counted(university) == counted_before + 1  # the statistics count it, by registration date
    expect(university.locator("#summary")).to_be_visible()
    university.screenshot(path=screenshots / "registration-stats.png", full_page=True)
    university.screenshot(path=screenshots / "registration-tracker.png", full_page=True)


def _registered(page) -> int:
    """The organisation's registered contracts in the tracker's rate table (0 when it has none)."""
    cells = page.locator("#rates-organization tbody tr td:nth-child(2)")
    return int(cells.first.inner_text()) if cells.count() else 0


def _counted(page) -> int:
    """Registered contracts in the statistics' summary (0 when there are none yet)."""
    figure = page.locator('[data-figure="count"]')
    return int(figure.inner_text().replace(",", "")) if figure.count() else 0
