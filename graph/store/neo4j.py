"""Neo4j through the official driver: push the graph (idempotent, batched, transactional) and query it.

The statements live in graph/store/neo4j_cypher.py; this module only opens sessions and runs them.
`bangfu neo4j push` sends the embedded store's tables as they are stored (``push_store``): nodes and
relationships read a page at a time (graph/store/pages.py, Arrow pages of ~50,000 rows) and sent as
batches of UNWIND … MERGE, one transaction each, so the push holds one page, never the graph; ``push``
sends a networkx graph the same way. Pruning then deletes what the database holds beyond what was
sent, comparing the database's ids a batch at a time with digests of the keys pushed (``KeySet``).
Connection settings: ``--uri`` / ``--user`` or NEO4J_URI / NEO4J_USER, the password only from
NEO4J_PASSWORD (never a command-line argument, which other users can read in the process list).
Queries run in a READ access-mode session unless ``write=True``: the server refuses writes there, and
before that the read-only gate (graph/store/readonly.py) refuses what a READ session still allows
(LOAD CSV, apoc.load.*, apoc.export.*, dbms.*). Every user query has a timeout and a row limit.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from bangfu.knowledge.ontology import EDGE_TYPES, NODE_LABELS
from graph.store import neo4j_cypher as cy
from graph.store import readonly
from graph.store.embedded import EmbeddedStore, open_store
from graph.store.pages import edge_row_pages, node_row_pages
from graph.store.result import QueryResult

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
    return push_plan(cy.push_plan(graph, batch_size=batch_size), settings, prune=prune, batch_size=batch_size)


def store_plan(store: EmbeddedStore, *, batch_size: int = cy.BATCH_SIZE) -> Iterator[cy.Statement]:
    """The push's statements for an open embedded store, its tables read a page at a time
    (graph/store/pages.py): the statements ``cy.push_plan`` makes of the graph the store holds, up to
    the order of the rows, in memory for one page instead of the graph."""
    return cy.plan_statements(node_row_pages(store), edge_row_pages(store), batch_size=batch_size)


def push_store(
    path: str | os.PathLike | None,
    settings: Neo4jSettings,
    *,
    prune: bool = True,
    batch_size: int = cy.BATCH_SIZE,
) -> PushReport:
    """``push`` for the graph in the embedded store at ``path`` (what `bangfu neo4j push` sends): the
    store is opened first (a missing store is a StoreError before any connection), then read a page
    at a time while the batches go out."""
    with open_store(path) as store:
        return push_plan(
            store_plan(store, batch_size=batch_size), settings, prune=prune, batch_size=batch_size
        )


def push_plan(
    plan: Iterable[cy.Statement],
    settings: Neo4jSettings,
    *,
    prune: bool = True,
    batch_size: int = cy.BATCH_SIZE,
) -> PushReport:
    """Run a push's statements in order (each batch in a transaction of its own) and then, unless
    ``prune`` is False, delete the nodes and relationships of bangfu's labels and types that no
    statement wrote: the database then holds exactly what the plan sent."""
    from neo4j.exceptions import Neo4jError, ServiceUnavailable

    nodes, relationships = KeySet(), KeySet()
    statements = 0
    try:
        with _driver(settings) as driver, driver.session(database=settings.database) as session:
            for st in plan:
                statements += 1
                if st.id.startswith("constraint:"):
                    session.run(st.cypher).consume()  # schema commands run in their own transaction
                    continue
                session.execute_write(lambda tx, st=st: tx.run(st.cypher, st.params).consume())
                remember(st, nodes, relationships)
            deleted = _prune(session, nodes, relationships, batch_size) if prune else (0, 0)
    except (Neo4jError, ServiceUnavailable, OSError, ValueError) as exc:
        raise Neo4jStoreError(_one_line(exc)) from exc
    return PushReport(nodes.count, relationships.count, deleted[0], deleted[1], statements)


class KeySet:
    """Keys (tuples of strings) kept as 16-byte digests in sorted arrays, to ask afterwards which of
    the database's keys a push did not write: 16 bytes a key (the 5.9 M relationships of a
    100,000-document store in 94 MB, where a set of tuples of strings would take gigabytes). Two keys
    share a digest with probability about n² / 2^129: never, in practice."""

    _FOLD = 100_000  # digests gathered as bytes before they are folded into an array

    def __init__(self) -> None:
        self._loose: list[bytes] = []
        self._arrays: list[np.ndarray] = []
        self._sorted: np.ndarray | None = None
        self.count = 0

    def add(self, key: tuple[str, ...]) -> None:
        self._loose.append(_digest(key))
        self.count += 1
        if len(self._loose) >= self._FOLD:
            self._fold()

    def missing(self, keys: list[tuple[str, ...]]) -> list[bool]:
        """For each key, True when it was never added."""
        if self._sorted is None or self._loose or self._arrays:
            self._fold()
            self._sorted = np.sort(
                np.concatenate([*([self._sorted] if self._sorted is not None else []), *self._arrays])
            )
            self._arrays = []
        if not keys:
            return []
        probe = np.array([_digest(k) for k in keys], dtype="S16")
        if not len(self._sorted):
            return [True] * len(keys)
        at = np.minimum(np.searchsorted(self._sorted, probe), len(self._sorted) - 1)
        return (self._sorted[at] != probe).tolist()

    def _fold(self) -> None:
        self._arrays.append(np.array(self._loose, dtype="S16"))
        self._loose = []


def _digest(key: tuple[str, ...]) -> bytes:
    return hashlib.blake2b("\x1f".join(key).encode("utf-8"), digest_size=16).digest()


def remember(st: cy.Statement, nodes: KeySet, relationships: KeySet) -> None:
    """The keys one node or relationship statement of a push writes: (label, id) of a node,
    (source id, key, target id) of a relationship."""
    kind, name = st.id.split(":")[:2]
    for row in st.params.get("rows", []):
        if kind == "nodes":
            nodes.add((name, row["id"]))
        elif kind == "edges":
            relationships.add((row["source"], row["props"]["key"], row["target"]))


def _prune(session: Any, nodes: KeySet, relationships: KeySet, batch_size: int) -> tuple[int, int]:
    """Delete what the database holds of bangfu's types and labels beyond what was pushed."""
    stale_rels: list[str] = []
    for rel_type in EDGE_TYPES:
        stale_rels += session.execute_read(
            lambda tx, t=rel_type: not_pushed(
                tx.run(cy.existing_relationships(t)),
                relationships,
                lambda r: (r["source"], r["key"], r["target"]),
                "rid",
                batch_size,
            )
        )
    for batch in cy.batches(stale_rels, batch_size):
        session.execute_write(lambda tx, b=batch: tx.run(cy.DELETE_RELATIONSHIPS, {"rids": b}).consume())
    deleted_nodes = 0
    for label in NODE_LABELS:
        stale = session.execute_read(
            lambda tx, lb=label: not_pushed(
                tx.run(cy.existing_nodes(lb)), nodes, lambda r, lb=lb: (lb, r["id"]), "id", batch_size
            )
        )
        for batch in cy.batches(stale, batch_size):
            session.execute_write(
                lambda tx, lb=label, b=batch: tx.run(cy.delete_nodes(lb), {"ids": b}).consume()
            )
        deleted_nodes += len(stale)
    return deleted_nodes, len(stale_rels)


def not_pushed(
    records: Iterable[Any],
    pushed: KeySet,
    key: Callable[[Any], tuple[str, ...]],
    field: str,
    batch_size: int,
) -> list[Any]:
    """``record[field]`` of each record whose ``key`` the push did not write, read ``batch_size``
    records at a time as the server streams them (never the whole answer at once)."""
    out: list[Any] = []
    chunk: list[Any] = []

    def flush() -> None:
        missing = pushed.missing([key(r) for r in chunk])
        out.extend(r[field] for r, gone in zip(chunk, missing, strict=True) if gone)
        chunk.clear()

    for record in records:
        chunk.append(record)
        if len(chunk) >= batch_size:
            flush()
    flush()
    return out


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
