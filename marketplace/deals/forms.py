"""Forms of the broker and deal pages; the services validate the content, these only parse it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from marketplace.accounts.forms import options
from marketplace.catalogue.forms import MultiCheckboxField
from marketplace.catalogue.vocab import FIELDS
from marketplace.contracts.forms import type_choices
from marketplace.contracts.services import parse_yuan
from marketplace.core import regions
from marketplace.deals import services
from marketplace.deals.labels import LOST_REASONS


class ActionForm(FlaskForm):
    """A one-click step: only the CSRF token."""


class BrokerProfileForm(FlaskForm):
    certificate_number = StringField(_l("Broker certificate number"), validators=[Length(max=40)])
    fields = MultiCheckboxField(_l("Fields of expertise"), validate_choice=False)
    regions = MultiCheckboxField(_l("Regions covered"), validate_choice=False)
    bio = TextAreaField(_l("Short introduction"), validators=[Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.choices = options(FIELDS.items())
        self.regions.choices = options((r.code, r.name) for r in regions.provinces())

    def to_input(self) -> services.BrokerInput:
        return services.BrokerInput(
            certificate_number=self.certificate_number.data or "",
            fields=list(self.fields.data or []),
            regions=list(self.regions.data or []),
            bio=self.bio.data or "",
        )


class OpenDealForm(FlaskForm):
    """From a match (demand + achievement) or by hand (buyer + seller organisations)."""

    demand_id = HiddenField()
    achievement_id = HiddenField()
    buyer_id = SelectField(_l("Buyer"), validate_choice=False)
    seller_id = SelectField(_l("Seller"), validate_choice=False)
    title = StringField(_l("Deal name"), validators=[Optional(), Length(max=200)])


class MessageForm(FlaskForm):
    body = TextAreaField(_l("Message"), validators=[Length(max=services.MESSAGE_MAX)])
    files = MultipleFileField(_l("Attachments (PDF or images)"))


class DataRoomForm(FlaskForm):
    file = FileField(_l("Confidential document (PDF or image)"))


class LoseForm(FlaskForm):
    reason = SelectField(_l("Why did the deal end?"), validate_choice=False)
    note = TextAreaField(_l("In a few words"), validators=[Length(max=2000)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reason.choices = options(LOST_REASONS.items(), _l("Choose"))


class SignForm(FlaskForm):
    """The contract essentials; the contract record is created from them and the deal."""

    type_choice = SelectField(_l("Contract type"), validate_choice=False)
    contract_amount = StringField(_l("Contract amount (元)"))
    signed_on = DateField(_l("Signing date"), validators=[Optional()])
    commission_rate = StringField(_l("Broker commission (percent of the amount)"), validators=[Optional()])
    commission_amount = StringField(_l("or a fixed commission (元)"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type_choice.choices = type_choices()

    def to_input(self) -> services.Essentials:
        contract_type, _sep, subtype = (self.type_choice.data or "").partition(":")
        rate = parse_yuan(self.commission_rate.data)
        return services.Essentials(
            contract_type=contract_type,
            subtype=subtype or None,
            contract_amount=parse_yuan(self.contract_amount.data),
            signed_on=self.signed_on.data,
            commission_rate=rate / 100 if rate is not None else None,
            commission_amount=parse_yuan(self.commission_amount.data),
        )


class SourceForm(FlaskForm):
    kind = SelectField(
        _l("Listing"), choices=options([("achievements", _l("Achievement")), ("demands", _l("Demand"))])
    )
    listing_id = StringField(_l("Listing number"), validators=[Length(max=12)])
    note = StringField(_l("How you brought it"), validators=[Optional(), Length(max=500)])
