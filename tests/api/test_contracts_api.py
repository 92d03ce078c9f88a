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
