"""Keeping the search index a faithful projection of the database: drain the outbox, reindex, report health.

The drainer takes outbox entries (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so two drainers never take the
same entries), builds each document from the database as it is now, computes its embedding if the content
changed, writes to the backend by (id, version) and deletes the entries in the same transaction. When the
engine fails, the entries stay, with their attempt count and a backoff, and the user's write was never at
risk: it committed before. Matches of changed listings are recomputed in the same pass.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np
import sqlalchemy as sa
from flask import Flask, current_app
from sqlalchemy.orm import Session

from marketplace.catalogue import search_docs
from marketplace.core import outbox
from marketplace.core.outbox import OutboxEntry
from marketplace.db import utcnow
from marketplace.discovery.models import ListingVector
from search import embedding
from search.backends import Backend, SearchUnavailable, open_backend

log = logging.getLogger(__name__)

#: seconds before the n-th retry of a failed entry: 5 s, 10 s, 20 s ... capped at 10 minutes
BACKOFF_BASE = 5
BACKOFF_CAP = 600
BATCH = 200


def backend(app: Flask | None = None) -> Backend:
    """The app's search backend, opened once per process from ``SEARCH_URL``."""
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    state = app.extensions.setdefault("search", {})
    if "backend" not in state:
        with _OPEN_LOCK:
            if "backend" not in state:
                state["backend"] = open_backend(app.config["SEARCH_URL"])
    return state["backend"]


_OPEN_LOCK = threading.Lock()


def embedder(app: Flask | None = None):
    app = app or current_app._get_current_object()  # type: ignore[attr-defined]
    if not app.config.get("SEARCH_EMBEDDINGS", True):
        return None
    return embedding.default()


# -- vectors -------------------------------------------------------------------------------------------------


def _content_hash(doc: dict[str, Any]) -> str:
    return hashlib.sha256(embedding.listing_text(doc).encode()).hexdigest()


def attach_vectors(session: Session, docs: list[dict[str, Any]], model, *, compute: bool = True) -> int:
    """Give each document its stored vector; compute (and store) the missing or outdated ones."""
    if model is None or not docs:
        return 0
    stored = {
        v.doc_id: v
        for v in session.scalars(
            sa.select(ListingVector).where(ListingVector.doc_id.in_([d["id"] for d in docs]))
        )
    }
    todo = []
    for doc in docs:
        digest = _content_hash(doc)
        row = stored.get(doc["id"])
        if row is not None and row.content_hash == digest and row.model == model.model:
            doc["vector"] = np.frombuffer(row.vector, dtype=np.float32).tolist()
        elif compute:
            todo.append((doc, digest, row))
    if todo:
        vectors = model.passages([embedding.listing_text(doc) for doc, _, _ in todo])
        for (doc, digest, row), vector in zip(todo, vectors, strict=True):
            doc["vector"] = vector.tolist()
            blob = np.asarray(vector, dtype=np.float32).tobytes()
            if row is None:
                session.add(
                    ListingVector(doc_id=doc["id"], model=model.model, content_hash=digest, vector=blob)
                )
            else:
                row.model, row.content_hash, row.vector = model.model, digest, blob
    return len(todo)


# -- draining ------------------------------------------------------------------------------------------------


@dataclass
class DrainReport:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    entries: int = 0
    matched: int = 0
    errors: list[str] = field(default_factory=list)


