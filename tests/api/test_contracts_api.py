"""POST /api/v1/contracts/validate: problems and the computed technical amount, nothing saved."""

from __future__ import annotations

import sqlalchemy as sa

from marketplace.api import services as api_services
from marketplace.contracts.models import Contract
from tests.factories import owner_of, valid_credit_code


def payload(**overrides):
    body = {
        "title": "高安全性锂电池隔膜陶瓷涂覆新工艺开发",
        "contract_type": "development",
        "subtype": "commissioned",
        "contract_amount": "800000.00",
        "tech_field": "materials",
        "signed_on": "2026-06-01",
        "valid_from": "2026-06-01",
        "valid_until": "2027-12-31",
        "parties": [
            {
                "role": "seller",
                "name": "东海理工大学",
                "credit_code": valid_credit_code("12", "310100"),
                "region_code": "310100",
                "legal_type": "022",
            },
            {
                "role": "buyer",
                "name": "滨江新能源电池有限公司",
                "credit_code": valid_credit_code("91", "330100"),
                "region_code": "330100",
                "legal_type": "150",
            },
        ],  # fmt: skip
        "costs": [
            {"category": "raw_materials", "description": "实验用原材料", "amount": "60000.00"},
            {
                "category": "hardware",
                "description": "样机1套",
                "amount": "20000.00",
                "reasonable_carrier": True,
            },
        ],
    }
    body.update(overrides)
    return body


def headers(session, university):
    _row, raw = api_services.create_token(session, owner_of(university), university, "合同系统")
    session.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_a_valid_contract_gets_its_technical_amount_and_nothing_is_saved(client, session, university):
    response = client.post("/api/v1/contracts/validate", json=payload(), headers=headers(session, university))
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body == {
        "valid": True,
        "errors": [],
        "rule_set": "2026",
        "contract_amount": "800000.00",
        "technical_amount": "740000.00",
    }
    assert session.scalar(sa.select(sa.func.count(Contract.id))) == 0


def test_problems_are_listed_by_field(client, session, university):
    bad = payload(
        subtype="cooperative_x",
        written=False,
        valid_until="2025-01-01",
        costs=[{"category": "equipment", "description": "设备", "amount": "900000.00"}],
    )
    body = client.post(
        "/api/v1/contracts/validate", json=bad, headers=headers(session, university)
    ).get_json()
    assert body["valid"] is False
    fields = {e["field"] for e in body["errors"]}
    assert {"subtype", "written", "valid_until", "costs"} <= fields
    assert all(e["message"] for e in body["errors"])


def test_malformed_input_and_missing_token(client, session, university):
    assert client.post("/api/v1/contracts/validate", json=payload()).status_code == 401
    response = client.post(
        "/api/v1/contracts/validate",
        json=payload(contract_amount="lots", parties="x"),
        headers=headers(session, university),
    )
    assert response.status_code == 422
    fields = {d["field"] for d in response.get_json()["error"]["details"]}
    assert {"json.contract_amount", "json.parties"} <= fields


def test_create_submit_and_read_the_registration_status(client, session, university, make_org, make_user):
    from datetime import UTC, datetime

    from marketplace.contracts import registration
    from marketplace.contracts.models import RegistrationSite, SiteClerk

    auth = headers(session, university)
    invalid = client.post("/api/v1/contracts", json=payload(valid_until="2020-01-01"), headers=auth)
    assert invalid.status_code == 422 and invalid.get_json()["error"]["details"][0]["field"] == "valid_until"
    assert session.scalar(sa.select(sa.func.count(Contract.id))) == 0  # nothing saved

    created = client.post("/api/v1/contracts", json=payload(), headers=auth)
    assert created.status_code == 201, created.get_json()
    body = created.get_json()
    assert body["status"] == "draft" and body["technical_amount"] == "740000.00"
    contract_id = body["id"]
    assert client.get(f"/api/v1/contracts/{contract_id}").status_code == 401  # private: token needed

    # no site in the applicant's region yet: a clear error naming the field
    no_site = client.post(f"/api/v1/contracts/{contract_id}/submit", json={}, headers=auth)
    assert no_site.status_code == 422 and "site_id" in no_site.get_json()["error"]["message"]
    authority = make_org(type="authority", name="上海市技术市场管理办公室")
    clerk = make_user(roles=("clerk",))
    site = RegistrationSite(
        authority_id=authority.id, name="上海市技术合同登记处", code="01", region_code="310000"
    )
    site.clerks = [SiteClerk(user_id=clerk.id)]
    session.add(site)
    session.commit()
    submitted = client.post(f"/api/v1/contracts/{contract_id}/submit", json={}, headers=auth)
    assert submitted.status_code == 200 and submitted.get_json()["site"]["name"] == "上海市技术合同登记处"
    assert client.post(f"/api/v1/contracts/{contract_id}/submit", json={}, headers=auth).status_code == 200
    changed = client.put(f"/api/v1/contracts/{contract_id}", json=payload(title="改名"), headers=auth)
    assert changed.status_code == 409  # under review: not editable

    contract = session.get(Contract, contract_id)
    now = datetime(2026, 11, 20, 9, tzinfo=UTC)
    registration.accept(session, clerk, contract, now)
    registration.return_for_correction(session, clerk, contract, ["amounts"], "请核对成交额", now)
    session.commit()
    status = client.get(f"/api/v1/contracts/{contract_id}", headers=auth).get_json()
    assert status["status"] == "returned" and status["return_reasons"] == ["amounts"]
    fixed = client.put(
        f"/api/v1/contracts/{contract_id}", json=payload(contract_amount="810000.00"), headers=auth
    )
    assert fixed.status_code == 200 and fixed.get_json()["contract_amount"] == "810000.00"
    client.post(f"/api/v1/contracts/{contract_id}/submit", json={"site_id": site.id}, headers=auth)
    registration.accept(session, clerk, contract, now)
    registration.approve(session, clerk, contract, now=now)
    session.commit()
    status = client.get(f"/api/v1/contracts/{contract_id}", headers=auth).get_json()
    assert status["status"] == "registered" and status["registration_number"].startswith("263100")
    assert status["certificate_url"].endswith(f"/contracts/{contract_id}/certificate.pdf")

    # another organisation's token sees nothing of it
    other = make_org(name="另一所大学")
    _row, raw = api_services.create_token(session, owner_of(other), other, "别人的")
    session.commit()
    foreign = {"Authorization": f"Bearer {raw}"}
    assert client.get(f"/api/v1/contracts/{contract_id}", headers=foreign).status_code == 404
    assert client.post(f"/api/v1/contracts/{contract_id}/submit", json={}, headers=foreign).status_code == 404
    assert client.put(f"/api/v1/contracts/{contract_id}", json=payload(), headers=foreign).status_code == 404
