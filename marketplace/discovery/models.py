"""Search and matching state in the database: listing vectors, stored matches, feedback, saved searches."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.db import Base, TimestampMixin, check_in, utcnow


class ListingVector(Base):
    """A listing's text embedding, computed once per content (hash) and model, reused by every reindex."""

    __tablename__ = "listing_vector"

    doc_id: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    model: Mapped[str] = mapped_column(sa.String(60))
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    vector: Mapped[bytes] = mapped_column(sa.LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class DeclineReason(StrEnum):
    TOO_EARLY = "too_early"
    PRICE = "price"
    IP_UNCLEAR = "ip_unclear"
    NOT_OUR_FIELD = "not_our_field"
    OTHER = "other"


class Match(Base):
    """A demand (or challenge) and an achievement that answers it, with the score and its reasons."""

    __tablename__ = "match"
    __table_args__ = (sa.UniqueConstraint("demand_id", "achievement_id", name="uq_match_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    demand_id: Mapped[int] = mapped_column(sa.ForeignKey("demand.id", ondelete="CASCADE"), index=True)
    achievement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[float] = mapped_column(sa.Float)
    relevance: Mapped[float] = mapped_column(sa.Float)
    rank: Mapped[int]
    #: ``[{"code": ..., "params": {...}}, ...]`` rendered by the views in the reader's language
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON, default=list)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)

    demand = relationship("Demand", lazy="joined")
    achievement = relationship("Achievement", lazy="joined")


class MatchFeedback(TimestampMixin, Base):
    """An enterprise's verdict on a suggested achievement: useful, or declined with a structured reason.

    Keyed by the pair, not by the Match row, so it survives recomputation of the matches.
    """

    __tablename__ = "match_feedback"
    __table_args__ = (
        sa.UniqueConstraint("demand_id", "achievement_id", name="uq_match_feedback_pair"),
        sa.CheckConstraint(check_in("verdict", ["useful", "declined"]), name="verdict"),
        sa.CheckConstraint(
            "reason IS NULL OR " + check_in("reason", [r.value for r in DeclineReason]), name="reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    demand_id: Mapped[int] = mapped_column(sa.ForeignKey("demand.id", ondelete="CASCADE"), index=True)
    achievement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="CASCADE"), index=True
    )
    verdict: Mapped[str] = mapped_column(sa.String(16))
    reason: Mapped[str | None] = mapped_column(sa.String(16))
    note: Mapped[str] = mapped_column(sa.String(300), default="")
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))

    user: Mapped[User | None] = relationship()


class SavedSearch(TimestampMixin, Base):
    """A user's search, re-run for new published listings; matches arrive as notifications (and mail)."""

    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    #: the query string parameters of the search page (q, kind, field, ...)
    params: Mapped[dict[str, Any]] = mapped_column(sa.JSON, default=dict)
    email: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: listings published after this moment are new to the user
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
