"""bangfu/planner/search.py: entities by name, alias or code, simplified or traditional, ranked, fast."""

from __future__ import annotations

import random
import time

import pytest
from graph_helpers import FakeGazetteer, sample_extractions

from bangfu.planner.search import Entry, SearchIndex, normalize, normalize_many
from graph.model import KnowledgeGraph


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    kg = KnowledgeGraph(FakeGazetteer())
    for ext in sample_extractions():
        kg.add_extraction(ext)
    return SearchIndex.from_graph(kg)


def ids(hits) -> list[str]:
    return [h.node_id for h in hits]


def test_normalize_folds_traditional_width_case_and_spaces():
    assert normalize(" 龍山 縣 ") == "龙山县"
    assert normalize("甘肅") == "甘肃"
    assert normalize("甯夏") == "宁夏"  # left alone by OpenCC t2s
    assert normalize("陜西") == "陕西"
    assert normalize("ＡＢＣ１２３") == "abc123"
    assert normalize_many(["青島", "", "abc", "山東"]) == ["青岛", "", "abc", "山东"]


def test_finds_by_name_alias_and_code(index):
    assert ids(index.search("龙山县"))[0] == "region:433130"
    assert ids(index.search("湘西州"))[0] == "region:433100"  # an alias from a document
    assert ids(index.search("433130"))[0] == "region:433130"
    assert ids(index.search("region:370200"))[0] == "region:370200"


def test_traditional_queries_find_simplified_names(index):
    assert ids(index.search("龍山縣"))[0] == "region:433130"
    assert ids(index.search("青島"))[0] == "region:370200"
    assert ids(index.search("好客山東"))[0] == "brand:好客山东"


def test_prefix_and_substring(index):
    hits = index.search("龙山")
    assert hits[0].node_id == "region:433130" and hits[0].kind == "prefix"
    inner = index.search("土家族")
    assert inner[0].node_id == "region:433100" and inner[0].kind == "contains"
    assert "platform:湘农荟" in ids(index.search("农荟"))


def test_ranking_exact_before_prefix_before_contains():
    entries = [
        (Entry("a", "长沙", "Region", 0), []),
        (Entry("b", "长沙市", "Region", 9), []),
        (Entry("c", "湖南长沙商会", "Organization", 99), []),
    ]
    hits = SearchIndex(entries).search("长沙")
    assert [(h.node_id, h.kind) for h in hits] == [("a", "exact"), ("b", "prefix"), ("c", "contains")]


def test_weight_breaks_ties_and_each_entity_once():
    entries = [
        (Entry("x", "永顺县", "Region", 1), ["永顺"]),
        (Entry("y", "永顺县", "Organization", 5), ["永顺"]),
    ]
    hits = SearchIndex(entries).search("永顺")
    assert [h.node_id for h in hits] == ["y", "x"]  # both exact on the alias, the busier first


def test_labels_filter_limit_and_empty(index):
    assert all(h.label == "Platform" for h in index.search("平台", labels=["Platform"]))
    assert len(index.search("县", limit=2)) == 2
    assert index.search("") == [] and index.search("   ") == []
    assert index.search("不存在的名字") == []


def test_gazetteer_short_names_find_regions():
    g = KnowledgeGraph(FakeGazetteer())
    g.add_extraction(sample_extractions()[0])

    class Gaz:
        by_code = {"433130": type("R", (), {"aliases": ("龙山",)})()}

    assert SearchIndex.from_graph(g).search("龍山")[0].kind == "prefix"
    hit = SearchIndex.from_graph(g, gazetteer=Gaz()).search("龍山")[0]
    assert (hit.node_id, hit.kind, hit.matched) == ("region:433130", "exact", "龙山")


def test_documents_are_not_entities(index):
    assert all(h.label != "Document" for h in index.search("湖南省"))


def test_fast_on_100k_entities():
    """< 20 ms per query on 100,000 entities (best of three runs, so a busy CI core does not fail it)."""
    rng = random.Random(0)
    chars = "龙山湘西永顺长沙县市区镇乡村平台集团公司省厅局农业发展合作社东南北中华"
    entries = []
    for i in range(100_000):
        name = "".join(rng.choice(chars) for _ in range(rng.randint(2, 9)))
        entries.append((Entry(f"organization:{i}", name, "Organization", rng.random()), [name + "简称"]))
    entries.append((Entry("region:433130", "龙山县", "Region", 50.0), ["龍山縣", "龙山"]))
    index = SearchIndex(entries)
    assert len(index) == 100_001
    for query in ("龍山", "龙山县", "县", "长沙市农业", "合作社", "433130", "湘"):
        best = min(_timed(index, query) for _ in range(3))
        assert best < 0.020, f"{query!r} took {best * 1000:.1f} ms"
    assert index.search("龍山")[0].node_id == "region:433130"


def _timed(index: SearchIndex, query: str) -> float:
    started = time.perf_counter()
    index.search(query)
    return time.perf_counter() - started
