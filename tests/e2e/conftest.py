"""Browser tests: a real Chromium (Debian package) driven by Playwright against a live server.

The server runs in a thread of the test process, on its own database (a fresh SQLite file, or a fresh
PostgreSQL database in the PostgreSQL run), migrated by Alembic like a real deployment.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from werkzeug.serving import make_server

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import OUTPUT, REQUIRE_SERVICES, TEST_DB, make_config, stripe_settings

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    path = OUTPUT / "e2e" / TEST_DB
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def live_database(database_url: str, tmp_path_factory) -> Iterator[str]:
    if TEST_DB == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('live') / 'live.sqlite3'}"
        return
    server = sa.make_url(database_url)
    name = f"tt_live_{secrets.token_hex(4)}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def live_app(live_database: str, tmp_path_factory):
    from flask_migrate import upgrade

    config = make_config(live_database, tmp_path_factory.mktemp("live-instance"))
    config.pop("SERVER_NAME")
    config["TESTING"] = False  # behave like the served app
    if os.environ.get("TEST_STRIPE_API_BASE") or REQUIRE_SERVICES:
        config.update(stripe_settings())  # payments on, against stripe-mock
    app = create_app(config)
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(scope="session")
def live_server(live_app) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = make_server("127.0.0.1", port, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    with live_app.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        message = "Debian chromium is not installed (make test installs it)"
        if REQUIRE_SERVICES:
            pytest.fail(message + "; browser tests are required in CI")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        base_url=live_server, locale="zh-CN", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_people(live_app):
    """Accounts on the live server: a moderator, a verified university and a verified enterprise."""
    from marketplace.accounts import services as accounts
    from marketplace.accounts.models import UserRole
    from marketplace.accounts.states import VerificationAction
    from tests.factories import PASSWORD, valid_credit_code

    with live_app.app_context():
        session = db.session
        admin = accounts.bootstrap_admin(session, "root@example.com", PASSWORD, "管理员")
        moderator = accounts.sign_up(session, accounts.SignupInfo("reviewer@example.com", PASSWORD, "审核员"))
        moderator.roles.append(UserRole(role="moderator"))
        people = {"moderator": "reviewer@example.com"}
        for key, name, kind, province, city in (
            ("university", "东岳理工大学", "university", "370000", "370100"),
            ("enterprise", "北岸智能装备有限公司", "enterprise", "330000", "330100"),
            ("university2", "南湖农业大学", "university", "420000", "420100"),
        ):
            email = f"{key}@example.com"
            user = accounts.sign_up(session, accounts.SignupInfo(email, PASSWORD, f"{name[:2]}老师"))
            org = accounts.create_organization(
                session,
                user,
                accounts.OrganizationInfo(name, kind, valid_credit_code("12", city), province, city),
            )
            accounts.decide_verification(session, admin, org, VerificationAction.VERIFY)
            people[key] = email
        session.commit()
        session.remove()
    return people


@pytest.fixture
def login_as(chromium, live_server):
    """A new browser context logged in as the given email (or anonymous for None)."""
    from tests.factories import PASSWORD

    contexts = []

    def factory(email: str | None):
        context = chromium.new_context(
            base_url=live_server, locale="zh-CN", viewport={"width": 1280, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        if email:
            page.goto("/login")
            page.get_by_label("电子邮箱").fill(email)
            page.get_by_label("密码").fill(PASSWORD)
            page.locator("#login-form button[type=submit]").click()
            page.wait_for_url(lambda url: "/login" not in url)
        return page

    yield factory
    for context in contexts:
        context.close()


def choose_province(page, label: str) -> None:
    """Select a province and wait until htmx has swapped in its cities (choosing a city before the swap
    lands would be undone by it)."""
    with page.expect_response(lambda response: "/regions/cities" in response.url):
        page.get_by_label("省份").select_option(label=label)
    page.wait_for_function("() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')")
