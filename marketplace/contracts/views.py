"""Contract pages. So far: the public verification of a registration number."""

from __future__ import annotations

import re

from flask import Blueprint, render_template, request

from marketplace.contracts import labels
from marketplace.contracts import services as contracts
from marketplace.extensions import db, limiter

bp = Blueprint("contracts", __name__)

NUMBER = re.compile(r"^[0-9A-Za-z\-]{6,32}$")


@bp.get("/registration/verify")
@limiter.limit("30 per minute")
def verify():
    """Anyone checks a registration number: only non-confidential facts (type, date, site, validity)."""
    number = (request.args.get("number") or "").strip()
    found = None
    malformed = bool(number) and not NUMBER.match(number)
    if number and not malformed:
        found = contracts.public_registration(db.session, number)
    return render_template(
        "contracts/verify.html", number=number, found=found, malformed=malformed, labels=labels
    )
