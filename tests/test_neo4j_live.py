"""bangfu against a live Neo4j 5 server: runs only when NEO4J_URI is set (and NEO4J_PASSWORD).

    docker run --rm -p 7687:7687 -e NEO4J_AUTH=neo4j/bangfu-secret neo4j:5
    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=bangfu-secret .venv/bin/pytest tests/test_neo4j_live.py

The tests write the sample graph, and the store built from the sample corpus (what `bangfu neo4j push`
sends, read from the store a page at a time), into the server's default database, replacing bangfu's
labels there.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from graph_helpers import sample_graph

from bangfu.knowledge.ontology import NODE_LABELS, NODE_PROPERTIES
from bangfu.pipeline.build import build_store
from bangfu.pipeline.library import remove_documents
from bangfu.planner.catalogue import checked
from graph.store import pages
from graph.store.embedded import open_store
from graph.store.neo4j import Neo4jSettings, Neo4jStoreError, push, push_store, query

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"

pytestmark = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: no live Neo4j server to test against (the statements are still "
    "checked by Neo4j's parser in tests/test_neo4j_cypher.py)",
)


@pytest.fixture(scope="module")
def settings() -> Neo4jSettings:
    return Neo4jSettings.from_env()


def counts(settings: Neo4jSettings) -> tuple[int, int]:
    nodes = query("MATCH (n) WHERE n.id IS NOT NULL RETURN count(n) AS n", {}, settings).rows[0][0]
    rels = query("MATCH ()-[r]->() WHERE r.key IS NOT NULL RETURN count(r) AS n", {}, settings).rows[0][0]
    return nodes, rels


def test_push_twice_changes_nothing(settings: Neo4jSettings) -> None:
    kg = sample_graph()
    push(kg.graph, settings, batch_size=5)
    first = counts(settings)
    assert first == (kg.graph.number_of_nodes(), kg.graph.number_of_edges())
    again = push(kg.graph, settings, batch_size=5)
    assert counts(settings) == first
    assert again.deleted_nodes == again.deleted_relationships == 0


def test_push_prunes_what_the_graph_no_longer_has(settings: Neo4jSettings) -> None:
    kg = sample_graph()
    push(kg.graph, settings)
    kg.remove_document("b003")
    report = push(kg.graph, settings)
    assert report.deleted_nodes > 0 and report.deleted_relationships > 0
    assert counts(settings) == (kg.graph.number_of_nodes(), kg.graph.number_of_edges())


def test_analyst_queries_give_the_networkx_answers(settings: Neo4jSettings) -> None:
    kg = sample_graph()
    push(kg.graph, settings)
    for q in checked():
        assert query(q.cypher, q.params, settings).rows == q.answer(kg.graph), q.name


def test_read_session_refuses_writes(settings: Neo4jSettings) -> None:
    with pytest.raises(Neo4jStoreError):
        query("CREATE (:Agency {id: 'agency:written-in-read-mode'})", {}, settings)
    assert query("MATCH (n {id: 'agency:written-in-read-mode'}) RETURN count(n) AS n", {}, settings).rows == [
        [0]
    ]


def store_counts(store: Path) -> tuple[int, int]:
    with open_store(store) as s:
        nodes = s.query("MATCH (n) RETURN count(n)", timeout_ms=None).rows[0][0]
        rels = s.query("MATCH ()-[r]->() RETURN count(r)", timeout_ms=None).rows[0][0]
    return nodes, rels


def test_push_store_mirrors_the_store_and_prunes_after_a_remove(
    settings: Neo4jSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "PAGE_ROWS", 11)  # many pages per table
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = tmp_path / "s.lbdb"
    build_store([str(corpus)], store)
    report = push_store(store, settings, batch_size=7)
    assert counts(settings) == store_counts(store) == (report.nodes, report.relationships)
    cols = ", ".join(f"n.{p}" for p in NODE_PROPERTIES)
    with open_store(store) as s:
        for label in NODE_LABELS:
            want = {
                row[0]: {p: v for p, v in zip(NODE_PROPERTIES, row, strict=True) if v is not None and v != []}
                for row in s.query(f"MATCH (n:{label}) RETURN {cols}", timeout_ms=None).rows
            }
            got = {
                n["id"]: {k: v for k, v in n.items() if k != "_LABEL"}
                for (n,) in query(f"MATCH (n:{label}) RETURN n", {}, settings).rows
            }
            assert got == want, label
    again = push_store(store, settings, batch_size=7)
    assert again.deleted_nodes == again.deleted_relationships == 0
    assert counts(settings) == store_counts(store)
    remove_documents([str(sorted(corpus.iterdir())[0])], store)
    pruned = push_store(store, settings)
    assert pruned.deleted_nodes > 0 and pruned.deleted_relationships > 0
    assert counts(settings) == store_counts(store)
