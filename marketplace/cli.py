"""Flask commands: ``seed-demo``, ``users``, ``mail`` and ``i18n``. Each command is its own transaction."""

from __future__ import annotations

import os
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
    app.cli.add_command(search_group)
    app.cli.add_command(contracts_group)


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
    _drain_with_progress("indexing the demo listings")
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


# --- search -------------------------------------------------------------------------------------------------

contracts_group = AppGroup("contracts", help="Technology contracts and their registration.")


@contracts_group.command("remind")
def contracts_remind() -> None:
    """应登尽登: remind applicants of unregistered and returned contracts and sites of overdue reviews
    (run daily; each contract at most once a week)."""
    from marketplace.contracts import tracker

    reminded = tracker.remind_all(db.session)
    db.session.commit()
    click.echo(f"{reminded} contracts reminded.")


search_group = AppGroup("search", help="The search index: drain the outbox, reindex, check, evaluate.")


def _drain_with_progress(title: str, *, batch: int = 200) -> None:
    from marketplace.core import outbox
    from marketplace.discovery import indexing

    count, _ = outbox.pending(db.session)
    if not count:
        return
    click.echo(f"{title}: {count} changes")
    report = indexing.drain(
        db.session,
        indexing.backend(),
        model=indexing.embedder(),
        on_indexed=indexing.after_indexing,
        batch=batch,
    )
    click.echo(
        f"  indexed {report.indexed}, removed {report.deleted}, matched {report.matched} demands"
        + (f", FAILED: {'; '.join(report.errors)}" if report.failed else "")
    )


@search_group.command("drain")
@click.option("--follow", is_flag=True, help="Keep running and apply new changes as they come (a worker).")
@click.option("--interval", default=1.0, show_default=True, help="Seconds between polls with --follow.")
@click.option(
    "--batch", default=200, show_default=True, type=click.IntRange(1, 5000), help="Changes per batch."
)
def search_drain(follow: bool, interval: float, batch: int) -> None:
    """Apply pending changes (the outbox) to the search index; safe to run in several processes."""
    from marketplace.discovery import indexing

    if not follow:
        _drain_with_progress("draining the search outbox", batch=batch)
        return
    click.echo(f"following the search outbox of {current_app.config['SEARCH_URL']} (Ctrl-C stops)")
    try:
        indexing.follow(
            db.session,
            indexing.backend(),
            model=indexing.embedder(),
            interval=interval,
            on_indexed=indexing.after_indexing,
            say=click.echo,
            batch=batch,
        )
    except KeyboardInterrupt:
        click.echo("stopped")


@search_group.command("reindex")
@click.option(
    "--if-stale",
    is_flag=True,
    help="Only when the index was built under another analysis (lexicon or analyzer changed since).",
)
def search_reindex(if_stale: bool) -> None:
    """Rebuild the index from the database (searches keep working meanwhile), then refresh all matches."""
    from marketplace.catalogue import search_docs
    from marketplace.discovery import indexing

    engine = indexing.backend()
    if if_stale:
        analysis = engine.analysis_health()
        if analysis["current"]:
            click.echo(f"the index is current (analysis {analysis['code']}): nothing to do")
            return
        built = analysis["index"] or "that was not recorded (an index from before fingerprints)"
        click.echo(f"the index was built under analysis {built}; this code: {analysis['code']}")
    total = sum(1 for _ in search_docs.published_ids(db.session))
    with click.progressbar(length=total, label="reindexing", show_pos=True) as bar:
        count = indexing.reindex(db.session, engine, model=indexing.embedder(), progress=bar.update)
    db.session.commit()
    click.echo(f"indexed {count} listings into {engine.name}")
    ids = [doc_id for doc_id, _ in search_docs.published_ids(db.session)]
    docs = [d for d in search_docs.build(db.session, ids).values() if d is not None]
    indexing.attach_vectors(db.session, docs, indexing.embedder(), compute=False)
    matched = indexing.after_indexing(db.session, docs, [])
    db.session.commit()
    click.echo(f"matches refreshed for {matched} demands")


@search_group.command("check")
def search_check() -> None:
    """Compare the index with the database (ids and versions); exit status 1 when they differ."""
    from marketplace.discovery import indexing

    diff = indexing.check(db.session, indexing.backend())
    for name, ids in diff.items():
        click.echo(f"{name}: {len(ids)}" + (f"  e.g. {', '.join(ids[:5])}" if ids else ""))
    if any(diff.values()):
        sys.exit(1)


@search_group.command("status")
def search_status() -> None:
    """Backend health and outbox lag (as /healthz reports them)."""
    import json

    from marketplace.discovery import indexing

    click.echo(json.dumps(indexing.health(db.session, indexing.backend()), ensure_ascii=False, indent=2))


@search_group.command("alerts")
def search_alerts() -> None:
    """Notify saved-search owners of newly published listings (also runs after each drain)."""
    from marketplace.core import tx
    from marketplace.discovery import indexing, services

    sent = services.run_alerts(db.session, indexing.backend())
    tx.commit()
    click.echo(f"{sent} notifications")


def _recorded_feedback() -> dict[str, int] | None:
    """What users said about real matches (useful / declined by reason), or None without a database."""
    import sqlalchemy as sa

    from marketplace.discovery import services

    try:
        counts = services.feedback_counts(db.session)
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return None
    db.session.rollback()
    return counts


@search_group.command("evaluate")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False),
    help="A labelled set: achievements.jsonl, queries.jsonl, demands.jsonl, qrels.jsonl.",
)
@click.option(
    "--backend",
    "backend_name",
    default="embedded",
    show_default=True,
    help="embedded, or a search URL (opensearch://host:port) for a throw-away index there.",
)
@click.option("--json", "as_json", is_flag=True, help="End with one line of JSON.")
@click.option("--no-vectors", is_flag=True, help="Text only (no embeddings).")
def search_evaluate(data_dir: str, backend_name: str, as_json: bool, no_vectors: bool) -> None:
    """Score search and matching on a labelled set in a throw-away index; the app's database is only read
    for the match feedback users recorded (useful, declined by reason), which the report counts."""
    import json

    from search import embedding
    from search.backends import open_backend
    from search.evaluation import DataSet, evaluate, report

    if backend_name == "embedded":
        engine = open_backend("embedded://")
    else:
        engine = open_backend(backend_name, index_prefix=f"ttm-eval-{os.getpid()}")
    data = DataSet.load(data_dir)
    try:
        result = evaluate(
            data,
            engine,
            embedder=None if no_vectors else embedding.default(),
            progress=lambda m: click.echo(m, err=True),
        )
    finally:
        if backend_name != "embedded":
            engine.drop()
        engine.close()
    for line in report(result):
        click.echo(line)
    feedback = _recorded_feedback()
    if feedback is not None:
        result["feedback"] = feedback
        declined = {k.split(":", 1)[1]: n for k, n in feedback.items() if k.startswith("declined:")}
        click.echo(
            f"recorded match feedback (this app's database, read only): useful {feedback.get('useful', 0)}, "
            f"declined {feedback.get('declined', 0)}"
            + (
                f" ({', '.join(f'{reason} {n}' for reason, n in sorted(declined.items()))})"
                if declined
                else ""
            )
        )
    if as_json:
        result.pop("runs", None)
        click.echo(json.dumps(result, ensure_ascii=False))
