"""`bangfu export` reads the store a build wrote and writes each format.

Each file is read back by what a user would read it with (networkx for GraphML, GEXF and node-link
JSON, csv for the neo4j-admin files, and the Cypher script parsed statement by statement) and compared
with the store itself, queried on its own: every node with its label and name, every relationship with
its type and mechanism.
"""

from __future__ import annotations

import ast
import csv
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from cli_helpers import bangfu
from graph_helpers import sample_graph

from graph.store.embedded import open_store, write_store

Node = tuple[str, str, Any]  # id, label, name
Edge = tuple[str, str, str, Any]  # source, target, type, mechanism


def store_facts(store: Path) -> tuple[set[Node], Counter[Edge]]:
    with open_store(store) as s:
        nodes = s.query("MATCH (n) RETURN n.id, label(n), n.name").rows
        edges = s.query("MATCH (a)-[r]->(b) RETURN a.id, b.id, label(r), r.mechanism").rows
    return {tuple(n) for n in nodes}, Counter(tuple(e) for e in edges)


def from_networkx(g: nx.MultiDiGraph, label: str, rel_type: str) -> tuple[set[Node], Counter[Edge]]:
    nodes = {(n, d[label], d.get("name")) for n, d in g.nodes(data=True)}
    edges = Counter((u, v, d[rel_type], d.get("mechanism")) for u, v, d in g.edges(data=True))
    return nodes, edges


def from_csv(folder: Path) -> tuple[set[Node], Counter[Edge]]:
    def rows(pattern: str) -> list[dict[str, str]]:
        out = []
        for path in sorted(folder.glob(pattern)):
            with path.open(encoding="utf-8", newline="") as f:
                out += list(csv.DictReader(f))
        return out

    nodes = {(r["id:ID"], r[":LABEL"], r["name"] or None) for r in rows("nodes_*.csv")}
    edges = Counter(
        (r[":START_ID"], r[":END_ID"], r[":TYPE"], r["mechanism"] or None)
        for r in rows("relationships_*.csv")
    )
    return nodes, edges


# ------------------------------------------------------------------------------ the Cypher script
_TOKEN = re.compile(
    r"\s*(?:(?P<string>'(?:[^'\\]|\\.)*')|(?P<number>-?\d+(?:\.\d+)?(?:[eE]-?\d+)?)"
    r"|(?P<word>[A-Za-z_]\w*)|(?P<punct>[\[\]{},:]))"
)
_WORDS = {"null": None, "true": True, "false": False}


def cypher_value(text: str) -> Any:
    """A Cypher literal (lists, maps, strings, numbers, booleans, null) as Python."""
    tokens: list[tuple[str, str]] = []
    text, at = text.strip(), 0
    while at < len(text):
        m = _TOKEN.match(text, at)
        assert m and m.lastgroup, f"not a Cypher literal at {text[at : at + 40]!r}"
        tokens.append((m.lastgroup, m.group(m.lastgroup)))
        at = m.end()
    pos = 0

    def value() -> Any:
        nonlocal pos
        kind, tok = tokens[pos]
        pos += 1
        if kind == "string":
            return ast.literal_eval(tok)  # Cypher's \' \\ \n escapes are Python's
        if kind == "number":
            return ast.literal_eval(tok)
        if kind == "word":
            return _WORDS[tok]
        closing = {"[": "]", "{": "}"}[tok]
        items: list[Any] = []
        while tokens[pos][1] != closing:
            if tok == "{":
                key = tokens[pos][1]
                assert tokens[pos + 1][1] == ":", tokens[pos : pos + 2]
                pos += 2
                items.append((key, value()))
            else:
                items.append(value())
            if tokens[pos][1] == ",":
                pos += 1
        pos += 1
        return dict(items) if tok == "{" else items

    out = value()
    assert pos == len(tokens), "text after the literal"
    return out


