from pathlib import Path

import pytest

from marketplace import create_app
from marketplace.config import ConfigError, from_environment, secret_key


def test_secret_key_is_generated_once_and_kept(tmp_path: Path):
    first = secret_key(tmp_path)
    assert len(first) > 40 and secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_two_fresh_instances_get_different_keys(tmp_path: Path):
    assert secret_key(tmp_path / "a") != secret_key(tmp_path / "b")


def test_environment_is_typed():
    env = {
        "DATABASE_URL": "postgres://u@h/db",
        "MAIL_PORT": "2525",
        "MARKETPLACE_MAIL_USE_TLS": "no",
        "MARKETPLACE_ACHIEVEMENT_VALIDITY_MONTHS": "6",
    }
    found = from_environment(env)
    assert found["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert found["MAIL_PORT"] == 2525 and found["MAIL_USE_TLS"] is False
    assert found["ACHIEVEMENT_VALIDITY_MONTHS"] == 6
    with pytest.raises(ConfigError):
        from_environment({"MAIL_PORT": "many"})


def test_default_database_is_sqlite_under_instance(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'marketplace.sqlite3'}"
    assert app.config["SECRET_KEY"] == (tmp_path / "secret_key").read_text()
    assert app.config["SEARCH_URL"] == f"embedded://{tmp_path / 'search'}"
