"""The plain-dict shape of a searchable document. No ORM object crosses into search/.

A document is built by the application (``marketplace/catalogue/search_docs.py``) from the database at
drain time and handed to a backend, which derives its own index fields from it with ``search.analysis``.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any, NotRequired, TypedDict

KINDS = ("achievement", "demand", "challenge")

#: the facets every backend counts, by document key
FACETS = ("kind", "field", "maturity", "province", "modes", "price_band", "org_type")

#: price bands in 万元 (upper bounds exclusive); "negotiable" when no price is stated
PRICE_BANDS = (
    ("lt10", 0, 10),
    ("10-50", 10, 50),
    ("50-100", 50, 100),
    ("100-500", 100, 500),
    ("500-1000", 500, 1000),
    ("gte1000", 1000, math.inf),
)
NEGOTIABLE = "negotiable"
SORTS = ("relevance", "newest", "price_asc", "price_desc")


class SearchDocument(TypedDict):
    id: str  #: "<kind>:<pk>", unique across kinds
    kind: str
    pk: int
    version: int  #: grows with every change; a backend never replaces a newer version with an older one
    title: str
    body: str
    keywords: list[str]
    organization: str
    org_type: str
    field: str
    maturity: str  #: the achievement's maturity, or the maturity a demand expects
    modes: list[str]  #: transfer modes offered (achievement) or cooperation modes accepted (demand)
    province: str
    city: str
    price_wan: float | None  #: asking price (achievement) or budget (demand) in 万元; None = 面议
    published_at: str  #: ISO 8601, UTC
    extra: NotRequired[str]  #: further searchable text (English title and summary, IP titles ...)
    vector: NotRequired[list[float] | None]  #: a normalised text embedding, computed when the listing changed


def doc_id(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def split_id(value: str) -> tuple[str, int]:
    kind, _, pk = value.partition(":")
    return kind, int(pk)


def price_band(price_wan: float | None) -> str:
    if price_wan is None:
        return NEGOTIABLE
    for name, low, high in PRICE_BANDS:
        if low <= price_wan < high:
            return name
    return PRICE_BANDS[-1][0]


def published_epoch(doc: SearchDocument | dict[str, Any]) -> int:
    value = doc.get("published_at") or ""
    if not value:
        return 0
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp())


def validate(doc: dict[str, Any]) -> SearchDocument:
    """Check a document before indexing; a malformed one is a programming error, not user input."""
    missing = [key for key in ("id", "kind", "pk", "version", "title") if key not in doc]
    if missing:
        raise ValueError(f"search document {doc.get('id')!r} lacks {', '.join(missing)}")
    if doc["kind"] not in KINDS:
        raise ValueError(f"unknown document kind {doc['kind']!r}")
    if doc["id"] != doc_id(doc["kind"], doc["pk"]):
        raise ValueError(f"document id {doc['id']!r} does not match kind and pk")
    full: dict[str, Any] = {
        "body": "",
        "keywords": [],
        "organization": "",
        "org_type": "",
        "field": "",
        "maturity": "",
        "modes": [],
        "province": "",
        "city": "",
        "price_wan": None,
        "published_at": "",
        "extra": "",
        "vector": None,
    }
    full.update(doc)
    return full  # type: ignore[return-value]
