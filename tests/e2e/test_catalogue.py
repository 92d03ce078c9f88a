"""An achievement goes from a university's draft, through review and a return, to the public catalogue."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import choose_province

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


def test_challenge_with_two_bids(login_as, live_people, screenshots):
    from datetime import date, timedelta

    enterprise = login_as(live_people["enterprise"])
    enterprise.goto("/my/listings")
    enterprise.locator("#new-challenge").click()
    enterprise.get_by_label("标题", exact=True).fill("挖机液压系统节能控制揭榜")
    enterprise.get_by_label("需解决的问题").fill(
        "现有挖掘机液压系统节流损失大，整机油耗高于行业先进水平约15%，需要新的控制策略。"
    )
    enterprise.get_by_label("目标指标").fill("整机油耗降低≥12%，作业效率不降低，控制器成本≤8000元/台")
    enterprise.get_by_label("技术领域").select_option("equipment")
    choose_province(enterprise, "浙江省")
    expect(enterprise.locator("#city_code option", has_text="杭州市")).to_have_count(1)
    enterprise.get_by_label("城市").select_option(label="杭州市")
    enterprise.get_by_label("期望成熟度").select_option("pilot")
    enterprise.get_by_label("合作开发").check()
    enterprise.get_by_label("截止日期", exact=True).fill((date.today() + timedelta(days=120)).isoformat())
    enterprise.get_by_label("榜单金额（万元）").fill("300")
    enterprise.get_by_label("揭榜截止日期").fill((date.today() + timedelta(days=60)).isoformat())
    enterprise.get_by_label("财政资助比例（%）").fill("50")
    enterprise.locator("#listing-form button[type=submit]").click()
    expect(enterprise.locator(".alert-success")).to_be_visible()
    enterprise.locator("button[data-action=submit]").click()
    challenge_url = enterprise.url

    moderator = login_as(live_people["moderator"])
    moderator.goto(challenge_url)
    moderator.locator("button[data-action=approve]").click()
    expect(moderator.locator("#workflow")).to_contain_text("已发布")

    for key, price in (("university", "260"), ("university2", "280")):
        team = login_as(live_people[key])
        team.goto(challenge_url)
        expect(team.locator("#reward")).to_contain_text("300 万元")
        team.locator("#apply").click()
        team.get_by_label("方案").fill(
            f"{key} 团队：基于负载敏感与电液比例控制的节能方案，已完成台架试验，油耗降低14%。"
        )
        team.get_by_label("报价（万元）").fill(price)
        team.locator("#bid-form button[type=submit]").click()
        expect(team.locator("#own-bid")).to_contain_text("已收到")

    enterprise.goto(challenge_url)
    bids = enterprise.locator("#bids [data-bid]")
    expect(bids).to_have_count(2)
    enterprise.screenshot(path=screenshots / "13-challenge-bids.png", full_page=True)
    enterprise.locator("[data-bid='南湖农业大学'] button[data-bid-action=select]").click()
    expect(enterprise.locator("[data-bid='南湖农业大学'] [data-bid-status]")).to_have_text("已中选")
    expect(enterprise.locator("[data-bid='东岳理工大学'] [data-bid-status]")).to_have_text("未中选")

    loser = login_as(live_people["university"])
    loser.goto("/notifications")
    expect(loser.locator("#notification-list")).to_contain_text("挖机液压系统节能控制揭榜")
    expect(loser.locator("#notification-list")).to_contain_text("已选定其他团队")
    winner = login_as(live_people["university2"])
    winner.goto(challenge_url)
    expect(winner.locator("#own-bid [data-bid-status]")).to_have_text("已中选")
