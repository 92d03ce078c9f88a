"""Search, stored matches, match feedback and saved searches: the business rules, without a request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa
from flask import current_app, render_template
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from marketplace.accounts.models import OrganizationType, PlatformRole
from marketplace.catalogue import search_docs
from marketplace.catalogue.models import Achievement, Demand, ListingStatus
from marketplace.catalogue.services import is_owner
from marketplace.catalogue.vocab import FIELDS, MATURITY, TRANSFER_MODES, Field, Maturity, TransferMode
from marketplace.core import audit
from marketplace.core.errors import PermissionDenied, ValidationFailed
from marketplace.core.notifications import N_, notify
from marketplace.db import utcnow
from marketplace.discovery.indexing import attach_vectors
from marketplace.discovery.models import DeclineReason, Match, MatchFeedback, SavedSearch
from search import matching
from search.backends import Backend, SearchQuery, SearchResult
from search.documents import FACETS, KINDS, NEGOTIABLE, PRICE_BANDS, SORTS, split_id

PER_PAGE = 20
MATCHES_KEPT = 20
#: matches at least this strong go to the brokers' queue
STRONG_MATCH = 0.6
SAVED_SEARCHES_MAX = 20
ORG_TYPES = tuple(t.value for t in OrganizationType)


# -- search --------------------------------------------------------------------------------------------------


@dataclass
class SearchParams:
    """Validated search input, from the search page or the API (same names, same rules)."""

    q: str = ""
    kinds: tuple[str, ...] = ()
    filters: dict[str, list[str]] | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = PER_PAGE

    def as_args(self) -> dict[str, Any]:
        args: dict[str, Any] = {}
        if self.q:
            args["q"] = self.q
        if self.kinds:
            args["kind"] = list(self.kinds)
        for name, values in (self.filters or {}).items():
            args[name] = list(values)
        if self.sort != "relevance":
            args["sort"] = self.sort
        return args


ALLOWED = {
    "field": {f.value for f in Field},
    "maturity": {m.value for m in Maturity},
    "modes": {m.value for m in TransferMode},
    "price_band": {name for name, _, _ in PRICE_BANDS} | {NEGOTIABLE},
    "org_type": set(ORG_TYPES),
}


def parse_params(args: Mapping[str, Any]) -> SearchParams:
    """Read search parameters from a MultiDict-like mapping (``getlist``) or a plain dict of lists."""

    def values(name: str) -> list[str]:
        if hasattr(args, "getlist"):
            raw = args.getlist(name)
        else:
            raw = args.get(name) or []
            raw = raw if isinstance(raw, list | tuple) else [raw]
        out: list[str] = []
        for item in raw:
            out.extend(v.strip() for v in str(item).split(",") if v.strip())
        return list(dict.fromkeys(out))

    problems: dict[str, str] = {}
    q = " ".join(values("q"))[:200]
    kinds = tuple(values("kind"))
    if any(k not in KINDS for k in kinds):
        problems["kind"] = "unknown"
    filters: dict[str, list[str]] = {}
    for name in FACETS:
        if name == "kind":
            continue
        chosen = values(name)
        if not chosen:
            continue
        allowed = ALLOWED.get(name)
        if (
            allowed is not None
            and any(v not in allowed for v in chosen)
            or name == "province"
            and any(not (v.isdigit() and len(v) == 6) for v in chosen)
        ):
            problems[name] = "unknown"
        filters[name] = chosen
    sort = (values("sort") or ["relevance"])[0]
    if sort not in SORTS:
        problems["sort"] = "unknown"
    page = _int((values("page") or ["1"])[0], "page", problems)
    per_page = _int((values("per_page") or [str(PER_PAGE)])[0], "per_page", problems)
    if per_page is not None and not 1 <= per_page <= 100:
        problems["per_page"] = "range"
    if page is not None and not 1 <= page <= 1000:
        problems["page"] = "range"
    if problems:
        raise ValidationFailed([(name, _PROBLEM_TEXT[code]) for name, code in problems.items()])
    return SearchParams(q, kinds, filters, sort, page or 1, per_page or PER_PAGE)


_PROBLEM_TEXT = {
    "unknown": _l("This value is not one of the choices."),
    "integer": _l("Enter a whole number."),
    "range": _l("This number is out of range."),
}


def _int(raw: str, name: str, problems: dict[str, str]) -> int | None:
    try:
        return int(raw)
    except ValueError:
        problems[name] = "integer"
        return None


@lru_cache(maxsize=512)
def _query_vector(text: str) -> tuple[float, ...] | None:
    from search import embedding

    model = embedding.default()
    return tuple(model.query(text).tolist()) if model is not None and text.strip() else None


def run_search(engine: Backend, params: SearchParams, *, semantic: bool = True) -> SearchResult:
    vector = _query_vector(params.q) if semantic and params.q else None
    query = SearchQuery(
        text=params.q,
        kinds=params.kinds,
        filters=dict(params.filters or {}),
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
        vector=vector,
    )
    return engine.search(query)


def semantic_enabled() -> bool:
    return bool(current_app.config.get("SEARCH_EMBEDDINGS", True))


# -- matches -------------------------------------------------------------------------------------------------


def match_config() -> matching.MatchConfig:
    cfg = current_app.config
    return matching.MatchConfig(local=float(cfg.get("MATCH_LOCAL_WEIGHT", matching.DEFAULT_CONFIG.local)))


def _store_matches(session: Session, demand_id: int, found: list[matching.Match]) -> None:
    existing = {
        m.achievement_id: m for m in session.scalars(sa.select(Match).where(Match.demand_id == demand_id))
    }
    keep: set[int] = set()
    now = utcnow()
    for rank, item in enumerate(found, start=1):
        reasons = [{"code": r.code, "params": r.params} for r in item.reasons]
        row = existing.get(item.pk)
        if row is None:
            row = Match(demand_id=demand_id, achievement_id=item.pk)
            session.add(row)
        row.score, row.relevance, row.rank, row.reasons, row.computed_at = (
            item.score,
            item.relevance,
            rank,
            reasons,
            now,
        )
        keep.add(item.pk)
    for achievement_id, row in existing.items():
        if achievement_id not in keep:
            session.delete(row)


def recompute_matches(
    session: Session, engine: Backend, upserts: list[dict[str, Any]], removed: list[str], config=None
) -> int:
    """Refresh stored matches after documents changed: the demands that changed, and the demands an
    achievement that changed (or left) does or could answer. Returns how many demands were re-matched."""
    config = config or match_config()
    demand_docs: dict[int, dict[str, Any]] = {}
    for doc in upserts:
        if doc["kind"] in ("demand", "challenge"):
            demand_docs[doc["pk"]] = doc
    affected: set[int] = set()
    for doc in upserts:
        if doc["kind"] == "achievement":
            affected.update(m.pk for m in matching.match_achievement(engine, doc, config, limit=MATCHES_KEPT))
            affected.update(
                session.scalars(sa.select(Match.demand_id).where(Match.achievement_id == doc["pk"]))
            )
    for doc_id in removed:
        kind, pk = split_id(doc_id)
        if kind == "achievement":
            affected.update(session.scalars(sa.select(Match.demand_id).where(Match.achievement_id == pk)))
            session.execute(sa.delete(Match).where(Match.achievement_id == pk))
        else:
            session.execute(sa.delete(Match).where(Match.demand_id == pk))
    missing = affected - set(demand_docs)
    if missing:
        ids = [
            f"{kind}:{pk}"
            for pk, kind in session.execute(sa.select(Demand.id, Demand.kind).where(Demand.id.in_(missing)))
        ]
        built = [d for d in search_docs.build(session, ids).values() if d is not None]
        _attach_stored_vectors(session, built)
        demand_docs.update({d["pk"]: d for d in built})
    live = set(session.scalars(sa.select(Demand.id).where(Demand.id.in_(list(demand_docs)))))
    # the engine work runs in threads; the session is only touched here, in this thread
    docs = [doc for pk, doc in demand_docs.items() if pk in live]
    for doc, found in matching.match_demands(engine, docs, config, limit=MATCHES_KEPT):
        _store_matches(session, doc["pk"], found)
    return len(demand_docs)


def _attach_stored_vectors(session: Session, docs: list[dict[str, Any]]) -> None:
    from marketplace.discovery.indexing import embedder

    model = embedder()
    if model is not None:
        attach_vectors(session, [d for d in docs if "vector" not in d], model, compute=False)


def can_see_matches(actor: Any, listing: Demand | Achievement) -> bool:
    """Suggestions of a published listing are shown to its organisation, to brokers and to admins."""
    if not listing.is_published or not getattr(actor, "is_authenticated", False):
        return False
    staff = actor.has_role(PlatformRole.BROKER) or actor.has_role(PlatformRole.ADMIN)
    return staff or is_owner(actor, listing)


def matches_for_demand(session: Session, demand: Demand) -> list[tuple[Match, MatchFeedback | None]]:
    rows = session.scalars(
        sa.select(Match)
        .join(Achievement, Achievement.id == Match.achievement_id)
        .where(Match.demand_id == demand.id, Achievement.status == ListingStatus.PUBLISHED)
        .order_by(Match.rank)
    ).all()
    feedback = {
        f.achievement_id: f
        for f in session.scalars(sa.select(MatchFeedback).where(MatchFeedback.demand_id == demand.id))
    }
    return [(m, feedback.get(m.achievement_id)) for m in rows]


def matches_for_achievement(session: Session, achievement: Achievement) -> list[Match]:
    return list(
        session.scalars(
            sa.select(Match)
            .join(Demand, Demand.id == Match.demand_id)
            .where(Match.achievement_id == achievement.id, Demand.status == ListingStatus.PUBLISHED)
            .order_by(Match.score.desc())
            .limit(MATCHES_KEPT)
        )
    )


def broker_queue(
    session: Session, actor: Any, *, minimum: float = STRONG_MATCH, limit: int = 100
) -> list[Match]:
    """Strong matches of published listings that nobody declined (and that no deal covers yet)."""
    if not (actor.has_role(PlatformRole.BROKER) or actor.has_role(PlatformRole.ADMIN)):
        raise PermissionDenied("matches.queue")
    from marketplace.deals.models import Deal, DealStage

    declined = sa.select(MatchFeedback.id).where(
        MatchFeedback.demand_id == Match.demand_id,
        MatchFeedback.achievement_id == Match.achievement_id,
        MatchFeedback.verdict == "declined",
    )
    covered = sa.select(Deal.id).where(
        Deal.demand_id == Match.demand_id,
        Deal.achievement_id == Match.achievement_id,
        Deal.stage != DealStage.LOST.value,
    )
    return list(
        session.scalars(
            sa.select(Match)
            .join(Demand, Demand.id == Match.demand_id)
            .join(Achievement, Achievement.id == Match.achievement_id)
            .where(
                Match.score >= minimum,
                Demand.status == ListingStatus.PUBLISHED,
                Achievement.status == ListingStatus.PUBLISHED,
                ~sa.exists(declined),
                ~sa.exists(covered),
            )
            .order_by(Match.score.desc(), Match.id)
            .limit(limit)
        )
    )


def give_feedback(
    session: Session,
    actor: Any,
    demand: Demand,
    achievement_id: int,
    verdict: str,
    reason: str | None = None,
    note: str = "",
) -> MatchFeedback:
    """The demand's organisation marks a suggested achievement useful, or declines it with a reason."""
    if not is_owner(actor, demand):
        raise PermissionDenied("matches.feedback")
    match = session.scalar(
        sa.select(Match).where(Match.demand_id == demand.id, Match.achievement_id == achievement_id)
    )
    if match is None:
        raise ValidationFailed([("achievement", _l("This achievement is not among the suggestions."))])
    if verdict not in ("useful", "declined"):
        raise ValidationFailed([("verdict", _PROBLEM_TEXT["unknown"])])
    if verdict == "declined":
        if reason not in {r.value for r in DeclineReason}:
            raise ValidationFailed([("reason", _l("Choose why this achievement does not fit."))])
    else:
        reason = None
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationFailed([("note", _l("At most 300 characters."))])
    row = session.scalar(
        sa.select(MatchFeedback).where(
            MatchFeedback.demand_id == demand.id, MatchFeedback.achievement_id == achievement_id
        )
    )
    if row is None:
        row = MatchFeedback(demand_id=demand.id, achievement_id=achievement_id)
        session.add(row)
    row.verdict, row.reason, row.note, row.user_id = verdict, reason, note, actor.id
    audit.record(
        session,
        actor=actor,
        action="match.feedback",
        object_type="demand",
        object_id=demand.id,
        new={"achievement_id": achievement_id, "verdict": verdict, "reason": reason},
    )
    return row


