"""Forms of the registration pages; the services validate the content, these only parse it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms import Form as PlainForm
from wtforms.validators import DataRequired, Length, Optional

from marketplace.accounts.forms import options
from marketplace.contracts import labels, rules, services
from marketplace.contracts.vocab import CHINA, LEGAL_TYPES, PartyKind
from marketplace.core import regions


class ActionForm(FlaskForm):
    """A one-click step (accept, confirm): only the CSRF token."""


class SubmitForm(FlaskForm):
    site_id = SelectField(_l("Registration site"), coerce=int, validate_choice=False)


class ReturnForm(FlaskForm):
    reasons = SelectMultipleField(_l("What must be corrected"), validate_choice=False)
    note = TextAreaField(_l("Message to the applicant"), validators=[DataRequired(), Length(max=2000)])


class ApproveForm(FlaskForm):
    #: the review checklist items the clerk ticked (recorded with the decision)
    checks = SelectMultipleField(_l("Checked"), validate_choice=False)
    contract_type = StringField(_l("Contract type"), validators=[Optional(), Length(max=16)])
    subtype = StringField(_l("Sub-type"), validators=[Optional(), Length(max=24)])
    technical_amount = DecimalField(_l("Technical amount (元)"), places=2, validators=[Optional()])
    reason = TextAreaField(_l("Reason for a correction"), validators=[Optional(), Length(max=2000)])


class NoteForm(FlaskForm):
    """A step that needs a reason: asking to change or cancel, cancelling, keeping a registration."""

    note = TextAreaField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])


class IncomeForm(FlaskForm):
    received_on = DateField(_l("Received on"), validators=[Optional()])
    amount = StringField(_l("Amount received (元)"))
    note = StringField(_l("Note (instalment, invoice number …)"), validators=[Optional(), Length(max=200)])


class DocumentForm(FlaskForm):
    kind = SelectField(_l("Document"), choices=[], validate_choice=False)
    file = FileField(_l("File (PDF or image)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options(labels.DOCUMENT_KINDS.items())


class RefuseForm(FlaskForm):
    reason = SelectField(_l("Ground for refusal"), validate_choice=False)
    note = TextAreaField(_l("Explanation"), validators=[DataRequired(), Length(max=2000)])


# --- the contract record (drafting and correcting) ---------------------------------------------------------


def region_choices() -> dict[str, list[SelectChoice]]:
    """Provinces with their cities, grouped for one <select> (a party's region may be a whole province)."""
    grouped: dict[str, list[SelectChoice]] = {"": options((), _l("Choose a region"))}
    for province in regions.provinces():
        grouped[province.name] = options(
            [(province.code, province.name)]
            + [(city.code, city.name) for city in regions.cities(province.code)]
        )
    return grouped


class PartyForm(PlainForm):
    kind = SelectField(_l("Party"), choices=[], validate_choice=False)
    name = StringField(_l("Full name"), validators=[Optional(), Length(max=200)])
    credit_code = StringField(_l("Unified social credit code"), validators=[Optional(), Length(max=30)])
    country_code = StringField(_l("Country code"), default=CHINA, validators=[Optional(), Length(max=3)])
    region_code = SelectField(_l("Region"), choices=[], validate_choice=False)
    legal_type = SelectField(_l("Legal-person type"), choices=[], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = options(labels.PARTY_KINDS.items())
        self.region_code.choices = region_choices()
        self.legal_type.choices = options(LEGAL_TYPES.items(), _l("Choose"))

    def is_empty(self) -> bool:
        return not (self.name.data or "").strip() and not (self.credit_code.data or "").strip()

    def to_input(self, role: str) -> services.PartyInput:
        return services.PartyInput(
            role=role,
            name=(self.name.data or "").strip(),
            kind=self.kind.data or PartyKind.ORGANIZATION.value,
            credit_code=(self.credit_code.data or "").strip() or None,
            country_code=(self.country_code.data or CHINA).strip(),
            region_code=self.region_code.data or None,
            legal_type=self.legal_type.data or None,
        )


class CostForm(PlainForm):
    category = SelectField(_l("Item"), choices=[], validate_choice=False)
    description = StringField(_l("Description"), validators=[Optional(), Length(max=200)])
    amount = StringField(_l("Amount (元)"))
    reasonable_carrier = BooleanField(_l("Carrier of reasonable quantity (not deducted)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category.choices = options(labels.COST_CATEGORIES.items(), _l("Choose"))

    def is_empty(self) -> bool:
        return not (self.description.data or "").strip() and not (self.amount.data or "").strip()


class ContractForm(FlaskForm):
    """The applicant's record of a signed contract. Amounts are in 元, exactly as the contract states them."""

    title = StringField(_l("Project name (项目名称)"), validators=[Optional(), Length(max=200)])
    type_choice = SelectField(_l("Contract type"), choices=[], validate_choice=False)
    subtype_detail = StringField(
        _l("Right concerned (for “other” transfers or licences)"), validators=[Optional(), Length(max=100)]
    )
    signed_on = DateField(_l("Signing date"), validators=[Optional()])
    effective_on = DateField(_l("Effective date"), validators=[Optional()])
    valid_from = DateField(_l("Valid from"), validators=[Optional()])
    valid_until = DateField(_l("Valid until"), validators=[Optional()])
    written = BooleanField(_l("A signed written contract exists"), default=True)
    is_import = BooleanField(_l("Technology import (the seller is outside China)"))
    tech_field = SelectField(_l("Technical field"), choices=[], validate_choice=False)
    ip_kind = SelectField(_l("Intellectual property involved"), choices=[], validate_choice=False)
    ip_numbers = TextAreaField(
        _l("Patent or registration numbers"), description=_l("One per line."), validators=[Length(max=2000)]
    )
    licence_exclusivity = SelectField(_l("Licence exclusivity"), choices=[], validate_choice=False)
    licence_years = IntegerField(_l("Licence term (years)"), validators=[Optional()])
    plan_source = SelectField(_l("Government plan source"), choices=[], validate_choice=False)
    payment_method = SelectField(_l("Payment method"), choices=[], validate_choice=False)
    royalty_terms = StringField(_l("Royalty base and rate"), validators=[Optional(), Length(max=200)])
    contract_amount = StringField(_l("Contract amount (成交额, 元)"))
    summary = TextAreaField(_l("Technical content in brief"), validators=[Optional(), Length(max=5000)])
    achievement_id = SelectField(_l("Achievement listing (optional)"), choices=[], validate_choice=False)
    seller = FormField(PartyForm)
    buyer = FormField(PartyForm)
    broker = FormField(PartyForm)
    costs = FieldList(FormField(CostForm), min_entries=3, max_entries=30)

    def __init__(self, *args, achievements=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.type_choice.choices = type_choices()
        self.tech_field.choices = options(labels.TECH_FIELDS.items(), _l("Choose"))
        self.ip_kind.choices = options(labels.IP_KINDS.items())
        self.licence_exclusivity.choices = options(labels.LICENCE_EXCLUSIVITY.items(), "—")
        self.plan_source.choices = options(labels.PLAN_SOURCES.items())
        self.payment_method.choices = options(labels.PAYMENT_METHODS.items())
        self.achievement_id.choices = options(((str(a.id), a.title) for a in achievements), "—")

    def to_input(self) -> services.ContractInput:
        contract_type, _sep, subtype = (self.type_choice.data or "").partition(":")
        achievement = self.achievement_id.data
        return services.ContractInput(
            title=self.title.data or "",
            contract_type=contract_type,
            subtype=subtype or None,
            subtype_detail=(self.subtype_detail.data or "").strip() or None,
            contract_amount=services.parse_yuan(self.contract_amount.data),
            tech_field=self.tech_field.data or "",
            signed_on=self.signed_on.data,
            effective_on=self.effective_on.data,
            valid_from=self.valid_from.data,
            valid_until=self.valid_until.data,
            written=bool(self.written.data),
            is_import=bool(self.is_import.data),
            ip_kind=self.ip_kind.data or "none",
            ip_numbers=[n.strip() for n in (self.ip_numbers.data or "").splitlines() if n.strip()],
            licence_exclusivity=self.licence_exclusivity.data or None,
            licence_years=self.licence_years.data,
            plan_source=self.plan_source.data or "none",
            payment_method=self.payment_method.data or "",
            royalty_terms=(self.royalty_terms.data or "").strip() or None,
            summary=(self.summary.data or "").strip() or None,
            achievement_id=int(achievement) if (achievement or "").isdigit() else None,
            parties=[
                party.form.to_input(role)
                for role, party in (("seller", self.seller), ("buyer", self.buyer), ("broker", self.broker))
                if not party.form.is_empty() or role != "broker"
            ],
            costs=[
                services.CostInput(
                    category=row.form.category.data or "",
                    description=row.form.description.data or "",
                    amount=services.parse_yuan(row.form.amount.data),
                    reasonable_carrier=bool(row.form.reasonable_carrier.data),
                )
                for row in self.costs
                if not row.form.is_empty()
            ],
        )

    def field_name(self, name: str) -> str:
        """The form's name of a service reason's field: cost ``i`` is the i-th row that is not empty."""
        if name.startswith("costs-"):
            _head, index, rest = name.split("-", 2)
            rows = [i for i, row in enumerate(self.costs) if not row.form.is_empty()]
            if index.isdigit() and int(index) < len(rows):
                return f"costs-{rows[int(index)]}-{rest}"
        return name

    def fill(self, data: services.ContractInput) -> None:
        """Show a stored record (or a prefilled draft) in the form."""
        for name in ("title", "subtype_detail", "signed_on", "effective_on", "valid_from", "valid_until",
                     "written", "is_import", "tech_field", "ip_kind", "licence_exclusivity", "licence_years",
                     "plan_source", "payment_method", "royalty_terms", "summary"):  # fmt: skip
            getattr(self, name).data = getattr(data, name)
        self.type_choice.data = f"{data.contract_type}:{data.subtype or ''}"
        self.contract_amount.data = f"{data.contract_amount:.2f}" if data.contract_amount is not None else ""
        self.ip_numbers.data = "\n".join(data.ip_numbers)
        self.achievement_id.data = str(data.achievement_id or "")
        for party in data.parties:
            sub = getattr(self, party.role).form
            sub.kind.data, sub.name.data, sub.credit_code.data = party.kind, party.name, party.credit_code
            sub.country_code.data, sub.region_code.data = party.country_code, party.region_code or ""
            sub.legal_type.data = party.legal_type or ""
        while len(self.costs) < len(data.costs) + 2:
            self.costs.append_entry()
        for row, cost in zip(self.costs, data.costs, strict=False):
            row.form.category.data, row.form.description.data = cost.category, cost.description
            row.form.amount.data = f"{cost.amount:.2f}" if cost.amount is not None else ""
            row.form.reasonable_carrier.data = cost.reasonable_carrier


def type_choices() -> dict[str, list[SelectChoice]]:
    """Type and sub-type as one choice ``type:subtype``, grouped by type, from every rule set (the service
    checks that the choice exists on the signing date)."""
    grouped: dict[str, list[SelectChoice]] = {"": options((), _l("Choose"))}
    seen: set[tuple[str, str]] = set()
    for rule_set in reversed(rules.all_rule_sets()):
        for type_rule in rule_set.types.values():
            group = grouped.setdefault(str(labels.TYPES.get(type_rule.code, type_rule.code)), [])
            for subtype in type_rule.subtypes or ("",):
                if (type_rule.code, subtype) in seen:
                    continue
                seen.add((type_rule.code, subtype))
                group.append(
                    SelectChoice(f"{type_rule.code}:{subtype}", labels.type_label(type_rule.code, subtype))
                )
    return grouped


# --- an authority's sites and settings ---------------------------------------------------------------------


class SiteForm(FlaskForm):
    name = StringField(_l("Site name"), validators=[Optional(), Length(max=200)])
    code = StringField(_l("Site code (2 digits)"), validators=[Optional(), Length(max=2)])
    region_code = SelectField(_l("Region served"), choices=[], validate_choice=False)

    def __init__(self, *args, province_code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        grouped = region_choices()
        province = regions.get(province_code)
        self.region_code.choices = {province.name: grouped[province.name]} if province else grouped


class ClerkForm(FlaskForm):
    email = StringField(_l("Clerk's email"), validators=[Optional(), Length(max=254)])


class RulesForm(FlaskForm):
    effective_from = DateField(_l("Applies from"), validators=[Optional()])
    decision_days = IntegerField(_l("Decision deadline (days)"), default=15, validators=[Optional()])
    working_days = BooleanField(_l("Counted in working days"), default=True)
    filing_window_days = IntegerField(
        _l("Filing window after signing (days, optional)"), validators=[Optional()]
    )
    large_threshold = StringField(_l("Large-contract threshold (元)"), default="5000000")
    large_basis = SelectField(_l("Threshold applies to"), choices=[], validate_choice=False)
    correction_days = IntegerField(
        _l("Days to correct a returned application"), default=30, validators=[Optional()]
    )
    number_pattern = StringField(_l("Registration number pattern"), default="{yy}{region4}{site}{serial:06d}")
    note = StringField(_l("Note (the regulation it follows)"), validators=[Optional(), Length(max=200)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.large_basis.choices = options(
            [("technical", _l("Technical amount (技术交易额)")), ("contract", _l("Contract amount (成交额)"))]
        )
