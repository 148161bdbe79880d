"""The graph as flat rows: what every store and tabular export writes.

One place decides how a node or an edge becomes a row of scalar values (lists of strings stay lists,
``json`` properties become JSON strings, missing properties become None), so the embedded store, Neo4j,
the neo4j-admin CSVs and the Cypher script cannot drift apart. Rows come sorted by id, so two builds of
the same facts write byte-identical files.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import networkx as nx

from bangfu.knowledge.ontology import EDGE_PROPERTIES, ENDPOINTS, NODE_LABELS, NODE_PROPERTIES

RelGroup = tuple[str, str, str]  # (type, source label, target label)


def scalar(value: Any, kind: str) -> Any:
    """A property value as a store holds it: ``json`` → compact JSON text, lists of strings kept."""
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if kind == "string[]":
        return [str(v) for v in value]
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "bool":
        return bool(value)
    return str(value)


def node_rows(graph: nx.MultiDiGraph) -> dict[str, list[dict[str, Any]]]:
    """Rows per label, each with every node property (None where absent), sorted by id."""
    out: dict[str, list[dict[str, Any]]] = {label: [] for label in NODE_LABELS}
    for nid in sorted(graph.nodes):
        data = graph.nodes[nid]
        row = {prop: scalar(data.get(prop), kind) for prop, kind in NODE_PROPERTIES.items()}
        row["id"] = nid
        out.setdefault(data["label"], []).append(row)
    return out


def edge_rows(graph: nx.MultiDiGraph) -> dict[RelGroup, list[dict[str, Any]]]:
    """Rows per (type, source label, target label) with ``source``, ``target`` and every edge property."""
    labels = {nid: data["label"] for nid, data in graph.nodes(data=True)}
    out: dict[RelGroup, list[dict[str, Any]]] = defaultdict(list)
    for u, v, key in sorted(graph.edges(keys=True)):
        data = graph.edges[u, v, key]
        row = {"source": u, "target": v}
        row.update({prop: scalar(data.get(prop), kind) for prop, kind in EDGE_PROPERTIES.items()})
        row["key"] = key
        out[(data["type"], labels[u], labels[v])].append(row)
    return dict(sorted(out.items()))


def rel_pairs(groups: Iterable[RelGroup]) -> dict[str, list[tuple[str, str]]]:
    """Endpoint pairs per relationship type: the declared ones plus any the data holds."""
    pairs: dict[str, list[tuple[str, str]]] = {t: list(p) for t, p in ENDPOINTS.items()}
    for rel_type, src, dst in groups:
        if (src, dst) not in pairs.setdefault(rel_type, []):
            pairs[rel_type].append((src, dst))
    return pairs
