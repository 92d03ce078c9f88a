from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, Length, Optional

from marketplace.accounts.forms import options
from marketplace.discovery.models import DeclineReason


class SaveSearchForm(FlaskForm):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=80)])
    email = BooleanField(_l("Also tell me by e-mail"), default=True)


class FeedbackForm(FlaskForm):
    verdict = HiddenField(validators=[AnyOf(["useful", "declined"])])
    reason = SelectField(_l("Why not?"), validators=[Optional()], validate_choice=False)
    note = StringField(_l("Note (optional)"), validators=[Optional(), Length(max=300)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from marketplace.discovery.views import DECLINE_LABELS

        self.reason.choices = options(
            ((r.value, DECLINE_LABELS[r.value]) for r in DeclineReason), _l("Choose")
        )
