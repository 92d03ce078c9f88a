"""Display labels of the contracts vocabulary, translated lazily (rendered in the reader's language)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

TYPES = {
    "development": _l("Technology development"),
    "transfer": _l("Technology transfer"),
    "licence": _l("Technology licence"),
    "consulting": _l("Technical consulting"),
    "service": _l("Technical service"),
}

SUBTYPES = {
    ("development", "commissioned"): _l("Commissioned development"),
    ("development", "cooperative"): _l("Cooperative development"),
    ("transfer", "patent"): _l("Patent right transfer"),
    ("transfer", "patent_application"): _l("Patent application right transfer"),
    ("transfer", "patent_licence"): _l("Patent licence (before 2021)"),
    ("transfer", "know_how"): _l("Technical secret transfer"),
    ("transfer", "other"): _l("Other technology transfer"),
    ("licence", "patent"): _l("Patent exploitation licence"),
    ("licence", "know_how"): _l("Technical secret licence"),
    ("licence", "other"): _l("Other technology licence"),
    ("service", "general"): _l("General technical service"),
    ("service", "training"): _l("Technical training"),
    ("service", "brokerage"): _l("Technology brokerage"),
}

STATUSES = {
    "draft": _l("Draft"),
    "submitted": _l("Applied, awaiting acceptance"),
    "accepted": _l("Under review"),
    "returned": _l("Returned for correction"),
    "second_review": _l("Awaiting second approval"),
    "registered": _l("Registered"),
    "refused": _l("Not registered"),
    "cancelled": _l("Registration cancelled"),
}


def type_label(contract_type: str, subtype: str | None = None) -> str:
    base = str(TYPES.get(contract_type, contract_type))
    sub = SUBTYPES.get((contract_type, subtype or ""))
    return f"{base} · {sub}" if sub else base
