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
