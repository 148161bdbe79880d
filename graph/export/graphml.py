"""GraphML (Gephi, Cytoscape, yEd): the graph with scalar attributes (graph/export/scalar.py)."""

from __future__ import annotations

import os

import networkx as nx

from graph.export.scalar import scalar_graph


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    nx.write_graphml(scalar_graph(graph), path, encoding="utf-8", prettyprint=True)
