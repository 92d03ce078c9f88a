"""Forms of the accounts domain. Labels are lazy so they render in the reader's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, EqualTo, InputRequired, Length, Optional

from marketplace.accounts import labels
from marketplace.accounts.models import (
    DISPLAY_NAME_MAX,
    EMAIL_MAX,
    MembershipRole,
    OrganizationType,
    PlatformRole,
)
from marketplace.core import regions

_required = DataRequired(message=_l("This field is required."))


class SignupForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[_required, Length(max=EMAIL_MAX)])
    display_name = StringField(_l("Your name"), validators=[_required])
    password = PasswordField(_l("Password"), validators=[_required])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[_required, EqualTo("password", message=_l("The two passwords differ."))],
    )


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[_required])
    password = PasswordField(_l("Password"), validators=[_required])
    remember = BooleanField(_l("Keep me logged in"))
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[_required])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[_required])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[_required, EqualTo("password", message=_l("The two passwords differ."))],
    )


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[_required])
    new_password = PasswordField(_l("New password"), validators=[_required])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[_required, EqualTo("new_password", message=_l("The two passwords differ."))],
    )


class ProfileForm(FlaskForm):
    display_name = StringField(_l("Your name"), validators=[_required, Length(max=DISPLAY_NAME_MAX)])


def options(pairs, blank=None) -> list[SelectChoice]:
    """``SelectChoice``s from (value, label) pairs, with an optional empty first option."""
    head = [SelectChoice("", blank)] if blank is not None else []
    return head + [SelectChoice(value, label) for value, label in pairs]


def _province_choices() -> list[SelectChoice]:
    return options(((r.code, r.name) for r in regions.provinces()), blank=_l("Choose a province"))


def _city_choices(province_code: str | None) -> list[SelectChoice]:
    return options(((r.code, r.name) for r in regions.cities(province_code or "")), blank=_l("Choose a city"))


class OrganizationForm(FlaskForm):
    # over-long values are let through to the service, which reports them with the other problems
    name = StringField(_l("Registered name"), validators=[_required])
    type = SelectField(_l("Kind of organisation"), validators=[InputRequired()])
    credit_code = StringField(
        _l("Unified social credit code"),
        validators=[_required],
        description=_l("18 characters, as on the business licence; the last one is a check digit."),
    )
    province_code = SelectField(_l("Province"), validate_choice=False)
    city_code = SelectField(_l("City"), validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.type.choices = options(
            ((t.value, labels.ORGANIZATION_TYPES[t]) for t in OrganizationType), _l("Choose")
        )
        self.province_code.choices = _province_choices()
        self.city_code.choices = _city_choices(self.province_code.data)


class DecisionForm(FlaskForm):
    """A workflow decision with an optional (sometimes required) reason."""

    note = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])


class MemberRoleForm(FlaskForm):
    role = SelectField(
        _l("Role"),
        choices=options((r.value, labels.MEMBERSHIP_ROLES[r]) for r in MembershipRole),
        validators=[InputRequired()],
    )


class RoleForm(FlaskForm):
    role = SelectField(
        _l("Platform role"),
        choices=options((r.value, labels.PLATFORM_ROLES[r]) for r in PlatformRole),
        validators=[InputRequired()],
    )
    grant = HiddenField(default="1")


class LanguageForm(FlaskForm):
    locale = HiddenField(validators=[_required])
    next = HiddenField()


class EmptyForm(FlaskForm):
    """A form with nothing but the CSRF token, for one-click POST buttons."""


class ApiTokenForm(FlaskForm):
    name = StringField(
        _l("What the token is for"),
        validators=[_required],
        description=_l("e.g. the name of the regional technology market that uses it"),
    )
