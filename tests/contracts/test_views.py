"""The contract pages: the applicant applies at a site, the site's clerk accepts, returns and registers."""

from __future__ import annotations

from tests.factories import PASSWORD

from .test_registration import world  # noqa: F401 - fixture


def test_apply_accept_return_resubmit_register_through_the_pages(app, session, make_browser, world):  # noqa: F811
    contract, owner, (clerk, _other, far) = world["contract"], world["owner"], world["clerks"]
    applicant, officer = make_browser(), make_browser()
    applicant.login(owner.email, PASSWORD)
    officer.login(clerk.email, PASSWORD)
    url = f"/contracts/{contract.id}"

    listing = applicant.get("/contracts").get_data(as_text=True)
    assert contract.title in listing and "草稿" in listing
    page = applicant.get(url).get_data(as_text=True)
    assert 'id="submit-form"' in page and "上海市技术合同登记处" in page and "宁波市登记点" not in page
    assert (
        applicant.post(f"{url}/submit", {"site_id": str(world["sh"].id)}, token_from=url).status_code == 302
    )

    queue = officer.get("/registration/queue").get_data(as_text=True)
    assert contract.title in queue
    assert 'id="accept-form"' in officer.get(url).get_data(as_text=True)
    officer.post(f"/registration/contracts/{contract.id}/accept", {}, token_from=url)
    returned = officer.post(
        f"/registration/contracts/{contract.id}/return",
        {"reasons": ["missing_attachment", "seals"], "note": "请补充盖章页"},
        token_from=url,
    )
    assert returned.status_code == 302
    page = applicant.get(url).get_data(as_text=True)
    assert 'id="return-info"' in page and "请补充盖章页" in page and "签章不全" in page
    applicant.post(f"{url}/submit", {"site_id": str(world["sh"].id)}, token_from=url)
    officer.post(f"/registration/contracts/{contract.id}/accept", {}, token_from=url)
    # a correction without a reason is refused with the service's message, and nothing changes
    officer.post(
        f"/registration/contracts/{contract.id}/approve", {"technical_amount": "700000"}, token_from=url
    )
    assert "请说明核定调整的理由" in officer.get(url).get_data(as_text=True)
    officer.post(
        f"/registration/contracts/{contract.id}/approve",
        {"technical_amount": "700000", "reason": "样机费用应扣除"},
        token_from=url,
    )
    page = applicant.get(url).get_data(as_text=True)
    assert 'id="registration-info"' in page and "700,000.00 元" in page and "样机费用应扣除" in page

    # a clerk of another site sees nothing of it
    stranger = make_browser()
    stranger.login(far.email, PASSWORD)
    assert stranger.get(url).status_code == 403
    assert contract.title not in stranger.get("/registration/queue").get_data(as_text=True)
