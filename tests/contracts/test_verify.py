"""The public verification page: a registered number is confirmed, nothing confidential is shown."""

from __future__ import annotations

from datetime import UTC, datetime

from marketplace.contracts import registration

from .test_registration import TODAY, world  # noqa: F401 - fixture

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_a_registered_number_is_confirmed_without_confidential_fields(app, session, client, world):  # noqa: F811
    with app.app_context():
        contract, clerk = world["contract"], world["clerks"][0]
        registration.submit(session, world["owner"], contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, NOW)
        registration.approve(session, clerk, contract, now=NOW)
        session.commit()
        number = contract.registration_number
        seller, buyer = contract.seller.name, contract.buyer.name
    page = client.get(f"/registration/verify?number={number}").get_data(as_text=True)
    assert "已认定登记且有效" in page or "Registered and valid" in page
    assert number in page and "上海市技术合同登记处" in page and "委托开发" in page
    for secret in (seller, buyer, "800,000", "800000", "740000", contract.title):
        assert secret not in page
    unknown = client.get("/registration/verify?number=99999999999999").get_data(as_text=True)
    assert 'id="verify-result"' in unknown and number not in unknown
    malformed = client.get("/registration/verify?number=<script>").get_data(as_text=True)
    assert "<script>" not in malformed


def test_a_cancelled_registration_says_so(app, session, client, world):  # noqa: F811
    with app.app_context():
        contract, clerk = world["contract"], world["clerks"][0]
        registration.submit(session, world["owner"], contract, world["sh"], TODAY)
        registration.accept(session, clerk, contract, NOW)
        registration.approve(session, clerk, contract, now=NOW)
        registration.cancel(session, clerk, contract, "合同已解除", NOW)
        session.commit()
        number = contract.registration_number
    page = client.get(f"/registration/verify?number={number}").get_data(as_text=True)
    assert "已注销" in page or "cancelled" in page
