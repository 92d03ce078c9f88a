"""The accounts pages through HTTP: forms, CSRF, rate limits, localized messages, password reset by mail."""

from __future__ import annotations

import re

import sqlalchemy as sa

from marketplace.accounts.models import Organization, User
from marketplace.core.models import OutboundMail
from tests.factories import PASSWORD, valid_credit_code


def count(session, model) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def signup(browser, **overrides):
    data = {"email": "new@example.com", "display_name": "新用户", "password": PASSWORD, "confirm": PASSWORD}
    data.update(overrides)
    return browser.post("/signup", data, token_from="/signup")


class TestCsrf:
    def test_every_form_carries_a_token(self, browser, make_user):
        for path in ("/signup", "/login", "/password/forgot"):
            body = browser.get(path).get_data(as_text=True)
            for form in re.findall(r"<form[^>]*method=\"post\".*?</form>", body, flags=re.S):
                assert 'name="csrf_token"' in form, (path, form[:200])

    def test_post_without_token_is_rejected_and_changes_nothing(self, client, session):
        data = {"email": "x@example.com", "display_name": "某人", "password": PASSWORD, "confirm": PASSWORD}
        response = client.post("/signup", data=data)
        assert response.status_code == 400
        assert "表单已过期" in response.get_data(as_text=True)
        assert count(session, User) == 0

    def test_logged_in_forms_need_a_token_too(self, browser, client, make_user, session):
        make_user("someone@example.com")
        browser.login("someone@example.com", PASSWORD)
        info = {
            "name": "无令牌大学",
            "type": "university",
            "credit_code": valid_credit_code("12"),
            "province_code": "310000",
            "city_code": "310100",
        }
        assert client.post("/organizations/new", data=info).status_code == 400
        assert count(session, Organization) == 0


class TestSignupForm:
    def test_signup_logs_in_and_leads_to_organization_step(self, browser, session):
        response = signup(browser)
        assert response.status_code == 302 and response.location.endswith("/my/organization")
        assert session.scalar(sa.select(User).where(User.email == "new@example.com")) is not None
        assert "创建机构" in browser.get("/my/organization").get_data(as_text=True)

    def test_duplicate_email_gets_a_chinese_message(self, browser, make_user, session):
        make_user("new@example.com")
        response = signup(browser)
        body = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "该电子邮箱已注册。" in body
        assert count(session, User) == 1

    def test_over_long_name_and_mismatched_passwords(self, browser, session):
        body = signup(browser, display_name="名" * 60).get_data(as_text=True)
        assert "名称最多 50 个字符。" in body
        body = signup(browser, confirm="something else").get_data(as_text=True)
        assert "两次输入的密码不一致。" in body
        assert count(session, User) == 0

    def test_messages_follow_the_chosen_language(self, browser, make_user):
        make_user("new@example.com")
        browser.post("/language", {"locale": "en", "next": "/signup"})
        assert "An account with this email address already exists." in signup(browser).get_data(as_text=True)
        browser.post("/language", {"locale": "zh_Hant", "next": "/signup"})
        assert "該電子郵箱已註冊。" in signup(browser).get_data(as_text=True)


class TestLogin:
    def test_wrong_password_is_rate_limited_per_address(self, browser, make_user, app):
        make_user("victim@example.com")
        statuses = []
        for _ in range(6):
            response = browser.post(
                "/login", {"email": "victim@example.com", "password": "wrong password"}, token_from="/login"
            )
            statuses.append(response.status_code)
        assert statuses[:5] == [200] * 5
        assert statuses[5] == 429
        # even the right password is refused while the address is blocked
        blocked = browser.post(
            "/login", {"email": "victim@example.com", "password": PASSWORD}, token_from="/login"
        )
        assert blocked.status_code == 429
        assert "尝试次数过多" in blocked.get_data(as_text=True)

    def test_successful_logins_are_not_counted(self, browser, make_user):
        make_user("often@example.com")
        for _ in range(8):
            browser.login("often@example.com", PASSWORD)
            browser.logout()

    def test_next_parameter_cannot_leave_the_site(self, browser, make_user):
        make_user("next@example.com")
        response = browser.post(
            "/login",
            {"email": "next@example.com", "password": PASSWORD, "next": "https://evil.example/"},
            token_from="/login",
        )
        assert response.status_code == 302 and response.location == "/"

    def test_wrong_password_message(self, browser, make_user):
        make_user("who@example.com")
        body = browser.post(
            "/login", {"email": "who@example.com", "password": "nope nope nope"}, token_from="/login"
        ).get_data(as_text=True)
        assert "电子邮箱或密码错误。" in body


