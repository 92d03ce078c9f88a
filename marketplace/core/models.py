"""Cross-domain tables: the audit log and the outgoing mail queue."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.db import Base, check_in, utcnow

MAIL_STATUSES = ("pending", "sent", "failed")


class AuditLog(Base):
    """One row per state change anywhere in the platform: who did what to which object, and when."""

    __tablename__ = "audit_log"
    __table_args__ = (
        sa.Index("ix_audit_log_object", "object_type", "object_id"),
        sa.Index("ix_audit_log_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: the acting user; NULL for the system (CLI, webhooks, scheduled jobs)
    actor_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    #: the actor's email when the action happened, kept even if the user is later renamed or deleted
    actor_label: Mapped[str] = mapped_column(sa.String(254), default="system")
    #: dotted verb, e.g. ``organization.verify``
    action: Mapped[str] = mapped_column(sa.String(64), index=True)
    object_type: Mapped[str] = mapped_column(sa.String(64))
    object_id: Mapped[str | None] = mapped_column(sa.String(64))
    old_values: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    new_values: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    note: Mapped[str | None] = mapped_column(sa.Text)


class OutboundMail(Base):
    """A mail queued in the same transaction as the change that caused it, delivered after commit."""

    __tablename__ = "outbound_mail"
    __table_args__ = (sa.CheckConstraint(check_in("status", MAIL_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    recipient: Mapped[str] = mapped_column(sa.String(254), index=True)
    subject: Mapped[str] = mapped_column(sa.String(200))
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(sa.String(16), default="pending", index=True)
    #: ``smtp`` or ``log`` once delivered
    transport: Mapped[str | None] = mapped_column(sa.String(16))
    attempts: Mapped[int] = mapped_column(default=0)
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
