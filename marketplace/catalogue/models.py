"""Catalogue tables: achievements, demands (incl. 揭榜挂帅 challenges), bids, IP items, attachments."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from marketplace.accounts.models import Organization, User
from marketplace.catalogue.vocab import Field, IPStatus, IPType, Maturity
from marketplace.core import uploads
from marketplace.db import Base, TimestampMixin, check_in, utcnow

TITLE_MAX = 100
MONEY = sa.Numeric(14, 2)


class ListingStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"
    TRANSFERRED = "transferred"
    EXPIRED = "expired"


class RevisionStatus(StrEnum):
    """Review of an edit to a published listing; the published version stays visible meanwhile."""

    NONE = "none"
    SUBMITTED = "submitted"
    RETURNED = "returned"


class DemandKind(StrEnum):
    DEMAND = "demand"
    CHALLENGE = "challenge"


class BidStatus(StrEnum):
    SUBMITTED = "submitted"
    SHORTLISTED = "shortlisted"
    SELECTED = "selected"
    NOT_SELECTED = "not_selected"
    WITHDRAWN = "withdrawn"


_FIELDS = [f.value for f in Field]
_MATURITY = [m.value for m in Maturity]
_STATUSES = [s.value for s in ListingStatus]
_REVISIONS = [s.value for s in RevisionStatus]


class ListingMixin(TimestampMixin):
    """Columns and rules shared by achievements and demands: ownership, region, review, publication."""

    #: listing kind used in URLs, audit rows and attachments ("achievement" / "demand")
    kind_name: str

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    field: Mapped[str] = mapped_column(sa.String(24), index=True)
    province_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    city_code: Mapped[str] = mapped_column(sa.String(6))
    status: Mapped[str] = mapped_column(sa.String(16), default=ListingStatus.DRAFT.value, index=True)
    #: the moderator's reason when the listing (or its revision) was last returned
    review_note: Mapped[str | None] = mapped_column(sa.Text)
    submitted_at: Mapped[datetime | None]
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    #: a published listing leaves the public catalogue at this time unless renewed
    expires_at: Mapped[datetime | None]
    #: when the owner was last reminded of the coming expiry
    expiry_reminded_at: Mapped[datetime | None]
    revision_status: Mapped[str] = mapped_column(sa.String(16), default=RevisionStatus.NONE.value)
    #: edited field values of a published listing, waiting for review
    pending_changes: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    contact_name: Mapped[str] = mapped_column(sa.String(50), default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(30), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    view_count: Mapped[int] = mapped_column(default=0)
    #: grows with every change that matters to the search index (see core/outbox.py)
    search_version: Mapped[int] = mapped_column(default=0, server_default="0")

    @declared_attr
    def organization(cls) -> Mapped[Organization]:
        return relationship(Organization, lazy="joined")

    @declared_attr
    def created_by(cls) -> Mapped[User | None]:
        return relationship(User)

    @classmethod
    def shared_constraints(cls, table: str) -> tuple[Any, ...]:
        return (
            sa.CheckConstraint(check_in("field", _FIELDS), name="field"),
            sa.CheckConstraint(check_in("status", _STATUSES), name="status"),
            sa.CheckConstraint(check_in("revision_status", _REVISIONS), name="revision_status"),
        )

    @property
    def is_published(self) -> bool:
        return self.status == ListingStatus.PUBLISHED


class Achievement(ListingMixin, Base):
    """A research result offered for transfer (科技成果)."""

    __tablename__ = "achievement"
    __table_args__ = (
        *ListingMixin.shared_constraints("achievement"),
        sa.CheckConstraint(check_in("maturity", _MATURITY), name="maturity"),
        sa.CheckConstraint("trl IS NULL OR (trl BETWEEN 1 AND 9)", name="trl"),
        sa.CheckConstraint("price IS NULL OR price >= 0", name="price"),
    )
    kind_name = "achievement"

    #: sanitised HTML (nh3)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    maturity: Mapped[str] = mapped_column(sa.String(16))
    #: technology readiness level 1-9, optional beside the maturity stage
    trl: Mapped[int | None]
    transfer_modes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: asking price in 元; NULL means 面议 (negotiable)
    price: Mapped[Decimal | None] = mapped_column(MONEY)
    #: [{"name": ..., "title": ...}], names and titles only
    team: Mapped[list[dict[str, str]]] = mapped_column(sa.JSON, default=list)
    title_en: Mapped[str | None] = mapped_column(sa.String(200))
    summary_en: Mapped[str | None] = mapped_column(sa.Text)
    #: 成果备案号, given on first publication: CG-<year>-<province code>-<serial>
    filing_number: Mapped[str | None] = mapped_column(sa.String(32), unique=True)

    ip_items: Mapped[list[AchievementIP]] = relationship(
        back_populates="achievement", cascade="all, delete-orphan", order_by="AchievementIP.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="achievement", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class AchievementIP(Base):
    """An intellectual-property item behind an achievement (a patent, a software copyright ...)."""

    __tablename__ = "achievement_ip"
    __table_args__ = (
        sa.CheckConstraint(check_in("ip_type", [t.value for t in IPType]), name="ip_type"),
        sa.CheckConstraint(check_in("status", [s.value for s in IPStatus]), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    achievement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="CASCADE"), index=True
    )
    ip_type: Mapped[str] = mapped_column(sa.String(16))
    #: patent application number (check digit verified) or registration number; empty for know-how
    number: Mapped[str] = mapped_column(sa.String(32), default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=IPStatus.GRANTED.value)

    achievement: Mapped[Achievement] = relationship(back_populates="ip_items")


class Demand(ListingMixin, Base):
    """A technology need posted by an enterprise (技术需求); ``kind="challenge"`` for 揭榜挂帅."""

    __tablename__ = "demand"
    __table_args__ = (
        *ListingMixin.shared_constraints("demand"),
        sa.CheckConstraint(check_in("kind", [k.value for k in DemandKind]), name="kind"),
        sa.CheckConstraint(check_in("expected_maturity", _MATURITY), name="expected_maturity"),
        sa.CheckConstraint("budget IS NULL OR budget >= 0", name="budget"),
        sa.CheckConstraint("kind = 'demand' OR reward IS NOT NULL", name="challenge_reward"),
    )
    kind_name = "demand"

    kind: Mapped[str] = mapped_column(sa.String(16), default=DemandKind.DEMAND.value, index=True)
    #: the guided description: problem, quantified target metrics, constraints, acceptable IP terms
    problem: Mapped[str] = mapped_column(sa.Text, default="")
    metrics: Mapped[str] = mapped_column(sa.Text, default="")
    constraints: Mapped[str] = mapped_column(sa.Text, default="")
    ip_terms: Mapped[str] = mapped_column(sa.Text, default="")
    keywords: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    expected_maturity: Mapped[str] = mapped_column(sa.String(16))
    #: acceptable cooperation modes (TransferMode values)
    modes: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    #: budget in 元; NULL means 面议
    budget: Mapped[Decimal | None] = mapped_column(MONEY)
    #: the need expires (leaves the catalogue) after this day
    deadline: Mapped[date]
    #: challenge only: the reward (元), the last day to bid, optional public co-funding rate and cap
    reward: Mapped[Decimal | None] = mapped_column(MONEY)
    application_deadline: Mapped[date | None]
    cofunding_rate: Mapped[Decimal | None] = mapped_column(sa.Numeric(5, 4))
    cofunding_cap: Mapped[Decimal | None] = mapped_column(MONEY)
    #: challenge only: the deposit (保证金, 元) each bidder pays through the payments domain, required by an
    #: authority of the challenge's province; NULL means none. Refunded to the teams not selected.
    deposit: Mapped[Decimal | None] = mapped_column(
        MONEY, sa.CheckConstraint("deposit IS NULL OR deposit > 0", name="deposit")
    )

    bids: Mapped[list[ChallengeBid]] = relationship(
        back_populates="demand", cascade="all, delete-orphan", order_by="ChallengeBid.id"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="demand", cascade="all, delete-orphan", order_by="Attachment.id"
    )

    @property
    def is_challenge(self) -> bool:
        return self.kind == DemandKind.CHALLENGE


class ChallengeBid(TimestampMixin, Base):
    """A team's application (揭榜) to a challenge."""

    __tablename__ = "challenge_bid"
    __table_args__ = (
        sa.CheckConstraint(check_in("status", [s.value for s in BidStatus]), name="status"),
        sa.UniqueConstraint("demand_id", "organization_id", name="uq_challenge_bid_demand_org"),
        # at most one awarded bid per challenge
        sa.Index(
            "uq_challenge_bid_selected",
            "demand_id",
            unique=True,
            sqlite_where=sa.text("status = 'selected'"),
            postgresql_where=sa.text("status = 'selected'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    demand_id: Mapped[int] = mapped_column(sa.ForeignKey("demand.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    submitted_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    proposal: Mapped[str] = mapped_column(sa.Text)
    team: Mapped[list[dict[str, str]]] = mapped_column(sa.JSON, default=list)
    price: Mapped[Decimal] = mapped_column(MONEY)
    timeline: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=BidStatus.SUBMITTED.value)
    decided_at: Mapped[datetime | None]

    demand: Mapped[Demand] = relationship(back_populates="bids")
    organization: Mapped[Organization] = relationship(lazy="joined")
    submitted_by: Mapped[User | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="bid", cascade="all, delete-orphan", order_by="Attachment.id"
    )


class Attachment(Base):
    """An uploaded file (PDF or image), stored once per content hash under instance/uploads.

    It belongs to exactly one achievement, demand or bid (a CHECK enforces it); files are served only
    through an authorised view.
    """

    __tablename__ = "attachment"
    __table_args__ = (
        sa.CheckConstraint(
            "(CASE WHEN achievement_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN demand_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN bid_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_owner",
        ),
        sa.CheckConstraint(check_in("role", ["document", "cover"]), name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    achievement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="CASCADE"), index=True
    )
    demand_id: Mapped[int | None] = mapped_column(sa.ForeignKey("demand.id", ondelete="CASCADE"), index=True)
    bid_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("challenge_bid.id", ondelete="CASCADE"), index=True
    )
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    #: ``document`` (PDF or image shown as a file) or ``cover`` (the listing's picture)
    role: Mapped[str] = mapped_column(sa.String(16), default="document")
    filename: Mapped[str] = mapped_column(sa.String(200))
    #: detected from the content, never from the name or the browser
    content_type: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)

    achievement: Mapped[Achievement | None] = relationship(back_populates="attachments")
    demand: Mapped[Demand | None] = relationship(back_populates="attachments")
    bid: Mapped[ChallengeBid | None] = relationship(back_populates="attachments")


