"""GEXF (Gephi's own format): the graph with scalar attributes (graph/export/scalar.py).

GEXF reserves an edge's ``type`` for directed/undirected (a relation type there is invalid GEXF, and
networkx drops it on reading), so in GEXF the relation type is the edge's ``kind``, as the ontology
label is the node's."""

from __future__ import annotations

import os

import networkx as nx

from graph.export.scalar import scalar_graph


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    flat = scalar_graph(graph)
    for _, _, data in flat.edges(data=True):
        data["kind"] = data.pop("type")
    nx.write_gexf(flat, path, encoding="utf-8", prettyprint=True)
