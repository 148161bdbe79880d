"""What GraphML and GEXF can hold: scalar attributes only, and ``label`` as the text to draw.

Lists and dicts (aliases, evidence, groups) become JSON strings and None is left out. Both formats
draw the node attribute ``label``, so there ``label`` is the entity's name and the ontology label moves
to ``kind``; the edge type stays ``type`` (GEXF moves it to ``kind`` too: graph/export/gexf.py).
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes, display names as ``label`` and the ontology label as ``kind``."""
    out = nx.MultiDiGraph()
    for nid in sorted(graph.nodes):
        data = graph.nodes[nid]
        attrs = {k: _flat(v) for k, v in data.items() if v is not None and k != "label"}
        attrs["kind"] = data["label"]
        attrs["label"] = data.get("name") or nid
        out.add_node(nid, **attrs)
    for u, v, key in sorted(graph.edges(keys=True)):
        data = graph.edges[u, v, key]
        out.add_edge(u, v, key=key, **{k: _flat(x) for k, x in data.items() if x is not None})
    return out
