"""Backends for the contract suite: the embedded engine always; OpenSearch when its URL is given.

``make test`` starts OpenSearch (single node and a 3-node cluster) and passes their URLs in
TEST_OPENSEARCH_URL / TEST_OPENSEARCH_CLUSTER_URL; with CI=true a missing one fails instead of skipping.
"""

from __future__ import annotations

import os
import uuid

import pytest

from search.analysis import Analyzer, Lexicon
from search.backends import open_backend

REQUIRE = os.environ.get("REQUIRE_SERVICES", os.environ.get("CI", "")).lower() in {"1", "true"}


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """A small, fixed lexicon, so the contract does not depend on the shipped data files."""
    lex = Lexicon()
    for line in ("挖掘机,挖机,excavator", "双特异性抗体,双抗,bispecific antibody", "多层陶瓷电容器,MLCC"):
        terms = line.split(",")
        for term in terms:
            lex._add_synonym(term.lower(), terms[0])
    for english, chinese in (("lithium battery", "锂电池"), ("separator", "隔膜"), ("battery", "电池")):
        lex.phrases[tuple(english.split())] = [chinese]
        lex.words.setdefault(chinese, 1000)
    lex.stopwords.update({"的", "和", "technology"})
    return Analyzer(lex)


def _backend_params():
    params = [pytest.param("embedded", id="embedded")]
    try:
        import search.backends.opensearch  # noqa: F401
    except ImportError:  # the OpenSearch backend is not in yet (search issue, in progress)
        return params
    return params + [
        pytest.param("opensearch", id="opensearch"),
        pytest.param("opensearch-cluster", id="cluster"),
    ]


def opensearch_url(name: str = "opensearch") -> str:
    """The URL of a running OpenSearch (``opensearch`` or ``opensearch-cluster``), or skip/fail."""
    env = "TEST_OPENSEARCH_URL" if name == "opensearch" else "TEST_OPENSEARCH_CLUSTER_URL"
    url = os.environ.get(env)
    if not url:
        if REQUIRE:
            pytest.fail(f"{env} is not set but services are required (CI=true)")
        pytest.skip(f"{env} not set: OpenSearch runs under `make test`")
    return url


def open_test_opensearch(name: str = "opensearch", **options):
    """A backend on a fresh, uniquely named index set (dropped by the caller)."""
    replicas = 1 if name == "opensearch-cluster" else 0
    return open_backend(
        opensearch_url(name), index_prefix=f"ttm-test-{uuid.uuid4().hex[:8]}", replicas=replicas, **options
    )


@pytest.fixture(params=_backend_params())
def backend(request, analyzer, tmp_path):
    name = request.param
    if name == "embedded":
        engine = open_backend(f"embedded://{tmp_path / 'index'}", analyzer=analyzer)
        yield engine
        engine.close()
        return
    engine = open_test_opensearch(name, analyzer=analyzer)
    yield engine
    engine.drop()
    engine.close()


def _app_backend_params():
    return [p for p in _backend_params() if p.id != "cluster"]


@pytest.fixture(params=_app_backend_params())
def engine(request, app):
    """The app's search backend for one test: its embedded index, or a throw-away OpenSearch index."""
    from marketplace.discovery import indexing

    with app.app_context():
        if request.param == "embedded":
            backend = indexing.backend(app)
            backend.clear()
            yield backend
            backend.clear()
            return
        state = app.extensions.setdefault("search", {})
        original = indexing.backend(app)
        backend = open_test_opensearch()
        state["backend"] = backend
        try:
            yield backend
        finally:
            state["backend"] = original
            backend.drop()
            backend.close()
