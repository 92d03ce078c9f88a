"""Brokers (技术经纪人), deals from a match to a signed contract, the deal room and the attribution ledger.

A deal links a demand or challenge, an achievement, the buyer and seller organisations and its brokers.
Its stages are the transition table in ``states.py``. The deal room holds messages and files; the data
room's confidential files open only to a buyer that accepted the NDA, and every view is logged for the
seller.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import Organization, User
from marketplace.core import uploads
from marketplace.db import Base, TimestampMixin, check_in, utcnow

YUAN = sa.Numeric(16, 2)


class BrokerStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class DealStage(StrEnum):
    LEAD = "lead"  #: 意向
    NEGOTIATING = "negotiating"  #: 洽谈
    SIGNED = "signed"  #: 签约
    PERFORMING = "performing"  #: 履行
    CLOSED = "closed"  #: 完成
    LOST = "lost"  #: 终止


OPEN_STAGES = (DealStage.LEAD, DealStage.NEGOTIATING, DealStage.SIGNED, DealStage.PERFORMING)


class LostReason(StrEnum):
    PRICE = "price"
    IP_UNCLEAR = "ip_unclear"
    TOO_EARLY = "too_early"
    BUYER_WITHDREW = "buyer_withdrew"
    SELLER_WITHDREW = "seller_withdrew"
    OTHER = "other"


class BrokerProfile(TimestampMixin, Base):
    """A broker's public profile; the agency's admin verifies it. The record (deals closed, registered
    technical amount) is computed from deals and contracts, never typed."""

    __tablename__ = "broker_profile"
    __table_args__ = (
        sa.CheckConstraint(check_in("status", [s.value for s in BrokerStatus]), name="status"),
        sa.UniqueConstraint("user_id", name="uq_broker_profile_user"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"))
    #: the technology-transfer agency (机构) the broker works for
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    #: 技术经纪人证书编号
    certificate_number: Mapped[str] = mapped_column(sa.String(40))
    #: catalogue technical fields and provinces the broker covers
    fields: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    regions: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(12), default=BrokerStatus.PENDING.value, index=True)
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    agency: Mapped[Organization] = relationship(lazy="joined")


class Deal(TimestampMixin, Base):
    __tablename__ = "deal"
    __table_args__ = (
        sa.CheckConstraint(check_in("stage", [s.value for s in DealStage]), name="stage"),
        sa.CheckConstraint(
            "lost_reason IS NULL OR " + check_in("lost_reason", [r.value for r in LostReason]),
            name="lost_reason",
        ),
        sa.CheckConstraint("contract_amount IS NULL OR contract_amount > 0", name="contract_amount"),
        sa.CheckConstraint(
            "commission_rate IS NULL OR (commission_rate >= 0 AND commission_rate <= 1)",
            name="commission_rate",
        ),
        sa.CheckConstraint("commission_amount IS NULL OR commission_amount >= 0", name="commission_amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    stage: Mapped[str] = mapped_column(sa.String(12), default=DealStage.LEAD.value, index=True)
    lost_reason: Mapped[str | None] = mapped_column(sa.String(20))
    lost_note: Mapped[str | None] = mapped_column(sa.Text)
    demand_id: Mapped[int | None] = mapped_column(sa.ForeignKey("demand.id", ondelete="SET NULL"), index=True)
    achievement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="SET NULL"), index=True
    )
    #: the awarded challenge bid the deal carries on, when it comes from a challenge
    bid_id: Mapped[int | None] = mapped_column(sa.ForeignKey("challenge_bid.id", ondelete="SET NULL"))
    buyer_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True)
    seller_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True)
    #: the agency whose brokers run the deal
    agency_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    #: the public teaser the buyer sees before the NDA
    teaser: Mapped[str] = mapped_column(sa.Text, default="")
    #: the NDA text in force (its version is recorded with each acceptance)
    nda_text: Mapped[str] = mapped_column(sa.Text, default="")
    nda_version: Mapped[int] = mapped_column(default=1)
    # the contract essentials, required to sign
    contract_type: Mapped[str | None] = mapped_column(sa.String(16))
    subtype: Mapped[str | None] = mapped_column(sa.String(24))
    contract_amount: Mapped[Decimal | None] = mapped_column(YUAN)
    signed_on: Mapped[date | None]
    #: the broker's agreed commission: a rate of the contract amount, or an amount
    commission_rate: Mapped[Decimal | None] = mapped_column(sa.Numeric(6, 4))
    commission_amount: Mapped[Decimal | None] = mapped_column(YUAN)
    #: the contract record created when the deal was signed
    contract_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("contract.id", ondelete="SET NULL"), index=True
    )
    stage_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    buyer: Mapped[Organization] = relationship(foreign_keys=[buyer_id], lazy="joined")
    seller: Mapped[Organization] = relationship(foreign_keys=[seller_id], lazy="joined")
    agency: Mapped[Organization] = relationship(foreign_keys=[agency_id], lazy="joined")
    demand = relationship("Demand")
    achievement = relationship("Achievement")
    bid = relationship("ChallengeBid")
    contract = relationship("Contract")
    brokers: Mapped[list[DealBroker]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="DealBroker.id"
    )
    messages: Mapped[list[DealMessage]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="DealMessage.id"
    )
    files: Mapped[list[DealFile]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="DealFile.id"
    )
    nda_acceptances: Mapped[list[NdaAcceptance]] = relationship(
        back_populates="deal", cascade="all, delete-orphan", order_by="NdaAcceptance.id"
    )

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


class DealBroker(Base):
    __tablename__ = "deal_broker"
    __table_args__ = (sa.UniqueConstraint("deal_id", "user_id", name="uq_deal_broker"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(sa.ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    lead: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    deal: Mapped[Deal] = relationship(back_populates="brokers")
    user: Mapped[User] = relationship(lazy="joined")


class DealMessage(Base):
    __tablename__ = "deal_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(sa.ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    deal: Mapped[Deal] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship(lazy="joined")
    files: Mapped[list[DealFile]] = relationship(back_populates="message", order_by="DealFile.id")


class DealFile(Base):
    """A file of the deal room: attached to a message, or a confidential data-room document."""

    __tablename__ = "deal_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(sa.ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    message_id: Mapped[int | None] = mapped_column(sa.ForeignKey("deal_message.id", ondelete="CASCADE"))
    #: data-room documents open only after the buyer accepted the NDA; each view is logged
    confidential: Mapped[bool] = mapped_column(default=False, server_default=sa.false())
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    deal: Mapped[Deal] = relationship(back_populates="files")
    message: Mapped[DealMessage | None] = relationship(back_populates="files")


uploads.register_digest_column(DealFile.sha256)


class NdaAcceptance(Base):
    """Who accepted which version of the NDA, and when."""

    __tablename__ = "nda_acceptance"
    __table_args__ = (sa.UniqueConstraint("deal_id", "user_id", "version", name="uq_nda_acceptance"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(sa.ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    version: Mapped[int]
    #: SHA-256 of the exact text accepted
    text_sha256: Mapped[str] = mapped_column(sa.String(64))
    accepted_at: Mapped[datetime] = mapped_column(default=utcnow)

    deal: Mapped[Deal] = relationship(back_populates="nda_acceptances")
    user: Mapped[User | None] = relationship(lazy="joined")


class DataRoomAccess(Base):
    """A view or download of a confidential file: the seller sees who opened what, and when."""

    __tablename__ = "data_room_access"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_id: Mapped[int] = mapped_column(sa.ForeignKey("deal_file.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    organization_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organization.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    file: Mapped[DealFile] = relationship()
    user: Mapped[User | None] = relationship(lazy="joined")


class MessageRead(Base):
    """How far a user has read a deal room (for unread counts)."""

    __tablename__ = "deal_message_read"
    __table_args__ = (sa.UniqueConstraint("deal_id", "user_id", name="uq_deal_message_read"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(sa.ForeignKey("deal.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    last_message_id: Mapped[int] = mapped_column(default=0)


class AttributionKind(StrEnum):
    SOURCED_DEMAND = "sourced_demand"  #: the broker brought the demand to the platform
    SOURCED_ACHIEVEMENT = "sourced_achievement"  #: the broker brought the achievement
    INTRODUCTION = "introduction"  #: the broker introduced buyer and seller (opened the deal)
    CONTRACT = "contract"  #: the contract that resulted


class Attribution(Base):
    """The broker attribution ledger: append-only facts from which local broker rewards on registered
    contract value can be audited."""

    __tablename__ = "broker_attribution"
    __table_args__ = (sa.CheckConstraint(check_in("kind", [k.value for k in AttributionKind]), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    broker_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL"), index=True
    )
    agency_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    deal_id: Mapped[int | None] = mapped_column(sa.ForeignKey("deal.id", ondelete="SET NULL"), index=True)
    demand_id: Mapped[int | None] = mapped_column(sa.ForeignKey("demand.id", ondelete="SET NULL"))
    achievement_id: Mapped[int | None] = mapped_column(sa.ForeignKey("achievement.id", ondelete="SET NULL"))
    contract_id: Mapped[int | None] = mapped_column(sa.ForeignKey("contract.id", ondelete="SET NULL"))
    recorded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    broker: Mapped[User | None] = relationship(foreign_keys=[broker_id], lazy="joined")
