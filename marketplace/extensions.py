"""Flask extensions, created once and bound to an app in ``create_app``."""

from __future__ import annotations

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from marketplace.db import Base, render_item

db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True, render_item=render_item)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


class MarketplaceApi(Api):
    """flask-smorest without its app-wide JSON error handler: HTML pages keep their localized error pages,
    and the API blueprint registers its own handler for one error envelope."""

    def _register_error_handlers(self) -> None:
        pass


api = MarketplaceApi()
