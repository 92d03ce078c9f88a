"""The declarative base with a naming convention, a UTC datetime type and shared mixins."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, registry
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend.

    PostgreSQL stores ``timestamptz``; SQLite stores naive text, so values are converted to UTC on the
    way in and marked UTC on the way out. Naive datetimes are refused rather than guessed.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    # one registry carrying both settings (SQLAlchemy 2.1 refuses a per-base type map beside a registry,
    # and Flask-SQLAlchemy's model_class handling adds a registry)
    registry = registry(
        metadata=sa.MetaData(naming_convention=NAMING_CONVENTION),
        type_annotation_map={datetime: UTCDateTime()},
    )

    def __repr__(self) -> str:
        ident = getattr(self, "id", None)
        return f"<{type(self).__name__} id={ident}>"


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


def check_in(column: str, values: list[str] | tuple[str, ...]) -> str:
    """SQL text for a CHECK constraint restricting a string column to the given values."""
    quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
    return f"{column} IN ({quoted})"


def render_item(type_: str, obj: object, autogen_context: object) -> str | bool:
    """Alembic autogenerate hook: write UTCDateTime as a plain timestamptz.

    Migrations then never import application code.
    """
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


#: execution option asking SQLite for BEGIN IMMEDIATE (set by core.tx.begin_write)
SQLITE_IMMEDIATE = "sqlite_begin_immediate"


def tune_sqlite(engine: sa.Engine) -> None:
    """Make SQLite behave like the server database where it matters; no-op on other backends.

    - foreign keys enforced (ON DELETE CASCADE / SET NULL work);
    - the pysqlite driver's own transaction handling is turned off and SQLAlchemy emits BEGIN itself,
      the workaround documented in SQLAlchemy's SQLite dialect notes, without which SAVEPOINTs (used by
      the tests' per-test transactions and by nested service transactions) do not behave;
    - WAL journal and a busy timeout, so that several server threads can read while one writes.
    """
    if engine.dialect.name != "sqlite":
        return

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        # a unit of work that will write takes the write lock up front (see core.tx.begin_write): a
        # deferred transaction that read first cannot take it later once another writer committed
        # (SQLITE_BUSY_SNAPSHOT, which no busy timeout waits out)
        immediate = connection.get_execution_options().get(SQLITE_IMMEDIATE)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
