"""The statistics filter form: a GET form whose values ``services.parse_filters`` validates."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice

from marketplace.stats import labels


def _choices(options: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in options.items()]


class StatsFilterForm(FlaskForm):
    """Only renders and carries the values: the rules (valid dates, regions, options) are the service's, so
    the page and the export answer the same way."""

    class Meta:
        csrf = False  # a GET form that changes nothing; its URLs are bookmarked and shared

    date_from = StringField(_l("Registered from"), render_kw={"type": "date"})
    date_to = StringField(_l("Registered until"), render_kw={"type": "date"})
    #: rendered by hand with optgroups (provinces and their cities); choices come from the service
    region = StringField(_l("Region (seller's, for outflow)"))
    basis = SelectField(_l("Amount basis"), choices=_choices(labels.BASES), validate_choice=False)
    brokerage = SelectField(
        _l("Brokerage contracts"), choices=_choices(labels.BROKERAGE_MODES), validate_choice=False
    )
    level = SelectField(_l("Local means"), choices=_choices(labels.LEVELS), validate_choice=False)
    denominator = SelectField(
        _l("Local absorption rate: denominator"),
        choices=_choices(labels.DENOMINATORS),
        validate_choice=False,
    )
