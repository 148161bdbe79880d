"""Exports re-read by the tools that consume them: networkx for GraphML/GEXF/JSON, csv for the
neo4j-admin files, and the Cypher script's literals parsed back."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from graph_helpers import sample_graph

from graph.export import FORMATS, export
from graph.export.cypher import cypher_literal, cypher_statements
from graph.export.scalar import scalar_graph
from graph.model import KnowledgeGraph
from graph.store.neo4j_cypher import push_plan


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return sample_graph()


def test_graphml_reread_with_same_counts(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.graphml"
    export(kg.graph, "graphml", path)
    again = nx.read_graphml(path, force_multigraph=True)
    assert again.number_of_nodes() == kg.graph.number_of_nodes()
    assert again.number_of_edges() == kg.graph.number_of_edges()
    node = again.nodes["region:430100"]
    assert node["label"] == "长沙市" and node["kind"] == "Region"
    assert json.loads(node["aliases"]) == ["长沙", "长沙市"]
    edge = again.edges["region:430100", "region:433130", "ASSISTS|对口帮扶"]
    assert edge["type"] == "ASSISTS" and edge["n_evidence"] == 2
    assert [e["doc"] for e in json.loads(edge["evidence"])] == ["b003", "a000"]


def test_gexf_reread_with_same_counts(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.gexf"
    export(kg.graph, "gexf", path)
    again = nx.read_gexf(path)
    assert again.number_of_nodes() == kg.graph.number_of_nodes()
    assert again.number_of_edges() == kg.graph.number_of_edges()
    assert again.is_multigraph()  # 长沙市 → 龙山县 twice: 对口帮扶 and 消费帮扶
    assert again.nodes["region:433130"]["label"] == "龙山县"
    pair = again.get_edge_data("region:430100", "region:433130")
    assert sorted((e["kind"], e["mechanism"]) for e in pair.values()) == [
        ("ASSISTS", "对口帮扶"),
        ("ASSISTS", "消费帮扶"),
    ]
    edges = ET.parse(path).getroot().iter("{http://www.gexf.net/1.2draft}edge")
    assert {e.get("type") for e in edges} <= {None, "directed", "undirected", "mutual"}  # GEXF's own values


def test_node_link_json_round_trip(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.json"
    export(kg.graph, "json", path)
    again = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    assert sorted(again.nodes) == sorted(kg.graph.nodes)
    assert sorted(again.edges(keys=True)) == sorted(kg.graph.edges(keys=True))
    assert again.nodes["region:430100"]["groups"][0]["helped"] == "7个贫困县"


def test_neo4j_admin_csv(kg: KnowledgeGraph, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    export(kg.graph, "csv", out)
    nodes = [row for f in sorted(out.glob("nodes_*.csv")) for row in csv.DictReader(f.open(encoding="utf-8"))]
    rels = [
        row
        for f in sorted(out.glob("relationships_*.csv"))
        for row in csv.DictReader(f.open(encoding="utf-8"))
    ]
    assert len(nodes) == kg.graph.number_of_nodes() and len(rels) == kg.graph.number_of_edges()
    header = next(csv.reader((out / "nodes_Region.csv").open(encoding="utf-8")))
    assert (
        header[0] == "id:ID"
        and header[-1] == ":LABEL"
        and "aliases:string[]" in header
        and "lat:double" in header
    )
    rheader = next(csv.reader((out / "relationships_ASSISTS.csv").open(encoding="utf-8")))
    assert rheader[:3] == [":START_ID", ":END_ID", ":TYPE"] and "n_evidence:long" in rheader
    ids = {n["id:ID"] for n in nodes}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)
    assert "neo4j-admin database import full" in (out / "import.txt").read_text(encoding="utf-8")


def test_cypher_script_holds_the_push_statements(kg: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "g.cypher"
    export(kg.graph, "cypher", path)
    text = path.read_text(encoding="utf-8")
    statements = cypher_statements(kg.graph)
    assert len(statements) == len(push_plan(kg.graph))
    assert all(s in text for s in statements)
    assert "$" not in "".join(statements)  # every parameter written in
    assert text.count("MERGE (n:Region {id: row.id})") == 1


@pytest.mark.parametrize(
    ("value", "literal"),
    [
        (None, "null"),
        (True, "true"),
        (3, "3"),
        (0.5, "0.5"),
        ("龙山县", "'龙山县'"),
        ("it's \\ \n", "'it\\'s \\\\ \\n'"),
        (["a", 1], "['a', 1]"),
        ({"id": "x", "odd key": 1}, "{id: 'x', `odd key`: 1}"),
    ],
)
def test_cypher_literals(value, literal: str) -> None:
    assert cypher_literal(value) == literal


def test_scalar_graph_has_only_scalars(kg: KnowledgeGraph) -> None:
    flat = scalar_graph(kg.graph)
    for _, data in flat.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    for _, _, data in flat.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_unknown_format(kg: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="graphml"):
        export(kg.graph, "dot", tmp_path / "g.dot")
    assert list(FORMATS) == ["graphml", "gexf", "json", "csv", "cypher"]
