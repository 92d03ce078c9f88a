"""JSON API v1: public reads, token-authenticated writes, one error envelope, an OpenAPI document."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from openapi_spec_validator import validate

from marketplace.api import services as api_services
from marketplace.catalogue.models import Achievement
from marketplace.core.models import AuditLog
from tests.factories import owner_of

BODY = {
    "title": "面向5G基站的氮化镓功放芯片",
    "summary": "基于GaN HEMT工艺，饱和输出功率提升20%，已完成流片与可靠性测试。",
    "field": "it",
    "maturity": "pilot",
    "province_code": "310000",
    "city_code": "310100",
    "transfer_modes": ["licence"],
    "price": "1200000.00",
    "keywords": ["氮化镓", "功放"],
    "ip_items": [{"ip_type": "invention", "number": "201710601862.3", "status": "granted"}],
}


@pytest.fixture
def token(session, university):
    _row, raw = api_services.create_token(session, owner_of(university), university, "测试系统")
    session.commit()
    return raw


def bearer(raw: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {raw}"}


class TestReads:
    def test_pagination_and_filters(self, client, make_achievement, moderator):
        for index in range(25):
            make_achievement(
                publish_with=moderator, title=f"成果{index:02d}", field="energy" if index < 5 else "it"
            )
        make_achievement(title="草稿不公开")
        page = client.get("/api/v1/achievements?per_page=10&page=3").json
        assert (page["total"], page["pages"], len(page["items"])) == (25, 3, 5)
        assert client.get("/api/v1/achievements?field=energy").json["total"] == 5
        titles = {item["title"] for item in client.get("/api/v1/achievements?per_page=100").json["items"]}
        assert "草稿不公开" not in titles and len(titles) == 25

    def test_detail_of_unpublished_is_404_in_the_envelope(self, client, make_achievement):
        draft = make_achievement()
        response = client.get(f"/api/v1/achievements/{draft.id}")
        assert response.status_code == 404 and response.json["error"]["code"] == "not_found"

    def test_amounts_are_exact_strings_and_contacts_are_not_public(self, client, make_achievement, moderator):
        from decimal import Decimal

        achievement = make_achievement(publish_with=moderator, price=Decimal("855000.50"))
        body = client.get(f"/api/v1/achievements/{achievement.id}").json
        assert body["price"] == "855000.50" and body["filing_number"] == achievement.filing_number
        assert "contact_phone" not in body and "021-12345678" not in str(body)

    def test_invalid_query_is_a_422_with_details(self, client):
        response = client.get("/api/v1/achievements?per_page=1000&field=astrology")
        assert response.status_code == 422
        assert {d["field"] for d in response.json["error"]["details"]} == {"query.per_page", "query.field"}


class TestWrites:
    def test_token_is_required_and_checked_before_the_body(self, client, token, session):
        assert client.post("/api/v1/achievements", json={}).status_code == 401
        assert client.post("/api/v1/achievements", json=BODY, headers=bearer("ttm_forged")).status_code == 401
        assert (
            client.post("/api/v1/achievements", json=BODY, headers={"Authorization": token}).status_code
            == 401
        )
        assert session.scalar(sa.select(sa.func.count(Achievement.id))) == 0

    def test_create_update_submit(self, client, token, session, university):
        created = client.post("/api/v1/achievements", json=BODY, headers=bearer(token))
        assert created.status_code == 201, created.json
        achievement = session.get(Achievement, created.json["id"])
        assert achievement.organization_id == university.id and achievement.status == "draft"
        assert achievement.price == 1200000 and achievement.ip_items[0].number == "201710601862.3"
        updated = client.put(
            f"/api/v1/achievements/{achievement.id}",
            json={**BODY, "title": "改名后的芯片"},
            headers=bearer(token),
        )
        assert updated.status_code == 200
        submitted = client.post(f"/api/v1/achievements/{achievement.id}/submit", headers=bearer(token))
        assert submitted.json["status"] == "submitted"
        session.refresh(achievement)
        assert achievement.title == "改名后的芯片"
        actors = session.scalars(
            sa.select(AuditLog.actor_label).where(AuditLog.object_type == "achievement")
        ).all()
        assert actors and all(a.startswith("api-token:ttm_") for a in actors)

    def test_business_validation_is_reported(self, client, token):
        response = client.post(
            "/api/v1/achievements",
            headers=bearer(token),
            json={**BODY, "ip_items": [{"ip_type": "invention", "number": "201710601862.9"}]},
        )
        assert response.status_code == 422
        assert [d["field"] for d in response.json["error"]["details"]] == ["ip_items"]

    def test_no_access_to_another_organisations_listing(
        self, client, token, make_achievement, make_org, make_user
    ):
        other = make_org(make_user(), type="institute")
        theirs = make_achievement(other)
        response = client.put(f"/api/v1/achievements/{theirs.id}", json=BODY, headers=bearer(token))
        assert response.status_code == 404
        assert (
            client.post(f"/api/v1/achievements/{theirs.id}/submit", headers=bearer(token)).status_code == 404
        )
        assert theirs.title != BODY["title"]

    def test_a_university_cannot_post_demands(self, client, token):
        demand = {
            "title": "需求",
            "field": "it",
            "problem": "问题描述足够长的一段文字，说明情况。",
            "metrics": "指标",
            "expected_maturity": "lab",
            "modes": ["licence"],
            "deadline": "2099-01-01",
            "province_code": "310000",
            "city_code": "310100",
        }
        assert client.post("/api/v1/demands", json=demand, headers=bearer(token)).status_code == 403

    def test_revoked_token_stops_working(self, client, token, session, university):
        from marketplace.api.models import ApiToken

        row = session.scalar(sa.select(ApiToken))
        api_services.revoke_token(session, owner_of(university), row)
        session.commit()
        assert client.post("/api/v1/achievements", json=BODY, headers=bearer(token)).status_code == 401


def test_openapi_document_is_valid_and_generated_from_the_schemas(client):
    spec = client.get("/api/v1/openapi.json").json
    validate(spec)
    paths = spec["paths"]
    assert {
        "/api/v1/achievements",
        "/api/v1/demands",
        "/api/v1/challenges",
        "/api/v1/achievements/{listing_id}",
        "/api/v1/achievements/{listing_id}/submit",
    } <= set(paths)
    assert paths["/api/v1/achievements"]["post"]["security"] == [{"bearerAuth": []}]
    assert "AchievementIn" in spec["components"]["schemas"]
