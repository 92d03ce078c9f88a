"""The one function every domain calls to record a state change."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from marketplace.core.models import AuditLog


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def record(
    session: Session,
    *,
    actor: Any | None,
    action: str,
    target: Any | None = None,
    object_type: str | None = None,
    object_id: Any | None = None,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    note: str | None = None,
) -> AuditLog:
    """Add an audit row to the current transaction (it commits or rolls back with the change).

    ``target`` is the changed ORM object; its table name and id are used unless ``object_type`` /
    ``object_id`` are given. Call after ``flush`` when the object is new, so that it has an id.
    """
    if target is not None:
        object_type = object_type or target.__tablename__
        if object_id is None:
            object_id = getattr(target, "id", None)
    if object_type is None:
        raise ValueError("audit.record needs a target or an object_type")
    row = AuditLog(
        actor_id=getattr(actor, "id", None),
        actor_label=getattr(actor, "email", None) or "system",
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        old_values=_jsonable(old) if old is not None else None,
        new_values=_jsonable(new) if new is not None else None,
        note=note,
    )
    session.add(row)
    return row


def changes(obj: Any, fields: list[str], values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Apply ``values`` to ``obj`` and return ``(old, new)`` for the fields that really changed."""
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for name in fields:
        if name not in values:
            continue
        before = getattr(obj, name)
        after = values[name]
        if before != after:
            old[name], new[name] = before, after
            setattr(obj, name, after)
    return old, new


def query(
    *,
    actor: str | None = None,
    action: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> sa.Select[tuple[AuditLog]]:
    """A SELECT of audit rows, newest first, narrowed by the given filters."""
    stmt = sa.select(AuditLog).order_by(AuditLog.created_at.desc(), AuditLog.id.desc())
    if actor:
        stmt = stmt.where(AuditLog.actor_label.icontains(actor, autoescape=True))
    if action:
        stmt = stmt.where(AuditLog.action.startswith(action, autoescape=True))
    if object_type:
        stmt = stmt.where(AuditLog.object_type == object_type)
    if object_id:
        stmt = stmt.where(AuditLog.object_id == object_id)
    if since:
        stmt = stmt.where(AuditLog.created_at >= since)
    if until:
        stmt = stmt.where(AuditLog.created_at < until)
    return stmt
