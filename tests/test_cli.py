"""Command-line entry points."""

import sqlalchemy as sa

from marketplace.accounts.models import Organization, User


def test_seed_demo_creates_a_world_with_one_login_per_role(app, session):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo", "--password", "demo-password-1"])
    assert result.exit_code == 0, result.output
    for role in (
        "platform admin",
        "moderator",
        "broker",
        "clerk",
        "university admin",
        "enterprise admin",
        "agency admin",
        "authority admin",
    ):
        assert role in result.output
    kinds = set(session.scalars(sa.select(Organization.type).where(Organization.is_demo)))
    assert kinds == {"university", "institute", "enterprise", "agency", "authority"}
    provinces = set(session.scalars(sa.select(Organization.province_code)))
    assert len(provinces) >= 5
    roles = {r for u in session.scalars(sa.select(User)) for r in u.role_names}
    assert roles == {"admin", "moderator", "broker", "clerk"}
    from marketplace.catalogue.models import Achievement, Demand

    published = session.scalars(sa.select(Achievement).where(Achievement.status == "published")).all()
    assert len(published) >= 200 and len({a.field for a in published}) == 9
    assert len({a.province_code for a in published}) >= 5
    assert any(
        "學" in a.title or "術" in a.title or "電" in a.title for a in published
    )  # some in Traditional
    demands = session.scalars(sa.select(Demand).where(Demand.status == "published")).all()
    assert len(demands) >= 60 and any(d.kind == "challenge" for d in demands)
    assert session.scalars(sa.select(Achievement).where(Achievement.status == "submitted")).first()
    # a second run refuses, --if-empty is a no-op
    assert runner.invoke(args=["seed-demo"]).exit_code != 0
    assert runner.invoke(args=["seed-demo", "--if-empty"]).exit_code == 0


def test_demo_logins_work(app, session, browser):
    app.test_cli_runner().invoke(args=["seed-demo", "--password", "demo-password-1"])
    browser.login("admin@demo.example", "demo-password-1")
    assert "平台管理" in browser.get("/").get_data(as_text=True)


def test_create_admin(app, session):
    result = app.test_cli_runner().invoke(
        args=["users", "create-admin", "--email", "boss@example.com", "--name", "Boss"],
        input="a strong password 1\na strong password 1\n",
    )
    assert result.exit_code == 0, result.output
    user = session.scalar(sa.select(User).where(User.email == "boss@example.com"))
    assert user.has_role("admin")


def test_catalogue_expire_command(app, session, make_demand, moderator):
    from datetime import date, timedelta

    from marketplace.db import utcnow

    demand = make_demand(publish_with=moderator, deadline=date.today() + timedelta(days=1))
    demand.expires_at = utcnow() - timedelta(minutes=1)
    session.commit()
    result = app.test_cli_runner().invoke(args=["catalogue", "expire"])
    assert result.exit_code == 0 and "1 listings expired" in result.output
    session.refresh(demand)
    assert demand.status == "expired"
