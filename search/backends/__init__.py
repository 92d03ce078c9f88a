"""Search backends behind one protocol (`base.Backend`), chosen by one URL (`open_backend`).

embedded:///path/to/dir       tantivy in a local directory (the default, under the instance folder)
embedded://                   tantivy in memory (tests, evaluation)
opensearch://host:port[/prefix]       an OpenSearch 2.x node or cluster (https: opensearchs://)
elasticsearch://host:port[/prefix]    an Elasticsearch 8/9 cluster, same query bodies
"""

from __future__ import annotations

from urllib.parse import urlsplit

from .base import Backend, Hit, SearchQuery, SearchResult, SearchUnavailable

__all__ = ["Backend", "Hit", "SearchQuery", "SearchResult", "SearchUnavailable", "open_backend"]


def open_backend(url: str, **options) -> Backend:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "embedded":
        from .embedded import EmbeddedBackend

        path = (parts.netloc + parts.path) or None
        return EmbeddedBackend(path, **options)
    if scheme in {"opensearch", "opensearchs", "elasticsearch", "elasticsearchs"}:
        from .opensearch import open_distributed

        return open_distributed(url, **options)
    raise ValueError(
        f"unknown search backend URL {url!r} (use embedded://, opensearch:// or elasticsearch://)"
    )
