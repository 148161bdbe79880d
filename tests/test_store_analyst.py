"""The Cypher catalogue gives the same answers on the embedded store and on the networkx graph, is the
one docs/cypher.md shows, and its path query does not go through documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_helpers import sample_graph

from bangfu.pipeline.build import apply_designations
from bangfu.planner.catalogue import ANALYST_QUERIES, PATH_TYPES, checked, markdown
from graph.store.embedded import open_store, write_store

LABEL_PREFIXES = {"region", "agency", "organization", "platform", "brand", "campaign", "doc"}

CASES = [
    ("unpaired", {}),
    ("unpaired", {"designation": "national-160"}),
    ("helpers_of", {}),
    ("helpers_of", {"county": "永顺县"}),
    ("helpers_of", {"county": "新宁县"}),
    ("helpers_of", {"county": "崀山镇"}),
    ("helpers_of", {"county": "甘肃省"}),
    ("helpers_of", {"county": "不存在县"}),
    ("partners", {}),
    ("partners", {"helper": "山东省"}),
    ("top_helpers", {}),
    ("top_helpers", {"min_helped": 2}),
    ("platforms", {}),
    ("mechanisms_since", {}),
    ("mechanisms_since", {"since": 2000}),
    ("mechanisms_since", {"since": 2030}),
]


@pytest.fixture(scope="module")
def graph_and_store(tmp_path_factory: pytest.TempPathFactory):
    kg = sample_graph()
    # three counties on the list, one no document mentions (held in the graph for the list's sake)
    apply_designations(kg, {"433130": ["hunan-51"], "430523": ["hunan-51"], "430528": ["hunan-51"]})
    path = tmp_path_factory.mktemp("analyst") / "bangfu.lbdb"
    write_store(kg, path)
    with open_store(path) as store:
        yield kg, store


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}{p or ''}" for n, p in CASES])
def test_same_answer_on_both(graph_and_store, name: str, params: dict) -> None:
    kg, store = graph_and_store
    query = ANALYST_QUERIES[name]
    expected = query.answer(kg.graph, **params)
    got = store.query(query.cypher, {**query.params, **params}).rows
    assert got == expected


def test_the_sample_answers_are_not_trivial(graph_and_store) -> None:
    kg, store = graph_and_store
    q = ANALYST_QUERIES
    # 龙山县 has 长沙市 and 新宁县 国家乡村振兴局; 邵阳县, which no document mentions, has nobody
    assert q["unpaired"].answer(kg.graph) == [["430523", "邵阳县", "湖南省"]]
    assert q["helpers_of"].answer(kg.graph) == [
        ["济南市", "湘西土家族苗族自治州", "东西部协作", 1],
        ["长沙市", "龙山县", "对口帮扶", 2],
        ["长沙市", "龙山县", "消费帮扶", 1],
    ]
    assert q["helpers_of"].answer(kg.graph, county="崀山镇")[0][0] == "国家乡村振兴局"
    assert q["top_helpers"].answer(kg.graph)[0] == ["长沙市", 1, 3]
    assert q["platforms"].answer(kg.graph) == [["832平台", None, 2], ["湘农荟", "湖南省供销合作总社", 1]]
    assert [r[0] for r in q["mechanisms_since"].answer(kg.graph, since=2000)] == [
        "东西部协作",
        "定点帮扶",
        "对口帮扶",
        "消费帮扶",
    ]
    # names, never node ids, in any answer
    for query in checked():
        for row in store.query(query.cypher, query.params).rows:
            assert not any(isinstance(v, str) and ":" in v and v.split(":")[0] in LABEL_PREFIXES for v in row)


def test_paths_follow_facts_not_documents(graph_and_store) -> None:
    _, store = graph_and_store
    q = ANALYST_QUERIES["paths"]
    rows = store.query(q.cypher, q.params).rows
    assert rows, "长沙市 and 永顺县 are connected through the hierarchy"
    for places, hops in rows:
        assert [p["name"] for p in places][0] == "长沙市" and places[-1]["name"] == "永顺县"
        assert all(p["_LABEL"] != "Document" for p in places) and hops == len(places) - 1
    # any relationship would also lead through the documents that name both places
    anything = q.cypher.replace(f":{PATH_TYPES}*", "*")
    assert anything != q.cypher
    through = store.query(anything, q.params).rows
    assert any(p["_LABEL"] == "Document" for places, _ in through for p in places)


def test_the_docs_show_the_catalogue() -> None:
    text = Path(__file__).parent.parent.joinpath("docs", "cypher.md").read_text(encoding="utf-8")
    assert markdown() in text, "docs/cypher.md is behind the catalogue: python -m bangfu.planner.catalogue"
    for query in ANALYST_QUERIES.values():
        assert query.cypher in text
