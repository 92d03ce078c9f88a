"""TechTransfer Market (科技成果转化交易平台): the Flask application."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, render_template, request, url_for
from flask_babel import format_date, format_datetime, get_locale, gettext
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from marketplace import config as settings
from marketplace.accounts import services as account_services
from marketplace.core.errors import HTTP_ERROR_CODES, NotFound, PermissionDenied
from marketplace.db import tune_sqlite
from marketplace.extensions import api as rest_api
from marketplace.extensions import babel, csrf, db, limiter, login_manager, migrate
from marketplace.i18n import LANGUAGE_NAMES, html_lang, select_locale, to_script

ROOT = settings.ROOT


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Assemble the application: configuration, extensions, blueprints, CLI, error pages.

    Nothing here touches the database or the network; ``flask db upgrade`` migrates, explicitly.
    """
    overrides = dict(config or {})
    instance_path = Path(
        overrides.get("INSTANCE_PATH") or os.environ.get("INSTANCE_PATH") or settings.DEFAULT_INSTANCE
    )
    app = Flask(
        __name__,
        instance_path=str(instance_path),
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.config.update(settings.defaults(instance_path))
    app.config.update(settings.from_environment(os.environ))
    if "DATABASE_URL" in overrides:
        overrides["SQLALCHEMY_DATABASE_URI"] = settings.normalise_database_url(overrides.pop("DATABASE_URL"))
    app.config.update(overrides)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = settings.secret_key(instance_path)
    settings.validate(app.config)
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///"):
        instance_path.mkdir(parents=True, exist_ok=True)

    _init_extensions(app)
    _register_blueprints(app)
    _register_write_transactions(app)
    _register_error_handlers(app)
    _register_template_helpers(app)
    _register_cli(app)
    app.after_request(_security_headers)
    if not app.debug and not app.testing:
        logging.getLogger("marketplace").setLevel(logging.INFO)
    return app


def _security_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


def _init_extensions(app: Flask) -> None:
    db.init_app(app)
    with app.app_context():
        tune_sqlite(db.engine)
    account_services.use_password_profile(app.config["PASSWORD_HASH_PROFILE"])
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(Path(__file__).parent / "translations"),
    )
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    login_manager.login_message_category = "info"

    # every domain's models, so that the metadata (and Alembic autogenerate) sees all tables
    import marketplace.api.models  # noqa: F401
    import marketplace.catalogue.models  # noqa: F401
    import marketplace.contracts.models  # noqa: F401
    import marketplace.core.counters  # noqa: F401
    import marketplace.core.models  # noqa: F401
    import marketplace.core.notifications  # noqa: F401
    import marketplace.deals.models  # noqa: F401
    import marketplace.payments.models  # noqa: F401
    from marketplace.accounts.models import User

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        return db.session.get(User, int(user_id)) if user_id.isdigit() else None


def _register_blueprints(app: Flask) -> None:
    from marketplace.core.web import IdConverter, id_param_schema

    app.url_map.converters["int"] = IdConverter  # every <int:...> in a route is a bounded database id
    from marketplace.accounts.views import bp as accounts_bp
    from marketplace.api.views import bp as api_bp
    from marketplace.catalogue.views import bp as catalogue_bp
    from marketplace.contracts.views import bp as contracts_bp
    from marketplace.core.views import bp as core_bp
    from marketplace.deals.views import bp as deals_bp
    from marketplace.discovery import init_app as init_discovery
    from marketplace.discovery.views import bp as discovery_bp
    from marketplace.payments.views import bp as payments_bp
    from marketplace.stats.views import bp as stats_bp

    for blueprint in (core_bp, accounts_bp, catalogue_bp, discovery_bp, contracts_bp, stats_bp, deals_bp):
        app.register_blueprint(blueprint)
    app.register_blueprint(payments_bp)  # also adds the deposit rules to the catalogue's bid hooks
    init_discovery(app)
    rest_api.init_app(app)
    rest_api.register_converter(IdConverter, id_param_schema)
    rest_api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    rest_api.register_blueprint(api_bp)


