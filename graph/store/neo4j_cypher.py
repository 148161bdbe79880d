"""Every Cypher statement bangfu sends to Neo4j, in one place, so the test suite can lint them all.

Labels and relationship types cannot be parameters in Neo4j 5, so statements are templates filled
only from the closed vocabularies of bangfu/knowledge/ontology.py (``_name`` refuses anything else); all values
travel as parameters. ``all_statements()`` enumerates every statement the tool can send, with example
parameters, for tests/test_neo4j_cypher.py, which runs Neo4j's own parser over them.

Writes are idempotent: nodes MERGE on ``id`` (unique per label by constraint) and ``SET n = row``
replaces all their properties; relationships MERGE on their ``key`` (type|mechanism) between the two
nodes. Pruning reads what the database holds and deletes, by id and elementId, what the graph no
longer has (a client-side difference: ``NOT x IN $huge_list`` would be quadratic), so a push mirrors
the graph.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx

from bangfu.knowledge.ontology import EDGE_TYPES, NODE_LABELS
from graph.tables import RelGroup, edge_rows, node_rows, rel_pairs

BATCH_SIZE = 1000


@dataclass(frozen=True)
class Statement:
    """One statement and its parameters; ``id`` names it in lint reports."""

    id: str
    cypher: str
    params: dict[str, Any]


def _name(value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        raise ValueError(f"{value!r} is not one of {allowed}")
    return value


def constraint(label: str) -> str:
    label = _name(label, NODE_LABELS)
    return f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"


def merge_nodes(label: str) -> str:
    label = _name(label, NODE_LABELS)
    return f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})\nSET n = row"


def merge_relationships(rel_type: str, source_label: str, target_label: str) -> str:
    rel_type = _name(rel_type, EDGE_TYPES)
    src, dst = _name(source_label, NODE_LABELS), _name(target_label, NODE_LABELS)
    return (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{src} {{id: row.source}})\n"
        f"MATCH (b:{dst} {{id: row.target}})\n"
        f"MERGE (a)-[r:{rel_type} {{key: row.props.key}}]->(b)\n"
        "SET r = row.props"
    )


def existing_nodes(label: str) -> str:
    label = _name(label, NODE_LABELS)
    return f"MATCH (n:{label})\nRETURN n.id AS id"


def delete_nodes(label: str) -> str:
    label = _name(label, NODE_LABELS)
    return f"UNWIND $ids AS id\nMATCH (n:{label} {{id: id}})\nDETACH DELETE n"


def existing_relationships(rel_type: str) -> str:
    rel_type = _name(rel_type, EDGE_TYPES)
    return f"MATCH (a)-[r:{rel_type}]->(b)\nRETURN a.id AS source, r.key AS key, b.id AS target, elementId(r) AS rid"


DELETE_RELATIONSHIPS = "UNWIND $rids AS rid\nMATCH ()-[r]->()\nWHERE elementId(r) = rid\nDELETE r"
COUNT_NODES = "MATCH (n) WHERE n.id IS NOT NULL RETURN count(n) AS nodes"
COUNT_RELATIONSHIPS = "MATCH ()-[r]->() WHERE r.key IS NOT NULL RETURN count(r) AS relationships"


def _neo4j_value(value: Any) -> Any:
    """Neo4j stores no null and no untyped empty list as a property: leave those out."""
    if value is None or value == []:
        return None
    return value


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in ((k, _neo4j_value(v)) for k, v in row.items()) if v is not None}


def batches(rows: list[Any], size: int) -> Iterator[list[Any]]:
    """``rows`` in slices of at most ``size``: one transaction each."""
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


def push_plan(graph: nx.MultiDiGraph, *, batch_size: int = BATCH_SIZE) -> list[Statement]:
    """The statements that write ``graph`` into Neo4j, in order, with their parameters (no pruning:
    that needs to read the database first, see graph/store/neo4j.py)."""
    return list(plan_statements(node_rows(graph).items(), edge_rows(graph).items(), batch_size=batch_size))


def plan_statements(
    nodes: Iterable[tuple[str, list[dict[str, Any]]]],
    edges: Iterable[tuple[RelGroup, list[dict[str, Any]]]],
    *,
    batch_size: int = BATCH_SIZE,
) -> Iterator[Statement]:
    """The push's statements from rows as graph/tables.py gives them — (label, node rows) and
    (group, edge rows), any number of times per label or group (a store read a page at a time gives
    one pair per page): the constraints, then every node batch, then every relationship batch, each
    batch at most ``batch_size`` rows. Nodes come first because a relationship MATCHes its ends."""
    yield from (Statement(f"constraint:{label}", constraint(label), {}) for label in NODE_LABELS)
    counts: dict[Any, int] = {}
    for label, rows in nodes:
        for batch in batches([_clean(r) for r in rows], batch_size):
            i = counts[label] = counts.get(label, -1) + 1
            yield Statement(f"nodes:{label}:{i}", merge_nodes(label), {"rows": batch})
    for (rel_type, src, dst), rows in edges:
        payload = [
            {
                "source": r["source"],
                "target": r["target"],
                "props": _clean({k: v for k, v in r.items() if k not in ("source", "target")}),
            }
            for r in rows
        ]
        for batch in batches(payload, batch_size):
            i = counts[(rel_type, src, dst)] = counts.get((rel_type, src, dst), -1) + 1
            yield Statement(
                f"edges:{rel_type}:{src}:{dst}:{i}", merge_relationships(rel_type, src, dst), {"rows": batch}
            )


def all_statements() -> list[Statement]:
    """Every statement text the tool can send, once each, with example parameters (for the linter)."""
    out = [Statement(f"constraint:{label}", constraint(label), {}) for label in NODE_LABELS]
    out += [Statement(f"nodes:{label}", merge_nodes(label), {"rows": []}) for label in NODE_LABELS]
    for rel_type, pairs in rel_pairs([]).items():
        out += [
            Statement(f"edges:{rel_type}:{a}:{b}", merge_relationships(rel_type, a, b), {"rows": []})
            for a, b in pairs
        ]
    out += [Statement(f"existing:{label}", existing_nodes(label), {}) for label in NODE_LABELS]
    out += [Statement(f"delete:{label}", delete_nodes(label), {"ids": []}) for label in NODE_LABELS]
    out += [Statement(f"existing:{t}", existing_relationships(t), {}) for t in EDGE_TYPES]
    out.append(Statement("delete:relationships", DELETE_RELATIONSHIPS, {"rids": []}))
    out += [
        Statement("count:nodes", COUNT_NODES, {}),
        Statement("count:relationships", COUNT_RELATIONSHIPS, {}),
    ]
    return out
