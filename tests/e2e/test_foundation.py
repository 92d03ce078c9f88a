"""A newcomer signs up, creates an organisation, logs out and in, switches language, on a phone too."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import choose_province
from tests.factories import valid_credit_code

pytestmark = pytest.mark.e2e

PASSWORD = "e2e password 2026"


def test_signup_organization_logout_login_language(page: Page, screenshots):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("h1")).to_contain_text("让科技成果走进产业")
    page.screenshot(path=screenshots / "01-home.png", full_page=True)

    page.get_by_role("link", name="注册").first.click()
    expect(page).to_have_url(re.compile(r"/signup$"))
    page.get_by_label("电子邮箱").fill("zhang.san@example.com")
    page.get_by_label("姓名").fill("张三")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_label("确认密码").fill(PASSWORD)
    page.screenshot(path=screenshots / "02-signup.png", full_page=True)
    page.locator("#signup-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/my/organization$"))
    expect(page.locator(".alert-success")).to_contain_text("欢迎")

    page.locator("#create-organization").click()
    page.get_by_label("登记名称").fill("华东测试科技大学")
    page.get_by_label("机构类型").select_option("university")
    page.get_by_label("统一社会信用代码").fill("bad code")
    choose_province(page, "浙江省")
    # htmx swaps in the cities of the chosen province
    expect(page.locator("#city_code option", has_text="杭州市")).to_have_count(1)
    page.get_by_label("城市").select_option(label="杭州市")
    page.locator("#organization-form button[type=submit]").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("统一社会信用代码无效")
    page.screenshot(path=screenshots / "03-organization-error.png", full_page=True)

    page.get_by_label("统一社会信用代码").fill(valid_credit_code("12", "330100"))
    choose_province(page, "浙江省")
    expect(page.locator("#city_code option", has_text="宁波市")).to_have_count(1)
    page.get_by_label("城市").select_option(label="宁波市")
    page.locator("#organization-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/my/organization"))
    expect(page.locator("#organization-name")).to_have_text("华东测试科技大学")
    expect(page.locator("body")).to_contain_text("浙江省 宁波市")
    expect(page.locator("body")).to_contain_text("待认证")
    page.screenshot(path=screenshots / "04-my-organization.png", full_page=True)

    page.locator("#user-menu").click()
    page.locator("#logout-button").click()
    expect(page.locator(".alert-info")).to_contain_text("您已退出登录")

    page.get_by_role("link", name="登录").first.click()
    page.get_by_label("电子邮箱").fill("zhang.san@example.com")
    page.get_by_label("密码").fill("wrong password")
    page.locator("#login-form button[type=submit]").click()
    expect(page.locator(".alert-danger")).to_contain_text("电子邮箱或密码错误")
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("#login-form button[type=submit]").click()
    expect(page.locator("#user-menu")).to_have_text("张三")

    page.goto("/my/organization")
    page.locator("#language-menu").click()
    page.locator("button[data-locale=zh_Hant]").click()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hant")
    expect(page.locator("nav")).to_contain_text("我的機構")
    expect(page.locator("#organization-name")).to_have_text("華東測試科技大學")
    page.screenshot(path=screenshots / "05-traditional.png", full_page=True)

    page.locator("#language-menu").click()
    page.locator("button[data-locale=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("nav")).to_contain_text("My organisation")
    expect(page.locator("body")).to_contain_text("Awaiting verification")
    page.screenshot(path=screenshots / "06-english.png", full_page=True)

    # the choice is kept on the account: a new login in a fresh browser comes back in English
    page.locator("#user-menu").click()
    page.locator("#logout-button").click()
    page.context.clear_cookies()
    page.goto("/login")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    page.get_by_label("电子邮箱").fill("zhang.san@example.com")
    page.get_by_label("密码").fill(PASSWORD)
    page.locator("#login-form button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_phone_width(chromium, live_server, screenshots):
    context = chromium.new_context(
        base_url=live_server,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.goto("/")
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.get_by_role("link", name="机构", exact=True)).to_be_hidden()
    # nothing wider than the screen
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=screenshots / "07-phone-home.png", full_page=True)
    toggler.click()
    expect(page.get_by_role("link", name="机构", exact=True)).to_be_visible()
    page.screenshot(path=screenshots / "08-phone-menu.png")
    page.goto("/signup")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=screenshots / "09-phone-signup.png", full_page=True)
    context.close()
