"""Forms of payments. Deposits are typed in 元 (they are small amounts, unlike the catalogue's 万元)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField


class YuanField(StringField):
    """An amount typed in 元; ``yuan`` is its value (None when empty)."""

    yuan: Decimal | None = None

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        self.yuan = None
        raw = (self.data or "").replace(",", "").replace("，", "").replace("¥", "").strip()
        if raw:
            try:
                value = Decimal(raw)
            except InvalidOperation as exc:
                raise ValueError(_l("Enter an amount in yuan, e.g. 5000 or 2500.50.")) from exc
            if not value.is_finite() or value.as_tuple().exponent < -2:  # type: ignore[operator]
                raise ValueError(_l("Enter an amount in yuan, e.g. 5000 or 2500.50."))
            self.yuan = value

    def _value(self):
        return self.data or ""


class DepositForm(FlaskForm):
    deposit = YuanField(
        _l("Deposit per application (yuan)"), description=_l("Leave empty to require no deposit.")
    )


class ActionForm(FlaskForm):
    """A one-click action (pay, refund): only the CSRF token."""


class RefundForm(FlaskForm):
    reason = StringField(_l("Reason"))
