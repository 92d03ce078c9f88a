"""Forms of the registration pages; the services validate the content, these only parse it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DecimalField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ActionForm(FlaskForm):
    """A one-click step (accept, confirm): only the CSRF token."""


class SubmitForm(FlaskForm):
    site_id = SelectField(_l("Registration site"), coerce=int, validate_choice=False)


class ReturnForm(FlaskForm):
    reasons = SelectMultipleField(_l("What must be corrected"), validate_choice=False)
    note = TextAreaField(_l("Message to the applicant"), validators=[DataRequired(), Length(max=2000)])


class ApproveForm(FlaskForm):
    contract_type = StringField(_l("Contract type"), validators=[Optional(), Length(max=16)])
    subtype = StringField(_l("Sub-type"), validators=[Optional(), Length(max=24)])
    technical_amount = DecimalField(_l("Technical amount (元)"), places=2, validators=[Optional()])
    reason = TextAreaField(_l("Reason for a correction"), validators=[Optional(), Length(max=2000)])


class RefuseForm(FlaskForm):
    reason = SelectField(_l("Ground for refusal"), validate_choice=False)
    note = TextAreaField(_l("Explanation"), validators=[DataRequired(), Length(max=2000)])
