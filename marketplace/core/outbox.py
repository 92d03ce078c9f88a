"""The search outbox: a change to a searchable row writes an outbox row in the same transaction.

Domains declare which of their models are searchable (`register`): the attributes whose change matters to
the index, and how to name the document. A ``before_flush`` hook then bumps the row's ``search_version``
and adds an `OutboxEntry` whenever such an attribute changes or the row is created or deleted, so no code
path can forget it. The drainer (``marketplace.discovery.indexing``) applies entries to the search backend
and deletes them; an engine that is down leaves them here, to be retried with backoff.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Mapped, Session, mapped_column

from marketplace.db import Base, utcnow


class OutboxEntry(Base):
    __tablename__ = "search_outbox"
    __table_args__ = (sa.Index("ix_search_outbox_available", "available_at", "id"),)

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True)
    #: ``achievement:12``: the search document this change concerns
    doc_id: Mapped[str] = mapped_column(sa.String(40), index=True)
    version: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    available_at: Mapped[datetime] = mapped_column(default=utcnow)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.String(500))


@dataclass(frozen=True)
class Searchable:
    model: type
    attributes: frozenset[str]
    doc_id: Callable[[object], str]


_REGISTRY: dict[type, Searchable] = {}
#: ``session.info`` key set when a flush wrote outbox entries (the commit edge then runs its hooks)
WRITTEN_KEY = "search_outbox_written"
_NEW_KEY = "search_outbox_new_rows"
#: extra hooks: (model, attributes, fan-out) - a change to e.g. an organisation's name re-indexes its listings
_DEPENDENTS: list[tuple[type, frozenset[str], Callable[[Session, object], Iterable[object]]]] = []


def register(model: type, attributes: Iterable[str], doc_id: Callable[[object], str]) -> None:
    _REGISTRY[model] = Searchable(model, frozenset(attributes), doc_id)


def register_dependent(
    model: type, attributes: Iterable[str], dependents: Callable[[Session, object], Iterable[object]]
) -> None:
    """When ``attributes`` of a ``model`` row change, every row ``dependents(session, row)`` is re-indexed."""
    _DEPENDENTS.append((model, frozenset(attributes), dependents))


def enqueue(session: Session, row: object) -> None:
    """Re-index ``row`` (a registered searchable row) after this transaction: bump its version, queue it."""
    spec = _REGISTRY[type(row)]
    row.search_version = (row.search_version or 0) + 1  # type: ignore[attr-defined]
    session.add(OutboxEntry(doc_id=spec.doc_id(row), version=row.search_version))  # type: ignore[attr-defined]
    session.info[WRITTEN_KEY] = True


def _changed(row: object, attributes: frozenset[str]) -> bool:
    state = sa.inspect(row)
    return any(state.attrs[name].history.has_changes() for name in attributes if name in state.attrs)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, _context, _instances) -> None:
    touched: set[int] = set()
    for row in list(session.new):
        if type(row) in _REGISTRY:
            # the id is not known before the INSERT: the entry is written after the flush
            row.search_version = (row.search_version or 0) + 1  # type: ignore[attr-defined]
            session.info.setdefault(_NEW_KEY, []).append(row)
            touched.add(id(row))
    for row in list(session.dirty):
        spec = _REGISTRY.get(type(row))
        if (
            spec is not None
            and id(row) not in touched
            and session.is_modified(row)
            and _changed(row, spec.attributes)
        ):
            enqueue(session, row)
            touched.add(id(row))
        for model, attributes, dependents in _DEPENDENTS:
            if isinstance(row, model) and _changed(row, attributes):
                for dependent in dependents(session, row):
                    if id(dependent) not in touched:
                        enqueue(session, dependent)
                        touched.add(id(dependent))
    for row in list(session.deleted):
        spec = _REGISTRY.get(type(row))
        if spec is not None:
            version = (getattr(row, "search_version", 0) or 0) + 1
            session.add(OutboxEntry(doc_id=spec.doc_id(row), version=version))
            session.info[WRITTEN_KEY] = True


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, _context) -> None:
    rows = session.info.pop(_NEW_KEY, None)
    if not rows:
        return
    now = utcnow()
    session.connection().execute(
        sa.insert(OutboxEntry.__table__),
        [
            {
                "doc_id": _REGISTRY[type(row)].doc_id(row),
                "version": row.search_version,
                "created_at": now,
                "available_at": now,
                "attempts": 0,
            }
            for row in rows
        ],
    )
    session.info[WRITTEN_KEY] = True


def pending(session: Session) -> tuple[int, datetime | None]:
    """How many entries wait, and since when (the outbox lag)."""
    count, oldest = session.execute(
        sa.select(sa.func.count(OutboxEntry.id), sa.func.min(OutboxEntry.created_at))
    ).one()
    if oldest is not None and oldest.tzinfo is None:
        from datetime import UTC

        oldest = oldest.replace(tzinfo=UTC)
    return int(count), oldest
