"""Display labels of the deals vocabulary, translated lazily."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STAGES = {
    "lead": _l("Lead (意向)"),
    "negotiating": _l("Negotiating (洽谈)"),
    "signed": _l("Signed (签约)"),
    "performing": _l("Performing (履行)"),
    "closed": _l("Closed (完成)"),
    "lost": _l("Ended (终止)"),
}

STAGE_STYLES = {"lead": "secondary", "negotiating": "info", "signed": "primary", "performing": "warning",
                "closed": "success", "lost": "dark"}  # fmt: skip

ACTIONS = {
    "negotiate": _l("Start negotiating"),
    "sign": _l("Sign"),
    "perform": _l("Performance started"),
    "close": _l("Close the deal"),
    "lose": _l("End the deal"),
}

LOST_REASONS = {
    "price": _l("Price"),
    "ip_unclear": _l("IP unclear"),
    "too_early": _l("Technology too early"),
    "buyer_withdrew": _l("The buyer withdrew"),
    "seller_withdrew": _l("The seller withdrew"),
    "other": _l("Other"),
}

BROKER_STATUSES = {
    "pending": _l("Awaiting verification"),
    "verified": _l("Verified"),
    "rejected": _l("Not verified"),
}

ATTRIBUTIONS = {
    "sourced_demand": _l("Sourced the demand"),
    "sourced_achievement": _l("Sourced the achievement"),
    "introduction": _l("Introduced the parties"),
    "contract": _l("Resulting contract"),
}
