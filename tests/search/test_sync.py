"""The index follows the database through the outbox, and a search engine that fails loses nothing."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from marketplace.catalogue import services as catalogue
from marketplace.core.outbox import OutboxEntry
from marketplace.db import utcnow
from marketplace.discovery import indexing
from marketplace.discovery.models import Match
from search.backends import SearchQuery, SearchUnavailable
from tests.factories import owner_of


def drain(session, engine):
    return indexing.drain(session, engine, on_indexed=indexing.after_indexing)


def test_a_change_writes_its_outbox_entry_in_the_same_transaction(app, session, make_achievement, moderator):
    with app.app_context():
        achievement = make_achievement(publish_with=moderator)
        entries = session.scalars(
            sa.select(OutboxEntry).where(OutboxEntry.doc_id == f"achievement:{achievement.id}")
        )
        versions = [e.version for e in entries]
        assert versions and max(versions) == achievement.search_version
        # a change that does not matter to the index (a view count) writes nothing
        before = session.scalar(sa.select(sa.func.count(OutboxEntry.id)))
        achievement.view_count += 1
        session.commit()
        assert session.scalar(sa.select(sa.func.count(OutboxEntry.id))) == before


def test_rolled_back_changes_leave_no_outbox_entry(app, session, university):
    with app.app_context():
        before = session.scalar(sa.select(sa.func.count(OutboxEntry.id)))
        from tests.factories import achievement_input

        catalogue.create_achievement(session, owner_of(university), achievement_input())
        session.flush()
        assert session.scalar(sa.select(sa.func.count(OutboxEntry.id))) == before + 1
        session.rollback()
        assert session.scalar(sa.select(sa.func.count(OutboxEntry.id))) == before


def test_drain_indexes_published_listings_and_removes_withdrawn_ones(
    app, session, engine, make_achievement, moderator
):
    with app.app_context():
        draft = make_achievement(title="尚未发布的成果")
        published = make_achievement(publish_with=moderator, title="钠离子电池硬碳负极材料")
        report = drain(session, engine)
        assert report.failed == 0
        assert engine.get(f"achievement:{published.id}")["version"] == published.search_version
        assert engine.get(f"achievement:{draft.id}") is None
        assert session.scalar(sa.select(sa.func.count(OutboxEntry.id))) == 0
        assert indexing.check(session, engine) == {"missing": [], "extra": [], "stale": []}
        hits = engine.search(SearchQuery(text="硬碳负极")).hits
        assert [h.pk for h in hits] == [published.id]

        catalogue.act(session, owner_of(published.organization), published, "withdraw")
        session.commit()
        drain(session, engine)
        assert engine.get(f"achievement:{published.id}") is None
        assert indexing.check(session, engine) == {"missing": [], "extra": [], "stale": []}


def test_renaming_an_organisation_reindexes_its_listings(app, session, engine, make_achievement, moderator):
    with app.app_context():
        published = make_achievement(publish_with=moderator)
        drain(session, engine)
        published.organization.name = "更名后的理工大学"
        session.commit()
        drain(session, engine)
        assert engine.get(f"achievement:{published.id}")["organization"] == "更名后的理工大学"


def test_a_failing_engine_never_loses_a_write(app, session, engine, make_achievement, moderator, monkeypatch):
    with app.app_context():

        def down(*_args, **_kwargs):
            raise SearchUnavailable("connection refused")

        monkeypatch.setattr(type(engine), "_index", down)
        listings = [make_achievement(publish_with=moderator, title=f"第{i}项成果") for i in range(5)]
        report = drain(session, engine)
        assert report.failed > 0 and report.indexed == 0
        entries = session.scalars(sa.select(OutboxEntry)).all()
        assert entries and all(e.attempts == 1 and e.available_at > utcnow() for e in entries)
        assert "connection refused" in entries[0].last_error
        # nothing is retried before its backoff has passed
        assert drain(session, engine).entries == 0

        monkeypatch.undo()
        for entry in entries:
            entry.available_at = utcnow() - timedelta(seconds=1)
        session.commit()
        assert drain(session, engine).failed == 0
        assert {f"achievement:{a.id}" for a in listings} <= set(engine.versions())
        assert indexing.check(session, engine) == {"missing": [], "extra": [], "stale": []}


def test_matches_are_stored_with_reasons(app, session, engine, make_achievement, make_demand, moderator):
    with app.app_context():
        achievement = make_achievement(
            publish_with=moderator, title="高镍三元正极材料表面包覆改性技术", field="nev", maturity="pilot"
        )
        make_achievement(
            publish_with=moderator,
            title="水稻抗倒伏栽培技术",
            field="bio",
            summary="通过调控氮肥用量与株型结构，提高水稻抗倒伏能力，适用于南方双季稻区。",
            keywords=["水稻"],
        )
        demand = make_demand(
            publish_with=moderator,
            title="动力电池正极材料循环寿命提升",
            field="nev",
            expected_maturity="lab",
            problem="高镍正极材料循环寿命不足，寻求表面包覆改性方案。",
            metrics="循环寿命提升20%以上",
        )
        drain(session, engine)
        matches = session.scalars(
            sa.select(Match).where(Match.demand_id == demand.id).order_by(Match.rank)
        ).all()
        assert matches and matches[0].achievement_id == achievement.id
        codes = {r["code"] for r in matches[0].reasons}
        assert {"terms", "field", "maturity"} <= codes
