"""Test configuration: one database per run (SQLite file or a fresh PostgreSQL database), schema built
from the migrations, and one rolled-back transaction per test.

Select the backend with ``TEST_DB=sqlite|postgresql``; PostgreSQL comes from ``TEST_DATABASE_URL``
(``make test`` starts a local cluster and sets it). With ``REQUIRE_SERVICES=true`` (set when ``CI=true``)
a service that cannot be reached fails the run; nothing is skipped silently.
"""

from __future__ import annotations

import os
import re
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import scoped_session, sessionmaker

from marketplace import create_app
from marketplace.config import normalise_database_url
from marketplace.extensions import db, limiter

pytest_plugins = ["tests.factories"]

TEST_DB = os.environ.get("TEST_DB", "sqlite")
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES", "").lower() in {"1", "true", "yes"}
DEFAULT_PG = "postgresql://postgres@127.0.0.1:55432/postgres"
OUTPUT = Path(__file__).resolve().parent.parent / "test-output"


def pytest_report_header(config: pytest.Config) -> list[str]:
    return [f"database backend: {TEST_DB}; services required: {REQUIRE_SERVICES}"]


def _create_postgres_database() -> tuple[str, sa.Engine, str]:
    server = normalise_database_url(os.environ.get("TEST_DATABASE_URL") or DEFAULT_PG)
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except sa.exc.OperationalError as exc:
        admin.dispose()
        pytest.exit(
            f"PostgreSQL is not reachable at {server} ({exc.__class__.__name__}); "
            "run the suite through `make test`, which starts it",
            returncode=3,
        )
    name = f"tt_test_{os.getpid()}_{secrets.token_hex(3)}"
    with admin.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0"))
    url = sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    return url, admin, name


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if TEST_DB == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    if TEST_DB != "postgresql":
        pytest.exit(f"unknown TEST_DB {TEST_DB!r}", returncode=3)
    url, admin, name = _create_postgres_database()
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def make_config(database_url: str, instance: Path, **extra: object) -> dict[str, object]:
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": secrets.token_urlsafe(32),
        "PASSWORD_HASH_PROFILE": "CHEAPEST",
        "RATELIMIT_STORAGE_URI": "memory://",
        "SERVER_NAME": "localhost",
        # embeddings cost ~60 ms per listing; search tests switch them on where they matter
        "SEARCH_EMBEDDINGS": False,
        **extra,
    }


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The application on the test database, migrated to head by Alembic (which tests the migrations)."""
    from flask_migrate import upgrade

    app = create_app(make_config(database_url, tmp_path_factory.mktemp("instance")))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    yield app
    with app.app_context():
        db.engine.dispose()


class _TestScopedSession(scoped_session):
    """Keeps one session for the whole test: Flask-SQLAlchemy's teardown only expires it.

    Every request then reloads what it reads from the database, as a fresh session would, while the
    objects a test holds stay usable.
    """

    def remove(self) -> None:
        if self.registry.has():
            self.registry().expire_all()


@pytest.fixture
def session(app: Flask) -> Iterator[scoped_session]:
    """A session inside a transaction that is rolled back after the test; commits become savepoints.

    No application context is held open during the test: each request of the test client gets its own,
    as in production (Flask-Login and Flask-Babel cache per-request state on ``g``).
    """
    with app.app_context():
        connection = db.engine.connect()
    outer = connection.begin()
    test_session = _TestScopedSession(sessionmaker(bind=connection, join_transaction_mode="create_savepoint"))
    original = db.session
    db.session = test_session
    try:
        yield test_session
    finally:
        db.session = original
        test_session.registry().close()
        outer.rollback()
        connection.close()


@pytest.fixture(autouse=True)
def _reset_rate_limits(app: Flask) -> None:
    with app.app_context():
        limiter.reset()


@pytest.fixture
def client(app: Flask, session: scoped_session) -> FlaskClient:
    return app.test_client()


_CSRF = re.compile(r'name="csrf-token" content="([^"]+)"')


class Browser:
    """A test client that behaves like a person with a browser: it reads the CSRF token from the page."""

    def __init__(self, client: FlaskClient):
        self.client = client

    def token(self, path: str = "/") -> str:
        page = self.client.get(path)
        match = _CSRF.search(page.get_data(as_text=True))
        assert match, f"no CSRF token on {path} ({page.status_code})"
        return match.group(1)

    def get(self, path: str, **kwargs):
        return self.client.get(path, **kwargs)

    def post(self, path: str, data: dict | None = None, *, token_from: str = "/", **kwargs):
        payload = {"csrf_token": self.token(token_from), **(data or {})}
        return self.client.post(path, data=payload, **kwargs)

    def login(self, email: str, password: str) -> None:
        response = self.post("/login", {"email": email, "password": password}, token_from="/login")
        assert response.status_code == 302, response.get_data(as_text=True)[:500]

    def logout(self) -> None:
        self.post("/logout")


@pytest.fixture
def browser(client: FlaskClient) -> Browser:
    return Browser(client)


@pytest.fixture
def make_browser(app: Flask, session: scoped_session):
    def factory() -> Browser:
        return Browser(app.test_client())

    return factory


def unique_suffix() -> str:
    return uuid.uuid4().hex[:8]


@pytest.fixture
def separate_database(tmp_path):
    """A fresh, empty database of its own (committed data other processes and threads can read)."""
    if TEST_DB == "sqlite":
        yield f"sqlite:///{tmp_path / 'separate.sqlite3'}"
        return
    url, admin, name = _create_postgres_database()
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


# --- Stripe (stripe-mock under `make test`) ------------------------------------------------------------

STRIPE_TEST_KEY = "sk_test_ttmSuite0123456789"
STRIPE_WEBHOOK_SECRET = "whsec_ttm_suite_secret"


def stripe_api_base() -> str:
    """The URL of the running stripe-mock, or skip (fail when services are required)."""
    base = os.environ.get("TEST_STRIPE_API_BASE")
    if not base:
        if REQUIRE_SERVICES:
            pytest.fail("TEST_STRIPE_API_BASE is not set but services are required (CI=true)")
        pytest.skip("TEST_STRIPE_API_BASE not set: stripe-mock runs under `make test`")
    return base


def stripe_settings() -> dict[str, str]:
    """Settings that turn payments on against stripe-mock, with the webhook secret of the suite."""
    return {
        "STRIPE_API_KEY": STRIPE_TEST_KEY,
        "STRIPE_API_BASE": stripe_api_base(),
        "STRIPE_WEBHOOK_SECRET": STRIPE_WEBHOOK_SECRET,
    }


@pytest.fixture
def stripe_on(app: Flask, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Payments on for this test: the app calls stripe-mock and accepts webhooks signed with the secret."""
    settings = stripe_settings()
    for key, value in settings.items():
        monkeypatch.setitem(app.config, key, value)
    return settings


def stripe_signature(
    payload: bytes, secret: str = STRIPE_WEBHOOK_SECRET, timestamp: int | None = None
) -> str:
    """A ``Stripe-Signature`` header as Stripe computes it (HMAC-SHA256 of ``t.payload``)."""
    import hashlib
    import hmac
    import time

    stamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{stamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={stamp},v1={digest}"
