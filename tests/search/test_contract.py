"""The contract every search backend keeps: one suite, run against each backend that can be started."""

from __future__ import annotations

import pytest

from search.backends import SearchQuery
from search.documents import doc_id

DIM = 8


def _vec(*hot: int) -> list[float]:
    v = [0.0] * DIM
    for i in hot:
        v[i] = 1.0
    return v


def doc(pk: int, title: str, body: str = "", *, kind: str = "achievement", version: int = 1, **extra):
    base = {
        "id": doc_id(kind, pk),
        "kind": kind,
        "pk": pk,
        "version": version,
        "title": title,
        "body": body,
        "keywords": [],
        "organization": "甲大学",
        "org_type": "university",
        "field": "energy",
        "maturity": "pilot",
        "modes": ["licence"],
        "province": "310000",
        "city": "310100",
        "price_wan": 100.0,
        "published_at": f"2026-01-{pk % 28 + 1:02d}T00:00:00+00:00",
    }
    base.update(extra)
    return base


CORPUS = [
    doc(
        1,
        "湿法锂电池隔膜制备技术",
        "孔隙率高、热收缩小的聚乙烯锂电池隔膜，已中试。",
        price_wan=50.0,
        keywords=["锂电池", "隔膜"],
        vector=_vec(0, 1),
    ),
    doc(
        2,
        "鋰電池正極材料",
        "高鎳正極材料的包覆改性工藝，提升循環壽命。",
        field="materials",
        price_wan=300.0,
        maturity="lab",
        vector=_vec(0),
    ),
    doc(
        3,
        "挖掘机液压系统节能控制",
        "负载敏感液压系统，挖掘机油耗降低15%。",
        field="equipment",
        price_wan=None,
        province="370000",
        city="370100",
        modes=["assignment"],
        vector=_vec(2),
    ),
    doc(
        4,
        "双特异性抗体平台",
        "用于肿瘤免疫治疗的双特异性抗体构建平台。",
        field="bio",
        price_wan=2000.0,
        org_type="institute",
        vector=_vec(3),
    ),
    doc(
        5,
        "多层陶瓷电容器用介质粉体",
        "MLCC 介质材料，介电常数稳定。",
        field="materials",
        price_wan=80.0,
        vector=_vec(4),
    ),
    doc(
        6,
        "寻求锂电池隔膜涂覆技术",
        "我司需要陶瓷涂覆隔膜工艺。",
        kind="demand",
        price_wan=200.0,
        vector=_vec(0, 1),
    ),
]


@pytest.fixture
def loaded(backend):
    backend.index_many(CORPUS)
    backend.refresh()
    return backend


def ids(result):
    return [h.id for h in result.hits]


def test_count_health_and_get(loaded):
    assert loaded.count() == 6
    assert loaded.count(["demand"]) == 1
    assert loaded.health()["ok"] is True
    assert loaded.get("achievement:1")["title"] == "湿法锂电池隔膜制备技术"
    assert loaded.get("achievement:99") is None


@pytest.mark.parametrize("text", ["锂电池隔膜", "鋰電池隔膜", "lithium battery separator"])
def test_same_listing_in_simplified_traditional_and_english(loaded, text):
    result = loaded.search(SearchQuery(text=text, kinds=["achievement"]))
    assert ids(result)[0] == "achievement:1"


def test_traditional_listing_found_by_simplified_query(loaded):
    assert "achievement:2" in ids(loaded.search(SearchQuery(text="锂电池 正极")))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("挖机", "achievement:3"),
        ("双抗", "achievement:4"),
        ("mlcc", "achievement:5"),
        ("多层陶瓷电容器", "achievement:5"),
    ],
)
def test_synonyms_and_abbreviations(loaded, text, expected):
    assert ids(loaded.search(SearchQuery(text=text)))[:1] == [expected]


def test_every_word_group_must_match(loaded):
    assert ids(loaded.search(SearchQuery(text="锂电池 挖掘机"))) == []


def test_filters_and_facets(loaded):
    result = loaded.search(SearchQuery(text="锂电池", filters={"field": ["energy"]}))
    assert set(ids(result)) == {"achievement:1", "demand:6"}
    facets = dict(result.facets["field"])
    # a facet's own filter is left out of its counts, so other values stay visible
    assert facets == {"energy": 2, "materials": 1}
    assert dict(result.facets["kind"]) == {"achievement": 1, "demand": 1}
    assert dict(result.facets["price_band"]) == {"50-100": 1, "100-500": 1}


