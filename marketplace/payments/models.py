"""Payment records and the Stripe events that moved them. Amounts are integer fen (1/100 元), never floats."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import Organization, User
from marketplace.db import Base, TimestampMixin, check_in, utcnow


class PaymentStatus(StrEnum):
    OPEN = "open"  #: requested, nobody has started paying
    CHECKOUT = "checkout"  #: a Stripe Checkout Session is open for it
    PAID = "paid"  #: confirmed by a signed checkout.session.completed webhook, never by the return URL
    FAILED = "failed"  #: a payment attempt failed; the payer may try again
    EXPIRED = "expired"  #: the checkout session expired unpaid; the payer may start again
    CANCELLED = "cancelled"  #: no longer due (e.g. the bid it secured was closed before payment)
    REFUND_REQUESTED = "refund_requested"  #: a Stripe refund was created; its webhook completes it
    REFUNDED = "refunded"


class PaymentPurpose(StrEnum):
    DEPOSIT = "deposit"  #: 保证金 of a challenge bid
    SERVICE_FEE = "service_fee"  #: the platform's fee, invoiced to the buyer of a signed deal


class SubjectType(StrEnum):
    """What a payment is for, as (subject_type, subject_id): kept generic so other domains can invoice."""

    CHALLENGE_BID = "challenge_bid"
    DEAL = "deal"


class EventOutcome(StrEnum):
    APPLIED = "applied"  #: the event changed the payment's state
    IGNORED = "ignored"  #: an event type we do not act on, a repeat, or data that does not match
    UNKNOWN_OBJECT = "unknown_object"  #: about a session, intent, charge or refund we do not know
    STALE = "stale"  #: arrived after a later state (e.g. a completion after the refund): changes nothing


#: a payment that is still due, being paid or paid: at most one per purpose, subject and payer
LIVE = tuple(s.value for s in PaymentStatus if s not in (PaymentStatus.CANCELLED, PaymentStatus.REFUNDED))
_LIVE_SQL = sa.text("status NOT IN ('cancelled', 'refunded')")


class Payment(TimestampMixin, Base):
    """One amount one organisation owes the platform for one subject, and how far its payment has got."""

    __tablename__ = "payment"
    __table_args__ = (
        sa.CheckConstraint(check_in("status", [s.value for s in PaymentStatus]), name="status"),
        sa.CheckConstraint(check_in("purpose", [p.value for p in PaymentPurpose]), name="purpose"),
        sa.CheckConstraint(check_in("subject_type", [t.value for t in SubjectType]), name="subject_type"),
        sa.CheckConstraint("amount_fen > 0", name="amount"),
        sa.Index("ix_payment_subject", "subject_type", "subject_id"),
        # request_payment is idempotent; the database refuses a second live payment for the same thing
        sa.Index(
            "uq_payment_live",
            "purpose",
            "subject_type",
            "subject_id",
            "payer_organization_id",
            unique=True,
            sqlite_where=_LIVE_SQL,
            postgresql_where=_LIVE_SQL,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(sa.String(16))
    payer_organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    #: who caused the payment to be requested (the bidder, the user who signed the deal)
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    #: the member of the payer organisation who last started a checkout
    started_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    #: in fen (1/100 of the currency unit)
    amount_fen: Mapped[int] = mapped_column(sa.BigInteger)
    #: ISO 4217, lower case, as Stripe writes it
    currency: Mapped[str] = mapped_column(sa.String(3))
    status: Mapped[str] = mapped_column(sa.String(20), default=PaymentStatus.OPEN.value, index=True)
    subject_type: Mapped[str] = mapped_column(sa.String(20))
    subject_id: Mapped[int]
    description: Mapped[str] = mapped_column(sa.String(200))
    stripe_session_id: Mapped[str | None] = mapped_column(sa.String(255), unique=True)
    #: the hosted page of the open session, reused until ``checkout_expires_at`` so a second click does not
    #: open a second session (which could be paid twice)
    checkout_url: Mapped[str | None] = mapped_column(sa.Text)
    checkout_expires_at: Mapped[datetime | None]
    #: sessions created so far; part of the Stripe idempotency key of the next one
    checkout_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    stripe_payment_intent_id: Mapped[str | None] = mapped_column(sa.String(255), index=True)
    stripe_refund_id: Mapped[str | None] = mapped_column(sa.String(255), index=True)
    refund_reason: Mapped[str | None] = mapped_column(sa.String(200))
    paid_at: Mapped[datetime | None]
    refunded_at: Mapped[datetime | None]

    payer_organization: Mapped[Organization] = relationship(lazy="joined")
    requested_by: Mapped[User | None] = relationship(foreign_keys=[requested_by_id])
    started_by: Mapped[User | None] = relationship(foreign_keys=[started_by_id])

    @property
    def payable(self) -> bool:
        """Whether the payer can (re)start a checkout now."""
        return self.status in (
            PaymentStatus.OPEN,
            PaymentStatus.CHECKOUT,
            PaymentStatus.FAILED,
            PaymentStatus.EXPIRED,
        )


class StripeEvent(Base):
    """Each Stripe event id we received, once (a unique constraint), with what it did.

    A redelivered event finds its row and changes nothing; the row also explains every webhook-driven
    change (and every ignored one) on the admin ledger.
    """

    __tablename__ = "stripe_event"
    __table_args__ = (
        sa.CheckConstraint(check_in("outcome", [o.value for o in EventOutcome]), name="outcome"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(sa.String(255), unique=True)
    type: Mapped[str] = mapped_column(sa.String(100))
    #: when Stripe created the event
    created: Mapped[datetime | None]
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    payment_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("payment.id", ondelete="SET NULL"), index=True
    )
    #: the id of the event's object (cs_..., pi_..., ch_..., re_...)
    object_id: Mapped[str | None] = mapped_column(sa.String(255))
    outcome: Mapped[str] = mapped_column(sa.String(16))
    #: why an event was ignored or stale, for the ledger
    note: Mapped[str] = mapped_column(sa.String(300), default="")

    payment: Mapped[Payment | None] = relationship()
