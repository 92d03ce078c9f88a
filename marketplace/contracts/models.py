"""Contract records for registration (技术合同认定登记): the contract, its parties, costs and income.

Amounts are exact decimals in 元. 技术交易额 is computed from 成交额 minus the non-technical costs
(``services.technical_amount``) and kept on the row; a clerk may override it, with a reason.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.accounts.models import Organization, User
from marketplace.contracts.vocab import (
    DOCUMENT_KINDS,
    CostCategory,
    IPKind,
    LicenceExclusivity,
    PartyKind,
    PartyRole,
    PaymentMethod,
    PlanSource,
    TechField,
)
from marketplace.core import uploads
from marketplace.db import Base, TimestampMixin, check_in, utcnow

#: up to 99,999,999,999,999.99 元
YUAN = sa.Numeric(16, 2)
NAME_MAX = 200


class Contract(TimestampMixin, Base):
    __tablename__ = "contract"
    __table_args__ = (
        sa.CheckConstraint(check_in("tech_field", [f.value for f in TechField]), name="tech_field"),
        sa.CheckConstraint(check_in("ip_kind", [k.value for k in IPKind]), name="ip_kind"),
        sa.CheckConstraint(check_in("payment_method", [p.value for p in PaymentMethod]), name="payment"),
        sa.CheckConstraint(check_in("plan_source", [p.value for p in PlanSource]), name="plan_source"),
        sa.CheckConstraint(
            "licence_exclusivity IS NULL OR "
            + check_in("licence_exclusivity", [e.value for e in LicenceExclusivity]),
            name="licence_exclusivity",
        ),
        sa.CheckConstraint("contract_amount >= 0", name="contract_amount"),
        sa.CheckConstraint(
            "technical_amount IS NULL OR (technical_amount >= 0 AND technical_amount <= contract_amount)",
            name="technical_amount",
        ),
        sa.Index("ix_contract_duplicate", "title", "signed_on", "contract_amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the platform organisation that records and applies (normally the seller; the broker or, for
    #: technology imports, the domestic buyer when the rules say so)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(sa.String(NAME_MAX))  #: 项目名称
    #: the national rule set the classification follows (rules.toml), fixed from the signing date
    rule_set: Mapped[str] = mapped_column(sa.String(8))
    contract_type: Mapped[str] = mapped_column(sa.String(16), index=True)
    subtype: Mapped[str | None] = mapped_column(sa.String(24))
    #: the IP of an "other" transfer or licence (计算机软件著作权, 植物新品种 ...)
    subtype_detail: Mapped[str | None] = mapped_column(sa.String(100))
    status: Mapped[str] = mapped_column(sa.String(16), default="draft", index=True)

    signed_on: Mapped[date | None]
    effective_on: Mapped[date | None]
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None]
    #: a signed written text exists (oral contracts are not registrable)
    written: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: a technology import (foreign seller, registered by the domestic buyer under the 2021+ rules)
    is_import: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    tech_field: Mapped[str] = mapped_column(sa.String(16), index=True)
    ip_kind: Mapped[str] = mapped_column(sa.String(16), default=IPKind.NONE.value)
    ip_numbers: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    licence_exclusivity: Mapped[str | None] = mapped_column(sa.String(12))
    licence_years: Mapped[int | None]
    plan_source: Mapped[str] = mapped_column(sa.String(12), default=PlanSource.NONE.value)
    payment_method: Mapped[str] = mapped_column(sa.String(20), default=PaymentMethod.LUMP_SUM.value)
    #: for royalties: the base (sales, profit ...) and rate as the contract states them
    royalty_terms: Mapped[str | None] = mapped_column(sa.String(200))

    contract_amount: Mapped[Decimal] = mapped_column(YUAN)  #: 合同成交额
    #: 技术交易额 as computed from the costs (what the applicant declares)
    computed_technical_amount: Mapped[Decimal | None] = mapped_column(YUAN)
    #: 技术交易额 in force: the computed one, or the clerk's determination
    technical_amount: Mapped[Decimal | None] = mapped_column(YUAN)
    technical_amount_reason: Mapped[str | None] = mapped_column(sa.Text)  #: why a clerk overrode it

    achievement_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("achievement.id", ondelete="SET NULL"), index=True
    )
    demand_id: Mapped[int | None] = mapped_column(sa.ForeignKey("demand.id", ondelete="SET NULL"), index=True)
    summary: Mapped[str | None] = mapped_column(sa.Text)  #: the technical content in a few sentences

    #: where the application was made (a registration site of the applicant's region)
    site_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("registration_site.id", ondelete="RESTRICT"), index=True
    )
    submitted_at: Mapped[datetime | None]
    #: 受理: the decision clock starts here (and starts again when corrected materials are accepted)
    accepted_at: Mapped[datetime | None]
    decision_due: Mapped[date | None] = mapped_column(index=True)
    #: the last return for correction (补正): coded reasons, the clerk's note, the date to resubmit by
    return_reasons: Mapped[list[str]] = mapped_column(sa.JSON, default=list)
    return_note: Mapped[str | None] = mapped_column(sa.Text)
    return_due: Mapped[date | None]
    returned_at: Mapped[datetime | None]
    refusal_reason: Mapped[str | None] = mapped_column(sa.String(20))
    refusal_note: Mapped[str | None] = mapped_column(sa.Text)
    #: the first clerk's approval of a large contract that needs a second one
    first_approver_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user_account.id", ondelete="SET NULL")
    )
    decided_at: Mapped[datetime | None]
    registration_number: Mapped[str | None] = mapped_column(sa.String(32), unique=True)
    registered_at: Mapped[datetime | None]
    #: the last 应登尽登 reminder about this contract (at most one a week)
    reminded_at: Mapped[datetime | None]

    organization: Mapped[Organization] = relationship()
    site: Mapped[RegistrationSite | None] = relationship()
    parties: Mapped[list[ContractParty]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractParty.id"
    )
    costs: Mapped[list[ContractCost]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractCost.id"
    )
    income: Mapped[list[ContractIncome]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractIncome.received_on"
    )
    documents: Mapped[list[ContractDocument]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractDocument.id"
    )

    def party(self, role: str) -> ContractParty | None:
        return next((p for p in self.parties if p.role == role), None)

    @property
    def seller(self) -> ContractParty | None:
        return self.party(PartyRole.SELLER)

    @property
    def buyer(self) -> ContractParty | None:
        return self.party(PartyRole.BUYER)

    @property
    def broker(self) -> ContractParty | None:
        return self.party(PartyRole.BROKER)


class ContractParty(Base):
    """A seller, buyer or broker: an organisation or a natural person, on the platform or not."""

    __tablename__ = "contract_party"
    __table_args__ = (
        sa.CheckConstraint(check_in("role", [r.value for r in PartyRole]), name="role"),
        sa.CheckConstraint(check_in("kind", [k.value for k in PartyKind]), name="kind"),
        sa.UniqueConstraint("contract_id", "role", name="uq_contract_party_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(sa.ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(8))
    kind: Mapped[str] = mapped_column(sa.String(12), default=PartyKind.ORGANIZATION.value)
    #: the platform organisation, when the party is one
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    #: 统一社会信用代码 (organisations in China); empty for natural persons and foreign parties
    credit_code: Mapped[str | None] = mapped_column(sa.String(18))
    country_code: Mapped[str] = mapped_column(sa.String(3), default="156")  #: ISO 3166 numeric
    region_code: Mapped[str | None] = mapped_column(sa.String(6), index=True)  #: GB/T 2260, 6 digits
    legal_type: Mapped[str | None] = mapped_column(sa.String(3))  #: 性质 code (vocab.LEGAL_TYPES)

    contract: Mapped[Contract] = relationship(back_populates="parties")


class ContractCost(Base):
    """A non-technical cost item of the contract amount (equipment, materials ...).

    Items within a "reasonable quantity of technical carriers" (1-2 prototype sets, necessary copies and
    samples) are recorded but NOT deducted from 技术交易额.
    """

    __tablename__ = "contract_cost"
    __table_args__ = (
        sa.CheckConstraint(check_in("category", [c.value for c in CostCategory]), name="category"),
        sa.CheckConstraint("amount > 0", name="amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(sa.ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(sa.String(16))
    description: Mapped[str] = mapped_column(sa.String(200))
    amount: Mapped[Decimal] = mapped_column(YUAN)
    reasonable_carrier: Mapped[bool] = mapped_column(default=False, server_default=sa.false())

    contract: Mapped[Contract] = relationship(back_populates="costs")


class ContractIncome(TimestampMixin, Base):
    """技术性收入 actually received, recorded as it comes in."""

    __tablename__ = "contract_income"
    __table_args__ = (sa.CheckConstraint("amount > 0", name="amount"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(sa.ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    received_on: Mapped[date]
    amount: Mapped[Decimal] = mapped_column(YUAN)
    note: Mapped[str | None] = mapped_column(sa.String(200))

    contract: Mapped[Contract] = relationship(back_populates="income")


class ContractDocument(Base):
    """A file of the application (REGISTRATION.md §4.3): the signed text, IP certificates, authorisations.

    Stored once per content hash like catalogue attachments; served only to those who see the contract.
    """

    __tablename__ = "contract_document"
    __table_args__ = (sa.CheckConstraint(check_in("kind", list(DOCUMENT_KINDS)), name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(sa.ForeignKey("contract.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    filename: Mapped[str] = mapped_column(sa.String(200))
    content_type: Mapped[str] = mapped_column(sa.String(64))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    contract: Mapped[Contract] = relationship(back_populates="documents")


uploads.register_digest_column(ContractDocument.sha256)


class RegistrationSite(TimestampMixin, Base):
    """A registration site (登记机构/登记点) defined by an authority; several per region (多点布局)."""

    __tablename__ = "registration_site"
    __table_args__ = (sa.UniqueConstraint("region_code", "code", name="uq_site_region_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: the authority organisation that runs (and defined) the site
    authority_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(NAME_MAX))
    #: 2-digit site code within its region, part of the registration number
    code: Mapped[str] = mapped_column(sa.String(2))
    #: the province or city (GB/T 2260) whose applicants the site serves
    region_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())

    authority: Mapped[Organization] = relationship()
    clerks: Mapped[list[SiteClerk]] = relationship(back_populates="site", cascade="all, delete-orphan")

    @property
    def province_code(self) -> str:
        return self.region_code[:2] + "0000"


class SiteClerk(Base):
    """A clerk (a user with the platform role ``clerk``) assigned to a site."""

    __tablename__ = "site_clerk"
    __table_args__ = (sa.UniqueConstraint("site_id", "user_id", name="uq_site_clerk"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_id: Mapped[int] = mapped_column(
        sa.ForeignKey("registration_site.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user_account.id", ondelete="CASCADE"), index=True)

    site: Mapped[RegistrationSite] = relationship(back_populates="clerks")
    user: Mapped[User] = relationship(lazy="joined")


class ProvinceRules(TimestampMixin, Base):
    """One province's registration settings from a date on; the row in force on a day applies.

    Provinces differ (REGISTRATION.md §4.2): Zhejiang decides in 10 days, Beijing in 30, the 2024 draft
    says 15 working days; some provinces want filing within 30 days of signing. Authorities add a new row
    when their rules change, so no clerk waits for a code change.
    """

    __tablename__ = "province_rules"
    __table_args__ = (
        sa.UniqueConstraint("province_code", "effective_from", name="uq_province_rules_from"),
        sa.CheckConstraint("decision_days > 0", name="decision_days"),
        sa.CheckConstraint("large_basis IN ('technical', 'contract')", name="large_basis"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province_code: Mapped[str] = mapped_column(sa.String(6), index=True)
    effective_from: Mapped[date]
    decision_days: Mapped[int] = mapped_column(default=15)
    working_days: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    #: days after signing within which an application must be made (None: no local window)
    filing_window_days: Mapped[int | None]
    #: contracts at or above this amount need a second clerk's approval
    large_threshold: Mapped[Decimal] = mapped_column(YUAN, default=Decimal("5000000"))
    large_basis: Mapped[str] = mapped_column(sa.String(10), default="technical")
    #: days the applicant gets to resubmit after a return for correction
    correction_days: Mapped[int] = mapped_column(default=30)
    #: registration number pattern (see services.registration_number)
    number_pattern: Mapped[str] = mapped_column(sa.String(60), default="{yy}{region4}{site}{serial:06d}")
    note: Mapped[str | None] = mapped_column(sa.String(200))
