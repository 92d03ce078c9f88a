"""Forms of the catalogue. Amounts are typed in 万元 (as Chinese users write them) and stored in 元."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms import Form as PlainForm
from wtforms.validators import InputRequired, Optional

from marketplace.accounts.forms import options
from marketplace.catalogue import services
from marketplace.catalogue.vocab import FIELDS, IP_STATUSES, IP_TYPES, MATURITY, TRANSFER_MODES
from marketplace.core import regions

WAN = Decimal(10000)


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class WanField(StringField):
    """An amount typed in 万元; ``yuan`` is the value in 元 (None when empty = 面议)."""

    yuan: Decimal | None = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.yuan = None
        raw = (self.data or "").replace(",", "").replace("，", "").strip()
        if raw:
            try:
                self.yuan = (Decimal(raw) * WAN).quantize(Decimal("0.01"))
            except InvalidOperation as exc:
                raise ValueError(_l("Enter an amount in 10,000 yuan, e.g. 120 or 35.5.")) from exc

    def _value(self):
        return self.data or ""


def wan(value: Decimal | None) -> str:
    """元 -> the 万元 text shown in a form field."""
    if value is None:
        return ""
    return format((value / WAN).normalize(), "f")


def _region_choices(form) -> None:
    form.province_code.choices = options(
        ((r.code, r.name) for r in regions.provinces()), _l("Choose a province")
    )
    form.city_code.choices = options(
        ((r.code, r.name) for r in regions.cities(form.province_code.data or "")), _l("Choose a city")
    )


class IPForm(PlainForm):
    ip_type = SelectField(_l("Type"), choices=options(IP_TYPES.items(), _l("Choose")), validate_choice=False)
    number = StringField(_l("Number"))
    status = SelectField(_l("Status"), choices=options(IP_STATUSES.items()), validate_choice=False)


class TeamMemberForm(PlainForm):
    name = StringField(_l("Name"))
    title = StringField(_l("Job title"))


class ListingForm(FlaskForm):
    title = StringField(_l("Title"), validators=[InputRequired(message=_l("This field is required."))])
    field = SelectField(
        _l("Technical field"), choices=options(FIELDS.items(), _l("Choose")), validate_choice=False
    )
    keywords = StringField(_l("Keywords"), description=_l("Separate with commas or spaces."))
    province_code = SelectField(_l("Province"), validate_choice=False)
    city_code = SelectField(_l("City"), validate_choice=False)
    contact_name = StringField(_l("Contact person"))
    contact_phone = StringField(_l("Phone"))
    contact_email = StringField(_l("Email"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _region_choices(self)


class AchievementForm(ListingForm):
    summary = TextAreaField(
        _l("Summary"),
        description=_l("What it is, key indicators, where it applies. Blank lines start new paragraphs."),
    )
    maturity = SelectField(
        _l("Maturity"), choices=options(MATURITY.items(), _l("Choose")), validate_choice=False
    )
    trl = SelectField(
        _l("Technology readiness level (optional)"),
        choices=options(((str(n), f"TRL {n}") for n in range(1, 10)), "—"),
        validate_choice=False,
    )
    transfer_modes = MultiCheckboxField(
        _l("Transfer modes"), choices=options(TRANSFER_MODES.items()), validate_choice=False
    )
    price = WanField(_l("Asking price (10,000 yuan)"), description=_l("Leave empty for “negotiable” (面议)."))
    title_en = StringField(_l("English title (optional)"))
    summary_en = TextAreaField(_l("English summary (optional)"))
    ip_items = FieldList(FormField(IPForm), min_entries=3, max_entries=10)
    team = FieldList(FormField(TeamMemberForm), min_entries=4, max_entries=30)

    def to_input(self) -> services.AchievementInput:
        return services.AchievementInput(
            title=self.title.data or "",
            summary=self.summary.data or "",
            field=self.field.data or "",
            maturity=self.maturity.data or "",
            province_code=self.province_code.data or "",
            city_code=self.city_code.data or "",
            keywords=services.split_keywords(self.keywords.data),
            trl=int(self.trl.data) if (self.trl.data or "").isdigit() else None,
            transfer_modes=list(self.transfer_modes.data or []),
            price=self.price.yuan,
            contact_name=self.contact_name.data or "",
            contact_phone=self.contact_phone.data or "",
            contact_email=self.contact_email.data or "",
            team=[{"name": m.form.name.data or "", "title": m.form.title.data or ""} for m in self.team],
            title_en=self.title_en.data,
            summary_en=self.summary_en.data,
            ip_items=[
                services.IPInput(i.form.ip_type.data, (i.form.number.data or "").strip(), i.form.status.data)
                for i in self.ip_items
                if i.form.ip_type.data
            ],
        )


class DemandForm(ListingForm):
    kind = HiddenField(default="demand")
    problem = TextAreaField(
        _l("The problem"), description=_l("What goes wrong today, in your production context.")
    )
    metrics = TextAreaField(
        _l("Target metrics"),
        description=_l("Quantified where possible, e.g. yield ≥ 99.5 %, cycle time ≤ 45 s."),
    )
    constraints = TextAreaField(
        _l("Constraints"), description=_l("Existing equipment, cost ceiling, environment, certification.")
    )
    ip_terms = TextAreaField(_l("Acceptable IP terms"))
    expected_maturity = SelectField(
        _l("Expected maturity"), choices=options(MATURITY.items(), _l("Choose")), validate_choice=False
    )
    modes = MultiCheckboxField(
        _l("Acceptable cooperation modes"), choices=options(TRANSFER_MODES.items()), validate_choice=False
    )
    budget = WanField(_l("Budget (10,000 yuan)"), description=_l("Leave empty for “negotiable” (面议)."))
    deadline = DateField(_l("Deadline"), validators=[Optional()])
    reward = WanField(_l("Reward (10,000 yuan)"))
    application_deadline = DateField(_l("Applications close on"), validators=[Optional()])
    cofunding_rate = StringField(_l("Public co-funding rate (%)"), description=_l("Optional, e.g. 50."))
    cofunding_cap = WanField(_l("Co-funding cap (10,000 yuan)"))

    def to_input(self) -> services.DemandInput:
        rate = None
        raw_rate = (self.cofunding_rate.data or "").strip().rstrip("%")
        if raw_rate:
            try:
                rate = (Decimal(raw_rate) / 100).quantize(Decimal("0.0001"))
            except InvalidOperation:
                rate = Decimal(-1)  # reported by the service as out of range
        return services.DemandInput(
            kind=self.kind.data or "demand",
            title=self.title.data or "",
            field=self.field.data or "",
            problem=self.problem.data or "",
            metrics=self.metrics.data or "",
            constraints=self.constraints.data or "",
            ip_terms=self.ip_terms.data or "",
            keywords=services.split_keywords(self.keywords.data),
            expected_maturity=self.expected_maturity.data or "",
            modes=list(self.modes.data or []),
            budget=self.budget.yuan,
            deadline=self.deadline.data,
            province_code=self.province_code.data or "",
            city_code=self.city_code.data or "",
            contact_name=self.contact_name.data or "",
            contact_phone=self.contact_phone.data or "",
            contact_email=self.contact_email.data or "",
            reward=self.reward.yuan,
            application_deadline=self.application_deadline.data,
            cofunding_rate=rate,
            cofunding_cap=self.cofunding_cap.yuan,
        )


class DecisionForm(FlaskForm):
    note = TextAreaField(_l("Reason"), validators=[Optional()])


class UploadForm(FlaskForm):
    file = FileField(_l("File"))
    role = HiddenField(default="document")


def achievement_form_data(achievement) -> dict:
    """Form values of an achievement, or of its pending revision when one waits for review."""
    values = dict(achievement.pending_changes or {})
    get = lambda name: values.get(name, getattr(achievement, name))  # noqa: E731
    price = get("price")
    ip_items = values.get("ip_items") or [
        {"ip_type": i.ip_type, "number": i.number, "status": i.status} for i in achievement.ip_items
    ]
    return {
        "title": get("title"),
        "summary": get("summary"),
        "field": get("field"),
        "maturity": get("maturity"),
        "trl": str(get("trl") or ""),
        "transfer_modes": get("transfer_modes"),
        "price": wan(Decimal(price)) if price is not None else "",
        "keywords": "，".join(get("keywords") or []),
        "province_code": get("province_code"),
        "city_code": get("city_code"),
        "contact_name": get("contact_name"),
        "contact_phone": get("contact_phone"),
        "contact_email": get("contact_email"),
        "title_en": get("title_en") or "",
        "summary_en": get("summary_en") or "",
        "ip_items": ip_items + [{}] * max(0, 3 - len(ip_items)),
        "team": list(get("team") or []) + [{}] * max(0, 4 - len(get("team") or [])),
    }


def demand_form_data(demand) -> dict:
    from datetime import date

    values = dict(demand.pending_changes or {})
    get = lambda name: values.get(name, getattr(demand, name))  # noqa: E731
    money = lambda name: wan(Decimal(get(name))) if get(name) is not None else ""  # noqa: E731
    day = lambda name: date.fromisoformat(get(name)) if isinstance(get(name), str) else get(name)  # noqa: E731
    rate = get("cofunding_rate")
    return {
        "kind": demand.kind,
        "title": get("title"),
        "field": get("field"),
        "problem": get("problem"),
        "metrics": get("metrics"),
        "constraints": get("constraints"),
        "ip_terms": get("ip_terms"),
        "keywords": "，".join(get("keywords") or []),
        "expected_maturity": get("expected_maturity"),
        "modes": get("modes"),
        "budget": money("budget"),
        "deadline": day("deadline"),
        "province_code": get("province_code"),
        "city_code": get("city_code"),
        "contact_name": get("contact_name"),
        "contact_phone": get("contact_phone"),
        "contact_email": get("contact_email"),
        "reward": money("reward"),
        "application_deadline": day("application_deadline"),
        "cofunding_rate": format((Decimal(rate) * 100).normalize(), "f") if rate is not None else "",
        "cofunding_cap": money("cofunding_cap"),
    }


class BidForm(FlaskForm):
    proposal = TextAreaField(
        _l("Proposal"),
        description=_l("Your technical approach, why your team can deliver, and what the enterprise gets."),
    )
    price = WanField(_l("Price (10,000 yuan)"))
    timeline = TextAreaField(_l("Timeline"), description=_l("Milestones and when they are reached."))
    team = FieldList(FormField(TeamMemberForm), min_entries=4, max_entries=30)

    def to_input(self) -> services.BidInput:
        return services.BidInput(
            proposal=self.proposal.data or "",
            price=self.price.yuan,
            timeline=self.timeline.data or "",
            team=[{"name": m.form.name.data or "", "title": m.form.title.data or ""} for m in self.team],
        )


class CollectionForm(FlaskForm):
    title = StringField(_l("Title"), validators=[InputRequired(message=_l("This field is required."))])
    description = TextAreaField(
        _l("Description"), description=_l("Who the collection is for and what it gathers.")
    )


class ImportForm(FlaskForm):
    kind = SelectField(_l("What the file holds"), validate_choice=False)
    file = FileField(_l("File (.xlsx or .csv)"))
    dry_run = BooleanField(_l("Only check the file, save nothing"))


class InquiryForm(FlaskForm):
    message = TextAreaField(
        _l("Your question"), description=_l("What you need, your application scenario, and how to reach you.")
    )


class CofundingForm(FlaskForm):
    rate = StringField(
        _l("Co-funding rate (%)"), description=_l("Leave empty to stop co-funding challenges.")
    )
    cap = WanField(_l("Cap per challenge (10,000 yuan)"), description=_l("Optional."))
    note = StringField(
        _l("Programme or policy document"), description=_l("Shown with the terms, e.g. 揭榜挂帅专项.")
    )