def test_each_facet_counts_under_the_other_filters(loaded):
    query = SearchQuery(
        text="锂电池",
        filters={"field": ["materials"], "kind": ["achievement"]},
        facets=("field", "kind", "price_band"),
    )
    result = loaded.search(query)
    assert ids(result) == ["achievement:2"]
    assert dict(result.facets["field"]) == {"energy": 1, "materials": 1}  # under kind=achievement
    assert dict(result.facets["kind"]) == {"achievement": 1}  # under field=materials
    assert dict(result.facets["price_band"]) == {"100-500": 1}  # under both


def test_filter_values_are_values_not_query_syntax(loaded):
    odd = 'materials") OR (kind:"demand'
    result = loaded.search(
        SearchQuery(
            text="锂电池", filters={"field": [odd, "a\\b"], "kind": ["achievement"]}, facets=("field", "kind")
        )
    )
    assert ids(result) == [] and result.total == 0
    assert dict(result.facets["kind"]) == {}
    assert dict(result.facets["field"]) == {"energy": 1, "materials": 1}


def test_multi_valued_and_org_type_filters(loaded):
    result = loaded.search(SearchQuery(filters={"modes": ["assignment"]}))
    assert ids(result) == ["achievement:3"]
    result = loaded.search(SearchQuery(filters={"org_type": ["institute"], "price_band": ["gte1000"]}))
    assert ids(result) == ["achievement:4"]
    result = loaded.search(SearchQuery(filters={"price_band": ["negotiable"]}))
    assert ids(result) == ["achievement:3"]


def test_sorts_and_pagination(loaded):
    newest = loaded.search(SearchQuery(sort="newest", kinds=["achievement"]))
    assert ids(newest) == [f"achievement:{i}" for i in (5, 4, 3, 2, 1)]
    cheap = loaded.search(SearchQuery(sort="price_asc", kinds=["achievement"]))
    assert ids(cheap) == ["achievement:1", "achievement:5", "achievement:2", "achievement:4", "achievement:3"]
    dear = loaded.search(SearchQuery(sort="price_desc", kinds=["achievement"]))
    assert ids(dear)[:2] == ["achievement:4", "achievement:2"] and ids(dear)[-1] == "achievement:3"
    page2 = loaded.search(SearchQuery(sort="newest", kinds=["achievement"], page=2, per_page=2))
    assert ids(page2) == ["achievement:3", "achievement:2"] and page2.total == 5 and page2.pages == 3


def test_highlights_mark_the_query_in_the_original_script(loaded):
    hit = loaded.search(
        SearchQuery(text="锂电池", kinds=["achievement"], filters={"field": ["materials"]})
    ).hits[0]
    assert ("鋰電池", True) in hit.highlights["title"]


def test_older_versions_never_replace_newer_ones(loaded):
    loaded.index_many([doc(1, "新标题", version=3)])
    loaded.index_many([doc(1, "旧标题", version=2)])
    loaded.refresh()
    assert loaded.get("achievement:1")["title"] == "新标题"
    loaded.delete_many([("achievement:1", 2)])  # a stale delete
    loaded.refresh()
    assert loaded.get("achievement:1") is not None
    loaded.delete_many([("achievement:1", 3)])
    loaded.refresh()
    assert loaded.get("achievement:1") is None
    assert loaded.versions() == {d["id"]: 1 for d in CORPUS if d["pk"] != 1}


def test_reindexing_the_same_version_is_idempotent(loaded):
    loaded.index_many(CORPUS)
    loaded.index_many(CORPUS)
    loaded.refresh()
    assert loaded.count() == 6


def test_more_like_finds_similar_achievements(loaded):
    demand = CORPUS[-1]
    hits = loaded.more_like(demand, kinds=["achievement"], limit=3)
    assert hits[0].id == "achievement:1"
    assert "隔膜" in hits[0].matched_terms
    assert all(h.kind == "achievement" for h in hits)


def test_vectors_bring_in_results_without_shared_words(loaded):
    query = SearchQuery(text="能量密度", vector=_vec(0))  # no listing says 能量密度; vector 0 = batteries
    assert ids(query and loaded.search(query))[:1] in (["achievement:2"], ["achievement:1"])


