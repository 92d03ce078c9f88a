"""The embedded default: a tantivy index in a local directory (or in memory), no server.

Why tantivy: measured on this kind of machine (see README, "Search"), keyword + facet queries over 100,000
listings answer in a few milliseconds against ~90 ms for SQLite FTS5, and bulk indexing runs far faster.
Documents are analysed by ``search.analysis`` and indexed with tantivy's whitespace tokenizer, so the
engine sees exactly the terms OpenSearch sees.

Layout on disk::

    ROOT/CURRENT          name of the live generation (replaced atomically by `reindex`)
    ROOT/gen-<stamp>/     one tantivy index per generation
    ROOT/write.lock       serialises writers across processes (tantivy admits one writer per index)

Several server processes may search while one of them writes: readers reload when the index (or the live
generation) changes, writers take the file lock in turn.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import tantivy

from ..documents import price_band, published_epoch
from .base import (
    CONCEPT_TIE_BREAKER,
    FIELD_BOOSTS,
    GRAMS_BOOST,
    KEYWORD_FIELDS,
    NO_PRICE_ASC,
    NO_PRICE_DESC,
    TEXT_FIELDS,
    Backend,
    LexicalPage,
    SearchUnavailable,
    TextQuery,
)

SCHEMA_VERSION = 1
#: in each generation: the fingerprint of the analysis its documents went through
ANALYSIS_FILE = "ANALYSIS"
LOCK_TIMEOUT = 10.0


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=name == "id", tokenizer_name="raw", fast=True)
    for name in TEXT_FIELDS:
        sb.add_text_field(name, tokenizer_name="whitespace", index_option="freq")
    sb.add_integer_field("version", stored=True, indexed=True, fast=True)
    sb.add_integer_field("published", fast=True)
    sb.add_float_field("price_asc", fast=True)
    sb.add_float_field("price_desc", fast=True)
    sb.add_bytes_field("source", stored=True)
    sb.add_bytes_field("vector", stored=True)
    return sb.build()


class EmbeddedBackend(Backend):
    name = "embedded"

    def __init__(
        self, path: str | os.PathLike | None = None, *, analyzer=None, writer_heap: int = 64_000_000
    ):
        super().__init__(analyzer)
        self.schema = _schema()
        self.root = Path(path) if path else None
        self.writer_heap = writer_heap
        self._ix: tantivy.Index | None = None
        self._generation: str | None = None
        self._writes = 0
        self._thread_lock = threading.RLock()
        self._lock_depth = 0
        self._vectors: _VectorTable | None = None
        self._reloaded: tuple | None = None  #: (generation, stamp) the reader last reloaded at
        self._current_seen: tuple[tuple[int, int], str | None] | None = None  #: (CURRENT's stat, its name)
        if self.root is None:
            self._ix = tantivy.Index(self.schema)

    # -- files and generations -------------------------------------------------------------------------------

    def _current(self) -> str | None:
        """The live generation. CURRENT is only ever replaced (a new inode), so it is re-read only when its
        stat changes: one system call per search instead of opening and reading the file."""
        assert self.root is not None
        path = self.root / "CURRENT"
        try:
            st = os.stat(path)
            key = (st.st_ino, st.st_mtime_ns)
            if self._current_seen is None or self._current_seen[0] != key:
                self._current_seen = (key, path.read_text().strip() or None)
        except FileNotFoundError:
            return None
        return self._current_seen[1]

    def _open(self) -> tantivy.Index:
        if self.root is None:
            assert self._ix is not None
            return self._ix
        generation = self._current()
        if generation is None:
            with self._write_lock():
                generation = self._current() or self._new_generation(activate=True)
        if generation != self._generation or self._ix is None:
            self._ix = tantivy.Index(self.schema, path=str(self.root / generation), reuse=True)
            self._generation = generation
        return self._ix

    def _new_generation(self, *, activate: bool) -> str:
        assert self.root is not None
        name = f"gen-v{SCHEMA_VERSION}-{time.time_ns()}"
        (self.root / name).mkdir(parents=True)
        tantivy.Index(self.schema, path=str(self.root / name), reuse=False)
        (self.root / name / ANALYSIS_FILE).write_text(self.analyzer.fingerprint)
        if activate:
            self._activate(name)
        return name

    def _activate(self, name: str) -> None:
        assert self.root is not None
        tmp = self.root / f"CURRENT.{os.getpid()}"
        tmp.write_text(name)
        os.replace(tmp, self.root / "CURRENT")
        for old in self.root.glob("gen-*"):
            if old.name != name and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        if self.root is None:
            yield
            return
        with self._thread_lock:
            if self._lock_depth:  # re-entered by this thread (e.g. the first write creates the index)
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            self._lock_depth = 1
            try:
                with self._file_lock():
                    yield
            finally:
                self._lock_depth = 0

    @contextmanager
    def _file_lock(self) -> Iterator[None]:
        assert self.root is not None
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / "write.lock", "a+") as handle:
            deadline = time.monotonic() + LOCK_TIMEOUT
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise SearchUnavailable(
                            "the search index is busy (another process is writing)"
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def _writer(self, index: tantivy.Index | None = None) -> Iterator[tantivy.IndexWriter]:
        index = index or self._open()
        try:
            writer = index.writer(self.writer_heap, 1)
        except ValueError as exc:
            raise SearchUnavailable(str(exc)) from exc
        try:
            yield writer
            writer.commit()
        except BaseException:
            writer.rollback()
            raise
        finally:
            writer.wait_merging_threads()
        index.reload()
        self._touch()

    def _searcher(self) -> tantivy.Searcher:
        index = self._open()
        if self.root is not None:
            # another process may have written: reload when the stamp it leaves after each commit changed
            marker = (self._generation, self._stamp_marker())
            if marker != self._reloaded:
                index.reload()
                self._reloaded = marker
        return index.searcher()

    def _stamp_marker(self) -> tuple[int, int] | None:
        assert self.root is not None
        try:
            st = os.stat(self.root / "STAMP")
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns)

    # -- writes ----------------------------------------------------------------------------------------------

    def _document(self, row: dict[str, Any]) -> tantivy.Document:
        doc = row["doc"]
        d = tantivy.Document()
        d.add_text("id", doc["id"])
        d.add_text("kind", doc["kind"])
        for name in ("field", "maturity", "province", "city", "org_type"):
            if doc.get(name):
                d.add_text(name, str(doc[name]))
        for mode in doc.get("modes") or ():
            d.add_text("modes", mode)
        d.add_text("price_band", price_band(doc.get("price_wan")))
        for name in TEXT_FIELDS:
            if row[name]:
                d.add_text(name, row[name])
        d.add_integer("version", int(doc["version"]))
        d.add_integer("published", published_epoch(doc))
        price = doc.get("price_wan")
        d.add_float("price_asc", float(price) if price is not None else NO_PRICE_ASC)
        d.add_float("price_desc", float(price) if price is not None else NO_PRICE_DESC)
        source = {k: v for k, v in doc.items() if k != "vector"}
        d.add_bytes("source", orjson.dumps(source, default=str))
        vector = doc.get("vector")
        if vector is not None and len(vector):
            d.add_bytes("vector", np.asarray(vector, dtype=np.float16).tobytes())
        return d

    def _indexed_versions(self, searcher: tantivy.Searcher, ids: Sequence[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        if not ids or searcher.num_docs == 0:
            return out
        query = tantivy.Query.term_set_query(self.schema, "id", list(ids))
        result = searcher.search(query, len(ids) * 2, count=False)
        for _, address in result.hits:
            stored = searcher.doc(address).to_dict()
            out[stored["id"][0]] = int(stored["version"][0])
        return out

    def _index(self, rows: list[dict[str, Any]]) -> None:
        with self._write_lock():
            index = self._open()
            index.reload()
            known = self._indexed_versions(index.searcher(), [row["doc"]["id"] for row in rows])
            with self._writer(index) as writer:
                for row in rows:
                    doc = row["doc"]
                    if known.get(doc["id"], -1) > int(doc["version"]):
                        continue
                    writer.delete_documents_by_term("id", doc["id"])
                    writer.add_document(self._document(row))

    def _delete(self, items: list[tuple[str, int]]) -> None:
        with self._write_lock():
            index = self._open()
            index.reload()
            known = self._indexed_versions(index.searcher(), [doc_id for doc_id, _ in items])
            with self._writer(index) as writer:
                for doc_id, version in items:
                    if doc_id in known and known[doc_id] <= int(version):
                        writer.delete_documents_by_term("id", doc_id)

    def bulk_load(self, docs_iter, *, batch: int = 500, progress=None) -> int:
        """Rebuild into a fresh generation and swap it in atomically; searches keep working meanwhile.
        ``batch``: documents per analysis chunk (and per progress report)."""
        if self.root is None:
            self.clear()
            return self._load(self._open(), docs_iter, batch, progress)
        with self._write_lock():
            name = self._new_generation(activate=False)
            index = tantivy.Index(self.schema, path=str(self.root / name), reuse=True)
            total = self._load(index, docs_iter, batch, progress)
            self._activate(name)
        self._ix = None
        self._generation = None
        return total

    def _load(self, index: tantivy.Index, docs_iter, batch: int, progress) -> int:
        """Analyse (in worker processes when the stream is long) and write, then commit once."""
        try:
            writer = index.writer(max(self.writer_heap, 200_000_000), 1)
        except ValueError as exc:
            raise SearchUnavailable(str(exc)) from exc
        total = 0
        try:
            for rows in self.prepare_stream(docs_iter, chunk=batch):
                for row in rows:
                    writer.add_document(self._document(row))
                total += len(rows)
                if progress:
                    progress(len(rows))
            writer.commit()
        finally:
            writer.wait_merging_threads()
        index.reload()
        self._touch()
        return total

    def clear(self) -> None:
        if self.root is None:
            with self._writer() as writer:
                writer.delete_all_documents()
            return
        with self._write_lock():
            self._new_generation(activate=True)
        self._ix = None
        self._generation = None

    # -- reads -----------------------------------------------------------------------------------------------

    def _text(self, text: TextQuery) -> tantivy.Query | None:
        Q, Occur = tantivy.Query, tantivy.Occur
        groups = []
        for group in text.groups:
            clauses = []
            for unit in group.units():
                alternatives = [
                    Q.boolean_query(
                        [
                            (
                                Occur.Should,
                                Q.boost_query(Q.term_query(self.schema, name, term), boost * weight),
                            )
                            for name, boost in FIELD_BOOSTS.items()
                        ]
                    )
                    for term, weight in unit
                ]
                if len(alternatives) == 1:
                    clauses.append((Occur.Should, alternatives[0]))
                else:
                    clauses.append(
                        (Occur.Should, Q.disjunction_max_query(alternatives, tie_breaker=CONCEPT_TIE_BREAKER))
                    )
            for gram in group.grams:
                clauses.append((Occur.Should, self._gram(gram)))
            if clauses and group.scoring_grams:
                clauses = [(Occur.Must, Q.boolean_query(clauses))]
                clauses += [(Occur.Should, self._gram(gram)) for gram in group.scoring_grams]
            if clauses:
                groups.append(Q.boolean_query(clauses))
        if not groups:
            return None
        occur = Occur.Must if text.require_all else Occur.Should
        return groups[0] if len(groups) == 1 else Q.boolean_query([(occur, g) for g in groups])

    def _gram(self, gram: str) -> tantivy.Query:
        return tantivy.Query.boost_query(tantivy.Query.term_query(self.schema, "grams", gram), GRAMS_BOOST)

    def _terms(self, name: str, values: Sequence[str]) -> tantivy.Query:
        """Any of the values; a plain term query for one value (a term set costs ~20% more per search)."""
        if len(values) == 1:
            return tantivy.Query.term_query(self.schema, name, values[0])
        return tantivy.Query.term_set_query(self.schema, name, list(values))

    def _query(self, text: tantivy.Query | None, filters: dict[str, list[str]], exclude: Sequence[str] = ()):
        Q, Occur = tantivy.Query, tantivy.Occur
        clauses = [(Occur.Must, text if text is not None else Q.all_query())]
        for name, values in filters.items():
            clauses.append((Occur.Must, Q.const_score_query(self._terms(name, list(values)), 0.0)))
        if exclude:
            clauses.append((Occur.MustNot, self._terms("id", list(exclude))))
        return clauses[0][1] if len(clauses) == 1 else Q.boolean_query(clauses)

    def _lexical(self, text, filters, *, facets, sort, offset, limit, exclude=()) -> LexicalPage:
        searcher = self._searcher()
        text_query = self._text(text)
        if text_query is None and not text.empty:
            return LexicalPage([], 0, {})
        query = self._query(text_query, filters, exclude)
        kwargs: dict[str, Any] = {"count": True, "offset": offset}
        if sort == "newest":
            kwargs.update(order_by_field="published", order=tantivy.Order.Desc)
        elif sort == "price_asc":
            kwargs.update(order_by_field="price_asc", order=tantivy.Order.Asc)
        elif sort == "price_desc":
            kwargs.update(order_by_field="price_desc", order=tantivy.Order.Desc)
        result = searcher.search(query, limit, **kwargs)
        hits = []
        for key, address in result.hits:
            stored = searcher.doc(address).to_dict()
            source = orjson.loads(stored["source"][0])
            vector = stored.get("vector", [None])[0]
            if vector:
                source["vector"] = np.frombuffer(vector, dtype=np.float16).astype(np.float32)
            score = float(key) if sort == "relevance" else 0.0
            hits.append((source["id"], score, source))
        return LexicalPage(
            hits, result.count or 0, self._facets(searcher, text_query, filters, facets, exclude)
        )

    def _facets(self, searcher, text_query, filters, facets, exclude) -> dict[str, list[tuple[str, int]]]:
        """Counts per facet value; a facet's own filter is left out so the other values stay visible."""
        out: dict[str, list[tuple[str, int]]] = {}
        shared = [name for name in facets if name not in filters]
        plans = [(shared, filters)] if shared else []
        plans += [
            ([name], {k: v for k, v in filters.items() if k != name}) for name in facets if name in filters
        ]
        if text_query is not None and len(plans) > 1:
            # one pass of the (costly) text query, each plan's filters as a filter aggregation, instead of
            # one pass per plan; without text, separate passes are cheaper (filters narrow the traversal)
            aggs: dict[str, Any] = {}
            for i, (names, active) in enumerate(plans):
                inner = {name: {"terms": {"field": name, "size": 200}} for name in names}
                if active:
                    aggs[f"plan{i}"] = {"filter": _filter_string(active), "aggs": inner}
                else:
                    aggs.update(inner)
            result = searcher.aggregate(self._query(text_query, {}, exclude), aggs)
            for i, (names, active) in enumerate(plans):
                scope = result.get(f"plan{i}", {}) if active else result
                for name in names:
                    out[name] = _buckets(scope.get(name, {}))
            return out
        for names, active in plans:
            query = self._query(text_query, active, exclude)
            aggs = {name: {"terms": {"field": name, "size": 200}} for name in names}
            result = searcher.aggregate(query, aggs)
            for name in names:
                out[name] = _buckets(result.get(name, {}))
        return out

    # -- vectors ---------------------------------------------------------------------------------------------

    def _stamp(self) -> tuple:
        if self.root is None:
            return (None, self._writes)
        try:
            stamp = (self.root / "STAMP").read_text()
        except FileNotFoundError:
            stamp = ""
        return (self._generation, stamp)

    def _touch(self) -> None:
        self._writes += 1
        if self.root is not None:
            tmp = self.root / f"STAMP.{os.getpid()}"
            tmp.write_text(str(time.time_ns()))
            os.replace(tmp, self.root / "STAMP")

    def _vector_table(self) -> _VectorTable:
        searcher = self._searcher()
        stamp = self._stamp()
        if self._vectors is None or self._vectors.stamp != stamp:
            ids, sources, rows = [], [], []
            n = searcher.num_docs
            if n:
                for _, address in searcher.search(tantivy.Query.all_query(), n, count=False).hits:
                    stored = searcher.doc(address).to_dict()
                    vector = stored.get("vector", [None])[0]
                    if vector:
                        ids.append(stored["id"][0])
                        sources.append(stored["source"][0])
                        rows.append(np.frombuffer(vector, dtype=np.float16))
            matrix = np.vstack(rows).astype(np.float32) if rows else np.zeros((0, 0), dtype=np.float32)
            if len(matrix):
                norms = np.linalg.norm(matrix, axis=1, keepdims=True)
                norms[norms == 0] = 1.0
                matrix /= norms
            self._vectors = _VectorTable(stamp, ids, sources, matrix)
        return self._vectors

    def _knn(self, vector, filters, limit, exclude, known=frozenset()):
        table = self._vector_table()
        if vector is None or not len(table.ids):
            return []
        q = np.asarray(vector, dtype=np.float32)
        if q.shape[0] != table.matrix.shape[1] or not np.linalg.norm(q):
            return []
        sims = table.matrix @ (q / np.linalg.norm(q))
        order = np.argsort(-sims)
        excluded = set(exclude)
        out = []
        for i in order:
            if table.ids[i] in excluded:
                continue
            if table.ids[i] in known:  # a text candidate: it passed the filters, its source is decoded
                out.append((table.ids[i], float(sims[i]), None))
                if len(out) >= limit:
                    break
                continue
            source = table.source(i)
            if not _passes(source, filters):
                continue
            source["vector"] = table.matrix[i]
            out.append((table.ids[i], float(sims[i]), source))
            if len(out) >= limit:
                break
        return out

    def count(self, kinds: Sequence[str] = ()) -> int:
        searcher = self._searcher()
        if not kinds:
            return searcher.num_docs
        query = tantivy.Query.term_set_query(self.schema, "kind", list(kinds))
        return searcher.search(query, 1, count=True).count or 0

    def versions(self) -> dict[str, int]:
        searcher = self._searcher()
        out: dict[str, int] = {}
        n = searcher.num_docs
        if n:
            for _, address in searcher.search(tantivy.Query.all_query(), n, count=False).hits:
                stored = searcher.doc(address).to_dict()
                out[stored["id"][0]] = int(stored["version"][0])
        return out

    def get(self, doc_id: str) -> dict[str, Any] | None:
        searcher = self._searcher()
        hits = searcher.search(tantivy.Query.term_query(self.schema, "id", doc_id), 1, count=False).hits
        if not hits:
            return None
        stored = searcher.doc(hits[0][1]).to_dict()
        source = orjson.loads(stored["source"][0])
        source["version"] = int(stored["version"][0])
        return source

    def stored_analysis(self) -> str | None:
        generation = self._current() if self.root is not None else None
        if generation is None:  # in memory (built by this process), or nothing indexed yet
            return self.analyzer.fingerprint
        try:
            return (self.root / generation / ANALYSIS_FILE).read_text().strip() or None
        except FileNotFoundError:
            return None

    def health(self) -> dict[str, Any]:
        try:
            searcher = self._searcher()
            return {
                "ok": True,
                "backend": self.name,
                "documents": searcher.num_docs,
                "path": str(self.root) if self.root else ":memory:",
                "analysis": self.analysis_health(),
            }
        except Exception as exc:  # noqa: BLE001 - health reports, never raises
            return {"ok": False, "backend": self.name, "error": str(exc)}

    def refresh(self) -> None:
        self._open().reload()

    def close(self) -> None:
        self._ix = None
        self._generation = None


