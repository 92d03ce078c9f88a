"""Flask commands: ``seed-demo``, ``users``, ``mail`` and ``i18n``. Each command is its own transaction."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from marketplace.core import mail
from marketplace.extensions import db

TRANSLATIONS = Path(__file__).parent / "translations"
ROOT = Path(__file__).resolve().parent.parent


def register(app: Flask) -> None:
    app.cli.add_command(seed_demo)
    app.cli.add_command(users)
    app.cli.add_command(mail_group)
    app.cli.add_command(i18n)
    app.cli.add_command(catalogue_group)


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has users.")
@click.option("--password", default=None, help="One password for every demo login (default: random).")
def seed_demo(if_empty: bool, password: str | None) -> None:
    """Create the demo world and print its logins."""
    from marketplace import demo

    if demo.is_seeded(db.session):
        if if_empty:
            click.echo("The database already has data; demo data not added.")
            return
        raise click.ClickException("The database is not empty; seed-demo only runs on an empty database.")
    logins = demo.seed(db.session, password=password)
    db.session.commit()
    lines = ["DEMO LOGINS (demo data, not for production)", ""]
    width = max(len(login.email) for login in logins)
    for login in logins:
        org = f"  [{login.organization}]" if login.organization else ""
        lines.append(f"  {login.role:<36} {login.email:<{width}}  {login.password}{org}")
    text = "\n".join(lines)
    Path(current_app.instance_path).mkdir(parents=True, exist_ok=True)
    saved = Path(current_app.instance_path) / "demo-logins.txt"
    saved.write_text(text + "\n", encoding="utf-8")
    saved.chmod(0o600)
    click.echo(text)
    click.echo(f"\n(also written to {saved})")


users = AppGroup("users", help="Manage user accounts.")


@users.command("create-admin")
@click.option("--email", prompt=True)
@click.option("--name", default="Administrator")
@click.password_option()
def create_admin(email: str, name: str, password: str) -> None:
    """Create a platform administrator (or give an existing user the admin role)."""
    from marketplace.accounts import services
    from marketplace.core.errors import ValidationFailed

    try:
        user = services.bootstrap_admin(db.session, email, password, name)
    except ValidationFailed as exc:
        db.session.rollback()
        raise click.ClickException("; ".join(str(m) for _f, m in exc.reasons)) from exc
    db.session.commit()
    click.echo(f"{user.email} is a platform administrator.")


mail_group = AppGroup("mail", help="Outgoing mail.")


@mail_group.command("send-pending")
def send_pending() -> None:
    """Retry delivery of mail that could not be sent."""
    pending = mail.pending(db.session)
    sent = mail.deliver(db.session, pending, mail.sender_for(current_app.config))
    db.session.commit()
    click.echo(f"{sent} of {len(pending)} pending mails sent.")


i18n = AppGroup("i18n", help="Translation catalogues (Babel).")


def _pybabel(*args: str) -> None:
    pybabel = Path(sys.executable).with_name("pybabel")
    subprocess.run([str(pybabel), *args], check=True, cwd=ROOT)  # noqa: S603 - fixed program, our own arguments


@i18n.command("extract")
def extract() -> None:
    """Extract messages into messages.pot and merge them into every catalogue."""
    _pybabel(
        "extract", "-F", "babel.cfg", "-k", "_l", "-k", "N_", "-o", str(TRANSLATIONS / "messages.pot"), "."
    )
    _pybabel(
        "update", "-i", str(TRANSLATIONS / "messages.pot"), "-d", str(TRANSLATIONS), "--no-fuzzy-matching"
    )


@i18n.command("hant")
def hant() -> None:
    """Write the Traditional catalogue from the Simplified one with OpenCC (script conversion only)."""
    from marketplace.i18n import write_hant

    count = write_hant(TRANSLATIONS)
    click.echo(f"zh_Hant: {count} messages converted from zh_Hans.")


@i18n.command("compile")
def compile_() -> None:
    """Compile every catalogue to .mo."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


catalogue_group = AppGroup("catalogue", help="The catalogue of achievements and demands.")


@catalogue_group.command("expire")
@click.option("--remind-days", default=30, show_default=True, help="Remind owners this many days ahead.")
def expire(remind_days: int) -> None:
    """Expire listings past their validity or deadline and remind owners of coming expiries (run daily)."""
    from marketplace.catalogue import services as catalogue

    reminded = catalogue.remind_expiring(db.session, days=remind_days)
    expired = catalogue.expire_due(db.session)
    db.session.commit()
    click.echo(f"{expired} listings expired, {reminded} owners reminded.")


@catalogue_group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--kind", type=click.Choice(["achievements", "demands"]), required=True)
@click.option(
    "--org", "org_id", type=int, required=True, help="Id of the organisation the listings belong to."
)
@click.option("--dry-run", is_flag=True, help="Validate the file without saving anything.")
def import_command(path: str, kind: str, org_id: int, dry_run: bool) -> None:
    """Import a CSV (UTF-8 or GB18030/GBK) or XLSX file as drafts: every row, or none (exit code 1)."""
    from marketplace.accounts.models import Organization
    from marketplace.catalogue import transfer
    from marketplace.core.errors import PermissionDenied

    org = db.session.get(Organization, org_id)
    admin = next((m.user for m in org.memberships if m.is_admin), None) if org else None
    if admin is None:
        raise click.ClickException(f"organisation {org_id} does not exist or has no administrator")
    data = Path(path).read_bytes()
    try:
        report = transfer.import_listings(db.session, admin, kind, data, Path(path).name, dry_run=dry_run)
    except PermissionDenied as exc:
        raise click.ClickException(f"{org.name} may not publish {kind}") from exc
    if not report.ok:
        db.session.rollback()
        for error in report.errors:
            where = f"row {error.row}" + (f", column {error.column}" if error.column else "")
            click.echo(f"{where}: {error.message}", err=True)
        raise click.ClickException(
            f"{len(report.errors)} problems in {report.total_rows} rows; nothing imported"
        )
    if dry_run:
        click.echo(f"{report.total_rows} rows are valid (dry run: nothing saved).")
        return
    db.session.commit()
    click.echo(f"{report.imported} {kind} imported as drafts of {org.name}.")


@catalogue_group.command("export")
@click.option("--kind", type=click.Choice(["achievements", "demands"]), required=True)
@click.option("--format", "fmt", type=click.Choice(["xlsx", "csv"]), default="xlsx", show_default=True)
@click.option("--org", "org_id", type=int, help="Only this organisation's listings, in every state.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
def export_command(kind: str, fmt: str, org_id: int | None, output: str) -> None:
    """Export published listings (or all listings of one organisation) to XLSX or CSV."""
    from marketplace.catalogue import services as catalogue
    from marketplace.catalogue import transfer
    from marketplace.catalogue.models import Achievement, Demand

    model = Achievement if kind == "achievements" else Demand
    stmt = (
        catalogue.organization_listings(model, org_id)
        if org_id
        else catalogue.public_listings(model, catalogue.Filters())
    )
    listings = db.session.scalars(stmt).all()
    Path(output).write_bytes(transfer.export_listings(listings, kind, fmt))
    click.echo(f"{len(listings)} {kind} written to {output}.")


@catalogue_group.command("template")
@click.option("--kind", type=click.Choice(["achievements", "demands"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), required=True)
def template_command(kind: str, output: str) -> None:
    """Write the XLSX import template (headers, an example row and a sheet explaining each column)."""
    from marketplace.catalogue import transfer

    Path(output).write_bytes(transfer.template(kind))
    click.echo(f"Template written to {output}.")