def _register_write_transactions(app: Flask) -> None:
    """Requests that change data begin as writing transactions (SQLite: BEGIN IMMEDIATE; see tx)."""
    from marketplace.core import tx

    @app.before_request
    def _begin_write() -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            tx.begin_write()


def _register_error_handlers(app: Flask) -> None:
    def page(code: int, title: Any, message: Any):
        if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
            return {"error": {"code": HTTP_ERROR_CODES.get(code, "error"), "message": str(message)}}, code
        return render_template("errors/error.html", code=code, title=title, message=message), code

    @app.errorhandler(400)
    def bad_request(_e):
        return page(
            400, _l("Bad request"), _l("The request could not be understood. Please go back and try again.")
        )

    @app.errorhandler(CSRFError)
    def csrf_failed(_e):
        return page(400, _l("The form has expired"), _l("Please reload the page and submit the form again."))

    @app.errorhandler(403)
    @app.errorhandler(PermissionDenied)
    def forbidden(_e):
        return page(403, _l("Not allowed"), _l("You do not have permission to do this."))

    @app.errorhandler(404)
    @app.errorhandler(NotFound)
    def not_found(_e):
        return page(
            404, _l("Page not found"), _l("The page you asked for does not exist or has been removed.")
        )

    @app.errorhandler(405)
    def not_allowed(_e):
        return page(405, _l("Method not allowed"), _l("This address does not accept this kind of request."))

    @app.errorhandler(413)
    def too_large(_e):
        return page(
            413,
            _l("The upload is too large"),
            _l("Files can be at most %(mb)d MB.", mb=app.config["MAX_CONTENT_LENGTH"] // 2**20),
        )

    @app.errorhandler(429)
    def too_many(_e):
        return page(
            429,
            _l("Too many attempts"),
            _l("Too many attempts from your address. Please wait a few minutes."),
        )

    @app.errorhandler(500)
    def server_error(_e):
        db.session.rollback()
        return page(500, _l("Something went wrong"), _l("An unexpected error occurred. It has been logged."))


def _register_template_helpers(app: Flask) -> None:
    from marketplace.accounts import labels
    from marketplace.core import notifications, regions

    @app.context_processor
    def globals_() -> dict[str, Any]:
        locale = str(get_locale() or app.config["BABEL_DEFAULT_LOCALE"])
        unread = 0
        if current_user and current_user.is_authenticated:
            unread = notifications.unread_count(db.session, current_user.id)
        return {
            "unread_notifications": unread,
            "is_moderator": bool(
                current_user
                and current_user.is_authenticated
                and (current_user.has_role("moderator") or current_user.has_role("admin"))
            ),
            "current_locale": locale,
            "html_lang": html_lang(locale),
            "language_names": LANGUAGE_NAMES,
            "languages": app.config["LANGUAGES"],
            "account_labels": labels,
            "to_script": lambda text: to_script(text, locale),
            "region_label": lambda code: to_script(regions.label(code), locale),
        }

    def notification_text(notification: Any) -> str:
        """A stored notification in the reader's language (its msgid translated, then filled in)."""
        try:
            return gettext(notification.message) % notification.params
        except (KeyError, TypeError, ValueError):
            return gettext(notification.message)

    app.jinja_env.globals["notification_text"] = notification_text

    def _page_url(number: int) -> str:
        args = request.args.to_dict()
        args["page"] = str(number)
        return url_for(request.endpoint, **(request.view_args or {}), **args)

    app.jinja_env.globals["page_url"] = _page_url  # a global, so imported macros can use it
    app.jinja_env.filters["datetime"] = lambda value, fmt="medium": (
        format_datetime(value, fmt) if value else ""
    )
    app.jinja_env.filters["date"] = lambda value, fmt="medium": format_date(value, fmt) if value else ""
    app.jinja_env.policies["ext.i18n.trimmed"] = True


def _register_cli(app: Flask) -> None:
    from marketplace.cli import register

    register(app)
