"""The one place that turns the app's settings into a Stripe client, and verifies webhook signatures.

A client is built per use from the settings (``stripe.StripeClient``), never by setting the ``stripe``
module's globals: two apps in one process (tests, a CLI next to a server) cannot leak keys into each
other, and without ``STRIPE_API_KEY`` there is simply no client, so nothing can call Stripe.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import stripe
from flask import current_app, has_app_context

#: seconds a webhook signature stays acceptable (Stripe's recommended tolerance against replays)
SIGNATURE_TOLERANCE = 300


@dataclass(frozen=True)
class StripeSettings:
    api_key: str = ""
    webhook_secret: str = ""
    api_base: str = ""
    currency: str = "cny"

    @property
    def enabled(self) -> bool:
        """Payments are on only with an API key (the embedded default has none)."""
        return bool(self.api_key)


def settings_of(config: Mapping[str, Any]) -> StripeSettings:
    return StripeSettings(
        api_key=str(config.get("STRIPE_API_KEY") or ""),
        webhook_secret=str(config.get("STRIPE_WEBHOOK_SECRET") or ""),
        api_base=str(config.get("STRIPE_API_BASE") or "").rstrip("/"),
        currency=str(config.get("PAYMENT_CURRENCY") or "cny"),
    )


def current_settings() -> StripeSettings:
    """The running app's settings; the defaults (payments off) outside an application context."""
    return settings_of(current_app.config) if has_app_context() else StripeSettings()


def payments_enabled(config: Mapping[str, Any] | None = None) -> bool:
    """Whether payments are on (a Stripe key is set): for other domains' pages and rules."""
    return (settings_of(config) if config is not None else current_settings()).enabled


def client_for(settings: StripeSettings) -> stripe.StripeClient | None:
    """A Stripe client for these settings, or None when payments are off."""
    if not settings.enabled:
        return None
    base = {"api": settings.api_base} if settings.api_base else None
    # retries are safe: every creating call carries an idempotency key derived from the payment row
    return stripe.StripeClient(settings.api_key, base_addresses=base, max_network_retries=2)


def current_client() -> stripe.StripeClient | None:
    return client_for(current_settings())


def verified_event(payload: bytes, signature: str | None, secret: str) -> dict[str, Any]:
    """The event of a webhook request whose ``Stripe-Signature`` verifies, as a plain dict.

    Raises ``stripe.SignatureVerificationError`` for a missing, malformed, wrong or too old signature and
    ``ValueError`` for a body that is not a JSON object: callers answer 400 and change nothing.
    """
    stripe.WebhookSignature.verify_header(payload, signature, secret, tolerance=SIGNATURE_TOLERANCE)
    event = json.loads(payload)
    if not isinstance(event, dict):
        raise ValueError("a Stripe event is a JSON object")
    return event
