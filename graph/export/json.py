"""networkx node-link JSON: every attribute as it is (lists and evidence too), for Python and d3."""

from __future__ import annotations

import json
import os

import networkx as nx


def write_json(graph: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """networkx node-link JSON (``nx.node_link_graph(data, edges="links")`` reads it back)."""
    data = nx.node_link_data(graph, edges="links")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)
