"""The search page, the search API, saved searches with alerts, and matches on listing pages."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from marketplace.core.notifications import Notification
from marketplace.discovery import indexing
from marketplace.discovery.models import SavedSearch
from tests.factories import PASSWORD, owner_of


@pytest.fixture
def indexed(app, session, make_achievement, make_demand, moderator, monkeypatch):
    monkeypatch.setitem(app.config, "SEARCH_EMBEDDINGS", True)  # cross-language search needs the vectors
    with app.app_context():
        engine = indexing.backend(app)
        engine.clear()
        w = type("World", (), {})()
        w.battery = make_achievement(
            publish_with=moderator,
            title="湿法锂电池隔膜制备技术",
            field="nev",
            summary="聚乙烯湿法锂电池隔膜，孔隙率高、热收缩小，已完成中试，可用于动力电池。",
            keywords=["锂电池", "隔膜"],
        )
        w.rice = make_achievement(
            publish_with=moderator,
            title="水稻抗倒伏栽培技术",
            field="bio",
            summary="通过调控氮肥用量与株型结构，提高水稻抗倒伏能力，适用于南方双季稻区。",
            keywords=["水稻"],
        )
        w.demand = make_demand(
            publish_with=moderator,
            title="动力电池隔膜热收缩改善",
            field="nev",
            expected_maturity="lab",
            problem="现有锂电池隔膜高温热收缩大，存在安全隐患，寻求改性隔膜技术。",
            metrics="热收缩率≤2%",
        )
        indexing.drain(session, engine, model=indexing.embedder(app), on_indexed=indexing.after_indexing)
        yield w
        engine.clear()


def test_search_page_finds_traditional_query_with_highlights_and_facets(client, indexed):
    page = client.get("/search?q=鋰電池隔膜")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "<mark>锂电池隔膜</mark>" in html or "<mark>锂电池</mark>" in html
    assert f'data-id="achievement:{indexed.battery.id}"' in html
    assert f'data-id="achievement:{indexed.rice.id}"' not in html
    assert 'data-facet="field"' in html and 'data-facet="kind"' in html


def test_search_facets_narrow_and_empty_state_suggests(client, indexed):
    html = client.get("/search?q=锂电池&kind=demand").get_data(as_text=True)
    assert f'data-id="demand:{indexed.demand.id}"' in html
    assert f'data-id="achievement:{indexed.battery.id}"' not in html
    unknown = client.get("/search?q=量子引力波望远镜").get_data(as_text=True)
    assert 'id="no-exact"' in unknown  # only related listings, and the page says so
    empty = client.get("/search?q=量子引力波望远镜&field=digital_creative").get_data(as_text=True)
    assert 'id="no-results"' in empty


def test_bad_search_parameters_get_a_clear_error(client, indexed):
    page = client.get("/search?q=电池&field=nonsense&sort=cheapest")
    assert page.status_code == 400
    assert "alert-danger" in page.get_data(as_text=True)


def test_search_api(client, indexed):
    body = client.get("/api/v1/search?q=lithium battery separator&per_page=5").get_json()
    assert body["items"][0]["id"] == f"achievement:{indexed.battery.id}"
    assert body["items"][0]["title_highlight"] and body["items"][0]["url"].endswith(
        f"/achievements/{indexed.battery.id}"
    )
    assert {"field", "kind", "province"} <= set(body["facets"])
    bad = client.get("/api/v1/search?sort=cheapest")
    assert bad.status_code in (400, 422) and "error" in bad.get_json()


def test_demand_matches_api_and_page(client, browser, indexed):
    body = client.get(f"/api/v1/demands/{indexed.demand.id}/matches").get_json()
    assert body["items"][0]["achievement_id"] == indexed.battery.id
    assert {"code": "field", "params": {"field": "nev"}} in body["items"][0]["reasons"]
    browser.login(owner_of(indexed.demand.organization).email, PASSWORD)
    html = browser.get(f"/demands/{indexed.demand.id}").get_data(as_text=True)
    assert 'id="matches"' in html and "湿法锂电池隔膜制备技术" in html
    assert "相同技术领域" in html or "Same technical field" in html


def test_declines_are_rolled_up_for_the_achievement_owner(app, session, browser, indexed):
    browser.login(owner_of(indexed.demand.organization).email, PASSWORD)
    url = f"/demands/{indexed.demand.id}/matches/{indexed.battery.id}/feedback"
    assert (
        browser.post(
            url, {"verdict": "declined", "reason": "too_early"}, token_from=f"/demands/{indexed.demand.id}"
        ).status_code
        == 302
    )
    missing_reason = browser.post(url, {"verdict": "declined"}, token_from=f"/demands/{indexed.demand.id}")
    assert missing_reason.status_code == 302  # refused with a message; the first verdict stands
    browser.logout()
    browser.login(owner_of(indexed.battery.organization).email, PASSWORD)
    html = browser.get(f"/achievements/{indexed.battery.id}").get_data(as_text=True)
    assert 'id="decline-rollup"' in html


def test_saved_search_alerts_on_new_listings(
    app, session, browser, make_user, make_achievement, moderator, indexed
):
    user = make_user("watcher@example.com")
    browser.login(user.email, PASSWORD)
    response = browser.post(
        "/search/saved?q=隔膜", {"name": "隔膜技术", "email": "y"}, token_from="/search?q=隔膜"
    )
    assert response.status_code == 302
    saved = session.scalar(sa.select(SavedSearch).where(SavedSearch.user_id == user.id))
    assert saved.params == {"q": "隔膜"}
    with app.app_context():
        make_achievement(
            publish_with=moderator,
            title="陶瓷涂覆隔膜技术",
            summary="在基膜表面涂覆氧化铝陶瓷层，提高隔膜耐热性与电解液浸润性，已批量供货。",
        )
        indexing.drain(session, indexing.backend(app), on_indexed=indexing.after_indexing)
    notes = session.scalars(sa.select(Notification).where(Notification.user_id == user.id)).all()
    assert len(notes) == 1 and notes[0].params["count"] == 1


def test_evaluate_scores_a_labelled_set_and_counts_recorded_feedback(
    app, session, tmp_path, make_achievement, make_demand, moderator
):
    import json

    from marketplace.discovery.models import MatchFeedback

    rows = {
        "achievements.jsonl": [
            {
                "id": "a1",
                "title": "湿法锂电池隔膜制备技术",
                "summary": "聚乙烯隔膜，孔隙率高。",
                "field": "新能源",
                "keywords": ["隔膜"],
                "maturity": "中试",
                "transfer_modes": ["许可"],
                "institution": "甲大学",
                "region": "上海",
                "price_wan": 50,
                "script": "simplified",
            },
            {
                "id": "a2",
                "title": "玉米抗旱品种选育",
                "summary": "耐旱玉米新品种。",
                "field": "现代农业",
                "keywords": ["玉米"],
                "maturity": "产业化",
                "transfer_modes": ["转让"],
                "institution": "乙大学",
                "region": "河南",
                "price_wan": None,
                "script": "simplified",
            },
        ],
        "queries.jsonl": [
            {"id": "q1", "text": "鋰電池隔膜", "script": "traditional"},
            {"id": "q2", "text": "drought tolerant maize", "script": "english"},
        ],
        "demands.jsonl": [
            {
                "id": "d1",
                "title": "寻求锂电池隔膜技术",
                "description": "提升隔膜孔隙率。",
                "field": "新能源",
                "budget_wan": 100,
                "region": "上海",
                "script": "simplified",
            },
        ],
        "qrels.jsonl": [
            {"from": "q1", "achievement": "a1", "grade": 3},
            {"from": "q2", "achievement": "a2", "grade": 3},
            {"from": "d1", "achievement": "a1", "grade": 3},
        ],
    }
    for name, lines in rows.items():
        (tmp_path / name).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in lines), "utf-8")
    achievement = make_achievement(publish_with=moderator)
    demand = make_demand(publish_with=moderator)
    session.add(
        MatchFeedback(demand_id=demand.id, achievement_id=achievement.id, verdict="declined", reason="price")
    )
    session.commit()

    result = app.test_cli_runner().invoke(
        args=["search", "evaluate", "--data", str(tmp_path), "--json", "--no-vectors"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output.strip().splitlines()[-1])
    assert summary["backend"] == "embedded"
    assert set(summary) >= {"queries", "demands", "baseline", "feedback"}
    assert summary["queries"]["by_script"]["traditional"]["ndcg@10"] == 1.0
    assert summary["demands"]["mrr"] == 1.0
    assert summary["feedback"] == {"declined": 1, "declined:price": 1}
    assert "declined 1 (price 1)" in result.output


def test_an_index_of_an_older_analysis_degrades_healthz_until_reindex_if_stale(app, client, indexed):
    from search.backends.embedded import ANALYSIS_FILE

    runner = app.test_cli_runner()
    assert client.get("/healthz").json["search"]["analysis"]["current"] is True
    result = runner.invoke(args=["search", "reindex", "--if-stale"])
    assert result.exit_code == 0 and "nothing to do" in result.output

    with app.app_context():
        engine = indexing.backend(app)
        assert engine.root is not None  # the app's embedded index lives on disk
        # what a generation built before a lexicon change looks like
        (engine.root / engine._current() / ANALYSIS_FILE).write_text("0123456789abcdef")
    body = client.get("/healthz").json
    assert body["status"] == "degraded"
    assert body["search"]["analysis"] == {
        "current": False,
        "index": "0123456789abcdef",
        "code": body["search"]["analysis"]["code"],
    }

    result = runner.invoke(args=["search", "reindex", "--if-stale"])
    assert result.exit_code == 0, result.output
    assert "built under analysis 0123456789abcdef;" in result.output and "indexed 3 listings" in result.output
    body = client.get("/healthz").json
    assert body["status"] == "ok" and body["search"]["analysis"]["current"] is True
    page = client.get("/search?q=鋰電池隔膜").get_data(as_text=True)
    assert f'data-id="achievement:{indexed.battery.id}"' in page
