"""Request and response schemas of API v1; the OpenAPI document is generated from them."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from marketplace.catalogue.models import DemandKind, ListingStatus
from marketplace.catalogue.vocab import Field, IPStatus, IPType, Maturity, TransferMode
from marketplace.contracts.vocab import (
    CHINA,
    LEGAL_TYPES,
    CostCategory,
    IPKind,
    LicenceExclusivity,
    PartyKind,
    PartyRole,
    PaymentMethod,
    PlanSource,
    TechField,
)

FIELD_CODES = [f.value for f in Field]
MATURITY_CODES = [m.value for m in Maturity]
MODE_CODES = [m.value for m in TransferMode]
REGION = validate.Regexp(r"^\d{6}$", error="A 6-digit region code.")
#: amounts in 元 are exact decimals, exchanged as strings ("1200000.00"); ranges are checked by the services
MONEY = {
    "as_string": True,
    "places": 2,
    "allow_nan": False,
    "metadata": {
        "type": "string",
        "format": "decimal",
        "pattern": r"^\d{1,12}(\.\d{1,2})?$",
        "description": "元, as a decimal string",
    },
}


class ListingQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    field = fields.String(validate=validate.OneOf(FIELD_CODES))
    province_code = fields.String(validate=REGION)
    maturity = fields.String(validate=validate.OneOf(MATURITY_CODES))
    q = fields.String(validate=validate.Length(min=1, max=50), metadata={"description": "Words in the title"})


class DemandQuery(ListingQuery):
    kind = fields.String(validate=validate.OneOf([k.value for k in DemandKind]))


class OrganizationRef(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    type = fields.String(required=True)


class IPItem(Schema):
    ip_type = fields.String(required=True, validate=validate.OneOf([t.value for t in IPType]))
    number = fields.String(load_default="", validate=validate.Length(max=32))
    status = fields.String(
        load_default=IPStatus.GRANTED.value, validate=validate.OneOf([s.value for s in IPStatus])
    )


class TeamMember(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=50))
    title = fields.String(load_default="", validate=validate.Length(max=50))


class _ListingOut(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    field = fields.String(required=True)
    keywords = fields.List(fields.String(), required=True)
    province_code = fields.String(required=True)
    city_code = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf([s.value for s in ListingStatus]))
    organization = fields.Nested(OrganizationRef, required=True)
    published_at = fields.DateTime(allow_none=True)
    expires_at = fields.DateTime(allow_none=True)
    url = fields.String(required=True)


class AchievementOut(_ListingOut):
    summary = fields.String(required=True, metadata={"description": "Sanitised HTML"})
    maturity = fields.String(required=True)
    trl = fields.Integer(allow_none=True)
    transfer_modes = fields.List(fields.String(), required=True)
    price = fields.Decimal(
        allow_none=True,
        **{**MONEY, "metadata": {**MONEY["metadata"], "description": "元; null means negotiable"}},
    )
    filing_number = fields.String(allow_none=True)
    title_en = fields.String(allow_none=True)
    summary_en = fields.String(allow_none=True)
    ip_items = fields.List(fields.Nested(IPItem), required=True)
    team = fields.List(fields.Nested(TeamMember), required=True)


class DemandOut(_ListingOut):
    kind = fields.String(required=True)
    problem = fields.String(required=True)
    metrics = fields.String(required=True)
    constraints = fields.String(required=True)
    ip_terms = fields.String(required=True)
    expected_maturity = fields.String(required=True)
    modes = fields.List(fields.String(), required=True)
    budget = fields.Decimal(
        allow_none=True,
        **{**MONEY, "metadata": {**MONEY["metadata"], "description": "元; null means negotiable"}},
    )
    deadline = fields.Date(required=True)
    reward = fields.Decimal(allow_none=True, **MONEY)
    application_deadline = fields.Date(allow_none=True)
    cofunding_rate = fields.Decimal(
        allow_none=True, as_string=True, metadata={"type": "string", "format": "decimal"}
    )
    cofunding_cap = fields.Decimal(allow_none=True, **MONEY)


class _Page(Schema):
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True)
    pages = fields.Integer(required=True)


class AchievementPage(_Page):
    items = fields.List(fields.Nested(AchievementOut), required=True)


class DemandPage(_Page):
    items = fields.List(fields.Nested(DemandOut), required=True)


class AchievementIn(Schema):
    class Meta:
        unknown = EXCLUDE

    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    summary = fields.String(required=True, validate=validate.Length(max=20000))
    field = fields.String(required=True, validate=validate.OneOf(FIELD_CODES))
    maturity = fields.String(required=True, validate=validate.OneOf(MATURITY_CODES))
    province_code = fields.String(required=True, validate=REGION)
    city_code = fields.String(required=True, validate=REGION)
    transfer_modes = fields.List(fields.String(validate=validate.OneOf(MODE_CODES)), required=True)
    keywords = fields.List(fields.String(validate=validate.Length(max=30)), load_default=list)
    trl = fields.Integer(allow_none=True, load_default=None, validate=validate.Range(min=1, max=9))
    price = fields.Decimal(allow_none=True, load_default=None, **MONEY)
    contact_name = fields.String(load_default="", validate=validate.Length(max=50))
    contact_phone = fields.String(load_default="", validate=validate.Length(max=30))
    contact_email = fields.String(load_default="", validate=validate.Length(max=254))
    title_en = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=200))
    summary_en = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=20000))
    ip_items = fields.List(fields.Nested(IPItem), load_default=list, validate=validate.Length(max=50))
    team = fields.List(fields.Nested(TeamMember), load_default=list, validate=validate.Length(max=30))


class DemandIn(Schema):
    class Meta:
        unknown = EXCLUDE

    kind = fields.String(
        load_default=DemandKind.DEMAND.value, validate=validate.OneOf([k.value for k in DemandKind])
    )
    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    field = fields.String(required=True, validate=validate.OneOf(FIELD_CODES))
    problem = fields.String(required=True, validate=validate.Length(max=20000))
    metrics = fields.String(required=True, validate=validate.Length(max=5000))
    constraints = fields.String(load_default="", validate=validate.Length(max=5000))
    ip_terms = fields.String(load_default="", validate=validate.Length(max=5000))
    keywords = fields.List(fields.String(validate=validate.Length(max=30)), load_default=list)
    expected_maturity = fields.String(required=True, validate=validate.OneOf(MATURITY_CODES))
    modes = fields.List(fields.String(validate=validate.OneOf(MODE_CODES)), required=True)
    budget = fields.Decimal(allow_none=True, load_default=None, **MONEY)
    deadline = fields.Date(required=True)
    province_code = fields.String(required=True, validate=REGION)
    city_code = fields.String(required=True, validate=REGION)
    contact_name = fields.String(load_default="", validate=validate.Length(max=50))
    contact_phone = fields.String(load_default="", validate=validate.Length(max=30))
    contact_email = fields.String(load_default="", validate=validate.Length(max=254))
    reward = fields.Decimal(allow_none=True, load_default=None, **MONEY)
    application_deadline = fields.Date(allow_none=True, load_default=None)
    cofunding_rate = fields.Decimal(
        allow_none=True,
        load_default=None,
        as_string=True,
        places=4,
        metadata={
            "type": "string",
            "format": "decimal",
            "pattern": r"^(0(\.\d{1,4})?|1(\.0{1,4})?)$",
            "description": "Share of the contract value co-funded, 0-1",
        },
    )
    cofunding_cap = fields.Decimal(allow_none=True, load_default=None, **MONEY)


class WriteResult(Schema):
    id = fields.Integer(required=True)
    status = fields.String(required=True)
    revision_status = fields.String(required=True)
    url = fields.String(required=True)


class ErrorDetail(Schema):
    field = fields.String(allow_none=True)
    message = fields.String(required=True)


class ErrorBody(Schema):
    code = fields.String(required=True, metadata={"description": "Machine-readable, e.g. validation_failed"})
    message = fields.String(required=True)
    details = fields.List(fields.Nested(ErrorDetail))


class ErrorOut(Schema):
    error = fields.Nested(ErrorBody, required=True)


# --- search and matches -------------------------------------------------------------------------------------


class SearchArgs(Schema):
    """The search page's parameters; lists may repeat the parameter or separate values with commas."""

    q = fields.String(load_default="", validate=validate.Length(max=200))
    kind = fields.List(fields.String(validate=validate.OneOf(["achievement", "demand", "challenge"])))
    field = fields.List(fields.String())
    maturity = fields.List(fields.String())
    province = fields.List(fields.String(validate=REGION))
    modes = fields.List(fields.String())
    price_band = fields.List(fields.String())
    org_type = fields.List(fields.String())
    sort = fields.String(
        load_default="relevance", validate=validate.OneOf(["relevance", "newest", "price_asc", "price_desc"])
    )
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=1000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))


