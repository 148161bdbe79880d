"""The network picture: a pyvis (vis-network) page of a selection of the graph, that works offline.

Why it is built this way (measured, /work/shared/NOTES-stack.md):
- ``cdn_resources='in_line'``: vis-network's JavaScript goes into the page, so the picture draws without
  network and "Download as HTML" gives a standalone file. pyvis's template still links Bootstrap from a
  CDN whatever the mode; those two tags are removed (the page does not use Bootstrap).
- Physics off with positions computed here for anything but small graphs: vis-network's own settling of
  2,000 nodes took minutes in headless chromium, precomputed positions draw in about a second.
  ``layout`` is a small numpy Fruchterman–Reingold (networkx's spring_layout needs scipy beyond 500
  nodes), seeded with the regions' coordinates so the picture keeps a map-like east/west sense.
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
import numpy as np

from graph.schema import MECHANISMS

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
        MECHANISMS, ("#D62728", "#1F77B4", "#FF7F0E", "#2CA02C", "#9467BD", "#8C564B", "#E377C2"), strict=True
    )
)
OTHER_COLOUR = "#9AA0A6"
PHYSICS_MAX_NODES = 150  # above this, positions are fixed and physics is off
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


# ---------------------------------------------------------------------------------------------- layout
def _seed_positions(g: nx.MultiDiGraph, rng: np.random.Generator) -> np.ndarray:
    """Start positions: lon/lat where known (x east, y north), else near a placed neighbour."""
    nodes = list(g.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    pos = np.full((len(nodes), 2), np.nan)
    for n, attrs in g.nodes(data=True):
        lat, lon = attrs.get("lat"), attrs.get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float) and not math.isnan(lat + lon):
            pos[index[n]] = (lon * math.cos(math.radians(35.0)), lat)
    placed = ~np.isnan(pos[:, 0])
    if placed.any():
        centre = pos[placed].mean(axis=0)
        spread = max(float(np.ptp(pos[placed], axis=0).max()), 1.0)
    else:
        centre, spread = np.zeros(2), 1.0
    undirected = g.to_undirected(as_view=True)
    for n in nodes:
        i = index[n]
        if placed[i]:
            continue
        near = [index[m] for m in undirected.neighbors(n) if placed[index[m]]]
        base = pos[near].mean(axis=0) if near else centre
        jitter = spread * (0.05 if near else 0.5)
        pos[i] = base + rng.uniform(-jitter, jitter, 2)
        placed[i] = True
    return pos


def layout(
    g: nx.MultiDiGraph, *, seed: int = 7, iterations: int | None = None
) -> dict[str, tuple[float, float]]:
    """Fruchterman–Reingold positions in pixels (about 60 px per node spacing), deterministic per seed.

    O(n²) per iteration in numpy (float32); see bench/app_bench.py for the time at 2,000 nodes.
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}
    nodes = list(g.nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    pos = _seed_positions(g, rng)
    pos = (pos - pos.mean(axis=0)) / max(float(np.abs(pos).max()), 1e-9)
    pos = pos.astype(np.float32)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array(
        [(index[u], index[v]) for u, v in g.to_undirected(as_view=True).edges() if u != v], dtype=np.int64
    ).reshape(-1, 2)
    k = 1.0 / math.sqrt(n)
    steps = iterations if iterations is not None else (60 if n <= 500 else 40 if n <= 3000 else 20)
    temperature = 0.1
    cooling = temperature / (steps + 1)
    for _ in range(steps):
        # repulsion k²/d along the unit vector, as Σ_j w_ij (p_i − p_j) with w_ij = k²/d²_ij:
        # two n×n matrices and a matrix product instead of an n×n×2 array of differences
        sq = (pos**2).sum(axis=1)
        dist2 = sq[:, None] + sq[None, :] - 2.0 * (pos @ pos.T)
        np.maximum(dist2, 1e-4 * k * k, out=dist2)
        weights = (k * k) / dist2
        np.fill_diagonal(weights, 0.0)
        disp = pos * weights.sum(axis=1)[:, None] - weights @ pos
        if len(edges):
            d = pos[edges[:, 0]] - pos[edges[:, 1]]
            length = np.sqrt((d**2).sum(axis=1)) + 1e-9
            pull = d * (length / k)[:, None]  # attraction d²/k
            np.add.at(disp, edges[:, 0], -pull)
            np.add.at(disp, edges[:, 1], pull)
        disp += -pos * 0.05  # weak gravity: components stay in one picture
        length = np.sqrt((disp**2).sum(axis=1)) + 1e-9
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    pos -= pos.mean(axis=0)
    scale = 60.0 * math.sqrt(n) / max(float(np.abs(pos).max()), 1e-9) / 2.0
    return {v: (float(pos[i, 0] * scale), float(-pos[i, 1] * scale)) for i, v in enumerate(nodes)}


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
    physics: bool | None = None,
    height: int = 720,
    texts: Mapping[str, str] | None = None,
    relation_names: Mapping[str, str] | None = None,
) -> str:
    """A standalone HTML page drawing ``g``: node colour by type, size by degree, edge label by mechanism.

    ``texts`` gives the few words the tooltips use ("evidence", "type") in the app's language.
    ``physics`` None: on for small graphs, off (with ``positions`` or ``layout``) above
    PHYSICS_MAX_NODES.
    """
    from pyvis.network import Network

    words = {"evidence": "evidence", **(texts or {})}
    if physics is None:
        physics = g.number_of_nodes() <= PHYSICS_MAX_NODES
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
