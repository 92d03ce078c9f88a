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
    from marketplace.contracts.models import Contract

    contracts = session.scalars(sa.select(Contract)).all()
    assert {c.status for c in contracts} >= {
        "draft", "submitted", "accepted", "returned", "second_review", "registered", "refused"
    }  # fmt: skip
    assert {c.contract_type for c in contracts} == {
        "development",
        "transfer",
        "licence",
        "consulting",
        "service",
    }
    numbers = [c.registration_number for c in contracts if c.status == "registered"]
    assert numbers and all(numbers) and len(set(numbers)) == len(numbers)
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


def test_catalogue_import_cli_all_or_nothing(app, session, university, tmp_path):
    from marketplace.catalogue import transfer
    from marketplace.catalogue.models import Achievement

    runner = app.test_cli_runner()
    template = tmp_path / "template.xlsx"
    assert (
        runner.invoke(args=["catalogue", "template", "--kind", "achievements", "-o", str(template)]).exit_code
        == 0
    )
    good = runner.invoke(
        args=["catalogue", "import", str(template), "--kind", "achievements", "--org", str(university.id)]
    )
    assert good.exit_code == 0, good.output
    assert session.scalar(sa.select(sa.func.count(Achievement.id))) == 1
    header = "标题,成果简介,技术领域,成熟度,转化方式,省份代码,城市代码\n"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(
        (
            header
            + "好标题,足够长的一段成果简介，说明技术指标与应用场景。,新材料,中试,许可,310000,310100\n"
            + ",缺标题的一行，简介也足够长足够长。,新材料,beta,许可,310000,310100\n"
        ).encode("gbk")
    )
    result = runner.invoke(
        args=["catalogue", "import", str(bad), "--kind", "achievements", "--org", str(university.id)]
    )
    assert result.exit_code == 1
    assert "row 3" in result.output and "nothing imported" in result.output
    assert session.scalar(sa.select(sa.func.count(Achievement.id))) == 1
    exported = tmp_path / "out.csv"
    assert (
        runner.invoke(
            args=[
                "catalogue",
                "export",
                "--kind",
                "achievements",
                "--org",
                str(university.id),
                "--format",
                "csv",
                "-o",
                str(exported),
            ]
        ).exit_code
        == 0
    )
    assert exported.read_bytes().startswith(b"\xef\xbb\xbf") and transfer.read_rows(
        exported.read_bytes(), "out.csv"
    )
