"""`bangfu neo4j push` sends the embedded store's tables as batches read a page at a time: the rows
of its statements are the store's nodes and relationships, every property, in batches of at most
--batch-size rows, and the same rows the graph read back from the store would give. No server here
(tests/test_neo4j_live.py runs against one when NEO4J_URI is set); these tests check what would be sent,
on real store files, and the pruning's own comparison (which database keys the push did not write).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from bangfu.bench.corpus import write_corpus
from bangfu.knowledge.ontology import EDGE_PROPERTIES, NODE_LABELS, NODE_PROPERTIES
from bangfu.pipeline.build import build_store
from graph.store import neo4j, pages
from graph.store.embedded import open_store
from graph.store.neo4j import KeySet, not_pushed, remember, store_plan
from graph.store.neo4j_cypher import all_statements, push_plan
from graph.store.readback import load_graph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "data" / "corpus"


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample corpus's store and a generated corpus's (60 documents)."""
    folder = tmp_path_factory.mktemp("neo4j-batches")
    write_corpus(folder / "gen", 60, seed=3)
    out = {"sample": folder / "sample.lbdb", "generated": folder / "generated.lbdb"}
    build_store([str(CORPUS)], out["sample"])
    build_store([str(folder / "gen")], out["generated"], workers=2)
    return out


def _clean(row: dict) -> dict:
    """What Neo4j can hold of a row: no nulls, no empty lists."""
    return {k: v for k, v in row.items() if v is not None and v != []}


def store_tables(store: Path) -> tuple[dict[str, list[str]], dict[tuple, list[str]]]:
    """Every node per label and every edge per (type, source label, target label) as the store holds
    them, each as canonical JSON of its cleaned properties, read with one query per table."""
    nodes: dict[str, list[str]] = defaultdict(list)
    edges: dict[tuple, list[str]] = defaultdict(list)
    node_cols = ", ".join(f"n.{p}" for p in NODE_PROPERTIES)
    edge_cols = ", ".join(f"r.{p}" for p in EDGE_PROPERTIES)
    with open_store(store) as s:
        for label in NODE_LABELS:
            for row in s.query(f"MATCH (n:{label}) RETURN {node_cols}", timeout_ms=None).rows:
                nodes[label].append(_canon(_clean(dict(zip(NODE_PROPERTIES, row, strict=True)))))
        query = f"MATCH (a)-[r]->(b) RETURN label(r), label(a), label(b), a.id, b.id, {edge_cols}"
        for rel_type, src, dst, source, target, *props in s.query(query, timeout_ms=None).rows:
            row = {
                "source": source,
                "target": target,
                "props": _clean(dict(zip(EDGE_PROPERTIES, props, strict=True))),
            }
            edges[(rel_type, src, dst)].append(_canon(row))
    return nodes, edges


def plan_tables(plan: list) -> tuple[dict[str, list[str]], dict[tuple, list[str]]]:
    nodes: dict[str, list[str]] = defaultdict(list)
    edges: dict[tuple, list[str]] = defaultdict(list)
    for st in plan:
        kind, *name = st.id.split(":")
        if kind == "nodes":
            nodes[name[0]] += [_canon(r) for r in st.params["rows"]]
        elif kind == "edges":
            edges[tuple(name[:3])] += [_canon(r) for r in st.params["rows"]]
    return nodes, edges


def _canon(row: dict) -> str:
    return json.dumps(row, ensure_ascii=False, sort_keys=True)


def _sorted(tables: dict) -> dict:
    return {k: sorted(v) for k, v in tables.items() if v}


