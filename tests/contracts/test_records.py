"""Contract records: 技术交易额 from the dev cases, formal defects, duplicates, rule sets by date."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from marketplace.contracts import rules, services
from marketplace.contracts.services import ContractInput, CostInput, PartyInput
from marketplace.core.errors import PermissionDenied, ValidationFailed
from tests.factories import owner_of, valid_credit_code

CASES = json.loads((Path(__file__).parent / "data" / "registration-cases-dev.json").read_text("utf-8"))
TODAY = date(2026, 11, 22)

TYPES = {"技术开发": "development", "技术转让": "transfer", "技术许可": "licence", "技术咨询": "consulting",
         "技术服务": "service"}  # fmt: skip
SUBTYPES = {"委托开发": "commissioned", "合作开发": "cooperative", "专利权转让": "patent",
            "专利申请权转让": "patent_application", "技术秘密转让": "know_how", "专利实施许可": "patent",
            "技术秘密使用许可": "know_how", "一般技术服务": "general", "技术培训": "training",
            "技术中介": "brokerage"}  # fmt: skip
IP_FOR = {"patent": "patent", "patent_application": "patent", "know_how": "know_how"}


def contract_for(case: dict, **overrides) -> ContractInput:
    """A complete record of a dev case: its type, amount and non-technical costs, plus a prototype
    carrier of reasonable quantity (recorded, never deducted)."""
    kind = TYPES[case["expected_type"]]
    label = case["expected_subtype"]
    subtype = "other" if label and label.startswith("其他") else SUBTYPES.get(label) if label else None
    amount = Decimal(case["contract_amount_yuan"])
    costs = []
    if case["non_technical_costs_yuan"]:
        costs.append(
            CostInput("equipment", "设备、材料等非技术性费用", Decimal(case["non_technical_costs_yuan"]))
        )
    carrier = (amount * Decimal("0.01")).quantize(Decimal("0.01"))
    costs.append(CostInput("hardware", "样机1套（合理数量的技术载体）", carrier, reasonable_carrier=True))
    parties = [
        PartyInput("seller", "东海理工大学", credit_code=valid_credit_code("12", "310100"),
                   region_code="310100", legal_type="022"),
        PartyInput("buyer", "滨江智能装备有限公司", credit_code=valid_credit_code("91", "330100"),
                   region_code="330100", legal_type="150"),
    ]  # fmt: skip
    if subtype == "brokerage":
        parties.append(
            PartyInput("broker", "明远技术经理人事务所", credit_code=valid_credit_code("91", "330200"),
                       region_code="330200", legal_type="170")
        )  # fmt: skip
    values = dict(
        title=f"{case['id']} {case['description_zh'][:40]}",
        contract_type=kind,
        subtype=subtype,
        subtype_detail=label[5:-1] if subtype == "other" else None,
        contract_amount=amount,
        tech_field="materials",
        signed_on=date(2026, 6, 1),
        effective_on=date(2026, 6, 1),
        valid_from=date(2026, 6, 1),
        valid_until=date(2027, 12, 31),
        ip_kind=IP_FOR.get(subtype, "software" if subtype == "other" else "none")
        if kind in ("transfer", "licence")
        else "none",
        ip_numbers=["ZL201710601862.3"],
        parties=parties,
        costs=costs,
    )
    values.update(overrides)
    return ContractInput(**values)


REGISTRABLE = [c for c in CASES if c["registrable"]]


@pytest.mark.parametrize("case", REGISTRABLE, ids=[c["id"] for c in REGISTRABLE])
def test_each_registrable_case_computes_its_technical_amount(case):
    data = contract_for(case)
    assert services.validate(data, TODAY) == []
    expected = Decimal(case["expected_technical_transaction_amount_yuan"])
    assert services.technical_amount(data.contract_amount, data.costs) == expected
    preview = services.preview(data, TODAY)
    assert preview["valid"] and Decimal(preview["technical_amount"]) == expected


def _fields(problems):
    return {field for field, _ in problems}


def test_an_oral_contract_is_caught():
    (oral,) = [c for c in CASES if c["id"] == "TC49"]
    assert "written" in _fields(services.validate(contract_for(oral, written=False), TODAY))


def test_a_contract_whose_validity_has_ended_is_caught():
    (late,) = [c for c in CASES if c["id"] == "TC53"]
    data = contract_for(
        late,
        signed_on=date(2021, 12, 20),
        effective_on=date(2022, 1, 1),
        valid_from=date(2022, 1, 1),
        valid_until=date(2022, 12, 31),
    )
    assert "valid_until" in _fields(services.validate(data, date(2024, 3, 15)))


def test_costs_above_the_amount_and_bad_amounts_are_caught():
    case = REGISTRABLE[0]
    too_much = contract_for(case, costs=[CostInput("equipment", "设备", Decimal("99999999"))])
    assert "costs" in _fields(services.validate(too_much, TODAY))
    assert "contract_amount" in _fields(services.validate(contract_for(case, contract_amount=None), TODAY))
    cents = contract_for(case, contract_amount=Decimal("100.001"))
    assert "contract_amount" in _fields(services.validate(cents, TODAY))


def test_parties_types_and_dates_are_checked():
    case = REGISTRABLE[0]
    data = contract_for(case)
    no_buyer = replace(data, parties=[p for p in data.parties if p.role != "buyer"])
    assert "buyer-name" in _fields(services.validate(no_buyer, TODAY))
    bad_code = replace(data, parties=[replace(data.parties[0], credit_code="123"), data.parties[1]])
    assert "seller-credit_code" in _fields(services.validate(bad_code, TODAY))
    person = replace(
        data, parties=[replace(data.parties[0], kind="person", credit_code=None), data.parties[1]]
    )
    assert services.validate(person, TODAY) == []
    future = replace(data, signed_on=date(2027, 1, 1), effective_on=date(2027, 1, 1))
    assert "signed_on" in _fields(services.validate(future, TODAY))
    assert "subtype" in _fields(services.validate(replace(data, subtype="cooperative_x"), TODAY))


def test_the_rule_set_follows_the_signing_date():
    (licence,) = [c for c in CASES if c["id"] == "TC19"]
    data = contract_for(licence)
    assert rules.for_date(data.signed_on).code == "2026"
    assert rules.for_date(date(2022, 5, 1)).code == "2021"
    # before the Civil Code a patent licence was a kind of transfer, and "licence" was no type
    old = replace(
        data, signed_on=date(2019, 5, 1), effective_on=date(2019, 5, 1), valid_from=date(2019, 5, 1)
    )
    assert "contract_type" in _fields(services.validate(old, TODAY))
    as_transfer = replace(old, contract_type="transfer", subtype="patent_licence")
    assert services.validate(as_transfer, TODAY) == []
    assert rules.latest().current_form("transfer", "patent_licence") == ("licence", "patent")


def test_duplicates_are_flagged_and_drafts_belong_to_their_organisation(app, session, university, enterprise):
    with app.app_context():
        (case,) = [c for c in CASES if c["id"] == "TC11"]
        owner = owner_of(university)
        data = contract_for(case)
        first = services.create_contract(session, owner, data, TODAY)
        second = services.create_contract(session, owner, data, TODAY)
        assert services.duplicates(session, second) == [first]
        other = services.create_contract(
            session, owner, replace(data, contract_amount=Decimal("2000001")), TODAY
        )
        assert services.duplicates(session, other) == []
        # the same title, date and amount between other parties is another contract
        elsewhere = services.create_contract(session, owner, contract_for(case), TODAY)
        assert services.duplicates(session, elsewhere) == []
        assert first.technical_amount == Decimal("2000000.00") and first.rule_set == "2026"
        assert first.licence_exclusivity is None
        with pytest.raises(PermissionDenied):
            services.update_contract(session, owner_of(enterprise), first, contract_for(case), TODAY)
        with pytest.raises(ValidationFailed):
            services.create_contract(session, owner, contract_for(case, written=False), TODAY)
