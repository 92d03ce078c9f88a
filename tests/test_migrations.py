"""The schema is only ever changed by migrations: one head, models in sync, down and up again."""

from __future__ import annotations

import secrets

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from marketplace import create_app
from marketplace.extensions import db
from tests.conftest import TEST_DB, make_config


def test_single_head(app):
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_models_match_the_migrated_schema(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, db.metadata)
    assert diff == [], f"models and migrations differ; write a migration: {diff}"


@pytest.fixture
def scratch_url(database_url, tmp_path):
    """A second, empty database on the same backend."""
    if TEST_DB == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    server = sa.make_url(database_url)
    name = f"tt_scratch_{secrets.token_hex(4)}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def test_downgrade_to_base_and_upgrade_again(scratch_url, tmp_path):
    app = create_app(make_config(scratch_url, tmp_path))
    with app.app_context():
        upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"user_account", "organization", "membership", "audit_log", "outbound_mail"} <= tables
        downgrade(revision="base")
        assert set(sa.inspect(db.engine).get_table_names()) <= {"alembic_version"}
        upgrade()
        assert {"user_account", "organization"} <= set(sa.inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_partial_unique_index_allows_one_live_membership(app, session, make_user, make_org):
    """The database itself refuses a second pending/approved membership (not only the service)."""
    from marketplace.accounts.models import Membership

    user, org_a, org_b = make_user(), make_org(), make_org()
    session.add(Membership(user=user, organization=org_a, status="rejected"))
    session.add(Membership(user=user, organization=org_a, status="pending"))
    session.flush()
    session.add(Membership(user=user, organization=org_b, status="approved"))
    with pytest.raises(sa.exc.IntegrityError):
        session.flush()
    session.rollback()
