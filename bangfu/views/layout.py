"""Node positions for the network picture, computed once in Python so the browser does no physics.

Why not networkx's spring_layout: beyond 500 nodes it needs scipy, and one force layout over a graph
of many small pieces (the usual shape here: a helper and the places it helps) flings the pieces onto a
ring far apart, so the picture is zoomed out until no label can be read. Instead:

1. each connected component is laid out on its own, in units of one edge length: a single node, a
   pair and a star (a hub and its leaves, the commonest piece) in closed form; anything else by a
   numpy Fruchterman–Reingold (O(n²) per iteration, float32, repulsion as a matrix product), seeded
   with the regions' coordinates so east stays east;
2. each component is scaled to pixels so that names fit: ``spacing`` pixels per edge at least, a pair
   as far apart as its two names need, a star's leaves far enough apart for their names side by side;
3. the components are packed in shelves, biggest first, each box holding its nodes' dots and the names
   written under them, in rows whose width is chosen so that the whole fills the app's frame
   (``FRAME_PX``): at the default zoom the picture is drawn as close to its own pixel size as the
   graph allows, and names (16 px, kept steady by the page) do not run into each other.
Deterministic for a given graph and seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import numpy as np

from bangfu.views.labels import text_width

SPACING_PX = 80.0
GAP_PX = 30.0  # between packed components, and between two names side by side
FRAME_PX = (780.0, 640.0)  # the Network page's picture on a 1400-pixel screen, less its legend
LABEL_PX = 14.0
MAX_LABEL_CHARS = 8
MIN_DOT_PX = 7.0
# names are laid out this much larger than drawn: a picture that cannot be drawn at its own size is
# drawn a little smaller still than the layout's estimate (about 7% for the sample corpus)
NAME_MARGIN = 1.1


def short_label(name: str, aliases: Iterable[str] = (), limit: int = MAX_LABEL_CHARS) -> str:
    """The name as the picture writes it under the dot: a long name gives way to its longest alias
    that fits (湘西土家族苗族自治州 → 湘西州, the short name documents use), else it is cut with an
    ellipsis (中国供销电子商…), so long names do not push the picture apart; the tooltip keeps it whole."""
    if len(name) <= limit:
        return name
    fitting = [a for a in aliases if isinstance(a, str) and 2 <= len(a) <= limit]
    if fitting:
        return max(fitting, key=lambda a: (len(a), a))
    return name[: limit - 1] + "…"


def node_label(attrs: Mapping[str, Any], node: str) -> str:
    return short_label(str(attrs.get("name") or node), attrs.get("aliases") or ())


def dot_radius(size: float, factor: float) -> float:
    """A dot's radius in a picture drawn ``1 / factor`` of its size: never under MIN_DOT_PX on screen."""
    return max(size, MIN_DOT_PX * factor)


def node_size(degree: int, biggest: int) -> float:
    """The radius of a node's dot (vis-network's ``size``): 8 px, up to 26 px for the busiest node."""
    return 8 + 18 * math.sqrt(degree / (biggest or 1))


def layout(g: nx.Graph, **options: Any) -> dict[str, tuple[float, float]]:
    """Pixel positions (y down) for every node of ``g`` (``arrange``'s, without the dot scale)."""
    return arrange(g, **options)[0]


def arrange(
    g: nx.Graph,
    *,
    seed: int = 7,
    iterations: int | None = None,
    spacing: float = SPACING_PX,
    label_px: float = LABEL_PX,
    names: Mapping[str, str] | None = None,
    frame: tuple[float, float] = FRAME_PX,
) -> tuple[dict[str, tuple[float, float]], float]:
    """Pixel positions (y down) for every node of ``g``, and the factor the names were laid out for
    (the picture will be drawn about ``1 / factor`` of its size: ``dot_radius`` gives the dots that
    stay visible then). ``names`` (default: the nodes' ``name``) are the labels the picture writes under the
    dots, ``label_px`` their size, ``frame`` the picture's size on screen (the packing's shape follows
    it)."""
    if g.number_of_nodes() == 0:
        return {}, 1.0
    und = nx.Graph()
    und.add_nodes_from(g.nodes(data=True))
    und.add_edges_from((u, v) for u, v in g.edges() if u != v)
    degree = dict(und.degree())
    biggest = max(degree.values(), default=1)
    label = {n: short_label(names[n]) if names and n in names else node_label(g.nodes[n], n) for n in und}
    radius = {n: node_size(degree[n], biggest) for n in und}
    rng = np.random.default_rng(seed)
    units = []
    for comp in sorted(nx.connected_components(und), key=lambda c: (-len(c), min(map(str, c)))):
        nodes = sorted(comp, key=str)
        units.append((nodes, _component(und.subgraph(nodes), nodes, rng, iterations)))
    # The page keeps names at ``label_px`` on screen; when the whole does not fit ``frame`` at its own
    # size, vis-network draws it smaller and the names take relatively more room: lay it out again
    # with names that much larger (dots too, to stay visible), until the picture fits at the scale it
    # was laid out for.
    factor, reached, used = 1.0, 0.0, 1.0
    for _ in range(6 if und.number_of_nodes() <= 400 else 1):
        grown = {n: dot_radius(r, factor) for n, r in radius.items()}
        planned = label_px * factor * NAME_MARGIN
        placed, (width, height) = _arrange(units, label, grown, spacing, planned, frame)
        used = factor
        fit = min(frame[0] / width, frame[1] / height) * 0.95  # vis-network keeps a margin
        if fit * factor >= 0.97 or factor >= 4 or fit * factor < reached + 0.02:
            break  # fits, or as near as names that large allow
        reached = fit * factor
        factor = min(1.03 / fit, 4.0)
    xs = [p[0] for p in placed.values()]
    ys = [p[1] for p in placed.values()]
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    positions = {n: (round(float(x - cx), 1), round(float(y - cy), 1)) for n, (x, y) in placed.items()}
    return positions, used


