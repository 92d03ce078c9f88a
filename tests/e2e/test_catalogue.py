"""An achievement goes from a university's draft, through review and a return, to the public catalogue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_achievement_review_cycle(login_as, live_people, screenshots, tmp_path):
    pdf = tmp_path / "技术说明书.pdf"
    pdf.write_bytes(PDF)

    university = login_as(live_people["university"])
    university.goto("/my/listings")
    university.locator("#new-achievement").click()
    university.get_by_label("标题", exact=True).fill("稀土永磁电机高效冷却技术")
    university.get_by_label("成果简介").fill(
        "采用油冷与定子直冷复合方案，电机连续功率密度提升25%，温升降低18K，适用于新能源汽车驱动电机与工业伺服电机。"
    )
    university.get_by_label("技术领域").select_option("nev")
    university.get_by_label("关键词").fill("永磁电机 冷却 电驱")
    university.get_by_label("省份").select_option(label="山东省")
    expect(university.locator("#city_code option", has_text="济南市")).to_have_count(1)
    university.get_by_label("城市").select_option(label="济南市")
    university.get_by_label("成熟度").select_option("pilot")
    university.get_by_label("转让价格（万元）").fill("120")
    university.get_by_label("许可").check()
    university.get_by_label("联系人").fill("孙老师")
    university.get_by_label("电话").fill("0531-88886666")
    university.locator("select[name='ip_items-0-ip_type']").select_option("invention")
    university.locator("input[name='ip_items-0-number']").fill("201710601862.3")
    university.locator("#listing-form button[type=submit]").click()
    expect(university.locator(".alert-success")).to_contain_text("已保存为草稿")
    university.locator("#upload-form input[type=file]").set_input_files(str(pdf))
    university.locator("#upload-form button").click()
    expect(university.locator("#files")).to_contain_text("技术说明书.pdf")
    expect(university.locator("#ip-items")).to_contain_text("201710601862.3")
    university.screenshot(path=screenshots / "10-achievement-draft.png", full_page=True)
    university.locator("button[data-action=submit]").click()
    expect(university.locator("#workflow")).to_contain_text("待审核")
    detail_url = university.url

    moderator = login_as(live_people["moderator"])
    moderator.goto("/moderation")
    moderator.get_by_role("link", name="稀土永磁电机高效冷却技术").click()
    moderator.locator("input[name=note]").fill("请补充专利证书扫描件")
    moderator.locator("button[data-action=return]").click()
    expect(moderator.locator("#workflow")).to_contain_text("已退回")

    university.goto("/notifications")
    expect(university.locator("#notification-list")).to_contain_text("被退回修改：请补充专利证书扫描件")
    university.goto(detail_url)
    expect(university.locator("#review-note")).to_contain_text("请补充专利证书扫描件")
    university.screenshot(path=screenshots / "11-achievement-returned.png", full_page=True)
    certificate = tmp_path / "专利证书.pdf"
    certificate.write_bytes(PDF.replace(b"1 0 obj", b"2 0 obj"))
    university.locator("#upload-form input[type=file]").set_input_files(str(certificate))
    university.locator("#upload-form button").click()
    expect(university.locator("#files")).to_contain_text("专利证书.pdf")
    university.locator("button[data-action=submit]").click()
    expect(university.locator("#workflow")).to_contain_text("待审核")

    moderator.goto(detail_url)
    moderator.locator("button[data-action=approve]").click()
    expect(moderator.locator("#workflow")).to_contain_text("已发布")
    filing = moderator.locator("#filing-number").inner_text()
    assert re.fullmatch(r"CG-\d{4}-370000-\d{6}", filing)

    visitor = login_as(None)
    visitor.goto("/achievements")
    card = visitor.locator("#listings [data-listing]", has_text="稀土永磁电机高效冷却技术")
    expect(card).to_contain_text(filing)
    expect(card).to_contain_text("120 万元")
    card.get_by_role("link").click()
    expect(visitor.locator("#contact-hidden")).to_be_visible()
    expect(visitor.locator("body")).not_to_contain_text("0531-88886666")
    visitor.screenshot(path=screenshots / "12-achievement-public.png", full_page=True)

    enterprise = login_as(live_people["enterprise"])
    enterprise.goto(detail_url)
    expect(enterprise.locator("#contact-details")).to_contain_text("0531-88886666")
    expect(enterprise.locator("#workflow")).to_have_count(0)
