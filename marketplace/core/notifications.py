"""In-app notifications. The message is stored untranslated (msgid + parameters) and rendered in the
reader's language when shown."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from marketplace.db import Base, utcnow


class Notification(Base):
    __tablename__ = "notification"
    __table_args__ = (sa.Index("ix_notification_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: an English msgid from the catalogue, e.g. "Your achievement “%(title)s” has been published."
    message: Mapped[str] = mapped_column(sa.String(300))
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    #: a site path to open, e.g. /achievements/12
    link: Mapped[str | None] = mapped_column(sa.String(300))
    read_at: Mapped[datetime | None]


def notify(
    session: Session, user_ids: Iterable[int], message: str, link: str | None = None, **params: Any
) -> int:
    """Queue one notification per user in the current transaction. ``message`` is a msgid marked with
    ``N_`` (so that extraction finds it) and translated when displayed."""
    count = 0
    for user_id in sorted(set(user_ids)):
        session.add(Notification(user_id=user_id, message=message, params=params, link=link))
        count += 1
    return count


def unread_count(session: Session, user_id: int) -> int:
    return (
        session.scalar(
            sa.select(sa.func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def for_user(user_id: int) -> sa.Select[tuple[Notification]]:
    return sa.select(Notification).where(Notification.user_id == user_id).order_by(Notification.id.desc())


def mark_all_read(session: Session, user_id: int) -> None:
    session.execute(
        sa.update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "mark for extraction only"
    return message
