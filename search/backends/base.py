"""The backend protocol and what every backend shares: query building, hybrid re-ranking, highlighting.

A backend implements a handful of primitives (`_index`, `_delete`, `_lexical`, ...) over its engine; the
public methods here turn user input into the same weighted-term query for every engine, so the embedded
engine and OpenSearch rank with the same terms, boosts and re-ranking, and pass one contract suite.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing as mp
import os
from abc import ABC, abstractmethod
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import analysis
from ..documents import FACETS, KINDS, SORTS, SearchDocument, price_band, validate

#: how much each indexed field counts; ``grams`` (character bigrams) is the safety net for unknown words
FIELD_BOOSTS = {"title": 3.0, "keywords": 2.0, "body": 1.0, "extra": 1.0}
GRAMS_BOOST = 0.4
#: the exact-value fields every engine indexes (facets, filters, ids) and the analysed text fields
KEYWORD_FIELDS = ("id", "kind", "field", "maturity", "province", "city", "modes", "price_band", "org_type")
TEXT_FIELDS = ("title", "keywords", "body", "extra", "grams")
#: sort keys for the price sorts: listings without a price (面议) come last either way
NO_PRICE_ASC = 1e15
NO_PRICE_DESC = -1.0
#: how much the other alternatives of a concept add to its best match (dis_max tie breaker)
CONCEPT_TIE_BREAKER = 0.3
#: how many candidates each retriever (text, vectors) contributes to a hybrid ranking
CANDIDATES = 100
#: streams at least this long are analysed in parallel by `prepare_stream`
PARALLEL_MIN = 2000
#: the share of the semantic score in a hybrid ranking (0 = lexical only)
SEMANTIC_WEIGHT = 0.5
#: a query's vector-only results must be this close to the best similarity (cosine)
QUERY_SIMILARITY_FLOOR = 0.05
#: added to the similarity of a listing written in another language than the query (Chinese / English):
#: the model puts any two texts of different languages further apart than two of one language (on the dev
#: set, unrelated pairs average 0.85 within a language and 0.78 across, related pairs 0.91 and 0.82), so
#: without it an English listing ranks below unrelated Chinese ones for a Chinese demand
CROSS_LANGUAGE_SIMILARITY = 0.07
#: the same for a query (a few words), applied only to listings that matched its words in translation
CROSS_LANGUAGE_QUERY = 0.05
#: the key under which a stored document keeps its distinct analysed terms
ANALYSED_KEY = "analysed_terms"
#: terms taken from a document for "more like this"
MORE_LIKE_TERMS = 40


class SearchUnavailable(Exception):
    """The engine cannot be reached or refused the request; writes stay in the outbox and are retried."""


@dataclass(frozen=True)
class TermGroup:
    """Alternatives of which a matching listing must contain at least one (when the query requires all)."""

    terms: tuple[tuple[str, float], ...]
    grams: tuple[str, ...] = ()
    #: bigrams that add to the score of a listing matching the group, but do not make a listing match
    scoring_grams: tuple[str, ...] = ()
    #: indexes into ``terms`` of alternatives scored by their best match (see `Analyzer.query_concepts`)
    concepts: tuple[tuple[int, ...], ...] = ()

    def units(self) -> list[list[tuple[str, float]]]:
        """The terms as scoring units: each concept is one unit, every other term its own."""
        grouped = {i for concept in self.concepts for i in concept}
        units = [[self.terms[i] for i in concept] for concept in self.concepts]
        units += [[term] for i, term in enumerate(self.terms) if i not in grouped]
        return units


@dataclass(frozen=True)
class TextQuery:
    groups: tuple[TermGroup, ...] = ()
    require_all: bool = True

    @property
    def empty(self) -> bool:
        return not self.groups


@dataclass
class SearchQuery:
    text: str = ""
    kinds: Sequence[str] = ()
    filters: dict[str, list[str]] = field(default_factory=dict)  #: facet name -> accepted values (OR)
    facets: Sequence[str] = FACETS
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    vector: Sequence[float] | None = None  #: the query's embedding, for hybrid re-ranking
    exclude: Sequence[str] = ()  #: document ids to leave out

    def __post_init__(self) -> None:
        if self.sort not in SORTS:
            raise ValueError(f"unknown sort {self.sort!r}")
        unknown = set(self.filters) - set(FACETS)
        if unknown:
            raise ValueError(f"unknown filter {sorted(unknown)}")
        if any(kind not in KINDS for kind in self.kinds):
            raise ValueError(f"unknown kind in {self.kinds!r}")
        self.page = max(1, int(self.page))
        self.per_page = max(1, min(100, int(self.per_page)))

    def all_filters(self) -> dict[str, list[str]]:
        filters = {name: list(values) for name, values in self.filters.items() if values}
        if self.kinds:
            filters["kind"] = (
                sorted(set(filters.get("kind", [])) | set(self.kinds))
                if "kind" in filters
                else list(self.kinds)
            )
        return filters


@dataclass
class Hit:
    id: str
    kind: str
    pk: int
    score: float
    source: dict[str, Any]
    lexical: float = 0.0  #: the text score, normalised to the best candidate (0..1)
    semantic: float | None = None  #: cosine similarity of the embeddings, when both sides have one
    highlights: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    matched_terms: list[str] = field(default_factory=list)
    #: the query's terms, kept by `more_like(explain=False)` for a later `Backend.explain`
    query_terms: list[str] = field(default_factory=list, repr=False)


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    page: int
    per_page: int
    terms: list[str] = field(default_factory=list)
    #: results that contain the query's words; 0 with hits means "only related (semantic) results"
    lexical_total: int = 0

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


@dataclass
class LexicalPage:
    """What a backend's `_lexical` returns: one page (or candidate list) of (id, score, source)."""

    hits: list[tuple[str, float, dict[str, Any]]]
    total: int
    facets: dict[str, list[tuple[str, int]]]


