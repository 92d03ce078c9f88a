"""Synthetic listings, demands and queries for the benchmarks, recombined from the dev evaluation set's text.

Every synthetic listing starts from a real-looking one of the dev set (same script, same field) and mixes in
sentences, title fragments and keywords of other listings of that script and field, so the text reads like
the catalogue and its term frequencies follow the set's vocabulary rather than a handful of words. A long
tail of rarer domain words (the analyser's user dictionary and English lexicon) is added as keywords and
one templated sentence, since 160 listings alone give a smaller vocabulary than 100,000 real ones would.

Structured fields (field, maturity, transfer modes, region, price) are drawn from the distributions seen in
the dev set. Nothing here uses the set's ids or relevance labels. Generation is deterministic for a seed.
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

DEV_SET = Path("/work/shared/data/eval-dev")
SEARCH_DATA = Path(__file__).resolve().parent.parent / "search" / "data"

#: the dev set's maturity words mapped onto the codes the application (and the matcher) use
MATURITY = {"研发阶段": "research", "小试": "lab", "中试": "pilot", "产业化": "industrialised"}
#: the dev set's transfer-mode words mapped onto the application's codes
MODES = {
    "转让": "assignment",
    "许可": "licence",
    "作价入股": "equity",
    "合作开发": "co_development",
    "技术服务": "service",
}

_ZH_SENTENCE = re.compile(r"(?<=[。；！？])")
_EN_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
#: places where a Chinese title can be cut into a head and a tail
_TITLE_CUTS = re.compile(r"[的与及和、]|(?:用于|基于|面向)")


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _sentences(text: str, script: str) -> list[str]:
    pattern = _EN_SENTENCE if script == "english" else _ZH_SENTENCE
    return [s.strip() for s in pattern.split(text or "") if len(s.strip()) > 3]


def _org_type(name: str) -> str:
    if "大学" in name or "學院" in name or "学院" in name or "University" in name:
        return "university"
    if "研究" in name or "Institute" in name or "所" in name:
        return "institute"
    return "enterprise"


class Corpus:
    """Pools of text and value distributions taken from the dev set, and generators built on them."""

    def __init__(self, data_dir: Path = DEV_SET, seed: int = 20261122):
        self.seed = seed
        self.achievements = _jsonl(data_dir / "achievements.jsonl")
        self.demand_rows = _jsonl(data_dir / "demands.jsonl")
        self.query_rows = _jsonl(data_dir / "queries.jsonl")

        # text pools, by (script, field) and by script
        self.rows_by: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.sentences_by: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.keywords_by: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.titles_by: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in self.achievements:
            key = (row["script"], row["field"])
            self.rows_by[key].append(row)
            self.sentences_by[key] += _sentences(row["summary"], row["script"])
            self.keywords_by[key] += row["keywords"]
            self.titles_by[key].append(row["title"])
        self.demands_by: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.demand_sentences_by: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in self.demand_rows:
            key = (row["script"], row["field"])
            self.demands_by[key].append(row)
            self.demand_sentences_by[key] += _sentences(row["description"], row["script"])

        # value distributions (lists with repeats, so random.choice follows the observed frequencies)
        self.scripts = [row["script"] for row in self.achievements]
        self.fields_by_script: dict[str, list[str]] = defaultdict(list)
        for row in self.achievements:
            self.fields_by_script[row["script"]].append(row["field"])
        self.demand_scripts = [row["script"] for row in self.demand_rows]
        self.demand_fields_by_script: dict[str, list[str]] = defaultdict(list)
        for row in self.demand_rows:
            self.demand_fields_by_script[row["script"]].append(row["field"])
        self.maturities = [MATURITY[row["maturity"]] for row in self.achievements]
        self.mode_sets = [[MODES[m] for m in row["transfer_modes"]] for row in self.achievements]
        self.regions = [row["region"] for row in self.achievements] + [r["region"] for r in self.demand_rows]
        self.prices = [row["price_wan"] for row in self.achievements]
        self.budgets = [row["budget_wan"] for row in self.demand_rows]
        self.institutions = sorted({row["institution"] for row in self.achievements})

        # the long tail: domain words of the analyser's dictionaries, in a fixed random order, Zipf-weighted
        tail_rng = random.Random(seed)
        zh = [w for w in self._dictionary_words() if _CJK.search(w) and len(w) >= 2]
        en = self._english_terms()
        tail_rng.shuffle(zh)
        tail_rng.shuffle(en)
        self.tail_zh = zh
        self.tail_en = en
        self._tail_zh_weights = _zipf_cumulative(len(zh))
        self._tail_en_weights = _zipf_cumulative(len(en))

    @staticmethod
    def _dictionary_words() -> list[str]:
        path = SEARCH_DATA / "userdict.txt"
        if not path.exists():
            return []
        words = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.append(line.split()[0])
        return sorted(set(words))

    @staticmethod
    def _english_terms() -> list[str]:
        path = SEARCH_DATA / "en_zh.txt"
        if not path.exists():
            return []
        terms = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                terms.append(line.split("\t", 1)[0].strip())
        return sorted(set(terms))

    # -- helpers ---------------------------------------------------------------------------------------------

    def _tail(self, rng: random.Random, script: str) -> str:
        if script == "english":
            return rng.choices(self.tail_en, cum_weights=self._tail_en_weights)[0] if self.tail_en else ""
        return rng.choices(self.tail_zh, cum_weights=self._tail_zh_weights)[0] if self.tail_zh else ""

    def _pick_key(self, rng: random.Random, scripts: list[str], fields: dict[str, list[str]]):
        script = rng.choice(scripts)
        return script, rng.choice(fields[script])

    def _title(self, rng: random.Random, key: tuple[str, str], seed_title: str) -> str:
        if rng.random() < 0.4:
            return seed_title
        other = rng.choice(self.titles_by[key])
        if key[0] == "english":
            a, b = seed_title.split(), other.split()
            cut_a = max(1, len(a) // 2 + rng.randint(-1, 1))
            cut_b = max(1, len(b) // 2 + rng.randint(-1, 1))
            return " ".join(a[:cut_a] + b[cut_b:]) or seed_title
        # the seed's head up to a joining word, the other title's tail from one (X的Y + Z与W -> X与W)
        cuts_a = [m.start() for m in _TITLE_CUTS.finditer(seed_title) if m.start() >= 2]
        cuts_b = [m.start() for m in _TITLE_CUTS.finditer(other)]
        if cuts_a and cuts_b:
            title = seed_title[: rng.choice(cuts_a)] + other[rng.choice(cuts_b) :]
        else:  # no joining word: cut both near the middle (new compounds widen the vocabulary a little)
            title = seed_title[: len(seed_title) // 2 + rng.randint(-1, 1)] + other[len(other) // 2 :]
        if rng.random() < 0.15:
            title = ("基于" if key[0] == "simplified" else "基於") + self._tail(rng, key[0]) + "的" + title
        return title

    def _tail_sentence(self, rng: random.Random, script: str) -> str:
        a, b = self._tail(rng, script), self._tail(rng, script)
        if script == "english":
            return f"Key techniques include {a} and {b}."
        if script == "traditional":
            return f"涉及{a}、{b}等關鍵技術。"
        return f"涉及{a}、{b}等关键技术。"

    def _body(self, rng: random.Random, key: tuple[str, str], seed_sentences: list[str], pool) -> str:
        """The seed's sentences with about a third of them swapped for sentences of other listings."""
        chosen = [
            rng.choice(pool[key]) if pool.get(key) and rng.random() < 0.35 else sentence
            for sentence in seed_sentences
        ]
        if rng.random() < 0.5:
            chosen.insert(rng.randint(0, len(chosen)), self._tail_sentence(rng, key[0]))
        return (" " if key[0] == "english" else "").join(chosen)

    @staticmethod
    def _published(rng: random.Random) -> str:
        moment = datetime(2026, 11, 1, tzinfo=UTC) - timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
        return moment.isoformat()

    @staticmethod
    def _price(rng: random.Random, values: list) -> float | None:
        value = rng.choice(values)
        if value is None:
            return None
        return round(value * rng.uniform(0.5, 2.0), 1)

    # -- generators ------------------------------------------------------------------------------------------

    def achievement(self, pk: int) -> dict[str, Any]:
        """Synthetic achievement number ``pk`` (deterministic for the corpus seed)."""
        rng = random.Random(self.seed * 1_000_003 + pk)
        key = self._pick_key(rng, self.scripts, self.fields_by_script)
        seed_row = rng.choice(self.rows_by[key])
        keywords = rng.sample(seed_row["keywords"], k=rng.randint(2, min(4, len(seed_row["keywords"]))))
        keywords += [rng.choice(self.keywords_by[key]) for _ in range(rng.randint(0, 2))]
        keywords += [self._tail(rng, key[0]) for _ in range(rng.randint(0, 2))]
        institution = rng.choice(self.institutions)
        return {
            "id": f"achievement:{pk}",
            "kind": "achievement",
            "pk": pk,
            "version": 1,
            "title": self._title(rng, key, seed_row["title"]),
            "body": self._body(rng, key, _sentences(seed_row["summary"], key[0]), self.sentences_by),
            "keywords": list(dict.fromkeys(k for k in keywords if k)),
            "organization": institution,
            "org_type": _org_type(institution),
            "field": key[1],
            "maturity": rng.choice(self.maturities),
            "modes": rng.choice(self.mode_sets),
            "province": rng.choice(self.regions),
            "city": "",
            "price_wan": self._price(rng, self.prices),
            "published_at": self._published(rng),
            "extra": "",
            "vector": None,
        }

    def achievements_iter(self, n: int, start: int = 1):
        for pk in range(start, start + n):
            yield self.achievement(pk)

    def demand(self, pk: int) -> dict[str, Any]:
        """Synthetic demand number ``pk``: a dev-set demand recombined with others of its script and field."""
        rng = random.Random(self.seed * 7_000_003 + pk)
        key = self._pick_key(rng, self.demand_scripts, self.demand_fields_by_script)
        seed_row = rng.choice(self.demands_by[key])
        achievement_key = (
            key if self.keywords_by.get(key) else (key[0], rng.choice(self.fields_by_script[key[0]]))
        )
        keywords = [rng.choice(self.keywords_by[achievement_key]) for _ in range(rng.randint(0, 3))]
        pool = self.demand_sentences_by if rng.random() < 0.8 else self.sentences_by
        if not pool.get(key):
            pool = self.demand_sentences_by
        return {
            "id": f"demand:{pk}",
            "kind": "demand",
            "pk": pk,
            "version": 1,
            "title": seed_row["title"],
            "body": self._body(rng, key, _sentences(seed_row["description"], key[0]), pool),
            "keywords": list(dict.fromkeys(keywords)),
            "organization": "",
            "org_type": "enterprise",
            "field": key[1],
            "maturity": rng.choice(self.maturities),
            "modes": rng.choice(self.mode_sets),
            "province": rng.choice(self.regions),
            "city": "",
            "price_wan": self._price(rng, self.budgets),
            "published_at": self._published(rng),
            "extra": "",
            "vector": None,
        }

    def queries(self, n: int, *, filter_share: float = 0.3) -> list[dict[str, Any]]:
        """``n`` search-box queries: the dev set's query texts and 1-3 listing keywords, some with a filter.

        Each is ``{"text", "script", "filters"}``; scripts follow the dev set (mostly Simplified, some
        Traditional, some English).
        """
        rng = random.Random(self.seed + 99)
        out = []
        for _ in range(n):
            if rng.random() < 0.4:
                row = rng.choice(self.query_rows)
                text, script = row["text"], row["script"]
            else:  # 1-3 keywords of one listing, as a user who knows what to look for would type them
                row = rng.choice(self.achievements)
                script = row["script"]
                words = rng.choices((1, 2, 3), weights=(50, 35, 15))[0]
                text = " ".join(rng.sample(row["keywords"], min(words, len(row["keywords"]))))
            filters: dict[str, list[str]] = {}
            if rng.random() < filter_share:
                name = rng.choice(("field", "province", "maturity"))
                if name == "field":
                    filters["field"] = [rng.choice(self.fields_by_script["simplified"])]
                elif name == "province":
                    filters["province"] = [rng.choice(self.regions)]
                else:
                    filters["maturity"] = [rng.choice(self.maturities)]
            out.append({"text": text, "script": script, "filters": filters})
        return out


def _zipf_cumulative(n: int, s: float = 1.0) -> list[float]:
    total, out = 0.0, []
    for rank in range(1, n + 1):
        total += 1.0 / rank**s
        out.append(total)
    return out
