"""Search in a browser: a Traditional query, two facets, a result; a demand page with explained matches."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def listings(live_app, live_people):
    """Published listings on the live server, indexed the way the app indexes them (outbox drain)."""
    from marketplace.accounts.models import User
    from marketplace.catalogue import services as catalogue
    from marketplace.discovery import indexing
    from marketplace.extensions import db
    from tests.factories import achievement_input, demand_input

    with live_app.app_context():
        session = db.session
        user = {
            key: session.scalar(sa.select(User).where(User.email == email))
            for key, email in live_people.items()
        }
        moderator = user["moderator"]

        def publish(listing, owner):
            catalogue.act(session, owner, listing, "submit")
            catalogue.act(session, moderator, listing, "approve")
            return listing

        made = {}
        for key, owner, values in (
            (
                "coating",
                "university",
                dict(
                    title="鋰電池隔膜陶瓷塗覆技術",
                    summary="在聚烯烴隔膜表面塗覆氧化鋁陶瓷層，熱收縮率降低80%，提升電池安全性，已完成中試。",
                    keywords=["鋰電池", "隔膜", "塗覆"],
                    field="nev",
                    province_code="370000",
                    city_code="370100",
                ),
            ),
            (
                "recycling",
                "university2",
                dict(
                    title="锂电池隔膜回收再生技术",
                    summary="废旧锂电池隔膜的清洗、再生与造粒工艺，回收率达到90%。",
                    keywords=["锂电池", "隔膜", "回收"],
                    field="nev",
                    province_code="420000",
                    city_code="420100",
                ),
            ),
            (
                "cathode",
                "university",
                dict(
                    title="锂电池隔膜用超高分子量聚乙烯原料",
                    summary="面向湿法锂电池隔膜的超高分子量聚乙烯树脂，分子量分布窄。",
                    keywords=["锂电池", "隔膜", "聚乙烯"],
                    field="materials",
                    province_code="370000",
                    city_code="370100",
                ),
            ),
            (
                "maize",
                "university2",
                dict(
                    title="玉米抗旱品种选育技术",
                    summary="耐旱玉米新品种，在持续干旱条件下较对照品种增产15%，已在黄淮海地区示范推广。",
                    keywords=["玉米", "抗旱"],
                    field="bio",
                    province_code="420000",
                    city_code="420100",
                ),
            ),
        ):
            listing = catalogue.create_achievement(session, user[owner], achievement_input(**values))
            made[key] = publish(listing, user[owner])
        demand = catalogue.create_demand(
            session,
            user["enterprise"],
            demand_input(
                title="寻求锂电池隔膜涂覆技术",
                field="nev",
                problem="我司生产锂电池隔膜，需要陶瓷涂覆工艺降低隔膜热收缩，提高电池安全性。",
                metrics="热收缩率≤2%（150℃，1小时）",
                province_code="370000",
                city_code="370100",
            ),
        )
        made["demand"] = publish(demand, user["enterprise"])
        session.commit()
        report = indexing.drain(session, indexing.backend(live_app), on_indexed=indexing.after_indexing)
        assert report.failed == 0, report.errors
        ids = {key: listing.id for key, listing in made.items()}
        session.remove()
    return ids


def test_traditional_query_two_facets_and_a_result(login_as, listings, screenshots):
    page = login_as(None)
    page.goto("/")
    page.locator("nav input[name=q]").fill("鋰電池隔膜")
    page.locator("nav input[name=q]").press("Enter")
    results = page.locator("#results")
    expect(results).to_contain_text("鋰電池隔膜陶瓷塗覆技術")
    expect(results).to_contain_text("锂电池隔膜回收再生技术")  # a Simplified listing, same query
    expect(results).not_to_contain_text("玉米")
    expect(results.locator("mark").first).to_be_visible()  # highlighted query words

    page.locator(".facet[data-facet=field] .facet-value[data-value=nev]").click()
    expect(results).not_to_contain_text("超高分子量聚乙烯")
    page.locator(".facet[data-facet=province] .facet-value[data-value='370000']").click()
    # the Shandong new-energy-vehicle listings: the coating achievement and the enterprise's demand
    expect(page.locator("#result-count")).to_have_text("共 2 条结果")
    expect(results).to_contain_text("寻求锂电池隔膜涂覆技术")
    expect(results).not_to_contain_text("回收再生")
    expect(page.locator(".facet .list-group-item.active")).to_have_count(2)
    page.screenshot(path=screenshots / "20-search-two-facets.png", full_page=True)

    results.get_by_role("link", name="鋰電池隔膜陶瓷塗覆技術").click()
    expect(page.locator("h1")).to_contain_text("鋰電池隔膜陶瓷塗覆技術")
    assert page.url.endswith(f"/achievements/{listings['coating']}")


def test_demand_page_shows_matches_with_reasons(login_as, live_people, listings, screenshots):
    page = login_as(live_people["enterprise"])
    page.goto(f"/demands/{listings['demand']}")
    matches = page.locator("#matches")
    expect(matches).to_contain_text("推荐成果")
    first = matches.locator("li.match").first
    expect(first).to_contain_text("鋰電池隔膜陶瓷塗覆技術")
    reasons = first.locator(".match-reasons")
    expect(reasons).to_contain_text("共同关键词")
    expect(reasons).to_contain_text("相同技术领域")
    expect(reasons).to_contain_text("同城")
    expect(matches).not_to_contain_text("玉米")
    matches.screenshot(path=screenshots / "21-demand-matches.png")