class Snippet(Schema):
    text = fields.String(required=True)
    hit = fields.Boolean(required=True)


class SearchHitOut(Schema):
    id = fields.String(required=True, metadata={"description": "kind:id"})
    kind = fields.String(required=True)
    listing_id = fields.Integer(required=True)
    title = fields.String(required=True)
    organization = fields.String(required=True)
    field = fields.String(required=True)
    province = fields.String(required=True)
    price_wan = fields.Float(allow_none=True, metadata={"description": "asking price or budget, 万元"})
    score = fields.Float(required=True)
    title_highlight = fields.List(fields.Nested(Snippet), required=True)
    snippet = fields.List(fields.Nested(Snippet), required=True)
    url = fields.String(required=True)


class FacetValue(Schema):
    value = fields.String(required=True)
    count = fields.Integer(required=True)


class SearchOut(Schema):
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    pages = fields.Integer(required=True)
    items = fields.List(fields.Nested(SearchHitOut), required=True)
    facets = fields.Dict(keys=fields.String(), values=fields.List(fields.Nested(FacetValue)), required=True)


class MatchReason(Schema):
    code = fields.String(required=True)
    params = fields.Dict(required=True)


class MatchOut(Schema):
    rank = fields.Integer(required=True)
    achievement_id = fields.Integer(required=True)
    title = fields.String(required=True)
    organization = fields.String(required=True)
    score = fields.Float(required=True)
    reasons = fields.List(fields.Nested(MatchReason), required=True)
    url = fields.String(required=True)


