"""Node positions for the network picture, computed once in Python so the browser does no physics.

Why not networkx's spring_layout: beyond 500 nodes it needs scipy, and one force layout over a graph
of many small pieces (the usual shape here: a helper and the places it helps) flings the pieces onto a
ring far apart, so the picture is zoomed out until no label can be read. Instead:

1. each connected component is laid out on its own, in units of one edge length: a single node, a
   pair and a star (a hub and its leaves, the commonest piece) in closed form; anything else by a
   numpy Fruchterman–Reingold (O(n²) per iteration, float32, repulsion as a matrix product), seeded
   with the regions' coordinates so east stays east;
2. the components are packed in shelves, biggest first, into a picture shaped like the app's canvas;
3. everything is scaled to ``spacing`` pixels per edge.
Deterministic for a given graph and seed.
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

SPACING_PX = 110.0
_GAP = 1.2  # between packed components, in edge lengths
ASPECT = 2.0  # width / height of the packed picture: the app draws it 720 px high on a wide page


def layout(
    g: nx.Graph, *, seed: int = 7, iterations: int | None = None, spacing: float = SPACING_PX
) -> dict[str, tuple[float, float]]:
    """Pixel positions (y down) for every node of ``g``."""
    if g.number_of_nodes() == 0:
        return {}
    und = nx.Graph()
    und.add_nodes_from(g.nodes(data=True))
    und.add_edges_from((u, v) for u, v in g.edges() if u != v)
    rng = np.random.default_rng(seed)
    pieces = []
    for comp in sorted(nx.connected_components(und), key=lambda c: (-len(c), min(map(str, c)))):
        nodes = sorted(comp, key=str)
        pieces.append((nodes, _component(und.subgraph(nodes), nodes, rng, iterations)))
    placed = _pack(pieces)
    centre = np.mean(np.array(list(placed.values())), axis=0)
    return {
        n: (float((x - centre[0]) * spacing), float(-(y - centre[1]) * spacing))
        for n, (x, y) in placed.items()
    }


def _component(g: nx.Graph, nodes: list, rng: np.random.Generator, iterations: int | None) -> np.ndarray:
    """Positions of one connected component, about one unit per edge, centred on the origin."""
    n = len(nodes)
    if n == 1:
        return np.zeros((1, 2))
    if n == 2:
        return _orient(g, nodes, np.array([[-0.5, 0.0], [0.5, 0.0]]))
    degrees = dict(g.degree())
    hub = max(nodes, key=lambda v: (degrees[v], str(v)))
    if degrees[hub] == n - 1 and g.number_of_edges() == n - 1:  # a star
        radius = max(1.0, (n - 1) / (2 * math.pi) * 0.9)
        pos = np.zeros((n, 2))
        leaves = [i for i, v in enumerate(nodes) if v != hub]
        for j, i in enumerate(leaves):
            angle = 2 * math.pi * j / len(leaves)
            pos[i] = (radius * math.cos(angle), radius * math.sin(angle))
        return pos
    pos = _fruchterman_reingold(g, nodes, rng, iterations)
    return pos - pos.mean(axis=0)


def _orient(g: nx.Graph, nodes: list, pos: np.ndarray) -> np.ndarray:
    """A pair drawn west → east when both have coordinates and the first is the eastern one."""
    lon = [g.nodes[v].get("lon") for v in nodes]
    if all(isinstance(x, int | float) for x in lon) and lon[0] > lon[1]:
        return pos[::-1].copy()
    return pos


def _seed(g: nx.Graph, nodes: list, rng: np.random.Generator) -> np.ndarray:
    """Start positions in a box of side √n: scaled lon/lat where known, else near a placed neighbour."""
    n = len(nodes)
    side = math.sqrt(n)
    index = {v: i for i, v in enumerate(nodes)}
    pos = np.full((n, 2), np.nan)
    for v in nodes:
        lat, lon = g.nodes[v].get("lat"), g.nodes[v].get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float) and not math.isnan(lat + lon):
            pos[index[v]] = (lon * math.cos(math.radians(35.0)), lat)
    placed = ~np.isnan(pos[:, 0])
    if placed.sum() >= 2:
        span = max(float(np.ptp(pos[placed], axis=0).max()), 1e-6)
        pos[placed] = (pos[placed] - pos[placed].mean(axis=0)) / span * side
    elif placed.any():
        pos[placed] = 0.0
    for v in nodes:
        i = index[v]
        if placed[i]:
            continue
        near = [index[m] for m in g.neighbors(v) if placed[index[m]]]
        base = pos[near].mean(axis=0) if near else np.zeros(2)
        pos[i] = base + rng.uniform(-0.5, 0.5, 2) * (1.0 if near else side)
        placed[i] = True
    return pos


def _fruchterman_reingold(
    g: nx.Graph, nodes: list, rng: np.random.Generator, iterations: int | None
) -> np.ndarray:
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in g.edges()], dtype=np.int64).reshape(-1, 2)
    pos = _seed(g, nodes, rng).astype(np.float32)
    steps = iterations if iterations is not None else (80 if n <= 200 else 50 if n <= 1000 else 35)
    temperature = 0.1 * math.sqrt(n)  # a tenth of the box: refine the seeded picture, do not reshuffle it
    cooling = temperature / (steps + 1)
    weights = np.empty((n, n), dtype=np.float32)  # two n×n buffers, reused: memory traffic is the cost
    scratch = np.empty((n, n), dtype=np.float32)
    for _ in range(steps):
        # repulsion 1/d (k = 1) along the unit vector: Σ_j w_ij (p_i − p_j) with w_ij = 1/d²_ij, as
        # n×n products and sums instead of an n×n×2 array of differences
        x, y = np.ascontiguousarray(pos[:, 0]), np.ascontiguousarray(pos[:, 1])
        np.subtract.outer(x, x, out=weights)
        np.square(weights, out=weights)
        np.subtract.outer(y, y, out=scratch)
        np.square(scratch, out=scratch)
        weights += scratch
        np.maximum(weights, 1e-3, out=weights)
        np.reciprocal(weights, out=weights)
        np.fill_diagonal(weights, 0.0)
        disp = pos * weights.sum(axis=1)[:, None] - weights @ pos
        # attraction d² along each edge, summed per node (bincount: far faster than np.add.at)
        d = pos[edges[:, 0]] - pos[edges[:, 1]]
        pull = d * np.sqrt((d**2).sum(axis=1))[:, None]
        for axis in (0, 1):
            disp[:, axis] -= np.bincount(edges[:, 0], weights=pull[:, axis], minlength=n).astype(np.float32)
            disp[:, axis] += np.bincount(edges[:, 1], weights=pull[:, axis], minlength=n).astype(np.float32)
        length = np.sqrt((disp**2).sum(axis=1)) + 1e-9
        pos += disp * (np.minimum(length, temperature) / length)[:, None]
        temperature -= cooling
    return pos.astype(np.float64)


def _pack(pieces: list[tuple[list, np.ndarray]]) -> dict:
    """Shelf packing: components left to right in rows (the biggest first, at the top), the whole about
    ASPECT times as wide as it is tall. Coordinates are y-up, like latitude."""
    boxes = []
    for nodes, pos in pieces:
        low, high = pos.min(axis=0), pos.max(axis=0)
        boxes.append((nodes, pos - low, *(high - low + _GAP)))
    area = sum(w * h for _, _, w, h in boxes)
    row_width = max(max(w for _, _, w, _ in boxes), math.sqrt(area * ASPECT))
    rows: list[list] = [[]]
    used = 0.0
    for box in boxes:
        if rows[-1] and used + box[2] > row_width:
            rows.append([])
            used = 0.0
        rows[-1].append(box)
        used += box[2]
    placed: dict = {}
    top = 0.0
    for row in rows:
        x = 0.0
        for nodes, pos, w, h in row:
            for v, (px, py) in zip(nodes, pos, strict=True):
                placed[v] = (x + px, top - (h - _GAP) + py)
            x += w
        top -= max(h for _, _, _, h in row)
    return placed