def decline_rollup(session: Session, achievement: Achievement) -> list[tuple[str, int]]:
    """Why enterprises passed on this achievement: decline reasons with counts, most frequent first."""
    rows = session.execute(
        sa.select(MatchFeedback.reason, sa.func.count(MatchFeedback.id))
        .where(MatchFeedback.achievement_id == achievement.id, MatchFeedback.verdict == "declined")
        .group_by(MatchFeedback.reason)
    ).all()
    return sorted(((reason, int(n)) for reason, n in rows), key=lambda item: (-item[1], item[0]))


def feedback_counts(session: Session) -> dict[str, int]:
    """All verdicts and decline reasons, for the evaluation report."""
    counts: Counter[str] = Counter()
    for verdict, reason, n in session.execute(
        sa.select(MatchFeedback.verdict, MatchFeedback.reason, sa.func.count(MatchFeedback.id)).group_by(
            MatchFeedback.verdict, MatchFeedback.reason
        )
    ):
        counts[verdict] += n
        if reason:
            counts[f"declined:{reason}"] += n
    return dict(counts)


# -- saved searches ------------------------------------------------------------------------------------------


def save_search(
    session: Session, actor: Any, name: str, params: SearchParams, email: bool = True
) -> SavedSearch:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("search.save")
    name = (name or "").strip() or params.q or "—"
    if len(name) > 80:
        raise ValidationFailed([("name", _l("At most 80 characters."))])
    if not params.q and not params.filters and not params.kinds:
        raise ValidationFailed([("q", _l("Enter words or choose a filter before saving the search."))])
    count = (
        session.scalar(sa.select(sa.func.count(SavedSearch.id)).where(SavedSearch.user_id == actor.id)) or 0
    )
    if count >= SAVED_SEARCHES_MAX:
        raise ValidationFailed([("name", _l("You can keep at most 20 saved searches."))])
    row = SavedSearch(user_id=actor.id, name=name, params=params.as_args(), email=email, checked_at=utcnow())
    session.add(row)
    session.flush()
    return row