def _arrange(
    units: list[tuple[list, np.ndarray]],
    label: Mapping[str, str],
    radius: Mapping[str, float],
    spacing: float,
    label_px: float,
    frame: tuple[float, float],
) -> tuple[dict, tuple[float, float]]:
    """Components scaled for names of ``label_px`` and packed: positions and the whole's size."""
    half = {n: text_width(label[n], label_px) / 2 for nodes, _ in units for n in nodes}
    pieces = []
    for nodes, unit in units:
        px = unit * _scale(nodes, unit, half, radius, spacing, label_px)
        px[:, 1] *= -1  # y down, like the screen
        low = np.array(
            [
                min(px[i, 0] - max(half[n], radius[n]) for i, n in enumerate(nodes)),
                min(px[i, 1] - radius[n] for i, n in enumerate(nodes)),
            ]
        )
        high = np.array(
            [
                max(px[i, 0] + max(half[n], radius[n]) for i, n in enumerate(nodes)),
                max(px[i, 1] + radius[n] + 6 + label_px * 1.3 for i, n in enumerate(nodes)),
            ]
        )
        pieces.append((nodes, px - low, high - low))
    return _pack(pieces, frame)


def _scale(
    nodes: list,
    unit: np.ndarray,
    half: Mapping[str, float],
    radius: Mapping[str, float],
    spacing: float,
    label_px: float,
) -> float:
    """Pixels per layout unit for one component: the least that keeps every node's box (its dot and
    the name under it) clear of every other's, and at least ``spacing`` per unit; at most three times
    that or the widest name (an unlucky start that put two nodes on one spot should not blow the piece
    up)."""
    n = len(nodes)
    if n == 1:
        return spacing
    wide = np.array([max(half[v], radius[v]) for v in nodes])  # half-widths
    tall = np.array([radius[v] * 2 + 6 + label_px * 1.3 for v in nodes])  # heights
    need = np.zeros(1)
    # pairwise (pieces are small; a large one is capped to its first 400 nodes, enough for its scale)
    idx = np.arange(min(n, 400))
    dx = np.abs(unit[idx, 0][:, None] - unit[idx, 0][None, :])
    dy = np.abs(unit[idx, 1][:, None] - unit[idx, 1][None, :])
    room_x = wide[idx][:, None] + wide[idx][None, :] + GAP_PX / 2
    room_y = (tall[idx][:, None] + tall[idx][None, :]) / 2 + GAP_PX / 3
    with np.errstate(divide="ignore", invalid="ignore"):
        by_x = np.where(dx > 1e-9, room_x / dx, np.inf)
        by_y = np.where(dy > 1e-9, room_y / dy, np.inf)
    pair = np.minimum(by_x, by_y)
    np.fill_diagonal(pair, 0.0)
    need = float(np.nanmax(np.where(np.isfinite(pair), pair, 0.0)))
    widest = float(2 * wide.max()) + GAP_PX
    return min(max(spacing, need), 3 * max(spacing, widest))


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
            # an ellipse wider than tall: names are wide, and a wide piece suits a wide frame
            pos[i] = (1.5 * radius * math.cos(angle), radius * math.sin(angle))
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


def _rows(pieces: list[tuple[list, np.ndarray, np.ndarray]], row_width: float) -> list[list]:
    rows: list[list] = [[]]
    used = 0.0
    for piece in pieces:
        w = float(piece[2][0]) + GAP_PX
        if rows[-1] and used + w > row_width:
            rows.append([])
            used = 0.0
        rows[-1].append(piece)
        used += w
    return rows


def _extent(rows: list[list]) -> tuple[float, float]:
    width = max(sum(float(p[2][0]) + GAP_PX for p in row) for row in rows)
    height = sum(max(float(p[2][1]) for p in row) + GAP_PX for row in rows)
    return width, height


def _pack(
    pieces: list[tuple[list, np.ndarray, np.ndarray]], frame: tuple[float, float]
) -> tuple[dict, tuple[float, float]]:
    """Shelf packing in pixels: components left to right in rows (the biggest first, at the top), the
    row width chosen among a dozen so that the whole is drawn as large as possible in ``frame``."""
    widest = max(float(size[0]) for _, _, size in pieces) + GAP_PX
    total = sum(float(size[0]) + GAP_PX for _, _, size in pieces)
    best: tuple[float, list] | None = None
    for k in range(13):
        row_width = widest + (total - widest) * (k / 12) ** 2
        rows = _rows(pieces, row_width)
        w, h = _extent(rows)
        scale = min(frame[0] / w, frame[1] / h)
        if best is None or scale > best[0] + 1e-9:
            best = (scale, rows)
    assert best is not None
    extent = _extent(best[1])
    placed: dict = {}
    top = 0.0
    for row in best[1]:
        x = 0.0
        for nodes, pos, size in row:
            for v, (px, py) in zip(nodes, pos, strict=True):
                placed[v] = (x + px, top + py)
            x += float(size[0]) + GAP_PX
        top += max(float(size[1]) for _, _, size in row) + GAP_PX
    return placed, extent
