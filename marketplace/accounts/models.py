"""Accounts: users, their platform roles, organisations and memberships."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.db import Base, TimestampMixin, check_in, utcnow


class PlatformRole(StrEnum):
    ADMIN = "admin"
    MODERATOR = "moderator"
    BROKER = "broker"
    CLERK = "clerk"


class OrganizationType(StrEnum):
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    ENTERPRISE = "enterprise"
    AGENCY = "agency"
    AUTHORITY = "authority"


class VerificationStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class MembershipStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class MembershipRole(StrEnum):
    MEMBER = "member"
    ADMIN = "admin"


#: memberships that hold a user's one place in an organisation (a rejected request frees it)
LIVE_MEMBERSHIP = (MembershipStatus.PENDING.value, MembershipStatus.APPROVED.value)

NAME_MAX = 100
DISPLAY_NAME_MAX = 50
EMAIL_MAX = 254


class User(UserMixin, TimestampMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: stored lower-cased; unique
    email: Mapped[str] = mapped_column(sa.String(EMAIL_MAX), unique=True)
    #: argon2id hash (argon2-cffi PasswordHasher)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    display_name: Mapped[str] = mapped_column(sa.String(DISPLAY_NAME_MAX))
    #: preferred UI language (zh_Hans, zh_Hant, en); NULL follows the browser / platform default
    locale: Mapped[str | None] = mapped_column(sa.String(16))
    is_enabled: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    last_login_at: Mapped[datetime | None]

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", foreign_keys="Membership.user_id", cascade="all, delete-orphan"
    )

    @property
    def is_active(self) -> bool:  # Flask-Login: disabled users cannot log in
        return self.is_enabled

    @property
    def role_names(self) -> set[str]:
        return {r.role for r in self.roles}

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def membership(self) -> Membership | None:
        """The user's approved membership, if any (a user belongs to one organisation at a time)."""
        for m in self.memberships:
            if m.status == MembershipStatus.APPROVED:
                return m
        return None

    @property
    def pending_membership(self) -> Membership | None:
        for m in self.memberships:
            if m.status == MembershipStatus.PENDING:
                return m
        return None

    @property
    def organization(self) -> Organization | None:
        m = self.membership
        return m.organization if m else None


class UserRole(Base):
    """A platform role held by a user (admin, moderator, broker, clerk)."""

    __tablename__ = "user_role"
    __table_args__ = (sa.CheckConstraint(check_in("role", [r.value for r in PlatformRole]), name="role"),)

    user_id: Mapped[int] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(sa.String(16), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(back_populates="roles")


class Organization(TimestampMixin, Base):
    __tablename__ = "organization"
    __table_args__ = (
        sa.CheckConstraint(check_in("type", [t.value for t in OrganizationType]), name="type"),
        sa.CheckConstraint(
            check_in("verification_status", [s.value for s in VerificationStatus]), name="verification_status"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    type: Mapped[str] = mapped_column(sa.String(16), index=True)
    #: 统一社会信用代码, 18 characters, check digit verified by python-stdnum
    credit_code: Mapped[str] = mapped_column(sa.String(18), unique=True)
    #: 6-digit national region codes (see marketplace.core.regions)
    province_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    city_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    verification_status: Mapped[str] = mapped_column(
        sa.String(16), default=VerificationStatus.PENDING.value, index=True
    )
    #: the platform admin's reason when verification was refused
    verification_note: Mapped[str | None] = mapped_column(sa.Text)
    verified_at: Mapped[datetime | None]
    #: created by ``flask seed-demo``; shown with a demo badge
    is_demo: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED


class Membership(TimestampMixin, Base):
    """A user's place in an organisation: requested, then approved by an organisation admin."""

    __tablename__ = "membership"
    __table_args__ = (
        sa.CheckConstraint(check_in("status", [s.value for s in MembershipStatus]), name="status"),
        sa.CheckConstraint(check_in("role", [r.value for r in MembershipRole]), name="role"),
        # one live (pending or approved) membership per user
        sa.Index(
            "uq_membership_live_user",
            "user_id",
            unique=True,
            sqlite_where=sa.text("status IN ('pending', 'approved')"),
            postgresql_where=sa.text("status IN ('pending', 'approved')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(sa.String(16), default=MembershipRole.MEMBER.value)
    status: Mapped[str] = mapped_column(sa.String(16), default=MembershipStatus.PENDING.value)
    #: the organisation admin who approved or rejected the request
    decided_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="memberships", foreign_keys=[user_id])
    organization: Mapped[Organization] = relationship(back_populates="memberships")
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])

    @property
    def is_admin(self) -> bool:
        return self.role == MembershipRole.ADMIN and self.status == MembershipStatus.APPROVED