class Backend(ABC):
    name = "abstract"
    #: processes that analyse documents during a bulk load (reindex); 1 analyses in this process
    analysis_workers = 4

    def __init__(self, analyzer: analysis.Analyzer | None = None):
        self.analyzer = analyzer or analysis.default()

    # -- primitives each engine implements -------------------------------------------------------------------

    @abstractmethod
    def _index(self, rows: list[dict[str, Any]]) -> None:
        """Upsert prepared rows, each only if its version is newer than the indexed one."""

    @abstractmethod
    def _delete(self, items: list[tuple[str, int]]) -> None:
        """Delete (id, version) pairs whose indexed version is not newer."""

    @abstractmethod
    def _lexical(
        self,
        text: TextQuery,
        filters: dict[str, list[str]],
        *,
        facets: Sequence[str],
        sort: str,
        offset: int,
        limit: int,
        exclude: Sequence[str] = (),
    ) -> LexicalPage: ...

    @abstractmethod
    def count(self, kinds: Sequence[str] = ()) -> int: ...

    @abstractmethod
    def versions(self) -> dict[str, int]:
        """Every indexed document id with its version (for checks against the database)."""

    @abstractmethod
    def get(self, doc_id: str) -> dict[str, Any] | None: ...

    @abstractmethod
    def clear(self) -> None: ...

    @abstractmethod
    def health(self) -> dict[str, Any]:
        """``{"ok": bool, ...details}``; never raises. Includes `analysis_health`."""

    @abstractmethod
    def stored_analysis(self) -> str | None:
        """The `Analyzer.fingerprint` the live index was built with (None: built before fingerprints were
        recorded); the current one when there is no index yet (its first write creates a current one)."""

    def analysis_current(self) -> bool:
        """Whether the live index holds the terms this code and lexicon give (else `flask search reindex`)."""
        return self.analysis_health()["current"]

    def analysis_health(self) -> dict[str, Any]:
        stored = self.stored_analysis()
        return {
            "current": stored == self.analyzer.fingerprint,
            "index": stored,
            "code": self.analyzer.fingerprint,
        }

    def bulk_load(self, docs: Iterable[dict[str, Any]], *, batch: int = 500, progress=None) -> int:
        """Replace the whole index with ``docs`` (engines override this to swap in a new index atomically)."""
        self.clear()
        total = 0
        chunk: list[dict[str, Any]] = []
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= batch:
                total += self.index_many(chunk)
                if progress:
                    progress(len(chunk))
                chunk = []
        if chunk:
            total += self.index_many(chunk)
            if progress:
                progress(len(chunk))
        self.refresh()
        return total

    def drop(self) -> None:
        """Remove everything this backend created (throw-away evaluation indexes)."""
        self.clear()

    def refresh(self) -> None:  # noqa: B027 - optional hook
        """Make everything written so far visible to searches (tests, evaluation)."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release files, locks and connections."""

    # -- the public protocol ---------------------------------------------------------------------------------

    def prepare(self, doc: SearchDocument | dict[str, Any]) -> dict[str, Any]:
        """The analysed form of a document: term strings per field, plus the document itself."""
        doc = validate(dict(doc))
        a = self.analyzer
        texts = {
            "title": a.fold(doc["title"]),
            "keywords": a.fold(" ".join(doc["keywords"])),
            "body": a.fold(doc["body"]),
            "extra": a.fold(doc.get("extra") or ""),
        }
        fields = {name: a.terms(text, folded=True) for name, text in texts.items()}
        text_all = " ".join([texts["title"], texts["keywords"], texts["body"]])
        # the distinct terms are stored with the document, so results need not be analysed again to say
        # which query terms they contain (explanations of matches, highlights)
        doc[ANALYSED_KEY] = sorted({t for terms in fields.values() for t in terms})
        return {
            "doc": doc,
            **{name: " ".join(terms) for name, terms in fields.items()},
            "grams": " ".join(a.bigrams(text_all, folded=True)),
        }

    def prepare_many(self, docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """`prepare` for a batch; large batches (reindex) are analysed by worker processes, one per core."""
        return [row for rows in self.prepare_stream(docs) for row in rows]

    def prepare_stream(
        self, docs: Iterable[dict[str, Any]], *, chunk: int = 500
    ) -> Iterator[list[dict[str, Any]]]:
        """`prepare` over a stream of documents, yielding the prepared rows chunk by chunk, in order.

        From `PARALLEL_MIN` documents on, worker processes (one per core) analyse the next chunks while the
        caller writes the current one to its engine: one pool for the whole stream, a bounded number of
        chunks in flight, so memory stays flat however long the stream is.
        """
        docs = iter(docs)
        head = list(itertools.islice(docs, PARALLEL_MIN))
        workers = min(self.analysis_workers, os.cpu_count() or 1)
        if workers < 2 or len(head) < PARALLEL_MIN or "fork" not in mp.get_all_start_methods():
            for part in _chunked(itertools.chain(head, docs), chunk):
                yield [self.prepare(doc) for doc in part]
            return
        global _FORKED_BACKEND
        _FORKED_BACKEND = self  # inherited by the forked workers: the analyzer is not rebuilt
        try:
            with ProcessPoolExecutor(workers, mp_context=mp.get_context("fork")) as pool:
                pending: deque = deque()
                for part in _chunked(itertools.chain(head, docs), chunk):
                    pending.append(pool.submit(_prepare_chunk, part))
                    if len(pending) > workers * 2:
                        yield pending.popleft().result()
                while pending:
                    yield pending.popleft().result()
        finally:
            _FORKED_BACKEND = None

    def index_many(self, docs: Iterable[SearchDocument | dict[str, Any]]) -> int:
        rows = [self.prepare(doc) for doc in docs]
        if rows:
            self._index(rows)
        return len(rows)

    def delete_many(self, items: Iterable[tuple[str, int]]) -> int:
        items = list(items)
        if items:
            self._delete(items)
        return len(items)

    def text_query(self, text: str) -> TextQuery:
        groups = []
        for chunk, concepts in self.analyzer.query_plan(text):
            terms = [t for concept in concepts for t in concept]
            # bigrams of what the user wrote find listings that use a word the dictionary lacks; bigrams of
            # the Chinese translations of English words only rank: as matchers they would let an English
            # query match a third of the catalogue (and make it several times slower)
            grams = tuple(dict.fromkeys(self.analyzer.bigrams(chunk, folded=True)))
            scoring = ()
            if not grams:
                scoring = tuple(dict.fromkeys(self.analyzer.bigrams(" ".join(terms), folded=True)))
            index, start = [], 0
            for concept in concepts:
                if len(concept) > 1:
                    index.append(tuple(range(start, start + len(concept))))
                start += len(concept)
            groups.append(
                TermGroup(tuple((t, 1.0) for t in terms), grams, concepts=tuple(index), scoring_grams=scoring)
            )
        return TextQuery(tuple(groups), require_all=True)

    def search(self, query: SearchQuery) -> SearchResult:
        text = self.text_query(query.text)
        filters = query.all_filters()
        sort = query.sort if not (query.sort == "relevance" and text.empty) else "newest"
        offset = (query.page - 1) * query.per_page
        terms = [t for group in text.groups for t, _ in group.terms]
        hybrid = query.vector is not None and sort == "relevance"
        if hybrid:
            page = self._lexical(
                text,
                filters,
                facets=query.facets,
                sort=sort,
                offset=0,
                limit=CANDIDATES,
                exclude=query.exclude,
            )
            known = frozenset(doc_id for doc_id, _, _ in page.hits)
            neighbours = self._knn(query.vector, filters, CANDIDATES, query.exclude, known)
            fused = self._fuse(
                page.hits,
                neighbours,
                query.vector,
                floor=QUERY_SIMILARITY_FLOOR,
                language=analysis.language(query.text),
            )
            extra = [h for h in fused if h.lexical == 0.0]
            total = page.total + len(extra)
            facets = _add_facets(page.facets, [h.source for h in extra], query.facets)
            if offset + query.per_page <= len(fused) or page.total <= CANDIDATES:
                hits = fused[offset : offset + query.per_page]
            else:  # past the fused head: continue in lexical order
                rest = self._lexical(
                    text,
                    filters,
                    facets=(),
                    sort=sort,
                    offset=offset - len(extra),
                    limit=query.per_page,
                    exclude=query.exclude,
                )
                hits = [self._hit(i, s, src, 0.0, None) for i, s, src in rest.hits]
        else:
            page = self._lexical(
                text,
                filters,
                facets=query.facets,
                sort=sort,
                offset=offset,
                limit=query.per_page,
                exclude=query.exclude,
            )
            total, facets = page.total, page.facets
            top = max((score for _, score, _ in page.hits), default=0.0) or 1.0
            hits = [
                self._hit(i, s, src, s / top if sort == "relevance" else 0.0, None) for i, s, src in page.hits
            ]
        for hit in hits:
            self._decorate(hit, terms)
        return SearchResult(hits, total, facets, query.page, query.per_page, terms, page.total)

    def more_like(
        self,
        doc: SearchDocument | dict[str, Any],
        *,
        kinds: Sequence[str] = ("achievement",),
        filters: dict[str, list[str]] | None = None,
        limit: int = 20,
        depth: int = CANDIDATES,
        explain: bool = True,
    ) -> list[Hit]:
        """Documents similar to ``doc`` (which need not be indexed): for matching demands and achievements.

        ``explain=False`` leaves ``matched_terms`` empty for `explain` to fill in later: a caller that keeps
        only a few of the candidates (matching re-ranks them) need not explain all of them."""
        doc = validate(dict(doc))
        text = self.document_query(doc)
        all_filters = dict(filters or {})
        all_filters["kind"] = list(kinds)
        exclude = (doc["id"],)
        page = self._lexical(
            text, all_filters, facets=(), sort="relevance", offset=0, limit=depth, exclude=exclude
        )
        vector = doc.get("vector")
        known = frozenset(doc_id for doc_id, _, _ in page.hits)
        neighbours = self._knn(vector, all_filters, depth, exclude, known) if vector is not None else []
        language = analysis.language(f"{doc['title']} {doc['body']}")
        hits = self._fuse(page.hits, neighbours, vector, floor=None, language=language)[:limit]
        terms = [t for group in text.groups for t, _ in group.terms]
        for hit in hits:
            hit.query_terms = terms
            if explain:
                self.explain(hit)
        return hits

    def explain(self, hit: Hit) -> Hit:
        """Fill in the query terms a hit of `more_like` contains."""
        hit.matched_terms = self._matched_terms(hit.source, hit.query_terms)
        return hit

    def document_query(self, doc: dict[str, Any]) -> TextQuery:
        """The weighted terms of a listing: title and keywords count more than the body."""
        a = self.analyzer
        weights: Counter[str] = Counter()
        for text, weight in (
            (doc["title"], 3.0),
            (" ".join(doc["keywords"]), 2.0),
            (doc["body"], 1.0),
            (doc.get("extra") or "", 1.0),
        ):
            for term in a.terms(text):
                weights[term] += weight
        top = weights.most_common(MORE_LIKE_TERMS)
        if not top:
            return TextQuery()
        scale = top[0][1]
        terms = tuple((term, round(0.3 + 0.7 * w / scale, 3)) for term, w in top)
        # no bigram safety net here: with 40 weighted terms a listing's vocabulary is covered, and the title's
        # bigrams cost ~9% of a match without changing the dev-set figures (with or without embeddings)
        return TextQuery((TermGroup(terms),), require_all=False)

    # -- shared helpers --------------------------------------------------------------------------------------

    def _fuse(
        self, lexical, neighbours, vector, *, floor: float | None, language: str | None = None
    ) -> list[Hit]:
        """One ranking from text candidates and nearest neighbours.

        Text scores are normalised to the best candidate; similarities are rescaled over the candidates
        (min-max), since embedding similarities crowd into a narrow band. ``floor`` drops neighbours that
        matched no query word and sit further than ``floor`` below the best similarity. ``language``: that
        of the query ("zh" or "en"), for `CROSS_LANGUAGE_SIMILARITY`.
        """
        sources: dict[str, dict[str, Any]] = {}
        text_scores: dict[str, float] = {}
        top = max((score for _, score, _ in lexical), default=0.0) or 1.0
        for doc_id, score, source in lexical:
            sources[doc_id] = source
            text_scores[doc_id] = score / top
        similarity: dict[str, float] = {}
        for doc_id, sim, source in neighbours:
            if doc_id not in sources:
                sources[doc_id] = source  # never None here: None only stands for a known text candidate
            similarity[doc_id] = sim
        missing = [i for i in sources if i not in similarity]
        if vector is not None and missing:
            for doc_id, sim in zip(
                missing, _cosines(vector, [sources[i].get("vector") for i in missing]), strict=True
            ):
                if sim is not None:
                    similarity[doc_id] = sim
        raw_best = max(similarity.values(), default=0.0)
        if language is not None:
            # for a query, only listings that matched some of its words in translation: the correction
            # would otherwise lift unrelated listings of the other language above the floor
            offset = CROSS_LANGUAGE_SIMILARITY if floor is None else CROSS_LANGUAGE_QUERY
            for doc_id in similarity:
                if (floor is None or doc_id in text_scores) and _source_language(sources[doc_id]) != language:
                    similarity[doc_id] += offset
        if similarity:
            best, worst = max(similarity.values()), min(similarity.values())
            span = (best - worst) or 1.0
        hits = []
        for doc_id, source in sources.items():
            lex = text_scores.get(doc_id, 0.0)
            sim = similarity.get(doc_id)
            if sim is None:
                combined = lex * (1 - SEMANTIC_WEIGHT) if similarity else lex
            else:
                if lex == 0.0 and floor is not None and sim < raw_best - floor:
                    continue
                combined = (1 - SEMANTIC_WEIGHT) * lex + SEMANTIC_WEIGHT * (sim - worst) / span
            hits.append(self._hit(doc_id, combined, source, lex, sim))
        hits.sort(key=lambda h: (-h.score, h.id))
        return hits

    def _knn(
        self, vector, filters: dict[str, list[str]], limit: int, exclude: Sequence[str], known=frozenset()
    ) -> list:
        """Nearest neighbours by cosine similarity: ``[(id, similarity, source), ...]``; none by default.

        ``known``: ids the caller holds the sources of (its text candidates, which passed the same
        filters); an engine may return None as their source rather than decode it again."""
        return []

    @staticmethod
    def _hit(
        doc_id: str, score: float, source: dict[str, Any], lexical: float, semantic: float | None
    ) -> Hit:
        return Hit(doc_id, source["kind"], int(source["pk"]), score, source, lexical, semantic)

    def _decorate(self, hit: Hit, terms: list[str]) -> None:
        if not terms:
            return
        hit.highlights = {
            "title": analysis.highlight(
                hit.source.get("title", ""), terms, width=200, analyzer=self.analyzer
            ),
            "body": analysis.highlight(hit.source.get("body", ""), terms, width=140, analyzer=self.analyzer),
        }
        hit.matched_terms = self._matched_terms(hit.source, terms)

    def _matched_terms(self, source: dict[str, Any], terms: list[str]) -> list[str]:
        stored = source.get(ANALYSED_KEY)
        if stored is not None:
            common = set(terms).intersection(stored)
            return [t for t in dict.fromkeys(terms) if t in common] if common else []
        present = set(
            self.analyzer.terms(
                " ".join(
                    [
                        source.get("title", ""),
                        " ".join(source.get("keywords", [])),
                        source.get("body", ""),
                        source.get("extra", ""),
                    ]
                )
            )
        )
        return [t for t in dict.fromkeys(terms) if t in present]


_FORKED_BACKEND: Backend | None = None


def _prepare_chunk(docs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    assert _FORKED_BACKEND is not None
    return [_FORKED_BACKEND.prepare(doc) for doc in docs]


def _chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while part := list(itertools.islice(iterator, size)):
        yield part


def _cosines(query, vectors: list) -> list[float | None]:
    """Cosine similarity of ``query`` with each vector (None where a vector is missing or of another size)."""
    out: list[float | None] = [None] * len(vectors)
    if query is None or len(query) == 0:
        return out
    q = np.asarray(query, dtype=np.float32)
    norm = float(np.linalg.norm(q))
    if not norm:
        return out
    rows = [i for i, v in enumerate(vectors) if v is not None and len(v) == len(q)]
    if rows:
        matrix = np.asarray([vectors[i] for i in rows], dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1)
        norms[norms == 0] = 1.0
        for i, value in zip(rows, (matrix @ q) / (norms * norm), strict=True):
            out[i] = float(value)
    return out


def _source_language(source: dict[str, Any]) -> str:
    """The language of a listing, by its title (cheap: every candidate of a query is asked)."""
    return analysis.language(source.get("title") or source.get("body") or "")


def _add_facets(
    facets: dict[str, list[tuple[str, int]]], sources: list[dict[str, Any]], names: Sequence[str]
):
    """Facet counts with extra (vector-only) results added in."""
    if not sources:
        return facets
    out = {}
    for name in names:
        counts = Counter(dict(facets.get(name, [])))
        for source in sources:
            value = source.get(name) if name != "price_band" else price_band(source.get("price_wan"))
            for item in value if isinstance(value, list) else [value]:
                if item:
                    counts[item] += 1
        out[name] = counts.most_common()
    return out
