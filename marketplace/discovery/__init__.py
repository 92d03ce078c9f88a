"""Discovery: full-text search, stored demand-achievement matches, match feedback, saved searches.

The engines live in the Flask-free ``search`` package; this domain feeds them from the database (the
outbox drainer in ``indexing.py``) and serves their results to people.
"""

from __future__ import annotations

import logging

from flask import Flask
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    from marketplace.catalogue import search_docs  # noqa: F401 - registers the searchable models

    if app.config.get("SEARCH_DRAIN_INLINE", True):
        app.extensions.setdefault("after_outbox_commit", []).append(drain_after_commit)


def drain_after_commit(session: Session) -> None:
    """Apply what the request just committed to the index; failures stay in the outbox for later."""
    from marketplace.discovery import indexing

    try:
        indexing.drain(
            session,
            indexing.backend(),
            model=indexing.embedder(),
            max_batches=5,
            on_indexed=indexing.after_indexing,
        )
    except Exception:  # noqa: BLE001 - a search problem never fails the user's write
        session.rollback()
        log.exception("inline search drain failed; the outbox keeps the changes")
