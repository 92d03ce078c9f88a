"""Offline evaluation of search and matching against a labelled set (format: shared/data/eval-dev/README.md).

Builds a throw-away index from ``achievements.jsonl``, runs ``queries.jsonl`` as searches and
``demands.jsonl`` through matching, and scores the rankings against ``qrels.jsonl``: nDCG@10 (gain
2^grade - 1), recall@20 and MRR (relevant = grade >= 2), overall and per script. The baseline is
character-bigram BM25 over title + summary + keywords with no normalisation, what a stock CJK analyzer gives.
Nothing here touches the application's database or index.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .backends.base import Backend, SearchQuery
from .matching import DEFAULT_CONFIG, MatchConfig, match_demand

SCRIPTS = ("simplified", "traditional", "english")
#: the labelled set's maturity words, in order, mapped onto the matcher's maturity codes
MATURITY = {"研发阶段": "research", "小试": "lab", "中试": "pilot", "产业化": "industrialised"}
RELEVANT = 2


@dataclass
class DataSet:
    achievements: list[dict[str, Any]]
    queries: list[dict[str, Any]]
    demands: list[dict[str, Any]]
    qrels: dict[str, dict[str, int]]

    @classmethod
    def load(cls, directory: str | Path) -> DataSet:
        d = Path(directory)
        qrels: dict[str, dict[str, int]] = defaultdict(dict)
        for row in _jsonl(d / "qrels.jsonl"):
            qrels[row["from"]][row["achievement"]] = int(row["grade"])
        return cls(
            _jsonl(d / "achievements.jsonl"),
            _jsonl(d / "queries.jsonl"),
            _jsonl(d / "demands.jsonl"),
            dict(qrels),
        )


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def achievement_doc(row: dict[str, Any], pk: int) -> dict[str, Any]:
    return {
        "id": f"achievement:{pk}",
        "kind": "achievement",
        "pk": pk,
        "version": 1,
        "title": row["title"],
        "body": row.get("summary", ""),
        "keywords": row.get("keywords", []),
        "organization": row.get("institution", ""),
        "org_type": "",
        "field": row.get("field", ""),
        "maturity": MATURITY.get(row.get("maturity", ""), ""),
        "modes": row.get("transfer_modes", []),
        "province": row.get("region", ""),
        "city": "",
        "price_wan": row.get("price_wan"),
        "published_at": "",
        "external_id": row["id"],
    }


def demand_doc(row: dict[str, Any], pk: int) -> dict[str, Any]:
    return {
        "id": f"demand:{pk}",
        "kind": "demand",
        "pk": pk,
        "version": 1,
        "title": row["title"],
        "body": row.get("description", ""),
        "keywords": [],
        "organization": "",
        "org_type": "",
        "field": row.get("field", ""),
        "maturity": "",
        "modes": [],
        "province": row.get("region", ""),
        "city": "",
        "price_wan": row.get("budget_wan"),
        "published_at": "",
    }


# -- metrics ------------------------------------------------------------------------------------------------


def ndcg(ranked: list[str], labels: dict[str, int], k: int = 10) -> float:
    gains = [2 ** labels.get(doc, 0) - 1 for doc in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2**g - 1 for g in labels.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[str], labels: dict[str, int], k: int = 20) -> float:
    relevant = {doc for doc, g in labels.items() if g >= RELEVANT}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def mrr(ranked: list[str], labels: dict[str, int]) -> float:
    for i, doc in enumerate(ranked):
        if labels.get(doc, 0) >= RELEVANT:
            return 1.0 / (i + 1)
    return 0.0


def score(runs: dict[str, list[str]], items: list[dict[str, Any]], qrels: dict[str, dict[str, int]]) -> dict:
    def summarise(rows: list[dict[str, Any]]) -> dict[str, float]:
        if not rows:
            return {"ndcg@10": 0.0, "recall@20": 0.0, "mrr": 0.0, "n": 0}
        labels = [qrels.get(r["id"], {}) for r in rows]
        ranked = [runs.get(r["id"], []) for r in rows]
        n = len(rows)
        return {
            "ndcg@10": round(sum(ndcg(r, lab) for r, lab in zip(ranked, labels, strict=True)) / n, 4),
            "recall@20": round(sum(recall(r, lab) for r, lab in zip(ranked, labels, strict=True)) / n, 4),
            "mrr": round(sum(mrr(r, lab) for r, lab in zip(ranked, labels, strict=True)) / n, 4),
            "n": n,
        }

    out = summarise(items)
    out["by_script"] = {s: summarise([r for r in items if r.get("script") == s]) for s in SCRIPTS}
    return out


# -- the baseline: character bigrams, BM25, no normalisation -------------------------------------------------


def _bigrams(text: str) -> list[str]:
    tokens: list[str] = []
    word = ""
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
            if word:
                tokens.append(word)
                word = ""
            tokens.append(ch)
        elif ch.isalnum():
            word += ch
        else:
            if word:
                tokens.append(word)
            word = ""
            tokens.append(" ")
    if word:
        tokens.append(word)
    grams = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a.strip() and b.strip() and len(a) == 1 and len(b) == 1:
            grams.append(a + b)
    grams.extend(t for t in tokens if len(t) > 1)  # Latin words as they are (no case folding)
    cjk_singles = [t for t in tokens if len(t) == 1 and t.strip()]
    if not grams:
        grams = cjk_singles
    return grams


class BigramBM25:
    def __init__(self, docs: dict[str, str], k1: float = 1.2, b: float = 0.75):
        self.k1, self.b = k1, b
        self.tf = {doc_id: Counter(_bigrams(text)) for doc_id, text in docs.items()}
        self.lengths = {doc_id: sum(c.values()) for doc_id, c in self.tf.items()}
        self.avg = sum(self.lengths.values()) / max(1, len(self.lengths))
        df: Counter[str] = Counter()
        for counts in self.tf.values():
            df.update(counts.keys())
        n = len(self.tf)
        self.idf = {t: math.log(1 + (n - f + 0.5) / (f + 0.5)) for t, f in df.items()}

    def rank(self, text: str, limit: int = 100) -> list[str]:
        terms = Counter(_bigrams(text))
        scores: dict[str, float] = {}
        for doc_id, counts in self.tf.items():
            s = 0.0
            norm = self.k1 * (1 - self.b + self.b * self.lengths[doc_id] / self.avg)
            for term, qtf in terms.items():
                f = counts.get(term)
                if f:
                    s += qtf * self.idf.get(term, 0.0) * f * (self.k1 + 1) / (f + norm)
            if s > 0:
                scores[doc_id] = s
        return sorted(scores, key=lambda d: -scores[d])[:limit]


# -- the run ------------------------------------------------------------------------------------------------


def evaluate(
    data: DataSet,
    backend: Backend,
    *,
    embedder=None,
    config: MatchConfig = DEFAULT_CONFIG,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    say = progress or (lambda message: None)
    started = time.perf_counter()
    docs = [achievement_doc(row, i + 1) for i, row in enumerate(data.achievements)]
    external = {doc["id"]: doc["external_id"] for doc in docs}
    if embedder is not None:
        from .embedding import listing_text

        say(f"embedding {len(docs)} listings")
        vectors = embedder.passages([listing_text(doc) for doc in docs])
        for doc, vector in zip(docs, vectors, strict=True):
            doc["vector"] = vector.tolist()
    backend.clear()
    backend.index_many(docs)
    backend.refresh()
    say(f"indexed {backend.count()} listings into {backend.name}")

    query_runs: dict[str, list[str]] = {}
    for row in data.queries:
        vector = embedder.query(row["text"]).tolist() if embedder is not None else None
        result = backend.search(
            SearchQuery(text=row["text"], kinds=("achievement",), per_page=20, vector=vector, facets=())
        )
        query_runs[row["id"]] = [external[h.id] for h in result.hits]

    demand_runs: dict[str, list[str]] = {}
    for i, row in enumerate(data.demands):
        doc = demand_doc(row, i + 1)
        if embedder is not None:
            from .embedding import listing_text

            doc["vector"] = embedder.query(listing_text(doc)).tolist()
        demand_runs[row["id"]] = [external[m.doc_id] for m in match_demand(backend, doc, config, limit=20)]

    baseline = baseline_runs(data)
    return {
        "backend": backend.name,
        "queries": score(query_runs, data.queries, data.qrels),
        "demands": score(demand_runs, data.demands, data.qrels),
        "baseline": {
            "queries": score(baseline[0], data.queries, data.qrels),
            "demands": score(baseline[1], data.demands, data.qrels),
        },
        "seconds": round(time.perf_counter() - started, 1),
        "runs": {"queries": query_runs, "demands": demand_runs},
    }


def baseline_runs(data: DataSet) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    bm25 = BigramBM25(
        {
            row["id"]: " ".join([row["title"], row.get("summary", ""), " ".join(row.get("keywords", []))])
            for row in data.achievements
        }
    )
    queries = {row["id"]: bm25.rank(row["text"]) for row in data.queries}
    demands = {row["id"]: bm25.rank(row["title"] + " " + row.get("description", "")) for row in data.demands}
    return queries, demands


def report(result: dict[str, Any]) -> Iterable[str]:
    """Human-readable lines for the console."""

    def row(name: str, metrics: dict[str, Any]) -> str:
        return (
            f"  {name:<22} nDCG@10 {metrics['ndcg@10']:.3f}  recall@20 {metrics['recall@20']:.3f}  "
            f"MRR {metrics['mrr']:.3f}  (n={metrics['n']})"
        )

    yield f"backend: {result['backend']}  ({result['seconds']} s)"
    for task in ("queries", "demands"):
        yield f"{task}:"
        yield row("all", result[task])
        for script in SCRIPTS:
            yield row(script, result[task]["by_script"][script])
        yield row("baseline (bigram BM25)", result["baseline"][task])
