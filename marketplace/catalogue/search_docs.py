"""The plain dicts search/ indexes, built from the database at drain time (see search/documents.py).

Only published listings are in the index; any other state removes the document. Registering the models
here makes every relevant change write an outbox entry (core/outbox.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from marketplace.accounts.models import Organization
from marketplace.catalogue.models import Achievement, Demand, ListingStatus
from marketplace.core import outbox
from search.documents import doc_id, split_id

#: attributes whose change re-indexes a listing (view counts, reminders and the like do not)
_SHARED = ("title", "field", "province_code", "city_code", "status", "published_at", "organization_id")
ACHIEVEMENT_ATTRIBUTES = (
    *_SHARED,
    "summary",
    "keywords",
    "maturity",
    "transfer_modes",
    "price",
    "title_en",
    "summary_en",
)
DEMAND_ATTRIBUTES = (
    *_SHARED,
    "kind",
    "problem",
    "metrics",
    "constraints",
    "keywords",
    "expected_maturity",
    "modes",
    "budget",
    "reward",
)


def listing_doc_id(listing: Achievement | Demand) -> str:
    if isinstance(listing, Achievement):
        return doc_id("achievement", listing.id)
    return doc_id(listing.kind, listing.id)


def _organization_listings(session: Session, organization: Organization) -> Iterable[Achievement | Demand]:
    for model in (Achievement, Demand):
        yield from session.scalars(
            sa.select(model).where(
                model.organization_id == organization.id, model.status == ListingStatus.PUBLISHED
            )
        )


outbox.register(Achievement, ACHIEVEMENT_ATTRIBUTES, listing_doc_id)
outbox.register(Demand, DEMAND_ATTRIBUTES, listing_doc_id)
outbox.register_dependent(Organization, ("name", "type"), _organization_listings)


def _wan(amount: Decimal | None) -> float | None:
    """元 to 万元, as the index and the matcher compare prices in 万元."""
    return None if amount is None else float(amount) / 10_000


def _stamp(value) -> str:
    return value.isoformat() if value is not None else ""


def achievement_doc(a: Achievement) -> dict[str, Any]:
    return {
        "id": doc_id("achievement", a.id),
        "kind": "achievement",
        "pk": a.id,
        "version": a.search_version,
        "title": a.title,
        "body": _plain(a.summary),
        "keywords": list(a.keywords or []),
        "organization": a.organization.name,
        "org_type": a.organization.type,
        "field": a.field,
        "maturity": a.maturity,
        "modes": list(a.transfer_modes or []),
        "province": a.province_code,
        "city": a.city_code,
        "price_wan": _wan(a.price),
        "published_at": _stamp(a.published_at),
        "extra": " ".join(part for part in (a.title_en or "", a.summary_en or "") if part),
    }


def demand_doc(d: Demand) -> dict[str, Any]:
    body = "\n".join(part for part in (d.problem, d.metrics, d.constraints) if part)
    return {
        "id": doc_id(d.kind, d.id),
        "kind": d.kind,
        "pk": d.id,
        "version": d.search_version,
        "title": d.title,
        "body": _plain(body),
        "keywords": list(d.keywords or []),
        "organization": d.organization.name,
        "org_type": d.organization.type,
        "field": d.field,
        "maturity": d.expected_maturity,
        "modes": list(d.modes or []),
        "province": d.province_code,
        "city": d.city_code,
        "price_wan": _wan(d.budget if d.budget is not None else d.reward),
        "published_at": _stamp(d.published_at),
        "extra": "",
    }


def _plain(html: str) -> str:
    from marketplace.core.html import plain_text

    return plain_text(html or "")


def build(session: Session, doc_ids: Iterable[str]) -> dict[str, dict[str, Any] | None]:
    """The current document for each id, or None when it must leave the index (unpublished, deleted)."""
    wanted: dict[str, list[int]] = {"achievement": [], "demand": []}
    ids = list(doc_ids)
    for value in ids:
        kind, pk = split_id(value)
        wanted["achievement" if kind == "achievement" else "demand"].append(pk)
    out: dict[str, dict[str, Any] | None] = dict.fromkeys(ids)
    if wanted["achievement"]:
        for a in session.scalars(sa.select(Achievement).where(Achievement.id.in_(wanted["achievement"]))):
            if a.status == ListingStatus.PUBLISHED and doc_id("achievement", a.id) in out:
                out[doc_id("achievement", a.id)] = achievement_doc(a)
    if wanted["demand"]:
        for d in session.scalars(sa.select(Demand).where(Demand.id.in_(wanted["demand"]))):
            if d.status == ListingStatus.PUBLISHED and doc_id(d.kind, d.id) in out:
                out[doc_id(d.kind, d.id)] = demand_doc(d)
    return out


def published_ids(session: Session) -> Iterable[tuple[str, int]]:
    """Every document that belongs in the index, with its version (for reindex and consistency checks)."""
    for pk, version in session.execute(
        sa.select(Achievement.id, Achievement.search_version).where(
            Achievement.status == ListingStatus.PUBLISHED
        )
    ):
        yield doc_id("achievement", pk), version
    for pk, kind, version in session.execute(
        sa.select(Demand.id, Demand.kind, Demand.search_version).where(
            Demand.status == ListingStatus.PUBLISHED
        )
    ):
        yield doc_id(kind, pk), version
