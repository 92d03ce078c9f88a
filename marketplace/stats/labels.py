"""Display labels of the statistics vocabulary, translated lazily (rendered in the reader's language).

Contract types, technical fields and IP kinds reuse ``marketplace.contracts.labels``.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

#: which amount the figures rank, chart and share by (REGISTRATION.md §3.3)
BASES = {"contract": _l("Contract amount"), "technical": _l("Technical amount")}

BROKERAGE_MODES = {
    "include": _l("Included in the figures"),
    "exclude": _l("Left out"),
    "separate": _l("Shown separately"),
}

LEVELS = {"city": _l("Same city"), "province": _l("Same province")}

DENOMINATORS = {
    "outflow": _l("Outflow of the region (seller in the region)"),
    "all": _l("All contracts in scope (seller or buyer in the region)"),
}

#: 技术交易主体 of the national reports, in their order (keys of vocab.PARTY_GROUPS, plus "other")
PARTY_GROUPS = {
    "enterprise": _l("Domestic enterprises"),
    "enterprise_hmt": _l("Hong Kong, Macao and Taiwan invested enterprises"),
    "enterprise_foreign": _l("Foreign-invested enterprises"),
    "institute": _l("Research institutes"),
    "university": _l("Universities"),
    "medical": _l("Medical institutions"),
    "person": _l("Natural persons"),
    "other": _l("Other"),
}

#: where a party is when it is not in a province of the mainland
PLACES = {
    "hmt": _l("Hong Kong, Macao and Taiwan"),
    "foreign": _l("Abroad"),
    "unknown": _l("Region unknown"),
}

TOTAL = _l("Total")
