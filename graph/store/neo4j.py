"""Neo4j through the official driver: push the graph (idempotent, batched, transactional) and query it.

The statements live in graph/store/neo4j_cypher.py; this module only opens sessions and runs them.
Connection settings: ``--uri`` / ``--user`` or NEO4J_URI / NEO4J_USER, the password only from
NEO4J_PASSWORD (never a command-line argument, which other users can read in the process list).
Queries run in a READ access-mode session unless ``write=True``: the server refuses writes there, and
before that the read-only gate (graph/store/readonly.py) refuses what a READ session still allows
(LOAD CSV, apoc.load.*, apoc.export.*, dbms.*). Every user query has a timeout and a row limit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import networkx as nx

from bangfu.knowledge.ontology import EDGE_TYPES, NODE_LABELS
from graph.store import neo4j_cypher as cy
from graph.store import readonly
from graph.store.result import QueryResult
from graph.tables import edge_rows, node_rows

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
DEFAULT_TIMEOUT_S = 30.0


class Neo4jStoreError(Exception):
    """A connection or engine problem in one line."""


@dataclass(frozen=True)
class Neo4jSettings:
    uri: str
    user: str
    password: str | None
    database: str | None = None

    @classmethod
    def from_env(
        cls, uri: str | None = None, user: str | None = None, database: str | None = None
    ) -> Neo4jSettings:
        return cls(
            uri or os.environ.get("NEO4J_URI") or DEFAULT_URI,
            user or os.environ.get("NEO4J_USER") or DEFAULT_USER,
            os.environ.get("NEO4J_PASSWORD"),
            database or os.environ.get("NEO4J_DATABASE") or None,
        )


BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


def check_uri(uri: str) -> None:
    """Neo4jStoreError (one line) for an address the driver would fail on with a traceback: no scheme,
    or Neo4j's browser address (http://…:7474), which the driver reaches only through an optional
    HTTP module this project does not install."""
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme in ("http", "https"):
        raise Neo4jStoreError(
            f"{uri} is Neo4j's HTTP address (the browser's); give its Bolt address, e.g. bolt://localhost:7687"
        )
    if scheme not in BOLT_SCHEMES:
        raise Neo4jStoreError(f"{uri!r} is not a Neo4j address: write bolt://HOST:7687 or neo4j://HOST:7687")


def _driver(settings: Neo4jSettings):
    """A driver whose server answered: an unreachable server or a wrong password fails here, at once,
    instead of after the driver's 30 s of transaction retries."""
    from neo4j import GraphDatabase
    from neo4j.exceptions import ConfigurationError

    check_uri(settings.uri)
    auth = (settings.user, settings.password) if settings.password is not None else None
    try:
        driver = GraphDatabase.driver(settings.uri, auth=auth)
    except ConfigurationError as exc:
        raise Neo4jStoreError(f"{settings.uri}: {_one_line(exc)}") from exc
    try:
        driver.verify_connectivity()
    except BaseException:
        driver.close()
        raise
    return driver


def _one_line(exc: Exception) -> str:
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    code = getattr(exc, "code", None)
    lines = [line.strip() for line in str(message).splitlines() if line.strip()]
    text = " ".join(lines) or type(exc).__name__
    text = text if len(text) <= 300 else text[:297] + "..."
    return f"{code}: {text}" if code else text


@dataclass
class PushReport:
    nodes: int
    relationships: int
    deleted_nodes: int
    deleted_relationships: int
    statements: int