def _claim(session: Session, limit: int) -> list[OutboxEntry]:
    stmt = (
        sa.select(OutboxEntry)
        .where(OutboxEntry.available_at <= utcnow())
        .order_by(OutboxEntry.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    return list(session.scalars(stmt))


def drain_once(
    session: Session,
    engine: Backend,
    *,
    model=None,
    limit: int = BATCH,
    on_indexed: Callable[[Session, list[dict[str, Any]], list[str]], int] | None = None,
) -> DrainReport:
    """Apply up to ``limit`` outbox entries; commits (or, on failure, records the retry) itself."""
    report = DrainReport()
    entries = _claim(session, limit)
    if not entries:
        session.rollback()
        return report
    report.entries = len(entries)
    latest: dict[str, OutboxEntry] = {}
    for entry in entries:
        if entry.doc_id not in latest or entry.version >= latest[entry.doc_id].version:
            latest[entry.doc_id] = entry
    try:
        docs = search_docs.build(session, latest)
        upserts = [doc for doc in docs.values() if doc is not None]
        deletes = [(doc_id, latest[doc_id].version) for doc_id, doc in docs.items() if doc is None]
        attach_vectors(session, upserts, model)
        engine.index_many(upserts)
        engine.delete_many(deletes)
        engine.refresh()
        report.indexed, report.deleted = len(upserts), len(deletes)
        if on_indexed is not None:
            report.matched = on_indexed(session, upserts, [doc_id for doc_id, _ in deletes])
    except Exception as exc:  # noqa: BLE001 - every failure is recorded on the entries and retried
        session.rollback()
        report.failed = len(entries)
        report.errors.append(f"{type(exc).__name__}: {exc}")
        if not isinstance(exc, SearchUnavailable):
            log.exception("search drain failed")
        _postpone(session, [e.id for e in entries], f"{type(exc).__name__}: {exc}")
        return report
    for entry in entries:
        session.delete(entry)
    session.commit()
    return report


def _postpone(session: Session, ids: list[int], error: str) -> None:
    for entry in session.scalars(sa.select(OutboxEntry).where(OutboxEntry.id.in_(ids))):
        entry.attempts += 1
        delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (entry.attempts - 1))
        entry.available_at = utcnow() + timedelta(seconds=delay)
        entry.last_error = error[:500]
    session.commit()


def drain(
    session: Session,
    engine: Backend,
    *,
    model=None,
    max_batches: int | None = None,
    on_indexed=None,
    batch: int = BATCH,
) -> DrainReport:
    """Drain until the outbox has nothing available (or ``max_batches``); stops at the first failure."""
    total = DrainReport()
    batches = 0
    while max_batches is None or batches < max_batches:
        report = drain_once(session, engine, model=model, on_indexed=on_indexed, limit=batch)
        batches += 1
        for name in ("indexed", "deleted", "failed", "entries", "matched"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.errors.extend(report.errors)
        if report.failed or report.entries == 0:
            break
    return total


def follow(
    session_factory,
    engine: Backend,
    *,
    model=None,
    interval: float = 1.0,
    on_indexed=None,
    stop: Callable[[], bool] = lambda: False,
    say: Callable[[str], None] = print,
    batch: int = BATCH,
) -> None:
    """The worker loop of ``flask search drain --follow``."""
    while not stop():
        session = session_factory()
        try:
            report = drain(session, engine, model=model, on_indexed=on_indexed, batch=batch)
        finally:
            session.close()
        if report.entries:
            say(f"indexed {report.indexed}, deleted {report.deleted}, failed {report.failed}")
        if report.entries == 0 or report.failed:
            time.sleep(interval)


# -- reindex -------------------------------------------------------------------------------------------------


def reindex(
    session: Session,
    engine: Backend,
    *,
    model=None,
    progress: Callable[[int], None] | None = None,
    batch: int = 500,
) -> int:
    """Rebuild the whole index from the database; stored vectors are reused, missing ones computed."""
    ids = [doc_id for doc_id, _ in search_docs.published_ids(session)]

    def documents() -> Iterable[dict[str, Any]]:
        for start in range(0, len(ids), batch):
            docs = [
                d for d in search_docs.build(session, ids[start : start + batch]).values() if d is not None
            ]
            attach_vectors(session, docs, model)
            session.commit()
            yield from docs

    # the backend's own batch size: large enough for parallel analysis (Backend.prepare_many)
    count = engine.bulk_load(documents(), progress=progress)
    catch_up(session, engine)
    return count


def catch_up(session: Session, engine: Backend) -> int:
    """Queue every document the index disagrees on with the database (missing, extra or stale).

    A reindex reads the database while users keep writing, and a drainer may still write into the old
    index until the swap; whatever the new index missed that way is queued again here, so the next drain
    repairs it. Returns the number of entries queued.
    """
    diff = check(session, engine)
    expected = dict(search_docs.published_ids(session))
    indexed = engine.versions() if diff["extra"] else {}
    now = utcnow()
    entries = [
        OutboxEntry(doc_id=doc_id, version=expected[doc_id], created_at=now, available_at=now)
        for doc_id in diff["missing"] + diff["stale"]
    ] + [
        OutboxEntry(doc_id=doc_id, version=indexed.get(doc_id, 0), created_at=now, available_at=now)
        for doc_id in diff["extra"]
    ]
    session.add_all(entries)
    session.commit()
    return len(entries)


# -- health --------------------------------------------------------------------------------------------------


def health(session: Session, engine: Backend) -> dict[str, Any]:
    count, oldest = outbox.pending(session)
    lag = (utcnow() - oldest).total_seconds() if oldest else 0.0
    status = engine.health()
    failing = session.scalar(sa.select(sa.func.count(OutboxEntry.id)).where(OutboxEntry.attempts > 0)) or 0
    return {**status, "outbox": {"pending": count, "failing": int(failing), "lag_seconds": round(lag, 1)}}


def check(session: Session, engine: Backend) -> dict[str, list[str]]:
    """Differences between the database and the index: missing, extra and stale (older version) documents."""
    expected = dict(search_docs.published_ids(session))
    indexed = engine.versions()
    return {
        "missing": sorted(set(expected) - set(indexed)),
        "extra": sorted(set(indexed) - set(expected)),
        "stale": sorted(i for i in set(expected) & set(indexed) if indexed[i] != expected[i]),
    }


def after_indexing(session: Session, upserts: list[dict[str, Any]], removed: list[str]) -> int:
    """What follows an index update: matches of the changed listings, then saved-search alerts."""
    from marketplace.discovery import services

    engine = backend()
    matched = services.recompute_matches(session, engine, upserts, removed)
    if any(doc.get("published_at") for doc in upserts):
        services.run_alerts(session, engine)
    return matched