class TestPasswordReset:
    def test_reset_through_the_mailed_link(self, browser, make_user, session, admin_user):
        make_user("forgot@example.com")
        response = browser.post(
            "/password/forgot", {"email": "forgot@example.com"}, token_from="/password/forgot"
        )
        assert response.status_code == 302
        mail = session.scalars(
            sa.select(OutboundMail).where(OutboundMail.recipient == "forgot@example.com")
        ).one()
        assert mail.status == "sent" and mail.transport == "log"
        link = re.search(r"http://localhost(/password/reset/\S+)", mail.body).group(1)
        response = browser.post(
            link, {"password": "my new password 1", "confirm": "my new password 1"}, token_from=link
        )
        assert response.status_code == 302
        browser.login("forgot@example.com", "my new password 1")
        # the link works once
        assert browser.get(link).status_code == 400

    def test_unknown_address_gets_the_same_answer_and_no_mail(self, browser, session):
        response = browser.post(
            "/password/forgot", {"email": "ghost@example.com"}, token_from="/password/forgot"
        )
        assert response.status_code == 302
        assert count(session, OutboundMail) == 0

    def test_admin_reads_the_dev_mailbox(self, browser, make_user, admin_user):
        make_user("forgot@example.com")
        browser.post("/password/forgot", {"email": "forgot@example.com"}, token_from="/password/forgot")
        browser.login("admin@example.com", PASSWORD)
        body = browser.get("/admin/mailbox").get_data(as_text=True)
        assert "forgot@example.com" in body and "/password/reset/" in body


class TestOrganizationPages:
    def test_create_with_invalid_credit_code_shows_message_and_saves_nothing(
        self, browser, make_user, session
    ):
        make_user("founder@example.com")
        browser.login("founder@example.com", PASSWORD)
        info = {
            "name": "无效代码大学",
            "type": "university",
            "credit_code": "91310000MA1FL8XQ3X",
            "province_code": "310000",
            "city_code": "310100",
        }
        body = browser.post("/organizations/new", info, token_from="/organizations/new").get_data(
            as_text=True
        )
        assert "统一社会信用代码无效" in body
        assert count(session, Organization) == 0

    def test_city_options_follow_the_province(self, browser):
        body = browser.get("/regions/cities?province_code=440000").get_data(as_text=True)
        assert "深圳市" in body and "杭州市" not in body

    def test_unverified_organization_is_hidden_from_the_public(self, browser, make_org):
        org = make_org(verified=False)
        assert browser.get(f"/organizations/{org.id}").status_code == 404
        assert org.name not in browser.get("/organizations").get_data(as_text=True)

    def test_directory_is_paginated(self, browser, make_org, app):
        for _ in range(app.config["PER_PAGE"] + 3):
            make_org()
        first = browser.get("/organizations").get_data(as_text=True)
        second = browser.get("/organizations?page=2").get_data(as_text=True)
        assert first.count("list-group-item") == app.config["PER_PAGE"]
        assert second.count("list-group-item") == 3

    def test_traditional_reader_sees_traditional_names(self, browser, make_org):
        make_org(name="广东海洋测试大学", province="440000", city="440300")
        browser.post("/language", {"locale": "zh_Hant", "next": "/"})
        body = browser.get("/organizations").get_data(as_text=True)
        assert "廣東海洋測試大學" in body and "廣東省 深圳市" in body
