"""Helpers shared by the HTML views of every domain."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from flask import abort, current_app, flash, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.routing import IntegerConverter
from wtforms import FieldList, FormField

from marketplace.core import tx, uploads
from marketplace.core.errors import InvalidTransition, ValidationFailed
from marketplace.extensions import db


def _field(form: Any, name: str) -> Any:
    """The field a service reason names: ``title``, or nested ``seller-name`` / ``costs-0-amount`` (the
    names WTForms gives the fields of a FormField or FieldList)."""
    field = form._fields.get(name)
    if field is not None:
        return field
    head, _sep, rest = name.partition("-")
    parent = form._fields.get(head)
    if isinstance(parent, FormField) and rest:
        return _field(parent.form, rest)
    if isinstance(parent, FieldList) and rest:
        index, _sep, rest = rest.partition("-")
        if index.isdigit() and int(index) < len(parent.entries):
            entry = parent.entries[int(index)]
            return _field(entry.form, rest) if rest and isinstance(entry, FormField) else entry
    return None


def show_errors(form: FlaskForm, error: ValidationFailed, rename: Callable[[str], str] | None = None) -> None:
    """Put a service's validation reasons on the form's fields (or on the form as a whole).

    ``rename`` maps a service's field name to the form's, where they differ."""
    for field_name, message in error.reasons:
        field = _field(form, rename(field_name) if rename else field_name) if field_name else None
        if field is not None:
            field.errors = [*field.errors, message] if isinstance(field.errors, list) else [message]
        else:
            form.form_errors.append(message)


def file_store() -> uploads.FileStore:
    """The instance's store of uploaded files."""
    return uploads.FileStore(Path(current_app.instance_path) / "uploads")


def get_or_404(model: type, ident: Any) -> Any:
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def safe_next(target: str | None, default: str = "core.home") -> str:
    """A same-site path to go to after a form, never an external URL."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") and not target.startswith("//"):
            return target
    return url_for(default)


def page_arg() -> int:
    return request.args.get("page", 1, type=int) or 1


class IdConverter(IntegerConverter):
    """``<int:...>`` for database ids: 1 to 2**31-1 (a PostgreSQL ``integer``). Anything else is a 404,
    never an overflow in the database driver."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", 2**31 - 1)
        super().__init__(url_map, *args, **kwargs)


def id_param_schema(converter: IdConverter) -> dict:
    return {"type": "integer", "minimum": converter.min, "maximum": converter.max}


def flash_problem(exc: Exception) -> None:
    """Show a refused action to the user: each validation reason, or that the state does not allow it."""
    if isinstance(exc, ValidationFailed):
        for _field, message in exc.reasons:
            flash(str(message), "danger")
    else:
        flash(_("This action is not possible in the current state."), "warning")


def run_action(call: Callable[[], Any], success: str | None = None) -> bool:
    """The edge of a one-click action: run the service call, then commit and flash ``success``, or roll back
    and flash why it was refused (validation reasons or an invalid transition). Returns whether it ran."""
    try:
        call()
    except (ValidationFailed, InvalidTransition) as exc:
        tx.rollback()
        flash_problem(exc)
        return False
    tx.commit()
    if success:
        flash(success, "success")
    return True
