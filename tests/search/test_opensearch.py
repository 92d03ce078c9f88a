"""What only the OpenSearch backend has: URL parsing, the alias swap, replicas on a cluster, a dead node."""

from __future__ import annotations

import pytest

from search.backends import SearchQuery, SearchUnavailable, open_backend
from search.backends.opensearch import ElasticsearchBackend, OpenSearchBackend, decode_vector, encode_vector

from .conftest import open_test_opensearch
from .test_contract import doc


def test_urls_choose_client_hosts_prefix_and_replicas():
    engine = open_backend("opensearch://a:9200,b:9200/market?replicas=2&shards=3")
    assert isinstance(engine, OpenSearchBackend) and not isinstance(engine, ElasticsearchBackend)
    assert engine.alias == "market-listings"
    assert (engine.shards, engine.replicas) == (3, 2)
    hosts = sorted(c.host for c in engine.client.transport.connection_pool.connections)
    assert hosts == ["http://a:9200", "http://b:9200"]
    secure = open_backend("opensearchs://user:secret@search.example:443")
    assert [c.host for c in secure.client.transport.connection_pool.connections] == [
        "https://search.example:443"
    ]
    assert "secret" not in secure.url
    elastic = open_backend("elasticsearch://localhost:9200")
    assert isinstance(elastic, ElasticsearchBackend) and elastic.name == "elasticsearch"
    with pytest.raises(ValueError):
        open_backend("opensearch:///nohost")


def test_vectors_round_trip_through_their_stored_form():
    vector = [0.25, -1.5, 3.0]
    assert decode_vector(encode_vector(vector)).tolist() == vector
    assert encode_vector(None) is None and encode_vector([]) is None


def test_a_stopped_engine_is_unavailable_not_an_error():
    engine = open_backend("opensearch://127.0.0.1:1", index_prefix="nobody")  # nothing listens on port 1
    assert engine.health()["ok"] is False
    with pytest.raises(SearchUnavailable):
        engine.index_many([doc(1, "锂电池隔膜")])
    with pytest.raises(SearchUnavailable):
        engine.search(SearchQuery(text="隔膜"))


def test_reindex_swaps_the_alias_to_a_new_index_and_drops_the_old(analyzer):
    engine = open_test_opensearch(analyzer=analyzer)
    try:
        engine.index_many([doc(1, "锂电池隔膜"), doc(2, "正极材料")])
        engine.refresh()
        first = engine._aliased()
        assert len(first) == 1
        assert engine.bulk_load([doc(3, "固态电解质")]) == 1
        second = engine._aliased()
        assert len(second) == 1 and second != first
        assert engine._list_indices() == second  # the old index is gone
        assert engine.versions() == {"achievement:3": 1}
        assert engine.health()["ok"] is True
    finally:
        engine.drop()
    assert engine._list_indices() == []


def test_the_cluster_keeps_a_replica_of_every_shard(analyzer):
    engine = open_test_opensearch("opensearch-cluster", analyzer=analyzer)
    try:
        engine.bulk_load([doc(i, f"第{i}项成果") for i in range(1, 30)])
        (index,) = engine._aliased()
        health = engine.client.cluster.health(
            index=index, wait_for_status="green", timeout="30s", request_timeout=35
        )
        assert health["number_of_nodes"] == 3
        assert health["status"] == "green"
        assert health["active_shards"] == 2 * health["active_primary_shards"]
        assert engine.count() == 29
    finally:
        engine.drop()
