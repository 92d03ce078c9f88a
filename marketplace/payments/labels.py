"""What the pages call the payments' codes (lazily translated; the deal room reads ``STATUSES`` too)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STATUSES = {
    "open": _l("To pay"),
    "checkout": _l("Payment started"),
    "paid": _l("Paid"),
    "failed": _l("Payment failed"),
    "expired": _l("Checkout expired"),
    "cancelled": _l("Cancelled"),
    "refund_requested": _l("Refund requested"),
    "refunded": _l("Refunded"),
}

#: Bootstrap colour of each status badge
STATUS_COLOURS = {
    "open": "warning",
    "checkout": "info",
    "paid": "success",
    "failed": "danger",
    "expired": "secondary",
    "cancelled": "secondary",
    "refund_requested": "info",
    "refunded": "dark",
}

PURPOSES = {
    "deposit": _l("Challenge deposit"),
    "service_fee": _l("Platform service fee"),
}

SUBJECT_TYPES = {
    "challenge_bid": _l("Challenge application"),
    "deal": _l("Deal"),
}

EVENT_OUTCOMES = {
    "applied": _l("Applied"),
    "ignored": _l("Ignored"),
    "unknown_object": _l("Unknown object"),
    "stale": _l("Stale"),
}
