"""Neo4j connection problems reach the user as one line, quickly, without a live server."""

from __future__ import annotations

import time

import pytest
from graph_helpers import FakeGazetteer, extraction_a

from graph.model import KnowledgeGraph
from graph.store.neo4j import Neo4jSettings, Neo4jStoreError, push, query

NOWHERE = Neo4jSettings("bolt://127.0.0.1:9", "neo4j", "secret")  # port 9 (discard): refused


def test_query_without_server_is_one_clear_line() -> None:
    started = time.monotonic()
    with pytest.raises(Neo4jStoreError) as info:
        query("MATCH (n) RETURN n", {}, NOWHERE)
    assert "\n" not in str(info.value) and "127.0.0.1:9" in str(info.value)
    assert time.monotonic() - started < 10


def test_push_without_server_fails_fast() -> None:
    kg = KnowledgeGraph(FakeGazetteer())
    kg.add_extraction(extraction_a())
    started = time.monotonic()
    with pytest.raises(Neo4jStoreError):
        push(kg.graph, NOWHERE)
    assert time.monotonic() - started < 10


def test_settings_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", "pw")
    monkeypatch.delenv("NEO4J_USER", raising=False)
    s = Neo4jSettings.from_env()
    assert (s.uri, s.user, s.password) == ("neo4j://db.example:7687", "neo4j", "pw")
    assert Neo4jSettings.from_env(uri="bolt://other:1", user="me").uri == "bolt://other:1"
