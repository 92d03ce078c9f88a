"""Display labels of the contracts vocabulary, translated lazily (rendered in the reader's language)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

TYPES = {
    "development": _l("Technology development"),
    "transfer": _l("Technology transfer"),
    "licence": _l("Technology licence"),
    "consulting": _l("Technical consulting"),
    "service": _l("Technical service"),
}

SUBTYPES = {
    ("development", "commissioned"): _l("Commissioned development"),
    ("development", "cooperative"): _l("Cooperative development"),
    ("transfer", "patent"): _l("Patent right transfer"),
    ("transfer", "patent_application"): _l("Patent application right transfer"),
    ("transfer", "patent_licence"): _l("Patent licence (before 2021)"),
    ("transfer", "know_how"): _l("Technical secret transfer"),
    ("transfer", "other"): _l("Other technology transfer"),
    ("licence", "patent"): _l("Patent exploitation licence"),
    ("licence", "know_how"): _l("Technical secret licence"),
    ("licence", "other"): _l("Other technology licence"),
    ("service", "general"): _l("General technical service"),
    ("service", "training"): _l("Technical training"),
    ("service", "brokerage"): _l("Technology brokerage"),
}

STATUSES = {
    "draft": _l("Draft"),
    "submitted": _l("Applied, awaiting acceptance"),
    "accepted": _l("Under review"),
    "returned": _l("Returned for correction"),
    "second_review": _l("Awaiting second approval"),
    "registered": _l("Registered"),
    "refused": _l("Not registered"),
    "cancelled": _l("Registration cancelled"),
    "changing": _l("Registered; change being prepared"),
    "cancel_requested": _l("Registered; cancellation requested"),
}

#: Bootstrap badge colour per status (anything else: "info")
STATUS_STYLES = {"registered": "success", "refused": "danger", "returned": "warning", "draft": "secondary",
                 "cancelled": "dark"}  # fmt: skip


def type_label(contract_type: str, subtype: str | None = None) -> str:
    base = str(TYPES.get(contract_type, contract_type))
    sub = SUBTYPES.get((contract_type, subtype or ""))
    return f"{base} · {sub}" if sub else base


CORRECTION_REASONS = {
    "missing_text": _l("Contract text incomplete"),
    "missing_attachment": _l("Attachments or certificates missing"),
    "name_mismatch": _l("Contract name does not match its content"),
    "wrong_type": _l("Contract type declared wrongly"),
    "amounts": _l("Amounts to be corrected"),
    "parties": _l("Party details wrong"),
    "seals": _l("Signatures or seals incomplete"),
    "authorisation": _l("Legal person's authorisation missing"),
    "translation": _l("Chinese version or consistency undertaking missing"),
    "other": _l("Other"),
}

REFUSAL_REASONS = {
    "void": _l("Void or not yet effective"),
    "not_technology": _l("Not a technology contract"),
    "unclear_terms": _l("Parties, subject or price not clearly stated"),
    "approval_missing": _l("Required approval not obtained"),
    "name_mismatch": _l("Name does not match content and was not corrected"),
    "monopoly": _l("Illegally monopolises technology"),
    "certificates": _l("Required certificates missing or unacceptable"),
    "seals": _l("Seals incomplete or not matching the parties"),
    "oral": _l("Oral contract without a written text"),
    "expired": _l("Validity period has ended"),
    "duplicate": _l("Already registered (duplicate)"),
    "other": _l("Other grounds"),
}

TECH_FIELDS = {
    "electronics": _l("Electronic information"),
    "manufacturing": _l("Advanced manufacturing"),
    "aerospace": _l("Aerospace"),
    "transport": _l("Modern transport"),
    "biomedicine": _l("Biomedicine and medical devices"),
    "materials": _l("New materials and applications"),
    "energy": _l("New energy and energy saving"),
    "environment": _l("Environmental protection and resource use"),
    "nuclear": _l("Nuclear applications"),
    "agriculture": _l("Agriculture"),
    "urban": _l("Urban construction and social development"),
}

IP_KINDS = {
    "none": _l("No intellectual property involved"),
    "patent": _l("Patent"),
    "know_how": _l("Technical secret"),
    "software": _l("Software copyright"),
    "ic_layout": _l("Integrated circuit layout design"),
    "plant_variety": _l("New plant or animal variety"),
    "biomedicine": _l("New biomedical variety"),
    "other": _l("Other intellectual property"),
}

LICENCE_EXCLUSIVITY = {
    "exclusive": _l("Exclusive (独占)"),
    "sole": _l("Sole (排他)"),
    "ordinary": _l("Ordinary (普通)"),
}

PAYMENT_METHODS = {
    "lump_sum": _l("Lump sum, paid at once"),
    "instalments": _l("Lump sum, paid in instalments"),
    "royalty": _l("Royalty"),
    "royalty_with_fee": _l("Royalty with an entry fee"),
}

PLAN_SOURCES = {
    "none": _l("Not from a government plan"),
    "national": _l("National plan"),
    "ministry": _l("Ministry plan"),
    "provincial": _l("Provincial plan"),
    "local": _l("City or county plan"),
    "other": _l("Other plan"),
}

COST_CATEGORIES = {
    "equipment": _l("Equipment"),
    "instruments": _l("Instruments"),
    "parts": _l("Parts"),
    "raw_materials": _l("Raw materials"),
    "hardware": _l("Production hardware"),
    "pass_through": _l("Purchases on behalf of the buyer"),
    "other": _l("Other non-technical cost"),
}

PARTY_KINDS = {"organization": _l("Organisation"), "person": _l("Natural person")}

PARTY_ROLES = {"seller": _l("Seller"), "buyer": _l("Buyer"), "broker": _l("Broker")}

DOCUMENT_KINDS = {
    "contract_text": _l("Signed contract text"),
    "ip_certificate": _l("IP certificate"),
    "authorisation": _l("Legal person's authorisation"),
    "translation": _l("Chinese version / consistency undertaking"),
    "other": _l("Other document"),
}

#: the clerk's review checklist per type (the criteria of REGISTRATION.md §2.2; codes in rules.toml)
CHECKLIST = {
    "dev_goal": _l("A clear, concrete research or development goal"),
    "dev_not_mastered": _l("The solution is not yet mastered by the parties when they sign"),
    "dev_innovation": _l("The work and its expected result contain real technical innovation"),
    "dev_targets": _l("Quantified targets and an acceptance method are stated"),
    "ip_held": _l("The seller already holds the technology (patent, secret or other IP)"),
    "ip_complete": _l("The technology is complete and practical"),
    "ip_ownership_stated": _l("The contract sets out the ownership of the IP"),
    "ip_certificates": _l("IP certificates are attached"),
    "licence_scope": _l("Scope, territory, term and exclusivity of the licence are stated"),
    "consult_specific_project": _l("Advice on a specific technical project"),
    "consult_method": _l("Uses scientific and technical knowledge and methods"),
    "consult_report": _l("The result is a report or opinion"),
    "service_specific_problem": _l("Solves a specific technical problem"),
    "service_professional": _l("Done with professional technical knowledge"),
    "service_indicators": _l("The expected technical indicators are stated"),
    "service_no_ip": _l("Creates no new IP and transfers none"),
}