class _VectorTable:
    """Every stored vector of one index state, normalised, with the ids and sources beside them."""

    def __init__(self, stamp, ids: list[str], sources: list[bytes], matrix: np.ndarray):
        self.stamp, self.ids, self._sources, self.matrix = stamp, ids, sources, matrix

    def source(self, i: int) -> dict[str, Any]:
        return orjson.loads(self._sources[i])


def _buckets(aggregation: dict[str, Any]) -> list[tuple[str, int]]:
    return [(b["key"], int(b["doc_count"])) for b in aggregation.get("buckets", [])]


def _filter_string(filters: dict[str, list[str]]) -> str:
    """Filters in tantivy's query language (for a filter aggregation): any value of every field; values
    are quoted and escaped, so user input cannot change the query's shape."""

    def quoted(value: str) -> str:
        return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'

    clauses = [" OR ".join(f"{name}:{quoted(value)}" for value in values) for name, values in filters.items()]
    return " AND ".join(f"({clause})" for clause in clauses)


def _passes(source: dict[str, Any], filters: dict[str, list[str]]) -> bool:
    for name, values in filters.items():
        value = price_band(source.get("price_wan")) if name == "price_band" else source.get(name)
        present = value if isinstance(value, list) else [value]
        if not any(v in values for v in present):
            return False
    return True