def test_bulk_load_replaces_everything(loaded):
    assert loaded.bulk_load([doc(9, "唯一文档")]) == 1
    loaded.refresh()
    assert loaded.versions() == {"achievement:9": 1}


def test_clear(loaded):
    loaded.clear()
    loaded.refresh()
    assert loaded.count() == 0
    assert loaded.search(SearchQuery(text="锂电池")).total == 0


def test_large_bulk_loads_are_analysed_in_parallel_with_the_same_result(backend):
    from search.backends import base

    docs = [
        doc(i, f"第{i}号锂电池隔膜", "湿法工艺，孔隙率高。", version=2)
        for i in range(1, base.PARALLEL_MIN + 2)
    ]
    assert backend.bulk_load(docs) == len(docs)
    backend.refresh()
    assert backend.count() == len(docs)
    assert set(backend.versions().values()) == {2}
    serial = backend.prepare(docs[5])
    (parallel,) = [row for row in backend.prepare_many(docs) if row["doc"]["id"] == docs[5]["id"]]
    assert parallel == serial
    assert backend.search(SearchQuery(text="隔膜")).total == len(docs)


def _unit(*weights: float) -> list[float]:
    v = [0.0] * DIM
    for i, w in enumerate(weights):
        v[i] = w
    return v


def test_listings_in_the_other_language_are_not_held_back_by_the_embedding_gap(backend):
    """Embeddings put texts of two languages further apart than two of one; matching corrects for it."""
    from search.backends import base

    # cosines with the demand (vector e0): 0.90 for the Chinese listing, 0.90 - 0.04 for the English one,
    # less than the correction, so the English listing comes first; a Chinese listing at 0.5 spreads the scale
    listings = [
        doc(11, "船用柴油机尾气处理装置", "选择性催化还原。", vector=_unit(0.90, 0.4359)),
        doc(12, "Seawater scrubber for marine engines", "Removes SOx.", vector=_unit(0.86, 0.5103)),
        doc(13, "果园采摘机器人", "视觉定位。", vector=_unit(0.5, 0.866)),
    ]
    backend.index_many(listings)
    backend.refresh()
    demand = doc(14, "远洋货轮减排", "寻求可靠方案。", kind="demand", vector=_unit(1.0))
    assert [h.id for h in backend.more_like(demand, limit=3)][:2] == ["achievement:12", "achievement:11"]
    # without the correction the raw similarities decide
    saved, base.CROSS_LANGUAGE_SIMILARITY = base.CROSS_LANGUAGE_SIMILARITY, 0.0
    try:
        assert [h.id for h in backend.more_like(demand, limit=3)][:2] == ["achievement:11", "achievement:12"]
    finally:
        base.CROSS_LANGUAGE_SIMILARITY = saved


def test_an_index_built_under_another_analysis_reports_itself_stale(backend, analyzer):
    """After a lexicon or analysis change the live index holds other terms: health says so until a reindex."""
    from search.analysis import Analyzer, Lexicon
    from search.backends import open_backend

    assert backend.analysis_current()  # nothing indexed yet
    backend.index_many(CORPUS[:2])
    backend.refresh()
    assert backend.analysis_current()
    assert backend.health()["analysis"] == {
        "current": True,
        "index": analyzer.fingerprint,
        "code": analyzer.fingerprint,
    }

    lexicon = Lexicon(
        words=dict(analyzer.lexicon.words),
        canonical={**analyzer.lexicon.canonical, "挖机": "挖掘机"},
        phrases=dict(analyzer.lexicon.phrases),
        stopwords=set(analyzer.lexicon.stopwords) | {"工艺"},
    )
    changed = Analyzer(lexicon)
    assert changed.fingerprint != analyzer.fingerprint
    if backend.name == "embedded":
        other = open_backend(f"embedded://{backend.root}", analyzer=changed)
    else:
        other = open_backend(backend.url, index_prefix=backend.prefix, analyzer=changed)
    try:
        assert not other.analysis_current()
        health = other.health()
        assert health["ok"] and health["analysis"]["current"] is False
        assert health["analysis"]["index"] == analyzer.fingerprint
        other.index_many(CORPUS[2:3])  # an incremental write does not make the old terms current
        assert not other.analysis_current()
        other.bulk_load(CORPUS)
        other.refresh()
        assert other.analysis_current()
        assert other.health()["analysis"]["index"] == changed.fingerprint
        assert not backend.analysis_current()  # the old code, seen from the rebuilt index
    finally:
        other.close()
