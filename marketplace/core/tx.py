"""The transaction edge: views, CLI commands and jobs commit here, once, then run side effects."""

from __future__ import annotations

from flask import current_app
from sqlalchemy.orm import Session, scoped_session

from marketplace.core import mail, outbox
from marketplace.db import SQLITE_IMMEDIATE
from marketplace.extensions import db


def begin_write(session: Session | None = None) -> None:
    """Start the session's transaction as a writing one (before it reads anything).

    On SQLite this is BEGIN IMMEDIATE: writers queue for the lock (busy timeout) instead of failing when
    another writer committed after they began reading. Every unsafe request (POST, PUT, PATCH, DELETE)
    starts this way; jobs that read then write call it themselves. No effect on PostgreSQL, whose row
    locks (e.g. ``counters.next_value``) already serialise what must be serialised.
    """
    session = session or db.session
    if isinstance(session, scoped_session):
        session = session()
    if session.get_bind().dialect.name == "sqlite" and not session.in_transaction():
        session.connection(execution_options={SQLITE_IMMEDIATE: True})


def commit() -> None:
    """Commit the request's work, then deliver the mail it queued (recorded in a second commit).

    Mail goes out only for work that committed; a delivery failure never undoes the work, it leaves
    the mail pending for ``flask mail send-pending``. Then, if the work changed searchable rows, the
    registered hooks run (the embedded search index drains its outbox here); they never raise.
    """
    session = db.session
    session.commit()
    queued = mail.take_queued(session)
    if queued:
        mail.deliver(session, queued, mail.sender_for(current_app.config))
        session.commit()
    if session.info.pop(outbox.WRITTEN_KEY, False):
        for hook in current_app.extensions.get("after_outbox_commit", []):
            hook(session)


def rollback() -> None:
    db.session.rollback()
    mail.take_queued(db.session)
    db.session.info.pop(outbox.WRITTEN_KEY, None)
