"""`bangfu build`'s flat path (graph/flat.py: spill files, merge by key, COPY FROM) writes the store
the in-memory KnowledgeGraph path writes: every node and edge with every property, the same summary,
the same graph read back.

Both paths run for real on the same files: the sample corpus (data/corpus) and a generated corpus of a
few hundred documents (bangfu/bench/corpus.py), the latter with tiny spill batches and many evidence
buckets so that every row-group and bucket boundary of the flat path is crossed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bangfu.bench.corpus import write_corpus
from bangfu.knowledge.ontology import EDGE_PROPERTIES, NODE_PROPERTIES
from bangfu.pipeline.build import apply_designations, build_graph, build_store
from graph import flat
from graph.store.embedded import open_store, write_store
from graph.store.readback import load_graph, load_view

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"
NODE_QUERY = "MATCH (n) RETURN label(n), " + ", ".join(f"n.{p}" for p in NODE_PROPERTIES)
EDGE_QUERY = "MATCH (a)-[r]->(b) RETURN label(r), a.id, b.id, " + ", ".join(f"r.{p}" for p in EDGE_PROPERTIES)


def store_rows(store: Path) -> tuple[list[tuple], list[tuple]]:
    """Every node and every edge of a store with every property, in a fixed order."""
    with open_store(store) as s:
        nodes = sorted((tuple(r) for r in s.query(NODE_QUERY, timeout_ms=None).rows), key=repr)
        edges = sorted((tuple(r) for r in s.query(EDGE_QUERY, timeout_ms=None).rows), key=repr)
    return nodes, edges


def graph_store(paths: list[str], store: Path, *, all_regions: bool = False) -> dict:
    """The store as the in-memory path writes it (build_store before the flat path); its summary."""
    kg, _skipped = build_graph(paths, all_regions=all_regions)
    apply_designations(kg)
    write_store(kg, store)
    return kg.summary()


def assert_same_stores(old: Path, new: Path) -> None:
    old_nodes, old_edges = store_rows(old)
    new_nodes, new_edges = store_rows(new)
    assert len(new_nodes) == len(old_nodes) and len(new_edges) == len(old_edges)
    assert new_nodes == old_nodes
    assert new_edges == old_edges
    # what the app, the CLI and the planner read back (the store's own row order aside)
    old_kg, new_kg = load_graph(old), load_graph(new)
    assert new_kg.document_ids == old_kg.document_ids
    assert sorted(new_kg.graph.nodes(data=True), key=repr) == sorted(old_kg.graph.nodes(data=True), key=repr)
    old_edges = sorted(old_kg.graph.edges(keys=True, data=True), key=repr)
    assert sorted(new_kg.graph.edges(keys=True, data=True), key=repr) == old_edges


@pytest.mark.parametrize("all_regions", [False, True])
def test_sample_corpus_flat_store_equals_graph_store(tmp_path: Path, all_regions: bool) -> None:
    old, new = tmp_path / "old.lbdb", tmp_path / "new.lbdb"
    summary = graph_store([str(CORPUS)], old, all_regions=all_regions)
    report = build_store([str(CORPUS)], new, all_regions=all_regions, workers=2)
    assert report.written and report.summary == summary
    assert summary["relations"].get("ASSISTS", 0) > 0
    assert_same_stores(old, new)
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # spill and rows removed


def test_generated_corpus_flat_store_equals_graph_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(flat, "FLUSH_ROWS", 97)  # many row groups per spill file
    monkeypatch.setattr(flat, "DOCS_PER_BUCKET", 40)  # several evidence buckets
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 300, seed=5)
    old, new = tmp_path / "old.lbdb", tmp_path / "new.lbdb"
    summary = graph_store([str(corpus)], old)
    report = build_store([str(corpus)], new, workers=2)
    assert report.read == 300 and report.summary == summary
    assert summary["relations"]["ASSISTS"] > 300 and summary["relations"]["MENTIONED_IN"] > 3000
    assert_same_stores(old, new)


def test_view_read_back_is_the_graph_without_documents(tmp_path: Path) -> None:
    """``load_view`` (what the benchmark's query stages read at scale) gives the entities and
    relations ``load_graph`` gives, with the same properties, and nothing of the documents."""
    store = tmp_path / "s.lbdb"
    build_store([str(CORPUS)], store)
    full, view = load_graph(store).graph, load_view(store)

    def kept(attrs: dict) -> dict:
        return {k: v for k, v in attrs.items() if v is not None}

    nodes = {n: kept(a) for n, a in full.nodes(data=True) if a["label"] != "Document"}
    edges = {
        (u, v, k): kept(a) for u, v, k, a in full.edges(keys=True, data=True) if a["type"] != "MENTIONED_IN"
    }
    assert any(a["type"] == "ASSISTS" and a["evidence"] for a in edges.values())
    assert dict(view.nodes(data=True)) == nodes
    assert {(u, v, k): a for u, v, k, a in view.edges(keys=True, data=True)} == edges