def delete_saved_search(session: Session, actor: Any, saved: SavedSearch) -> None:
    if saved.user_id != getattr(actor, "id", None):
        raise PermissionDenied("search.delete")
    session.delete(saved)


def saved_searches(session: Session, actor: Any) -> list[SavedSearch]:
    return list(
        session.scalars(
            sa.select(SavedSearch).where(SavedSearch.user_id == actor.id).order_by(SavedSearch.id)
        )
    )


def run_alerts(session: Session, engine: Backend, now: datetime | None = None) -> int:
    """Tell each saved search's owner about listings published since the last check. Returns notifications."""
    from marketplace.core import mail

    now = now or utcnow()
    sent = 0
    for saved in session.scalars(sa.select(SavedSearch).order_by(SavedSearch.id)):
        params = parse_params(saved.params)
        params.sort, params.page, params.per_page = "newest", 1, 50
        result = run_search(engine, params, semantic=False)
        fresh = [
            h
            for h in result.hits
            if h.source.get("published_at")
            and datetime.fromisoformat(h.source["published_at"]) > saved.checked_at
        ]
        saved.checked_at = now
        if not fresh:
            continue
        sent += notify(
            session,
            [saved.user_id],
            N_("%(count)s new listings match your saved search “%(name)s”."),
            link=f"/search?saved={saved.id}",
            count=len(fresh),
            name=saved.name,
        )
        if saved.email and saved.user.email:
            body = render_template(
                "emails/saved_search_alert.txt",
                user=saved.user,
                saved=saved,
                count=len(fresh),
                titles=[h.source["title"] for h in fresh[:10]],
            )
            mail.queue(session, saved.user.email, gettext("New listings for your saved search"), body)
    return sent


LABELS = {"field": FIELDS, "maturity": MATURITY, "modes": TRANSFER_MODES}