class MatchList(Schema):
    demand_id = fields.Integer(required=True)
    items = fields.List(fields.Nested(MatchOut), required=True)


# --- contracts -------------------------------------------------------------------------------------------


class ContractPartyIn(Schema):
    class Meta:
        unknown = EXCLUDE

    role = fields.String(required=True, validate=validate.OneOf([r.value for r in PartyRole]))
    name = fields.String(required=True, validate=validate.Length(min=1, max=200))
    kind = fields.String(
        load_default=PartyKind.ORGANIZATION.value, validate=validate.OneOf([k.value for k in PartyKind])
    )
    credit_code = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=18))
    country_code = fields.String(load_default=CHINA, validate=validate.Regexp(r"^\d{3}$"))
    region_code = fields.String(allow_none=True, load_default=None, validate=REGION)
    legal_type = fields.String(allow_none=True, load_default=None, validate=validate.OneOf(list(LEGAL_TYPES)))


class ContractCostIn(Schema):
    class Meta:
        unknown = EXCLUDE

    category = fields.String(required=True, validate=validate.OneOf([c.value for c in CostCategory]))
    description = fields.String(required=True, validate=validate.Length(min=1, max=200))
    amount = fields.Decimal(required=True, **MONEY)
    reasonable_carrier = fields.Boolean(
        load_default=False,
        metadata={"description": "a technical carrier of reasonable quantity: recorded, not deducted"},
    )


