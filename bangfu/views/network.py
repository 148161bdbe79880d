"""The network picture: a pyvis (vis-network) page of a selection of the graph, that works offline.

Why it is built this way (measured, /work/shared/NOTES-stack.md):
- ``cdn_resources='in_line'``: vis-network's JavaScript goes into the page, so the picture draws without
  network and "Download as HTML" gives a standalone file. pyvis's template still links Bootstrap from a
  CDN whatever the mode; those two tags are removed (the page does not use Bootstrap).
- Physics off, positions computed in Python (bangfu/views/layout.py): vis-network's own settling of 2,000
  nodes took minutes in headless chromium (precomputed positions draw in about a second), and on small
  graphs of many pieces it flings the pieces apart until no label can be read.
- Text from documents only ever reaches the page as data: pyvis serialises nodes and edges with Jinja's
  ``tojson`` (which escapes ``<``, ``>``, ``&``, ``'``) and vis-network shows tooltips with ``innerText``.
  pyvis switches to an ``innerHTML`` tooltip when any title contains "href": titles are defused against
  that. ``heading=`` is inserted raw by pyvis, so it is never used.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from typing import Any

import networkx as nx

from bangfu.knowledge.ontology import MECHANISMS
from bangfu.views.layout import layout

# colour-blind-safe (Tableau 10) colours, one per entity type and per mechanism
TYPE_COLOURS: dict[str, str] = {
    "Region": "#4C78A8",
    "Agency": "#F58518",
    "Organization": "#54A24B",
    "Platform": "#B279A2",
    "Brand": "#E45756",
    "Campaign": "#72B7B2",
    "Document": "#9D755D",
}
MECHANISM_COLOURS: dict[str, str] = dict(
    zip(
        MECHANISMS,
        ("#D62728", "#1F77B4", "#FF7F0E", "#2CA02C", "#9467BD", "#8C564B", "#E377C2", "#BCBD22", "#17BECF"),
        strict=True,
    )
)
OTHER_COLOUR = "#9AA0A6"
_CDN_TAGS = re.compile(
    r"<link[^>]*href=\"https?://[^\"]*\"[^>]*/?>|<script[^>]*src=\"https?://[^\"]*\"[^>]*>\s*</script>", re.S
)


def type_colour(label: str | None) -> str:
    return TYPE_COLOURS.get(label or "", OTHER_COLOUR)


def mechanism_colour(mechanism: str | None) -> str:
    return MECHANISM_COLOURS.get(mechanism or "", OTHER_COLOUR)


def defuse(text: Any) -> str:
    """Text safe as a vis-network title: pyvis renders every title as HTML once one contains "href"."""
    return str(text if text is not None else "").replace("href", "hre\u200bf")


# ---------------------------------------------------------------------------------------------- picture
def _evidence_count(g: nx.MultiDiGraph, node: str) -> int:
    total = 0
    for _, _, d in g.in_edges(node, data=True):
        total += int(d.get("n_evidence") or 0)
    for _, _, d in g.out_edges(node, data=True):
        total += int(d.get("n_evidence") or 0)
    return total


def edge_caption(attrs: Mapping[str, Any], relation_names: Mapping[str, str] | None = None) -> str:
    """What an edge is called on the picture: its mechanism (ASSISTS) or its type (by ``relation_names``,
    the app's words for OPERATES, PROMOTES …)."""
    if attrs.get("mechanism"):
        return str(attrs["mechanism"])
    rel = str(attrs.get("type") or "")
    return (relation_names or {}).get(rel, rel)


def network_html(
    g: nx.MultiDiGraph,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    physics: bool = False,
    height: int = 720,
    texts: Mapping[str, str] | None = None,
    relation_names: Mapping[str, str] | None = None,
) -> str:
    """A standalone HTML page drawing ``g``: node colour by type, size by degree, edge label by mechanism.

    ``texts`` gives the few words the tooltips use ("evidence", "type") in the app's language.
    Nodes stand where ``positions`` (default: bangfu/views/layout.py) puts them; ``physics=True`` lets
    vis-network move them (fine for a few dozen nodes, minutes for thousands).
    """
    from pyvis.network import Network

    words = {"evidence": "evidence", **(texts or {})}
    if positions is None:
        positions = layout(g)
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line")
    degree = dict(g.degree())
    biggest = max(degree.values(), default=1) or 1
    for node, attrs in g.nodes(data=True):
        name = str(attrs.get("name") or node)
        label = str(attrs.get("label") or "")
        x, y = positions.get(node, (0.0, 0.0))
        size = 10 + 30 * math.sqrt(degree.get(node, 0) / biggest)
        title = f"{name}\n{label} · {words['evidence']} {_evidence_count(g, node)}"
        net.add_node(
            node,
            label=defuse(name),
            title=defuse(title),
            color=type_colour(label),
            size=round(size, 1),
            x=round(x, 1),
            y=round(y, 1),
        )
    for u, v, attrs in g.edges(data=True):
        caption = edge_caption(attrs, relation_names)
        colour = mechanism_colour(attrs.get("mechanism")) if attrs.get("type") == "ASSISTS" else OTHER_COLOUR
        title = f"{g.nodes[u].get('name') or u} → {g.nodes[v].get('name') or v}\n{caption}"
        if attrs.get("n_evidence"):
            title += f" · {words['evidence']} {attrs['n_evidence']}"
        if attrs.get("sentence"):
            title += f"\n{attrs['sentence']}"
        net.add_edge(
            u,
            v,
            label=defuse(caption),
            title=defuse(title),
            color=colour,
            width=1 + min(int(attrs.get("n_evidence") or 1), 6) * 0.5,
            dashes=bool(attrs.get("inferred")),
        )
    options = {
        "physics": {
            "enabled": bool(physics),
            "stabilization": {"enabled": True, "iterations": 200, "fit": True},
            "barnesHut": {"springLength": 140, "avoidOverlap": 0.2},
        },
        "nodes": {"shape": "dot", "font": {"size": 14, "face": "Noto Sans CJK SC, sans-serif"}},
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "font": {"size": 11, "align": "middle", "face": "Noto Sans CJK SC, sans-serif"},
            "smooth": {"enabled": True, "type": "dynamic"} if physics else {"enabled": False},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    net.set_options(json.dumps(options))
    page = net.generate_html(notebook=False)
    return strip_cdn(page)


def strip_cdn(page: str) -> str:
    """Remove the Bootstrap tags pyvis's template always links from a CDN (nothing here uses them)."""
    return _CDN_TAGS.sub("", page)
