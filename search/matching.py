"""Demand <-> achievement matching: text relevance plus structured fit, with reasons a person can check.

    score = TEXT * relevance                 (hybrid lexical + semantic, 0..1, from the backend)
          + FIELD    if the technical fields agree
          + MATURITY if the achievement is at least as mature as the demand expects (less if one step short)
          + PRICE    if the asking price fits the budget (or either side is negotiable, half)
          + MODES    if a transfer mode the achievement offers is one the enterprise accepts
          + LOCAL    if both are in the same province (city: full weight) - local conversion is a policy goal

The weights are a `MatchConfig`; the application reads them from its settings (``MATCH_LOCAL_WEIGHT`` ...).
Each match carries `Reason`s (a code and parameters) that the application renders in the user's language.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .backends.base import Backend, Hit
from .documents import SearchDocument, validate

#: cosine similarity (multilingual-e5-small) from which descriptions are called "very similar": related
#: listings of one field typically score 0.85-0.90 with this model, near-duplicates above 0.92
SIMILAR_TEXT = 0.92
#: shared terms named in a match's explanation, the most weighty first
SHOWN_TERMS = 6
DEFAULT_MATURITY_ORDER = ("research", "lab", "pilot", "industrialised")


@dataclass(frozen=True)
class MatchConfig:
    text: float = 0.75
    field: float = 0.08
    maturity: float = 0.05
    price: float = 0.04
    modes: float = 0.03
    local: float = 0.05
    maturity_order: Sequence[str] = DEFAULT_MATURITY_ORDER
    depth: int = 100  #: candidates fetched from the index before structured scoring
    minimum: float = 0.2  #: matches scoring below this are not kept


DEFAULT_CONFIG = MatchConfig()


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Match:
    doc_id: str
    kind: str
    pk: int
    score: float
    relevance: float
    reasons: list[Reason]
    source: dict[str, Any]


def match_demand(
    backend: Backend,
    demand: SearchDocument | dict[str, Any],
    config: MatchConfig = DEFAULT_CONFIG,
    limit: int = 20,
) -> list[Match]:
    """The achievements that best answer a demand or challenge."""
    demand = validate(dict(demand))
    hits = backend.more_like(
        demand, kinds=("achievement",), limit=config.depth, depth=config.depth, explain=False
    )
    return _rank(backend, hits, demand, config, limit, demand_side=demand)


def match_demands(
    backend: Backend,
    demands: Iterable[SearchDocument | dict[str, Any]],
    config: MatchConfig = DEFAULT_CONFIG,
    limit: int = 20,
    *,
    workers: int | None = None,
) -> Iterator[tuple[dict[str, Any], list[Match]]]:
    """`match_demand` for many demands, ``(demand, matches)`` in order, computed by ``workers`` threads
    (default: one per core). The engines do their work outside the GIL (tantivy releases it while it
    searches; OpenSearch answers over the network), so threads overlap the searches of several demands.
    Results are yielded as they are ready, with a bounded number in flight."""
    workers = workers or min(4, os.cpu_count() or 1)
    demands = list(demands)
    if workers < 2 or len(demands) < 3:  # a pool is not worth starting for one or two (an edit's drain)
        for demand in demands:
            yield demand, match_demand(backend, demand, config, limit)
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="match") as pool:
        pending: deque = deque()
        for demand in demands:
            pending.append((demand, pool.submit(match_demand, backend, demand, config, limit)))
            if len(pending) >= workers * 4:
                item, future = pending.popleft()
                yield item, future.result()
        while pending:
            item, future = pending.popleft()
            yield item, future.result()


def match_achievement(
    backend: Backend,
    achievement: SearchDocument | dict[str, Any],
    config: MatchConfig = DEFAULT_CONFIG,
    limit: int = 20,
) -> list[Match]:
    """The published demands and challenges an achievement could answer (the reverse direction)."""
    achievement = validate(dict(achievement))
    hits = backend.more_like(
        achievement, kinds=("demand", "challenge"), limit=config.depth, depth=config.depth, explain=False
    )
    return _rank(backend, hits, achievement, config, limit, demand_side=None)


def _rank(
    backend: Backend, hits: list[Hit], origin: dict[str, Any], config: MatchConfig, limit: int, *, demand_side
) -> list[Match]:
    scored = []
    for hit in hits:
        demand = demand_side if demand_side is not None else hit.source
        achievement = hit.source if demand_side is not None else origin
        fit, _ = structured_fit(demand, achievement, config, explain=False)
        relevance = max(0.0, min(1.0, hit.score))
        score = config.text * relevance + fit
        if score >= config.minimum:
            scored.append((score, relevance, hit, demand, achievement))
    scored.sort(key=lambda item: -item[0])
    out = []
    for score, relevance, hit, demand, achievement in scored[:limit]:  # explanations for the matches kept
        _, reasons = structured_fit(demand, achievement, config)
        shown = _shown_terms(backend.explain(hit).matched_terms)
        if shown:
            reasons.insert(0, Reason("terms", {"terms": shown}))
        if hit.semantic is not None and hit.semantic >= SIMILAR_TEXT:
            reasons.insert(0, Reason("similar_text", {"similarity": round(hit.semantic, 2)}))
        out.append(Match(hit.id, hit.kind, hit.pk, round(score, 4), round(relevance, 4), reasons, hit.source))
    return out


def _shown_terms(terms: list[str]) -> list[str]:
    """The shared terms worth naming: no single letters, no fragment of a longer term (可编 in 可编程)."""
    kept = [t for t in terms if len(t) > 1]
    shown: list[str] = []
    for term in kept:  # in order, stopping at SHOWN_TERMS: most candidates are never looked at
        if not any(len(other) > len(term) and term in other for other in kept):
            shown.append(term)
            if len(shown) == SHOWN_TERMS:
                break
    return shown


def structured_fit(
    demand: dict[str, Any], achievement: dict[str, Any], config: MatchConfig, *, explain: bool = True
) -> tuple[float, list[Reason]]:
    """The structured part of a match's score, and the reasons for it (none when ``explain`` is False:
    matching scores every candidate, but explains only the matches it keeps)."""
    score = 0.0
    reasons: list[Reason] = []
    if demand.get("field") and demand.get("field") == achievement.get("field"):
        score += config.field
        if explain:
            reasons.append(Reason("field", {"field": demand["field"]}))

    order = config.maturity_order
    expected, offered = demand.get("maturity"), achievement.get("maturity")
    if expected in order and offered in order:
        gap = order.index(offered) - order.index(expected)
        if gap >= 0:
            score += config.maturity
            if explain:
                reasons.append(Reason("maturity", {"maturity": offered, "expected": expected}))
        elif gap == -1:
            score += config.maturity / 2
            if explain:
                reasons.append(Reason("maturity_close", {"maturity": offered, "expected": expected}))

    budget, price = demand.get("price_wan"), achievement.get("price_wan")
    if budget is not None and price is not None:
        if price <= budget:
            score += config.price
            if explain:
                reasons.append(Reason("price", {"price": price, "budget": budget}))
        elif price <= budget * 1.2:
            score += config.price / 2
            if explain:
                reasons.append(Reason("price_close", {"price": price, "budget": budget}))
    elif budget is None or price is None:
        score += config.price / 2
        if explain:
            reasons.append(Reason("price_negotiable", {}))

    accepted = demand.get("modes") or ()
    common = [m for m in achievement.get("modes") or () if m in accepted]
    if common:
        score += config.modes
        if explain:
            reasons.append(Reason("modes", {"modes": common}))

    if demand.get("province") and demand.get("province") == achievement.get("province"):
        same_city = bool(demand.get("city")) and demand.get("city") == achievement.get("city")
        score += config.local if same_city else config.local * 0.7
        if explain:
            reasons.append(
                Reason(
                    "same_city" if same_city else "same_province",
                    {"province": demand["province"], "city": demand.get("city", "")},
                )
            )
    return score, reasons
