"""The five analyst queries give the same answers on the embedded store and on the networkx graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_helpers import sample_graph

from bangfu.planner.catalogue import ANALYST_QUERIES
from graph.store.embedded import open_store, write_store

CASES = [
    ("unassisted_counties", {}),
    ("helpers_of", {}),
    ("helpers_of", {"region": "region:433127"}),
    ("helpers_of", {"region": "region:430528"}),
    ("helpers_of", {"region": "region:430528:崀山镇"}),
    ("helpers_of", {"region": "region:620000"}),
    ("helpers_of", {"region": "region:999999"}),
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
    kg, _ = graph_and_store
    q = ANALYST_QUERIES
    assert q["unassisted_counties"].answer(kg.graph) == [["region:430523", "邵阳县"]]
    helpers = q["helpers_of"].answer(kg.graph)
    assert [r[0] for r in helpers] == ["region:370100", "region:430100", "region:430100"]
    assert q["helpers_of"].answer(kg.graph, region="region:430528:崀山镇")[0][0] == "agency:国家乡村振兴局"
    assert q["top_helpers"].answer(kg.graph)[0][:3] == ["region:430100", "长沙市", 1]
    assert q["platforms"].answer(kg.graph) == [
        ["platform:832平台", None, 2],
        ["platform:湘农荟", "organization:湖南省供销合作总社", 1],
    ]
    assert [r[0] for r in q["mechanisms_since"].answer(kg.graph, since=2000)] == [
        "东西部协作",
        "定点帮扶",
        "对口帮扶",
        "消费帮扶",
    ]


def test_every_query_is_documented() -> None:
    text = Path(__file__).parent.parent.joinpath("docs", "cypher.md").read_text(encoding="utf-8")
    for query in ANALYST_QUERIES.values():
        assert query.cypher in text, (
            f"docs/cypher.md lacks the {query.name} query as written in bangfu/planner/catalogue.py"
        )


def test_designation_list_question_from_the_docs(tmp_path: Path) -> None:
    kg = sample_graph()
    for code in ("433130", "430523", "433122"):
        kg.annotate(f"region:{code}", designations=["hunan-51"])
    write_store(kg, tmp_path / "d.lbdb")
    text = Path(__file__).parent.parent.joinpath("docs", "cypher.md").read_text(encoding="utf-8")
    cypher = text.split("```cypher\n", 1)[1].split("```", 1)[0]
    assert "hunan-51" in cypher
    with open_store(tmp_path / "d.lbdb") as store:
        assert store.query(cypher).rows == [["430523", "邵阳县"]]
