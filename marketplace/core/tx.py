"""The transaction edge: views, CLI commands and jobs commit here, once, then run side effects."""

from __future__ import annotations

from flask import current_app

from marketplace.core import mail, outbox
from marketplace.extensions import db


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
