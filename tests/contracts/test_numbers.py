"""Registration numbers under concurrent approvals: distinct and gap-free (8 threads x 50 approvals).

Runs on both databases: PostgreSQL serialises on the counter row; SQLite on its write lock, which every
writing unit of work takes up front (``tx.begin_write``, done for each unsafe request).
"""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime
from decimal import Decimal

import sqlalchemy as sa

from tests.conftest import make_config

THREADS, PER_THREAD = 8, 50
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def test_concurrent_approvals_get_distinct_gap_free_numbers(separate_database, tmp_path):
    from flask_migrate import upgrade

    from marketplace import create_app
    from marketplace.accounts import services as accounts
    from marketplace.accounts.models import UserRole
    from marketplace.accounts.states import VerificationAction
    from marketplace.contracts import registration
    from marketplace.contracts.models import Contract, ContractParty, RegistrationSite, SiteClerk
    from marketplace.core import tx
    from marketplace.extensions import db
    from tests.factories import PASSWORD, valid_credit_code

    app = create_app(make_config(separate_database, tmp_path / "instance", SEARCH_DRAIN_INLINE=False))
    with app.app_context():
        upgrade()
        session = db.session
        admin = accounts.bootstrap_admin(session, "root@example.com", PASSWORD, "管理员")
        clerk = accounts.sign_up(session, accounts.SignupInfo("clerk@example.com", PASSWORD, "登记员"))
        clerk.roles.append(UserRole(role="clerk"))
        head = accounts.sign_up(session, accounts.SignupInfo("head@example.com", PASSWORD, "主任"))
        info = accounts.OrganizationInfo(
            "上海市技术市场管理办公室", "authority", valid_credit_code("11", "310100"), "310000", "310100"
        )
        authority = accounts.create_organization(session, head, info)
        accounts.decide_verification(session, admin, authority, VerificationAction.VERIFY)
        site = RegistrationSite(authority_id=authority.id, name="登记处", code="01", region_code="310000")
        site.clerks = [SiteClerk(user_id=clerk.id)]
        session.add(site)
        session.flush()
        for i in range(THREADS * PER_THREAD):
            contract = Contract(
                organization_id=authority.id, title=f"合同{i}", rule_set="2026", contract_type="service",
                subtype="general", status="accepted", tech_field="materials", contract_amount=Decimal(100000),
                computed_technical_amount=Decimal(100000), technical_amount=Decimal(100000), site_id=site.id,
                signed_on=date(2026, 11, 1), valid_from=date(2026, 11, 1), valid_until=date(2027, 11, 1),
            )  # fmt: skip
            contract.parties = [
                ContractParty(role="seller", name=f"卖方{i}", region_code="310100"),
                ContractParty(role="buyer", name=f"买方{i}", region_code="330100"),
            ]
            session.add(contract)
        session.commit()
        ids = list(session.scalars(sa.select(Contract.id).order_by(Contract.id)))
        clerk_id = clerk.id
        session.remove()

    errors: list[BaseException] = []
    start = threading.Barrier(THREADS)

    def approve_all(chunk: list[int]) -> None:
        with app.app_context():
            session = db.session
            try:
                actor = session.get(type(clerk), clerk_id)
                session.commit()  # a unit of work starts afresh, as each request does
                start.wait()
                for contract_id in chunk:
                    tx.begin_write(session)  # as every POST request does
                    registration.approve(session, actor, session.get(Contract, contract_id), now=NOW)
                    session.commit()
            except BaseException as exc:  # noqa: BLE001 - reported by the test below
                errors.append(exc)
                session.rollback()
            finally:
                session.remove()

    threads = [threading.Thread(target=approve_all, args=(ids[i::THREADS],)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors[:3]

    with app.app_context():
        numbers = list(db.session.scalars(sa.select(Contract.registration_number)))
        db.session.remove()
        db.engine.dispose()
    assert len(numbers) == THREADS * PER_THREAD and None not in numbers
    assert len(set(numbers)) == len(numbers)
    serials = sorted(int(n[-6:]) for n in numbers)
    assert serials == list(range(1, THREADS * PER_THREAD + 1))
    assert {n[:8] for n in numbers} == {"26310001"}
