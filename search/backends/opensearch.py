"""OpenSearch (and, through a thin adapter, Elasticsearch): the backend for a search server or cluster.

The engine sees the terms ``search.analysis`` produced (whitespace analyzer over pre-analysed fields), so
it ranks with the same terms and boosts as the embedded engine and passes the same contract suite.

Layout::

    <prefix>-listings                   the alias every read and write goes through
    <prefix>-listings-v<schema>-<ns>    the concrete index behind it; `bulk_load` (reindex) fills a fresh
                                        one and swaps the alias in one atomic call, then drops the old one
    <prefix>-listings (template)        settings and explicit mappings for every concrete index

Versions: documents are written with ``version_type=external_gte``, so the engine itself refuses to let an
older version replace a newer one, whatever order concurrent drainers apply their batches in.

Vectors: OpenSearch's k-NN plugin is not part of the core distribution (nor of Elasticsearch's basic
licence in the same form), so embeddings are stored as a binary doc value and scored exactly by a painless
``script_score`` over the filtered listings. That is a brute-force scan: fine for tens of thousands of
listings, and it needs nothing but the core server.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Iterable, Sequence
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import urlsplit

import numpy as np

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
FACET_SIZE = 200
TIMEOUT = 10

#: cosine similarity of a stored float32 vector (big-endian bytes) with the normalised query vector;
#: script scores must not be negative, hence the 1 + ...
KNN_SCRIPT = """
BytesRef ref = doc['vector'].value;
byte[] b = ref.bytes;
int o = ref.offset;
int n = ref.length / 4;
if (n != params.q.length) { return 0; }
double dot = 0; double norm = 0;
for (int i = 0; i < n; i++) {
  int p = o + 4 * i;
  int b0 = b[p]; int b1 = b[p + 1]; int b2 = b[p + 2]; int b3 = b[p + 3];
  double x = Float.intBitsToFloat(((b0 & 255) << 24) | ((b1 & 255) << 16) | ((b2 & 255) << 8) | (b3 & 255));
  dot += x * params.q[i];
  norm += x * x;
}
return norm == 0 ? 0 : 1 + dot / Math.sqrt(norm);
"""


def mappings() -> dict[str, Any]:
    props: dict[str, Any] = {name: {"type": "keyword"} for name in KEYWORD_FIELDS}
    for name in TEXT_FIELDS:
        props[name] = {"type": "text", "analyzer": "whitespace", "index_options": "freqs"}
    props.update(
        {
            "version": {"type": "long"},
            "published": {"type": "long"},
            "price_asc": {"type": "double"},
            "price_desc": {"type": "double"},
            "vector": {"type": "binary", "doc_values": True},
            "doc": {"type": "object", "enabled": False},
        }
    )
    return {"dynamic": "strict", "properties": props}


def encode_vector(vector) -> str | None:
    if vector is None or not len(vector):
        return None
    return base64.b64encode(np.asarray(vector, dtype=">f4").tobytes()).decode("ascii")


def decode_vector(value: str | None):
    if not value:
        return None
    return np.frombuffer(base64.b64decode(value), dtype=">f4").astype(np.float32)


class OpenSearchBackend(Backend):
    name = "opensearch"

    def __init__(
        self,
        client,
        *,
        analyzer=None,
        index_prefix: str = "techtransfer",
        shards: int = 1,
        replicas: int = 0,
        url: str = "",
    ):
        super().__init__(analyzer)
        self.client = client
        self.prefix = index_prefix
        self.alias = f"{index_prefix}-listings"
        self.shards, self.replicas = shards, replicas
        self.url = url
        self._ready = False

    # -- the calls that differ between the OpenSearch and Elasticsearch clients ------------------------------

    def _errors(self) -> tuple[type[BaseException], ...]:
        from opensearchpy.exceptions import ConnectionError, ConnectionTimeout, TransportError

        return (ConnectionError, ConnectionTimeout, TransportError)

    def _not_found(self, exc: BaseException) -> bool:
        return getattr(exc, "status_code", None) == 404

    def _search(self, body: dict[str, Any], index: str | None = None) -> dict[str, Any]:
        return self.client.search(index=index or self.alias, body=body)

    def _bulk(self, operations: list[dict[str, Any]], *, refresh: bool = False) -> dict[str, Any]:
        return self.client.bulk(body=operations, refresh="true" if refresh else "false")

    def _count(self, body: dict[str, Any]) -> int:
        return int(self.client.count(index=self.alias, body=body)["count"])

    def _get(self, doc_id: str) -> dict[str, Any] | None:
        from opensearchpy.exceptions import NotFoundError

        try:
            return self.client.get(index=self.alias, id=doc_id)
        except NotFoundError:
            return None

    def _put_template(self) -> None:
        self.client.indices.put_index_template(name=self.alias, body=self._template())

    def _create_index(self, name: str, *, aliased: bool, loading: bool = False) -> None:
        body: dict[str, Any] = {"mappings": {"_meta": {"analysis": self.analyzer.fingerprint}}}
        if aliased:
            body["aliases"] = {self.alias: {}}
        if loading:  # bulk loads go faster without refreshes and replicas; restored before the swap
            body["settings"] = {"index": {"refresh_interval": "-1", "number_of_replicas": 0}}
        self.client.indices.create(index=name, body=body)

    def _update_settings(self, index: str, settings: dict[str, Any]) -> None:
        self.client.indices.put_settings(index=index, body={"index": settings})

    def _mapping_meta(self, index: str) -> dict[str, Any]:
        mapping = self.client.indices.get_mapping(index=index)
        return (mapping.get(index) or {}).get("mappings", {}).get("_meta") or {}

    def _aliased(self) -> list[str]:
        from opensearchpy.exceptions import NotFoundError

        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def _swap(self, new: str, old: Sequence[str]) -> None:
        actions = [{"add": {"index": new, "alias": self.alias}}]
        actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
        self.client.indices.update_aliases(body={"actions": actions})

    def _delete_indices(self, names: Sequence[str]) -> None:
        if names:
            self.client.indices.delete(index=",".join(names), ignore_unavailable=True)

    def _list_indices(self) -> list[str]:
        return sorted(self.client.indices.get(index=f"{self.alias}-v*", ignore_unavailable=True))

    def _delete_template(self) -> None:
        from opensearchpy.exceptions import NotFoundError

        with suppress(NotFoundError):
            self.client.indices.delete_index_template(name=self.alias)

    def _refresh(self, index: str | None = None) -> None:
        self.client.indices.refresh(index=index or self.alias)

    def _wait_for_health(self, index: str) -> None:
        # opensearch-py reads `timeout` as the request timeout unless request_timeout is given too
        self.client.cluster.health(index=index, wait_for_status="yellow", timeout="30s", request_timeout=35)

    def _cluster_health(self) -> dict[str, Any]:
        return self.client.cluster.health(timeout="2s", request_timeout=5)

    # -- set-up ----------------------------------------------------------------------------------------------

    def _template(self) -> dict[str, Any]:
        return {
            "index_patterns": [f"{self.alias}-v*"],
            "template": {
                "settings": {
                    "index": {"number_of_shards": self.shards, "number_of_replicas": self.replicas},
                },
                "mappings": mappings(),
            },
        }

    def _new_index_name(self) -> str:
        return f"{self.alias}-v{SCHEMA_VERSION}-{time.time_ns()}"

    @contextmanager
    def _calls(self):
        """Engine failures become SearchUnavailable (the outbox keeps the write and retries it)."""
        try:
            yield
        except self._errors() as exc:
            raise SearchUnavailable(f"{self.name}: {exc}") from exc

    def _ensure(self) -> None:
        if self._ready:
            return
        with self._calls():
            self._put_template()
            if not self._aliased():
                name = self._new_index_name()
                self._create_index(name, aliased=True)
                self._wait_for_health(name)
        self._ready = True

    # -- writes ----------------------------------------------------------------------------------------------

    def _source(self, row: dict[str, Any]) -> dict[str, Any]:
        doc = row["doc"]
        price = doc.get("price_wan")
        body: dict[str, Any] = {
            "id": doc["id"],
            "kind": doc["kind"],
            "modes": list(doc.get("modes") or ()),
            "price_band": price_band(price),
            "version": int(doc["version"]),
            "published": published_epoch(doc),
            "price_asc": float(price) if price is not None else NO_PRICE_ASC,
            "price_desc": float(price) if price is not None else NO_PRICE_DESC,
            "doc": {k: v for k, v in doc.items() if k != "vector"},
        }
        for name in ("field", "maturity", "province", "city", "org_type"):
            if doc.get(name):
                body[name] = str(doc[name])
        for name in TEXT_FIELDS:
            if row[name]:
                body[name] = row[name]
        vector = encode_vector(doc.get("vector"))
        if vector is not None:
            body["vector"] = vector
        return body

    def _apply(self, operations: list[dict[str, Any]]) -> None:
        if not operations:
            return
        with self._calls():
            result = self._bulk(operations)
        if not result.get("errors"):
            return
        failures = []
        for item in result.get("items", []):
            (action, outcome), *_ = item.items()
            status = int(outcome.get("status", 200))
            # 409: the engine already holds a newer version (as intended); 404: deleting what is not there
            if status < 300 or status == 409 or (action == "delete" and status == 404):
                continue
            failures.append(f"{outcome.get('_id')}: {status} {outcome.get('error')}")
        if failures:
            raise SearchUnavailable(f"{self.name} rejected {len(failures)} operations: {failures[:3]}")

    def _index_operations(self, rows: list[dict[str, Any]], index: str) -> list[dict[str, Any]]:
        operations: list[dict[str, Any]] = []
        for row in rows:
            doc = row["doc"]
            operations.append(
                {
                    "index": {
                        "_index": index,
                        "_id": doc["id"],
                        "version": int(doc["version"]),
                        "version_type": "external_gte",
                    }
                }
            )
            operations.append(self._source(row))
        return operations

    def _index(self, rows: list[dict[str, Any]]) -> None:
        self._ensure()
        self._apply(self._index_operations(rows, self.alias))

    def _delete(self, items: list[tuple[str, int]]) -> None:
        self._ensure()
        operations = [
            {
                "delete": {
                    "_index": self.alias,
                    "_id": doc_id,
                    "version": int(version),
                    "version_type": "external_gte",
                }
            }
            for doc_id, version in items
        ]
        self._apply(operations)

    def bulk_load(self, docs: Iterable[dict[str, Any]], *, batch: int = 1000, progress=None) -> int:
        """Fill a fresh index, then swap the alias to it in one call: searches never see a partial index."""
        self._ensure()
        name = self._new_index_name()
        with self._calls():
            self._create_index(name, aliased=False, loading=True)
        total = 0
        try:
            for rows in self.prepare_stream(docs, chunk=batch):
                self._apply(self._index_operations(rows, name))
                total += len(rows)
                if progress:
                    progress(len(rows))
            with self._calls():
                self._update_settings(name, {"refresh_interval": "1s", "number_of_replicas": self.replicas})
                self._refresh(name)
                self._wait_for_health(name)
                old = self._aliased()
                self._swap(name, old)
                self._delete_indices([i for i in old if i != name])
        except BaseException:
            with self._calls():
                self._delete_indices([name])
            raise
        return total

    def clear(self) -> None:
        """Swap in an empty index."""
        self.bulk_load([])

    def drop(self) -> None:
        with self._calls():
            self._delete_indices(self._list_indices())
            self._delete_template()
        self._ready = False

    # -- reads -----------------------------------------------------------------------------------------------

    def _text(self, text: TextQuery) -> dict[str, Any] | None:
        groups = []
        for group in text.groups:
            should: list[dict[str, Any]] = []
            for unit in group.units():
                alternatives = [
                    {
                        "bool": {
                            "should": [
                                {"term": {name: {"value": term, "boost": boost * weight}}}
                                for name, boost in FIELD_BOOSTS.items()
                            ]
                        }
                    }
                    for term, weight in unit
                ]
                if len(alternatives) == 1:
                    should.append(alternatives[0])
                else:
                    should.append({"dis_max": {"queries": alternatives, "tie_breaker": CONCEPT_TIE_BREAKER}})
            should += [{"term": {"grams": {"value": g, "boost": GRAMS_BOOST}}} for g in group.grams]
            if should and group.scoring_grams:
                scoring = [
                    {"term": {"grams": {"value": g, "boost": GRAMS_BOOST}}} for g in group.scoring_grams
                ]
                groups.append({"bool": {"must": [{"bool": {"should": should}}], "should": scoring}})
            elif should:
                groups.append({"bool": {"should": should}})
        if not groups:
            return None
        if len(groups) == 1:
            return groups[0]
        return {"bool": {"must" if text.require_all else "should": groups}}

    @staticmethod
    def _filter_clauses(filters: dict[str, list[str]]) -> list[dict[str, Any]]:
        return [{"terms": {name: list(values)}} for name, values in filters.items()]

    def _lexical(self, text, filters, *, facets, sort, offset, limit, exclude=()) -> LexicalPage:
        text_query = self._text(text)
        if text_query is None and not text.empty:
            return LexicalPage([], 0, {})
        self._ensure()
        base: dict[str, Any] = {"must": [text_query or {"match_all": {}}]}
        if exclude:
            base["must_not"] = [{"ids": {"values": list(exclude)}}]
        body: dict[str, Any] = {
            "query": {"bool": base},
            "from": offset,
            "size": limit,
            "track_total_hits": True,
            "_source": ["doc", "vector", "version"],
            "sort": self._sort(sort),
        }
        if filters:
            body["post_filter"] = {"bool": {"filter": self._filter_clauses(filters)}}
        if facets:
            body["aggs"] = {
                name: {
                    "filter": {
                        "bool": {
                            "filter": self._filter_clauses({k: v for k, v in filters.items() if k != name})
                        }
                    },
                    "aggs": {"values": {"terms": {"field": name, "size": FACET_SIZE}}},
                }
                for name in facets
            }
        with self._calls():
            result = self._search(body)
        hits = []
        for hit in result["hits"]["hits"]:
            source = self._document(hit["_source"])
            score = float(hit.get("_score") or 0.0) if sort == "relevance" else 0.0
            hits.append((source["id"], score, source))
        facet_counts = {
            name: [
                (bucket["key"], int(bucket["doc_count"]))
                for bucket in result.get("aggregations", {})
                .get(name, {})
                .get("values", {})
                .get("buckets", [])
            ]
            for name in facets
        }
        return LexicalPage(hits, int(result["hits"]["total"]["value"]), facet_counts)

    @staticmethod
    def _sort(sort: str) -> list[Any]:
        if sort == "newest":
            return [{"published": "desc"}, {"id": "asc"}]
        if sort == "price_asc":
            return [{"price_asc": "asc"}, {"id": "asc"}]
        if sort == "price_desc":
            return [{"price_desc": "desc"}, {"id": "asc"}]
        return [{"_score": "desc"}, {"id": "asc"}]

    @staticmethod
    def _document(stored: dict[str, Any]) -> dict[str, Any]:
        source = dict(stored["doc"])
        vector = decode_vector(stored.get("vector"))
        if vector is not None:
            source["vector"] = vector
        return source

    def _knn(self, vector, filters, limit, exclude, known=frozenset()):
        if vector is None or not len(vector):
            return []
        q = np.asarray(vector, dtype=np.float32)
        norm = float(np.linalg.norm(q))
        if not norm:
            return []
        self._ensure()
        clauses: dict[str, Any] = {
            "filter": [{"exists": {"field": "vector"}}, *self._filter_clauses(filters)]
        }
        if exclude:
            clauses["must_not"] = [{"ids": {"values": list(exclude)}}]
        body = {
            "size": limit,
            "_source": ["doc", "vector"],
            "query": {
                "script_score": {
                    "query": {"bool": clauses},
                    "script": {"source": KNN_SCRIPT, "params": {"q": (q / norm).tolist()}},
                }
            },
            "sort": [{"_score": "desc"}, {"id": "asc"}],
        }
        with self._calls():
            result = self._search(body)
        out = []
        for hit in result["hits"]["hits"]:
            source = self._document(hit["_source"])
            if "vector" not in source:
                continue
            out.append((source["id"], float(hit["_score"]) - 1.0, source))
        return out

    def count(self, kinds: Sequence[str] = ()) -> int:
        self._ensure()
        query = {"terms": {"kind": list(kinds)}} if kinds else {"match_all": {}}
        with self._calls():
            return self._count({"query": query})

    def versions(self) -> dict[str, int]:
        """Every id with its version, paged with search_after (no scroll contexts left behind)."""
        self._ensure()
        out: dict[str, int] = {}
        after = None
        while True:
            body: dict[str, Any] = {
                "size": 5000,
                "query": {"match_all": {}},
                "_source": ["id", "version"],
                "sort": [{"id": "asc"}],
            }
            if after is not None:
                body["search_after"] = after
            with self._calls():
                hits = self._search(body)["hits"]["hits"]
            for hit in hits:
                out[hit["_source"]["id"]] = int(hit["_source"]["version"])
            if len(hits) < body["size"]:
                return out
            after = hits[-1]["sort"]

    def get(self, doc_id: str) -> dict[str, Any] | None:
        self._ensure()
        with self._calls():
            found = self._get(doc_id)
        if not found or not found.get("found", True):
            return None
        source = dict(found["_source"]["doc"])
        source["version"] = int(found["_source"]["version"])
        return source

    def stored_analysis(self) -> str | None:
        with self._calls():
            indices = self._aliased()
            if not indices:
                return self.analyzer.fingerprint
            return self._mapping_meta(indices[0]).get("analysis")

    def health(self) -> dict[str, Any]:
        try:
            status = self._cluster_health()
            indices = self._aliased()
            ok = status.get("status") in {"green", "yellow"} and bool(indices or not self._ready)
            return {
                "ok": ok,
                "backend": self.name,
                "url": self.url,
                "cluster": status.get("cluster_name"),
                "status": status.get("status"),
                "nodes": status.get("number_of_nodes"),
                "index": indices[0] if indices else None,
                "documents": self.count() if indices else 0,
                "analysis": self.analysis_health(),
            }
        except Exception as exc:  # noqa: BLE001 - health reports, never raises
            return {"ok": False, "backend": self.name, "url": self.url, "error": str(exc)}

    def refresh(self) -> None:
        self._ensure()
        with self._calls():
            self._refresh()

    def close(self) -> None:
        close = getattr(self.client, "close", None)
        if close is not None:
            close()


class ElasticsearchBackend(OpenSearchBackend):
    """The same index layout and query bodies through the official Elasticsearch client (8.x/9.x)."""

    name = "elasticsearch"

    def _errors(self):
        from elastic_transport import ConnectionError, ConnectionTimeout, TransportError
        from elasticsearch import ApiError

        return (ApiError, ConnectionError, ConnectionTimeout, TransportError)

    def _search(self, body, index=None):
        return self.client.search(index=index or self.alias, **body).body

    def _bulk(self, operations, *, refresh=False):
        return self.client.bulk(operations=operations, refresh=refresh).body

    def _count(self, body):
        return int(self.client.count(index=self.alias, **body)["count"])

    def _get(self, doc_id):
        from elasticsearch import NotFoundError

        try:
            return self.client.get(index=self.alias, id=doc_id).body
        except NotFoundError:
            return None

    def _put_template(self):
        self.client.indices.put_index_template(name=self.alias, **self._template())

    def _create_index(self, name, *, aliased, loading=False):
        kwargs: dict[str, Any] = {"mappings": {"_meta": {"analysis": self.analyzer.fingerprint}}}
        if aliased:
            kwargs["aliases"] = {self.alias: {}}
        if loading:
            kwargs["settings"] = {"index": {"refresh_interval": "-1", "number_of_replicas": 0}}
        self.client.indices.create(index=name, **kwargs)

    def _update_settings(self, index, settings):
        self.client.indices.put_settings(index=index, settings={"index": settings})

    def _mapping_meta(self, index):
        mapping = self.client.indices.get_mapping(index=index).body
        return (mapping.get(index) or {}).get("mappings", {}).get("_meta") or {}

    def _aliased(self):
        from elasticsearch import NotFoundError

        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def _swap(self, new, old):
        actions = [{"add": {"index": new, "alias": self.alias}}]
        actions += [{"remove": {"index": name, "alias": self.alias}} for name in old]
        self.client.indices.update_aliases(actions=actions)

    def _list_indices(self):
        return sorted(self.client.indices.get(index=f"{self.alias}-v*", ignore_unavailable=True).body)

    def _delete_template(self):
        from elasticsearch import NotFoundError

        with suppress(NotFoundError):
            self.client.indices.delete_index_template(name=self.alias)

    def _wait_for_health(self, index):
        self.client.cluster.health(index=index, wait_for_status="yellow", timeout="30s")

    def _cluster_health(self):
        return self.client.cluster.health(timeout="2s").body


def open_distributed(
    url: str,
    *,
    analyzer=None,
    index_prefix: str | None = None,
    shards: int = 1,
    replicas: int | None = None,
    timeout: int = TIMEOUT,
) -> OpenSearchBackend:
    """``opensearch://host:port[,host:port...][/prefix][?replicas=N&shards=N]``; ``...s://`` uses TLS.

    Credentials go in the URL (``opensearch://user:pass@host:9200``).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    tls = scheme in {"opensearchs", "elasticsearchs"}
    netloc = parts.netloc.rsplit("@", 1)[-1]
    hosts = [f"{'https' if tls else 'http'}://{host}" for host in netloc.split(",") if host]
    if not hosts:
        raise ValueError(f"search URL {url!r} names no host")
    auth = None
    if "@" in parts.netloc:
        user, _, password = parts.netloc.rsplit("@", 1)[0].partition(":")
        auth = (user, password)
    params = dict(p.split("=", 1) for p in parts.query.split("&") if "=" in p)
    prefix = index_prefix or parts.path.strip("/") or "techtransfer"
    if replicas is None:
        replicas = int(params.get("replicas", 0))
    shards = int(params.get("shards", shards))
    if scheme.startswith("elasticsearch"):
        from elasticsearch import Elasticsearch

        client = Elasticsearch(hosts, basic_auth=auth, request_timeout=timeout, retry_on_timeout=True)
        cls: type[OpenSearchBackend] = ElasticsearchBackend
    else:
        from opensearchpy import OpenSearch

        client = OpenSearch(hosts, http_auth=auth, timeout=timeout, retry_on_timeout=True, max_retries=2)
        cls = OpenSearchBackend
    safe_url = f"{scheme}://{netloc}/{prefix}"
    return cls(client, analyzer=analyzer, index_prefix=prefix, shards=shards, replicas=replicas, url=safe_url)