class ContractIn(Schema):
    """A technology contract as recorded for registration (amounts in 元)."""

    class Meta:
        unknown = EXCLUDE

    title = fields.String(required=True, validate=validate.Length(min=1, max=200))
    contract_type = fields.String(required=True, validate=validate.Length(max=16))
    subtype = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=24))
    subtype_detail = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=100))
    contract_amount = fields.Decimal(required=True, **MONEY)
    tech_field = fields.String(required=True, validate=validate.OneOf([f.value for f in TechField]))
    signed_on = fields.Date(required=True)
    effective_on = fields.Date(allow_none=True, load_default=None)
    valid_from = fields.Date(required=True)
    valid_until = fields.Date(required=True)
    written = fields.Boolean(load_default=True)
    is_import = fields.Boolean(load_default=False)
    ip_kind = fields.String(
        load_default=IPKind.NONE.value, validate=validate.OneOf([k.value for k in IPKind])
    )
    ip_numbers = fields.List(fields.String(validate=validate.Length(max=40)), load_default=list)
    licence_exclusivity = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf([e.value for e in LicenceExclusivity])
    )
    licence_years = fields.Integer(allow_none=True, load_default=None)
    plan_source = fields.String(
        load_default=PlanSource.NONE.value, validate=validate.OneOf([p.value for p in PlanSource])
    )
    payment_method = fields.String(
        load_default=PaymentMethod.LUMP_SUM.value, validate=validate.OneOf([p.value for p in PaymentMethod])
    )
    royalty_terms = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=200))
    summary = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=5000))
    parties = fields.List(fields.Nested(ContractPartyIn), required=True, validate=validate.Length(max=3))
    costs = fields.List(fields.Nested(ContractCostIn), load_default=list, validate=validate.Length(max=100))


class ContractProblem(Schema):
    field = fields.String(allow_none=True)
    message = fields.String()


class ContractCheckOut(Schema):
    valid = fields.Boolean(required=True)
    errors = fields.List(fields.Nested(ContractProblem), required=True)
    rule_set = fields.String(
        required=True, metadata={"description": "the national rule set of the signing date"}
    )
    contract_amount = fields.String(allow_none=True, metadata={"description": "成交额, 元"})
    technical_amount = fields.String(
        allow_none=True, metadata={"description": "技术交易额 computed from the costs, 元"}
    )


class ContractSubmitIn(Schema):
    class Meta:
        unknown = EXCLUDE

    site_id = fields.Integer(
        allow_none=True,
        load_default=None,
        metadata={
            "description": "the registration site; may be left out when the applicant's region has one"
        },
    )


class ContractStatusOut(Schema):
    """A contract record of the token's organisation and where its registration stands."""

    id = fields.Integer(required=True)
    title = fields.String(required=True)
    status = fields.String(
        required=True,
        metadata={
            "description": "draft, submitted, accepted, returned, second_review, registered, refused, "
            "cancelled"
        },  # fmt: skip
    )
    contract_type = fields.String(required=True)
    subtype = fields.String(allow_none=True)
    contract_amount = fields.String(required=True, metadata={"description": "成交额, 元"})
    technical_amount = fields.String(allow_none=True, metadata={"description": "技术交易额 in force, 元"})
    site = fields.Dict(allow_none=True, metadata={"description": "id and name of the registration site"})
    submitted_at = fields.DateTime(allow_none=True)
    decision_due = fields.Date(allow_none=True)
    return_reasons = fields.List(fields.String())
    return_note = fields.String(allow_none=True)
    return_due = fields.Date(allow_none=True)
    refusal_reason = fields.String(allow_none=True)
    registration_number = fields.String(allow_none=True)
    registered_at = fields.DateTime(allow_none=True)
    certificate_url = fields.String(allow_none=True)
    url = fields.String(required=True)