_CONSTRAINT = re.compile(r"CREATE CONSTRAINT \w+ IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE")
_NODES = re.compile(r"UNWIND (.*) AS row\nMERGE \(n:(\w+) \{id: row\.id\}\)\nSET n = row", re.S)
_EDGES = re.compile(
    r"UNWIND (.*) AS row\nMATCH \(a:\w+ \{id: row\.source\}\)\nMATCH \(b:\w+ \{id: row\.target\}\)\n"
    r"MERGE \(a\)-\[r:(\w+) \{key: row\.props\.key\}\]->\(b\)\nSET r = row\.props",
    re.S,
)


def from_cypher(path: Path) -> tuple[set[str], set[Node], Counter[Edge]]:
    header, body = path.read_text(encoding="utf-8").split("\n", 1)
    assert header.startswith("// ")
    statements = body.split(";\n\n")  # a literal's newlines are escaped, so this cannot split one
    assert statements.pop() == ""
    constrained: set[str] = set()
    nodes: set[Node] = set()
    edges: Counter[Edge] = Counter()
    for st in statements:
        if found := _CONSTRAINT.fullmatch(st):
            constrained.add(found.group(1))
        elif found := _NODES.fullmatch(st):
            nodes |= {(r["id"], found.group(2), r.get("name")) for r in cypher_value(found.group(1))}
        elif found := _EDGES.fullmatch(st):
            rows = cypher_value(found.group(1))
            edges.update(
                (r["source"], r["target"], found.group(2), r["props"].get("mechanism")) for r in rows
            )
        else:
            raise AssertionError(f"a statement of no known kind: {st[:200]}")
    return constrained, nodes, edges


def test_cypher_values_parse_back() -> None:
    assert cypher_value("[{id: 'a\\'b', n: 3, x: 0.5, ok: true, no: null, l: ['长沙', 'c\\\\d\\n']}]") == [
        {"id": "a'b", "n": 3, "x": 0.5, "ok": True, "no": None, "l": ["长沙", "c\\d\n"]}
    ]


# ------------------------------------------------------------------------------------- the tests
@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "b.lbdb"
    kg = sample_graph()
    write_store(kg, path)
    nodes, edges = store_facts(path)
    assert (len(nodes), edges.total()) == (kg.graph.number_of_nodes(), kg.graph.number_of_edges())
    assert edges["region:430100", "region:433130", "ASSISTS", "消费帮扶"] == 1  # a parallel edge
    return path


def export(store: Path, out: Path, fmt: str, capsys: pytest.CaptureFixture) -> None:
    assert bangfu("export", "--format", fmt, "--out", str(out), "--store", str(store)) == 0
    nodes, edges = store_facts(store)
    assert capsys.readouterr().out == f"wrote {out} ({fmt}): {len(nodes)} nodes, {edges.total()} edges\n"


@pytest.mark.parametrize(
    ("fmt", "read"),
    [
        ("graphml", lambda p: from_networkx(nx.read_graphml(p, force_multigraph=True), "kind", "type")),
        ("gexf", lambda p: from_networkx(nx.read_gexf(p), "kind", "kind")),
        (
            "json",
            lambda p: from_networkx(
                nx.node_link_graph(json.loads(p.read_text(encoding="utf-8")), edges="links"), "label", "type"
            ),
        ),
        ("csv", from_csv),
    ],
)
def test_export_holds_what_the_store_holds(
    store: Path, tmp_path: Path, fmt: str, read: Any, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "out" / f"graph.{fmt}"
    export(store, out, fmt, capsys)
    assert read(out) == store_facts(store)


def test_cypher_script_holds_what_the_store_holds(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    out = tmp_path / "graph.cypher"
    export(store, out, "cypher", capsys)
    constrained, nodes, edges = from_cypher(out)
    assert (nodes, edges) == store_facts(store)
    assert constrained == {label for _, label, _ in nodes}  # one uniqueness constraint per label


def test_export_without_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert (
        bangfu("export", "-f", "json", "-o", str(tmp_path / "g.json"), "--store", str(tmp_path / "no.lbdb"))
        == 1
    )
    assert "bangfu build" in capsys.readouterr().err
