"""The audit log: written by services in the same transaction, shown to admins with filters."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from marketplace.accounts import services
from marketplace.accounts.states import VerificationAction
from marketplace.core import audit
from marketplace.core.models import AuditLog
from marketplace.db import utcnow
from tests.factories import PASSWORD


def test_rolled_back_change_leaves_no_audit_row(session, make_user):
    user, admin = make_user(), make_user(roles=("admin",))
    services.grant_role(session, admin, user, "broker")
    session.flush()
    assert session.scalars(sa.select(AuditLog).where(AuditLog.action == "user.grant_role")).all()
    session.rollback()
    assert not session.scalars(sa.select(AuditLog).where(AuditLog.action == "user.grant_role")).all()
    assert not session.get(type(user), user.id).has_role("broker")


def test_query_filters(session, make_org, admin_user):
    org = make_org(verified=False)
    services.decide_verification(session, admin_user, org, VerificationAction.VERIFY)
    session.commit()
    rows = session.scalars(audit.query(action="organization.verify", object_id=str(org.id))).all()
    assert [r.actor_label for r in rows] == ["admin@example.com"]
    assert session.scalars(audit.query(actor="admin@", object_type="organization")).all()
    assert not session.scalars(audit.query(since=utcnow() + timedelta(days=1))).all()
    # LIKE wildcards typed by the admin are taken literally
    assert not session.scalars(audit.query(actor="%")).all()


def test_admin_page_filters_and_paginates(browser, session, make_org, admin_user):
    orgs = [make_org() for _ in range(3)]
    browser.login("admin@example.com", PASSWORD)
    body = browser.get(f"/admin/audit?object_type=organization&object_id={orgs[1].id}").get_data(as_text=True)
    assert body.count("organization.verify") == 1 and body.count("organization.create") == 1
    assert f"organization #{orgs[0].id}<" not in body
    assert "没有符合条件的审计记录" in browser.get("/admin/audit?action=nothing.like.this").get_data(
        as_text=True
    )
