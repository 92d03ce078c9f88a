"""Gap-free numbering per scope (filing numbers per province and year, registration numbers per site).

``next_value`` increments the scope's row with ``UPDATE ... RETURNING`` inside the caller's transaction:
the row stays locked until that transaction ends, so concurrent callers get distinct consecutive values,
and a rolled-back transaction gives its number back (no gaps). Works on PostgreSQL and SQLite >= 3.35.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, Session, mapped_column

from marketplace.db import Base


class Counter(Base):
    __tablename__ = "counter"

    #: e.g. ``filing:2026:310000``
    scope: Mapped[str] = mapped_column(sa.String(100), primary_key=True)
    value: Mapped[int] = mapped_column(sa.BigInteger, default=0)

    def __repr__(self) -> str:
        return f"<Counter {self.scope}={self.value}>"


def next_value(session: Session, scope: str) -> int:
    table = Counter.__table__
    bump = (
        sa.update(table)
        .where(table.c.scope == scope)
        .values(value=table.c.value + 1)
        .returning(table.c.value)
    )
    value = session.execute(bump).scalar_one_or_none()
    if value is not None:
        return value
    # first use of this scope: create it; a concurrent creator makes one of us retry the increment
    try:
        with session.begin_nested():
            session.execute(sa.insert(table).values(scope=scope, value=1))
        return 1
    except sa.exc.IntegrityError:
        return session.execute(bump).scalar_one()