@pytest.mark.parametrize("which", ["sample", "generated"])
@pytest.mark.parametrize("batch_size", [7, 1000])
def test_the_batches_are_the_stores_rows(
    stores: dict[str, Path], which: str, batch_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PAGE_ROWS", 11)  # many pages per table, each cut into batches
    store = stores[which]
    with open_store(store) as s:
        plan = list(store_plan(s, batch_size=batch_size))
    batches = [st for st in plan if not st.id.startswith("constraint:")]
    assert [st.id for st in plan[: len(NODE_LABELS)]] == [f"constraint:{label}" for label in NODE_LABELS]
    assert all(1 <= len(st.params["rows"]) <= batch_size for st in batches)
    kinds = [st.id.split(":")[0] for st in batches]
    assert kinds == sorted(kinds, key=["nodes", "edges"].index)  # every node before any relationship
    nodes, edges = plan_tables(plan)
    want_nodes, want_edges = store_tables(store)
    assert _sorted(nodes) == _sorted(want_nodes)
    assert _sorted(edges) == _sorted(want_edges)
    assert sum(map(len, edges.values())) > (100 if which == "sample" else 3000)
    if batch_size == 7:
        assert len(batches) > sum(map(len, edges.values())) // 7
    linted = {st.cypher for st in all_statements()}
    assert {st.cypher for st in plan} <= linted  # every statement text is one Neo4j's parser checked


def test_the_store_sends_what_the_graph_read_back_from_it_sends(stores: dict[str, Path]) -> None:
    """The push from the store's pages is the push `bangfu neo4j push` made before, from the whole
    graph read back (the same rows; batches may be cut elsewhere)."""
    store = stores["generated"]
    with open_store(store) as s:
        paged = list(store_plan(s, batch_size=500))
    whole = push_plan(load_graph(store).graph, batch_size=500)
    assert _sorted(plan_tables(paged)[0]) == _sorted(plan_tables(whole)[0])
    assert _sorted(plan_tables(paged)[1]) == _sorted(plan_tables(whole)[1])


def test_pruning_finds_exactly_what_the_push_did_not_write(
    stores: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(KeySet, "_FOLD", 97)  # digests folded into many arrays before the first look-up
    nodes, relationships = KeySet(), KeySet()
    with open_store(stores["generated"]) as s:
        for st in store_plan(s, batch_size=50):
            remember(st, nodes, relationships)
        rows = s.query("MATCH (a)-[r]->(b) RETURN a.id, r.key, b.id", timeout_ms=None).rows
    assert relationships.count == len(rows) and relationships.count > 3000
    # what a database would answer: the pushed relationships, and two that this store does not have
    existing = [{"source": a, "key": k, "target": b, "rid": f"5:x:{i}"} for i, (a, k, b) in enumerate(rows)]
    existing.insert(
        10, {"source": rows[0][0], "key": "ASSISTS|对口支援", "target": "region:000000", "rid": "old-1"}
    )
    existing.append(
        {"source": rows[0][2], "key": rows[0][1], "target": rows[0][0], "rid": "old-2"}
    )  # reversed
    key = lambda r: (r["source"], r["key"], r["target"])  # noqa: E731
    assert not_pushed(existing, relationships, key, "rid", 64) == ["old-1", "old-2"]
    assert not_pushed(iter(existing[:5]), relationships, key, "rid", 2) == []
    doc = next(r[2] for r in rows if r[2].startswith("doc:"))
    ids = [{"id": doc}, {"id": "doc:0000000000000000"}]
    assert not_pushed(ids, nodes, lambda r: ("Document", r["id"]), "id", 1) == ["doc:0000000000000000"]
    assert not_pushed(ids[:1], nodes, lambda r: ("Region", r["id"]), "id", 1) == [doc]  # label counts
    assert KeySet().missing([("Region", "region:110000")]) == [True]


def test_push_reads_the_store_before_connecting(tmp_path: Path) -> None:
    """A missing store is the one-line error, not the unreachable server's."""
    env = {**os.environ, "NEO4J_PASSWORD": "secret", "PYTHONPATH": str(ROOT)}
    missing = tmp_path / "none.lbdb"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "bangfu.cli",
            "neo4j",
            "push",
            "--uri",
            "bolt://127.0.0.1:9",
            "--store",
            str(missing),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        f"bangfu neo4j push: no store at {missing}: run `bangfu build` first (or pass --store)"
    ]


def test_push_store_without_a_server_is_one_error(stores: dict[str, Path]) -> None:
    nowhere = neo4j.Neo4jSettings("bolt://127.0.0.1:9", "neo4j", "secret")
    with pytest.raises(neo4j.Neo4jStoreError) as info:
        neo4j.push_store(stores["sample"], nowhere)
    assert "\n" not in str(info.value) and "127.0.0.1:9" in str(info.value)
