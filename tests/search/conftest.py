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


@pytest.fixture(params=_backend_params())
def backend(request, analyzer, tmp_path):
    name = request.param
    if name == "embedded":
        engine = open_backend(f"embedded://{tmp_path / 'index'}", analyzer=analyzer)
        yield engine
        engine.close()
        return
    env = "TEST_OPENSEARCH_URL" if name == "opensearch" else "TEST_OPENSEARCH_CLUSTER_URL"
    url = os.environ.get(env)
    if not url:
        if REQUIRE:
            pytest.fail(f"{env} is not set but services are required (CI=true)")
        pytest.skip(f"{env} not set: OpenSearch contract runs under `make test`")
    replicas = 1 if name == "opensearch-cluster" else 0
    engine = open_backend(
        url, analyzer=analyzer, index_prefix=f"ttm-test-{uuid.uuid4().hex[:8]}", replicas=replicas
    )
    yield engine
    engine.drop()
    engine.close()
