"""Settings: typed defaults that need no server, overridden by environment variables.

Every setting can be given as ``MARKETPLACE_<NAME>`` or, for the common ones listed in
``PLAIN_ENV``, under its plain name (``DATABASE_URL``, ``SECRET_KEY`` ...). ``create_app(config)``
overrides both with a mapping, which is how tests configure the app.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = ROOT / "instance"

#: environment variables read under their plain name, with the type used to parse them
PLAIN_ENV: dict[str, type] = {
    "DATABASE_URL": str,
    "SECRET_KEY": str,
    "SEARCH_URL": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": bool,
    "MAIL_DEFAULT_SENDER": str,
    "RATELIMIT_STORAGE_URI": str,
    "LOGIN_RATE_LIMIT": str,
    "INSTANCE_PATH": str,
    "ACHIEVEMENT_VALIDITY_MONTHS": int,
    "UPLOAD_MAX_BYTES": int,
    "SEARCH_EMBEDDINGS": bool,
    "SEARCH_DRAIN_INLINE": bool,
    "MATCH_LOCAL_WEIGHT": float,
    "SERVICE_FEE_RATE": float,
    "STRIPE_API_KEY": str,
    "STRIPE_WEBHOOK_SECRET": str,
    "STRIPE_API_BASE": str,
    "PAYMENT_CURRENCY": str,
}

#: currencies Stripe counts in whole units: an amount in fen (1/100) would be wrong for them
ZERO_DECIMAL_CURRENCIES = frozenset(
    {"bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof"}
    | {"xpf"}
)


class ConfigError(RuntimeError):
    """A setting is missing or malformed; raised at startup, never at request time."""


def _parse(value: str, kind: type) -> Any:
    if kind is bool:
        lowered = value.strip().lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off", ""}:
            return False
        raise ConfigError(f"expected a boolean, got {value!r}")
    if kind is float:
        try:
            return float(value)
        except ValueError as exc:
            raise ConfigError(f"expected a number, got {value!r}") from exc
    if kind is int:
        try:
            return int(value)
        except ValueError as exc:
            raise ConfigError(f"expected an integer, got {value!r}") from exc
    return value


def defaults(instance_path: Path) -> dict[str, Any]:
    """The embedded defaults: SQLite under instance/, no mail server, in-memory rate limits."""
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'marketplace.sqlite3'}",
        "SQLALCHEMY_ENGINE_OPTIONS": {},
        #: embedded:///DIR (tantivy on disk, the default), embedded:// (in memory), opensearch://host:port
        "SEARCH_URL": f"embedded://{instance_path / 'search'}",
        #: compute text embeddings for hybrid search and cross-language matching (model bundled, offline)
        "SEARCH_EMBEDDINGS": True,
        #: drain the search outbox right after each commit (the embedded default); off when a worker
        #: runs `flask search drain --follow` (OpenSearch)
        "SEARCH_DRAIN_INLINE": True,
        #: weight of "same province/city" in match scores (local conversion is a policy goal)
        "MATCH_LOCAL_WEIGHT": 0.05,
        "BABEL_DEFAULT_LOCALE": "zh_Hans",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Shanghai",
        "LANGUAGES": ["zh_Hans", "zh_Hant", "en"],
        "MAIL_SERVER": "",
        "MAIL_PORT": 587,
        "MAIL_USERNAME": "",
        "MAIL_PASSWORD": "",
        "MAIL_USE_TLS": True,
        "MAIL_DEFAULT_SENDER": "noreply@techtransfer.local",
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_HEADERS_ENABLED": True,
        #: failed logins allowed per client address (Flask-Limiter syntax)
        "LOGIN_RATE_LIMIT": "5 per minute;30 per hour",
        #: password-reset tokens expire after this many seconds
        "PASSWORD_RESET_MAX_AGE": 3600,
        #: argon2-cffi parameter profile (argon2.profiles); tests use CHEAPEST
        "PASSWORD_HASH_PROFILE": "RFC_9106_LOW_MEMORY",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "PER_PAGE": 20,
        # flask-smorest: the OpenAPI document of /api/v1, generated from the schemas
        "API_TITLE": "TechTransfer Market API",
        "API_VERSION": "v1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api/v1",
        "OPENAPI_JSON_PATH": "openapi.json",
        #: a published achievement leaves the catalogue after this many months unless renewed
        "ACHIEVEMENT_VALIDITY_MONTHS": 12,
        #: largest accepted attachment
        "UPLOAD_MAX_BYTES": 10 * 1024 * 1024,
        #: the platform service fee invoiced to the buyer when a deal is signed, as a share of its amount
        "SERVICE_FEE_RATE": 0.01,
        #: Stripe secret key; empty (the embedded default) turns payments off: nothing calls Stripe and the
        #: pay buttons say so
        "STRIPE_API_KEY": "",
        #: signing secret of the webhook endpoint (whsec_...); without it POST /payments/stripe/webhook is 404
        "STRIPE_WEBHOOK_SECRET": "",
        #: base URL of the Stripe API: empty for Stripe itself, http://127.0.0.1:12111 for stripe-mock
        "STRIPE_API_BASE": "",
        #: ISO currency of payments (lower case, as Stripe writes it); amounts are kept in 1/100 units (fen)
        "PAYMENT_CURRENCY": "cny",
    }


def secret_key(instance_path: Path) -> str:
    """Read the secret key kept under instance/, creating it on first use.

    The key is never a constant in the code: a fresh checkout generates its own, and a
    deployment sets SECRET_KEY in the environment.
    """
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


def from_environment(environ: os._Environ[str] | dict[str, str]) -> dict[str, Any]:
    """Settings given in the environment, typed."""
    found: dict[str, Any] = {}
    for name, kind in PLAIN_ENV.items():
        for key in (f"MARKETPLACE_{name}", name):
            if key in environ:
                found[name] = _parse(environ[key], kind)
                break
    if "DATABASE_URL" in found:
        found["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(found.pop("DATABASE_URL"))
    return found


def normalise_database_url(url: str) -> str:
    """Accept the usual ``postgres://`` and ``postgresql://`` forms and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def validate(config: dict[str, Any]) -> None:
    """Fail at startup on settings that cannot work."""
    if not config.get("SECRET_KEY"):
        raise ConfigError("SECRET_KEY is empty")
    if config.get("MAIL_SERVER") and not config.get("MAIL_DEFAULT_SENDER"):
        raise ConfigError("MAIL_SERVER is set but MAIL_DEFAULT_SENDER is empty")
    currency = str(config.get("PAYMENT_CURRENCY") or "")
    if not (len(currency) == 3 and currency.isascii() and currency.isalpha() and currency.islower()):
        raise ConfigError(f"PAYMENT_CURRENCY {currency!r} is not a lower-case ISO 4217 code such as 'cny'")
    if currency in ZERO_DECIMAL_CURRENCIES:
        raise ConfigError(f"PAYMENT_CURRENCY {currency!r} has no 1/100 unit; payments are kept in fen")
    base = str(config.get("STRIPE_API_BASE") or "")
    if base and not base.startswith(("https://", "http://")):
        raise ConfigError(f"STRIPE_API_BASE {base!r} is not an http(s) URL")
    default = config.get("BABEL_DEFAULT_LOCALE")
    if default not in config.get("LANGUAGES", []):
        raise ConfigError(f"BABEL_DEFAULT_LOCALE {default!r} is not one of LANGUAGES")
