"""Deals from a match to a signed contract: who may open and move them, the contract draft, the ledger,
the broker record computed from data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from marketplace.core.errors import InvalidTransition, PermissionDenied, ValidationFailed
from marketplace.deals import services as deals
from marketplace.deals.models import Attribution, BrokerStatus
from marketplace.discovery import services as discovery

TODAY = date(2026, 11, 22)


def _essentials(**overrides):
    values = dict(
        contract_type="licence",
        subtype="patent",
        contract_amount=Decimal("1200000.00"),
        signed_on=date(2026, 11, 10),
        commission_rate=Decimal("0.03"),
    )
    values.update(overrides)
    return deals.Essentials(**values)


def test_broker_profiles_need_the_agency_admins_verification(app, session, deal_world):
    w = deal_world
    with app.app_context():
        novice = deals.profile_of(session, w["novice"].id)
        assert novice.status == BrokerStatus.PENDING
        with pytest.raises(PermissionDenied):  # a broker of another agency
            deals.decide_profile(session, w["outsider"], novice, True)
        with pytest.raises(PermissionDenied):  # not a broker of an agency
            deals.save_profile(session, w["seller"], deals.BrokerInput("JJR-1"))
        with pytest.raises(ValidationFailed):
            deals.save_profile(session, w["novice"], deals.BrokerInput(""))
        # a verified broker who changes the certificate number is verified again
        deals.save_profile(session, w["broker"], deals.BrokerInput("JJR-2026-1000", ["nev"]))
        assert deals.profile_of(session, w["broker"].id).status == BrokerStatus.PENDING
        names = [p.user.display_name for p, _r in deals.directory(session)]
        assert names == ["外部经纪"]  # only verified profiles are listed


def test_open_move_sign_and_the_contract_draft(app, session, deal_world):
    w = deal_world
    with app.app_context():
        with pytest.raises(PermissionDenied):  # not verified yet
            deals.open_deal(session, w["novice"], demand=w["demand"], achievement=w["achievement"])
        deal = deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        assert (
            deal.stage == "lead"
            and deal.buyer_id == w["enterprise"].id
            and deal.seller_id == w["university"].id
        )
        with pytest.raises(ValidationFailed):  # one open deal per match
            deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        with pytest.raises(PermissionDenied):  # a broker of another agency cannot move it
            deals.move(session, w["outsider"], deal, "negotiate")
        with pytest.raises(PermissionDenied):  # only brokers start negotiations
            deals.move(session, w["buyer"], deal, "negotiate")
        deals.move(session, w["broker"], deal, "negotiate")
        with pytest.raises(ValidationFailed) as missing:
            deals.sign(session, w["buyer"], deal, _essentials(contract_amount=None, signed_on=None), TODAY)
        assert {f for f, _m in missing.value.reasons} == {"contract_amount", "signed_on"}
        assert deal.stage == "negotiating"
        contract = deals.sign(session, w["buyer"], deal, _essentials(), TODAY)
        assert deal.stage == "signed" and deal.contract_id == contract.id
        assert contract.status == "draft" and contract.organization_id == w["university"].id
        assert (contract.contract_type, contract.subtype) == ("licence", "patent")
        assert contract.contract_amount == Decimal("1200000.00") and contract.signed_on == date(2026, 11, 10)
        assert contract.achievement_id == w["achievement"].id and contract.demand_id == w["demand"].id
        assert contract.ip_kind == "patent" and contract.ip_numbers == ["201710601862.3"]
        assert {p.role: p.organization_id for p in contract.parties} == {
            "seller": w["university"].id,
            "buyer": w["enterprise"].id,
            "broker": w["agency"].id,
        }
        assert deal.commission_rate == Decimal("0.03")
        with pytest.raises(InvalidTransition):
            deals.move(session, w["broker"], deal, "close")  # performing comes first
        deals.move(session, w["seller"], deal, "perform")
        deals.move(session, w["broker"], deal, "close")
        kinds = session.scalars(sa.select(Attribution.kind).where(Attribution.deal_id == deal.id)).all()
        assert sorted(kinds) == ["contract", "introduction"]


def test_lost_deals_need_a_reason_and_free_the_match(app, session, deal_world):
    w = deal_world
    with app.app_context():
        deal = deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        with pytest.raises(ValidationFailed):
            deals.move(session, w["buyer"], deal, "lose", reason="price", note=" ")
        deals.move(session, w["buyer"], deal, "lose", reason="price", note="报价超出预算")
        assert (deal.stage, deal.lost_reason) == ("lost", "price")
        again = deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        assert again.id != deal.id


def test_the_match_queue_leaves_out_matches_a_deal_covers(app, session, deal_world):
    from marketplace.discovery.models import Match

    w = deal_world
    with app.app_context():
        session.add(
            Match(
                demand_id=w["demand"].id,
                achievement_id=w["achievement"].id,
                score=0.9,
                relevance=0.9,
                rank=1,
                reasons=[],
            )
        )
        session.flush()
        assert len(discovery.broker_queue(session, w["broker"])) == 1
        deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        assert discovery.broker_queue(session, w["broker"]) == []


def test_broker_record_is_computed_from_registered_contracts(app, session, deal_world, make_user, admin_user):
    from datetime import UTC, datetime

    from marketplace.contracts import registration
    from marketplace.contracts import services as contracts
    from marketplace.contracts.models import RegistrationSite, SiteClerk

    w = deal_world
    with app.app_context():
        clerk = make_user(roles=("clerk",), name="登记员")
        site = RegistrationSite(
            authority_id=w["agency"].id, name="上海市登记处", code="01", region_code="310000"
        )
        site.clerks = [SiteClerk(user_id=clerk.id)]
        session.add(site)
        deal = deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        deals.move(session, w["broker"], deal, "negotiate")
        contract = deals.sign(session, w["broker"], deal, _essentials(), TODAY)
        assert deals.broker_records(session, [w["broker"].id])[w["broker"].id].contracts_registered == 0
        # the seller completes the record (validity, licence term) and applies; the site registers it
        data = contracts.input_of(contract)
        data.valid_from, data.valid_until, data.licence_years = date(2026, 11, 10), date(2031, 11, 9), 5
        contracts.update_contract(session, w["seller"], contract, data, TODAY)
        registration.submit(session, w["seller"], contract, site, TODAY)
        now = datetime(2026, 11, 20, 9, tzinfo=UTC)
        registration.accept(session, clerk, contract, now)
        registration.approve(session, clerk, contract, now=now)
        record = deals.broker_records(session, [w["broker"].id])[w["broker"].id]
        assert (record.contracts_registered, record.technical_amount) == (1, Decimal("1200000.00"))
        assert record.deals_closed == 0  # signed, not closed yet
        assert deals.broker_records(session, [w["outsider"].id])[w["outsider"].id].contracts_registered == 0
        # 服务之星: the statistics' broker ranking carries the agency's closed deals next to its contracts
        from marketplace.deals import stats as deal_stats
        from marketplace.stats.figures import Figures
        from marketplace.stats.services import StatsFilter

        deal_stats.register()
        deals.move(session, w["seller"], deal, "perform")
        deals.move(session, w["broker"], deal, "close")
        session.flush()
        table = Figures(session, admin_user, StatsFilter()).table("brokers")
        row = next(r for r in table.rows if r[table.index("broker")] == "长江技术转移中心")
        assert row[table.index("deals_closed")] == 1 and row[table.index("count")] == 1


def test_the_funnel_counts_ndas_and_negotiations_from_the_deals(app, session, deal_world, admin_user):
    from marketplace.deals import stats as deal_stats
    from marketplace.stats.figures import Figures
    from marketplace.stats.services import StatsFilter

    w = deal_world
    deal_stats.register()
    with app.app_context():
        deal = deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        table = Figures(session, admin_user, StatsFilter()).table("funnel_organization")
        row = next(r for r in table.rows if r[0] == w["university"].name)
        assert (row[table.index("nda")], row[table.index("negotiating")]) == (0, 0)
        deals.move(session, w["broker"], deal, "negotiate")
        deals.accept_nda(session, w["buyer"], deal)
        session.flush()
        table = Figures(session, admin_user, StatsFilter()).table("funnel_organization")
        row = next(r for r in table.rows if r[0] == w["university"].name)
        assert (row[table.index("nda")], row[table.index("negotiating")]) == (1, 1)
        past = Figures(session, admin_user, StatsFilter(date_to=date(2020, 1, 1))).table(
            "funnel_organization"
        )
        assert all(r[0] != w["university"].name for r in past.rows)  # nothing of it happened before 2020


def test_signing_invoices_the_service_fee_to_the_buyer(app, session, deal_world):
    from marketplace.payments import services as payments

    w = deal_world
    with app.app_context():
        deal = deals.open_deal(session, w["broker"], demand=w["demand"], achievement=w["achievement"])
        deals.move(session, w["broker"], deal, "negotiate")
        deals.sign(session, w["buyer"], deal, _essentials(), TODAY, fee_rate=Decimal("0.01"))
        fee = payments.payment_for(session, "deal", deal.id, "service_fee")
        assert (fee.payer_organization_id, fee.amount_fen, fee.status) == (
            w["enterprise"].id,
            1_200_000,
            "open",
        )
