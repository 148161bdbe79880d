"""bangfu/planner/search.py: entities by name, alias or code, simplified or traditional, ranked.

Its speed is measured by bangfu/bench/search_bench.py, not here.
"""

from __future__ import annotations

import pytest
from graph_helpers import FakeGazetteer, sample_extractions

from bangfu.knowledge.names import normalize, normalize_many
from bangfu.planner.search import Entry, SearchIndex
from graph.model import KnowledgeGraph


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    kg = KnowledgeGraph(FakeGazetteer())
    kg.add_extractions(sample_extractions())
    return kg


@pytest.fixture(scope="module")
def index(kg) -> SearchIndex:
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
    hunan = ["region:430000", "organization:湖南省供销合作总社", "agency:湖南省教育厅"]
    assert ids(index.search("湖南省")) == hunan
    assert ids(index.search("湖南省", labels=["Agency"])) == ["agency:湖南省教育厅"]
    assert ids(index.search("湖南省", labels=["Agency", "Region"])) == [
        "region:430000",
        "agency:湖南省教育厅",
    ]
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


def test_documents_are_not_entities(kg, index):
    titles = [d.get("title") or "" for _, d in kg.graph.nodes(data=True) if d.get("label") == "Document"]
    assert sum("湖南省" in t for t in titles) == 2  # two documents a title search would find
    hits = index.search("湖南省")
    assert hits and {h.label for h in hits} == {"Region", "Organization", "Agency"}