uploads.register_digest_column(Attachment.sha256)


class ListingView(Base):
    """One row per visitor per listing per day: the "viewed" step of the statistics funnel.

    An event log rather than a relation: (kind, listing_id) names an achievement or a demand, and rows of
    deleted listings are kept for the statistics.
    """

    __tablename__ = "listing_view"
    __table_args__ = (
        sa.UniqueConstraint("kind", "listing_id", "visitor", "day", name="uq_listing_view_once_a_day"),
        sa.CheckConstraint(check_in("kind", ["achievement", "demand"]), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    listing_id: Mapped[int] = mapped_column(index=True)
    #: ``u:<user id>`` for members, ``a:<hash of address and browser>`` for anonymous visitors
    visitor: Mapped[str] = mapped_column(sa.String(80))
    day: Mapped[date]


class Bookmark(Base):
    """A listing a user keeps an eye on."""

    __tablename__ = "bookmark"
    __table_args__ = (
        sa.UniqueConstraint("user_id", "kind", "listing_id", name="uq_bookmark_once"),
        sa.CheckConstraint(check_in("kind", ["achievement", "demand"]), name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(16))
    listing_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CollectionStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class Collection(TimestampMixin, Base):
    """成果包: a named set of achievements curated by a transfer agency or an authority."""

    __tablename__ = "collection"
    __table_args__ = (
        sa.CheckConstraint(check_in("status", [s.value for s in CollectionStatus]), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(TITLE_MAX))
    #: sanitised HTML
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(16), default=CollectionStatus.DRAFT.value)
    published_at: Mapped[datetime | None]

    organization: Mapped[Organization] = relationship(lazy="joined")
    items: Mapped[list[CollectionItem]] = relationship(
        back_populates="collection", cascade="all, delete-orphan", order_by="CollectionItem.position"
    )

    @property
    def is_published(self) -> bool:
        return self.status == CollectionStatus.PUBLISHED


class CollectionItem(Base):
    __tablename__ = "collection_item"

    collection_id: Mapped[int] = mapped_column(
        sa.ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True
    )
    achievement_id: Mapped[int] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(default=0)

    collection: Mapped[Collection] = relationship(back_populates="items")
    achievement: Mapped[Achievement] = relationship()


class Inquiry(Base):
    """An interested organisation's question about a published listing (the "inquiry" step of the funnel)."""

    __tablename__ = "inquiry"
    __table_args__ = (
        sa.CheckConstraint(
            "(CASE WHEN achievement_id IS NULL THEN 0 ELSE 1 END)"
            " + (CASE WHEN demand_id IS NULL THEN 0 ELSE 1 END) = 1",
            name="one_listing",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    achievement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="CASCADE"), index=True
    )
    demand_id: Mapped[int | None] = mapped_column(sa.ForeignKey("demand.id", ondelete="CASCADE"), index=True)
    from_organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    from_user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(sa.Text)

    from_organization: Mapped[Organization] = relationship(lazy="joined")
    from_user: Mapped[User | None] = relationship()


class CofundingPolicy(Base):
    """An authority's public co-funding of 揭榜挂帅 challenges in its province (e.g. 50 % up to 3,000,000 元):
    new challenges posted there take it as their default."""

    __tablename__ = "cofunding_policy"
    __table_args__ = (
        sa.CheckConstraint("rate > 0 AND rate <= 1", name="rate"),
        sa.CheckConstraint("cap IS NULL OR cap >= 0", name="cap"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), unique=True
    )
    #: the province it applies to (the authority's own)
    province_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    rate: Mapped[Decimal] = mapped_column(sa.Numeric(5, 4))
    cap: Mapped[Decimal | None] = mapped_column(MONEY)
    #: the policy document or programme, shown on challenge pages
    note: Mapped[str] = mapped_column(sa.String(200), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship(lazy="joined")