def push(
    graph: nx.MultiDiGraph,
    settings: Neo4jSettings,
    *,
    prune: bool = True,
    batch_size: int = cy.BATCH_SIZE,
) -> PushReport:
    """Make the Neo4j database hold ``graph``: constraints, MERGE batches (one transaction each), then
    delete what the graph no longer has (unless ``prune`` is False). Running it twice changes nothing."""
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    plan = cy.push_plan(graph, batch_size=batch_size)
    try:
        with _driver(settings) as driver, driver.session(database=settings.database) as session:
            for st in plan:
                if st.id.startswith("constraint:"):
                    session.run(st.cypher).consume()  # schema commands run in their own transaction
                else:
                    session.execute_write(lambda tx, st=st: tx.run(st.cypher, st.params).consume())
            deleted = _prune(session, graph, batch_size) if prune else (0, 0)
    except (Neo4jError, ServiceUnavailable, OSError, ValueError) as exc:
        raise Neo4jStoreError(_one_line(exc)) from exc
    nodes = sum(len(r) for r in node_rows(graph).values())
    rels = sum(len(r) for r in edge_rows(graph).values())
    return PushReport(nodes, rels, deleted[0], deleted[1], len(plan))


def _prune(session: Any, graph: nx.MultiDiGraph, batch_size: int) -> tuple[int, int]:
    wanted_edges = {(u, k, v) for u, v, k in graph.edges(keys=True)}
    stale_rels: list[str] = []
    for rel_type in EDGE_TYPES:
        records = session.execute_read(lambda tx, t=rel_type: list(tx.run(cy.existing_relationships(t))))
        stale_rels += [r["rid"] for r in records if (r["source"], r["key"], r["target"]) not in wanted_edges]
    for i in range(0, len(stale_rels), batch_size):
        batch = stale_rels[i : i + batch_size]
        session.execute_write(lambda tx, b=batch: tx.run(cy.DELETE_RELATIONSHIPS, {"rids": b}).consume())
    deleted_nodes = 0
    for label in NODE_LABELS:
        wanted = {n for n, d in graph.nodes(data=True) if d["label"] == label}
        records = session.execute_read(lambda tx, lb=label: list(tx.run(cy.existing_nodes(lb))))
        stale = [r["id"] for r in records if r["id"] not in wanted]
        for i in range(0, len(stale), batch_size):
            batch = stale[i : i + batch_size]
            session.execute_write(
                lambda tx, lb=label, b=batch: tx.run(cy.delete_nodes(lb), {"ids": b}).consume()
            )
        deleted_nodes += len(stale)
    return deleted_nodes, len(stale_rels)


def query(
    cypher: str,
    params: dict[str, Any] | None,
    settings: Neo4jSettings,
    *,
    write: bool = False,
    timeout_s: float | None = DEFAULT_TIMEOUT_S,
    limit: int | None = None,
) -> QueryResult:
    """Run one user query: gated and in a READ session unless ``write``; the server stops it after
    ``timeout_s``; at most ``limit`` rows are read (the result says when there were more)."""
    from neo4j import READ_ACCESS, WRITE_ACCESS, Query
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    if not write:  # before connecting: a refused statement never reaches the server
        try:
            readonly.check(cypher, "neo4j")
        except readonly.Refused as exc:
            raise Neo4jStoreError(str(exc)) from exc
    mode = WRITE_ACCESS if write else READ_ACCESS
    truncated = False
    try:
        with (
            _driver(settings) as driver,
            driver.session(database=settings.database, default_access_mode=mode) as session,
        ):
            result = session.run(Query(cypher, timeout=timeout_s or None), params or {})
            columns = list(result.keys())
            rows = []
            for record in result:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append([_plain(v) for v in record.values()])
    except (Neo4jError, ServiceUnavailable, OSError, ValueError) as exc:
        message = _one_line(exc)
        if not write and ("AccessMode" in message or "access mode" in message.lower()):
            message = f"refused: the session is read-only and this query writes ({message}); use --write"
        elif "TransactionTimedOut" in message:
            message = f"query stopped by the timeout ({message})"
        raise Neo4jStoreError(message) from exc
    return QueryResult(columns, rows, truncated=truncated, total=None if truncated else len(rows))


def _plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships become their property dicts."""
    from neo4j.graph import Node, Relationship

    if isinstance(value, Node):
        return {"_LABEL": next(iter(value.labels), None), **dict(value)}
    if isinstance(value, Relationship):
        return {"_LABEL": value.type, **dict(value)}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
