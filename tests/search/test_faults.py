"""Faults: a stopped search server and a killed drainer lose nothing and duplicate nothing.

These stop and kill real things: the OpenSearch node of ``make test`` (restarted on its data with
``scripts/services/opensearch.sh resume``) and a ``flask search drain --follow`` worker process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from marketplace.catalogue import services as catalogue
from marketplace.catalogue.models import Achievement
from marketplace.core import tx
from marketplace.core.outbox import OutboxEntry
from marketplace.db import utcnow
from marketplace.discovery import indexing
from marketplace.discovery.models import Match
from tests.conftest import make_config
from tests.factories import PASSWORD, achievement_input, owner_of

from .conftest import open_test_opensearch, opensearch_url

ROOT = Path(__file__).resolve().parents[2]
SERVICE = ROOT / "scripts" / "services" / "opensearch.sh"
CLEAN = {"missing": [], "extra": [], "stale": []}


def _service(command: str) -> None:
    subprocess.run(  # noqa: S603 - our own script, fixed arguments
        ["/bin/bash", str(SERVICE), command, "single"], check=True, capture_output=True, timeout=300
    )


def _release_backoff(session) -> None:
    session.execute(sa.update(OutboxEntry).values(available_at=utcnow() - timedelta(seconds=1)))
    session.commit()


def test_writes_while_opensearch_is_stopped_reach_the_index_after_restart(
    app, session, browser, university, make_achievement, moderator
):
    opensearch_url()  # skip (or fail under CI) when no node runs
    with app.app_context():
        state = app.extensions.setdefault("search", {})
        original = indexing.backend(app)
        engine = open_test_opensearch()
        state["backend"] = engine
        try:
            before = [make_achievement(publish_with=moderator, title=f"停机前成果{i}") for i in range(10)]
            assert indexing.drain(session, engine, on_indexed=indexing.after_indexing).failed == 0
            assert indexing.check(session, engine) == CLEAN

            _service("stop")
            try:
                assert engine.health()["ok"] is False
                writes = 0
                # a person's write through the web answers as usual
                browser.login(owner_of(university).email, PASSWORD)
                form = {
                    "title": "停机期间网页提交的成果",
                    "summary": "搜索引擎停机时保存的成果，重启后应出现在索引中。",
                    "field": "energy",
                    "maturity": "pilot",
                    "province_code": "310000",
                    "city_code": "310100",
                    "transfer_modes": ["licence"],
                    "keywords": "储能",
                    "contact_name": "王老师",
                    "contact_phone": "021-12345678",
                }
                response = browser.post("/achievements/new", form, token_from="/achievements/new")
                assert response.status_code == 302
                writes += 1
                # 200 listing changes, each committed like a request (the inline drain fails quietly)
                created = []
                for i in range(130):
                    created.append(make_achievement(publish_with=moderator, title=f"停机期间发布的成果{i}"))
                    tx.commit()
                    writes += 1
                owner = owner_of(university)
                for achievement in created[:40] + before[:10]:
                    catalogue.update_listing(
                        session, owner, achievement, achievement_input(title=f"{achievement.title}（修订）")
                    )
                    catalogue.decide_revision(session, moderator, achievement, "approve")
                    tx.commit()
                    writes += 1
                for achievement in created[40:59]:
                    catalogue.act(session, owner, achievement, "withdraw")
                    tx.commit()
                    writes += 1
                assert writes == 200
                pending = session.scalar(sa.select(sa.func.count(OutboxEntry.id)))
                assert pending >= 200
                assert session.scalar(sa.select(sa.func.max(OutboxEntry.attempts))) >= 1
            finally:
                _service("resume")

            _release_backoff(session)
            report = indexing.drain(session, engine, on_indexed=indexing.after_indexing)
            assert report.failed == 0, report.errors
            assert session.scalar(sa.select(sa.func.count(OutboxEntry.id))) == 0
            assert indexing.check(session, engine) == CLEAN
            # exactly the database: ids and versions
            from marketplace.catalogue import search_docs

            assert engine.versions() == dict(search_docs.published_ids(session))
            revised = engine.get(f"achievement:{created[0].id}")
            assert revised["title"].endswith("（修订）")
            assert engine.get(f"achievement:{created[45].id}") is None
        finally:
            state["backend"] = original
            engine.drop()
            engine.close()


@pytest.mark.parametrize("engine_name", ["embedded", "opensearch"])
def test_a_killed_drainer_loses_nothing_and_duplicates_nothing(engine_name, separate_database, tmp_path):
    from flask_migrate import upgrade

    from marketplace import create_app, demo
    from marketplace.catalogue import search_docs
    from marketplace.extensions import db

    if engine_name == "opensearch":
        engine = open_test_opensearch()
        search_url = f"{opensearch_url()}/{engine.prefix}"
    else:
        search_url = f"embedded://{tmp_path / 'index'}"
        engine = None
    instance = tmp_path / "instance"
    config = make_config(separate_database, instance, SEARCH_URL=search_url, SEARCH_DRAIN_INLINE=False)
    worker_app = create_app(config)
    try:
        with worker_app.app_context():
            upgrade()
            demo.seed(db.session, password="demo-pass-2026")
            db.session.commit()
            queued = db.session.scalar(sa.select(sa.func.count(OutboxEntry.id)))
            expected = dict(search_docs.published_ids(db.session))
            assert queued > len(expected) > 200
            engine = engine or indexing.backend(worker_app)

            env = {
                **os.environ,
                "FLASK_APP": "wsgi",
                "DATABASE_URL": separate_database,
                "INSTANCE_PATH": str(instance),
                "SECRET_KEY": str(config["SECRET_KEY"]),
                "SEARCH_URL": search_url,
                "SEARCH_EMBEDDINGS": "false",
            }
            worker = subprocess.Popen(
                [sys.executable, "-m", "flask", "search", "drain", "--follow", "--batch", "5"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            try:
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    db.session.rollback()
                    left = db.session.scalar(sa.select(sa.func.count(OutboxEntry.id)))
                    if left < queued * 0.6 or worker.poll() is not None:
                        break
                    time.sleep(0.05)
                worker.send_signal(signal.SIGKILL)
                output = worker.communicate(timeout=30)[0].decode(errors="replace")
            finally:
                if worker.poll() is None:
                    worker.kill()
            assert worker.returncode == -signal.SIGKILL, output
            db.session.rollback()
            left = db.session.scalar(sa.select(sa.func.count(OutboxEntry.id)))
            assert 0 < left < queued, f"the worker was not killed midway ({left} of {queued} left)\n{output}"
            engine.refresh()
            assert 0 < engine.count() < len(expected)

            # another worker picks up where the killed one stopped
            report = indexing.drain(db.session, engine, on_indexed=indexing.after_indexing)
            assert report.failed == 0, report.errors
            assert db.session.scalar(sa.select(sa.func.count(OutboxEntry.id))) == 0
            assert engine.versions() == expected
            assert engine.count() == len(expected)
            assert indexing.check(db.session, engine) == CLEAN
            pairs = db.session.execute(
                sa.select(Match.demand_id, Match.achievement_id, sa.func.count())
                .group_by(Match.demand_id, Match.achievement_id)
                .having(sa.func.count() > 1)
            ).all()
            assert pairs == []
            assert db.session.scalar(sa.select(sa.func.count(Match.id))) > 0
            assert db.session.scalar(sa.select(sa.func.count(Achievement.id))) >= len(
                [i for i in expected if i.startswith("achievement:")]
            )
            db.session.remove()
            db.engine.dispose()
    finally:
        if engine is not None:
            if engine_name == "opensearch":
                engine.drop()
            engine.close()
