"""The geographic picture: helpers and helped at their coordinates, arcs helper → helped, as plain SVG.

Why SVG and no map library: the map must work offline (no tile server, nothing fetched at run time),
print well on a projector and be testable as text. An equirectangular projection (longitude scaled by
the cosine of the middle latitude) is accurate enough at province scale; the backdrop is a graticule and
the provinces' names at their seats (from the gazetteer when the caller passes them), which orients a
viewer without any outline data. The page holds no script at all, and every text from the documents
is escaped (``html.escape``) before it enters the SVG.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from bangfu.views.network import MECHANISM_COLOURS, OTHER_COLOUR, mechanism_colour

HELPER_COLOUR = "#F58518"
HELPED_COLOUR = "#4C78A8"


@dataclass(frozen=True)
class Point:
    node_id: str
    name: str
    lon: float
    lat: float


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


def _point(g: nx.MultiDiGraph, node: str) -> Point | None:
    """A node's place: its own coordinates, else those of its nearest ancestor region that has them
    (a village drawn at its county)."""
    seen = set()
    current: str | None = node
    while current and current in g and current not in seen:
        seen.add(current)
        found = _coords(g.nodes[current])
        if found:
            return Point(node, str(g.nodes[node].get("name") or node), *found)
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


class _Projection:
    """lon/lat → SVG pixels over the box of the points (at least ``min_span`` degrees), with a margin."""

    def __init__(self, points: Iterable[tuple[float, float]], width: int, height: int, min_span: float = 3.0):
        pts = list(points) or [(105.0, 35.0)]
        lons, lats = [p[0] for p in pts], [p[1] for p in pts]
        self.cos = math.cos(math.radians((min(lats) + max(lats)) / 2))
        x0, x1 = min(lons) * self.cos, max(lons) * self.cos
        y0, y1 = min(lats), max(lats)
        span = max(x1 - x0, y1 - y0, min_span)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        self.width, self.height, self.margin = width, height, 50
        usable_w, usable_h = width - 2 * self.margin, height - 2 * self.margin
        # the larger side of the box fills the picture; the other side is centred
        self.scale = min(usable_w, usable_h) / span if span else 1.0
        if (x1 - x0) * self.scale > usable_w or (y1 - y0) * self.scale > usable_h:
            self.scale = min(usable_w / max(x1 - x0, 1e-9), usable_h / max(y1 - y0, 1e-9))
        self.cx, self.cy = cx, cy

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.width / 2 + (lon * self.cos - self.cx) * self.scale
        y = self.height / 2 - (lat - self.cy) * self.scale
        return round(x, 1), round(y, 1)

    def bounds(self) -> tuple[float, float, float, float]:
        """lon_min, lon_max, lat_min, lat_max visible in the picture."""
        half_w, half_h = self.width / 2 / self.scale, self.height / 2 / self.scale
        return (
            (self.cx - half_w) / self.cos,
            (self.cx + half_w) / self.cos,
            self.cy - half_h,
            self.cy + half_h,
        )


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _graticule(proj: _Projection) -> list[str]:
    lon0, lon1, lat0, lat1 = proj.bounds()
    span = max(lon1 - lon0, lat1 - lat0)
    step = 10 if span > 40 else 5 if span > 15 else 2 if span > 6 else 1
    out = []
    for lon in range(int(math.floor(lon0 / step) * step), int(lon1) + step, step):
        x, _ = proj(lon, lat0)
        out.append(f'<line class="grid" x1="{x}" y1="0" x2="{x}" y2="{proj.height}"/>')
        out.append(f'<text class="gridlabel" x="{x + 3}" y="{proj.height - 6}">{lon}°E</text>')
    for lat in range(int(math.floor(lat0 / step) * step), int(lat1) + step, step):
        _, y = proj(lon0, lat)
        out.append(f'<line class="grid" x1="0" y1="{y}" x2="{proj.width}" y2="{y}"/>')
        out.append(f'<text class="gridlabel" x="4" y="{y - 3}">{lat}°N</text>')
    return out


def _arc_path(x1: float, y1: float, x2: float, y2: float, bend: float = 0.2) -> str:
    """A quadratic curve bending to the left of the direction of travel (two-way pairs stay apart)."""
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    cx, cy = mx - dy * bend, my + dx * bend
    return f"M{x1},{y1} Q{round(cx, 1)},{round(cy, 1)} {x2},{y2}"


def map_html(
    arcs: list[Arc],
    *,
    backdrop: Iterable[tuple[str, float, float]] = (),
    width: int = 960,
    height: int = 640,
    texts: Mapping[str, str] | None = None,
) -> str:
    """A standalone HTML page with the SVG map of ``arcs`` (no script, no external resource).

    ``backdrop``: (name, lon, lat) of places shown faintly for orientation (province seats).
    ``texts``: the words the legend and tooltips use ("helper", "helped", "evidence", "inferred").
    """
    words = {
        "helper": "helper",
        "helped": "helped",
        "evidence": "evidence",
        "inferred": "inferred",
        **(texts or {}),
    }
    points = [(a.helper.lon, a.helper.lat) for a in arcs] + [(a.helped.lon, a.helped.lat) for a in arcs]
    proj = _Projection(points, width, height)
    lon0, lon1, lat0, lat1 = proj.bounds()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="bangfu-map" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img">',
        "<defs>",
    ]
    for mech, colour in [*MECHANISM_COLOURS.items(), ("", OTHER_COLOUR)]:
        parts.append(
            f'<marker id="arrow-{_marker_id(mech)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        )
    parts.append("</defs>")
    parts.append(f'<rect x="0" y="0" width="{width}" height="{height}" fill="#F7F9FC"/>')
    parts.extend(_graticule(proj))
    drawn_names = {a.helper.name for a in arcs} | {a.helped.name for a in arcs}
    for name, lon, lat in backdrop:
        if name not in drawn_names and lon0 <= lon <= lon1 and lat0 <= lat <= lat1:
            x, y = proj(lon, lat)
            parts.append(f'<circle class="seat" cx="{x}" cy="{y}" r="2"/>')
            parts.append(f'<text class="seatlabel" x="{x + 4}" y="{y + 4}">{_esc(name)}</text>')
    roles: dict[str, set[str]] = {}
    places: dict[str, Point] = {}
    for a in arcs:
        roles.setdefault(a.helper.node_id, set()).add("helper")
        roles.setdefault(a.helped.node_id, set()).add("helped")
        places[a.helper.node_id], places[a.helped.node_id] = a.helper, a.helped
    for a in sorted(arcs, key=lambda a: -a.n_evidence):
        x1, y1 = proj(a.helper.lon, a.helper.lat)
        x2, y2 = proj(a.helped.lon, a.helped.lat)
        colour = mechanism_colour(a.mechanism)
        width_px = 1.5 + min(a.n_evidence, 6) * 0.5
        dash = ' stroke-dasharray="6 4"' if a.inferred else ""
        tip = f"{a.helper.name} → {a.helped.name}\n{a.mechanism or ''} · {words['evidence']} {a.n_evidence}"
        if a.inferred:
            tip += f" · {words['inferred']}"
        parts.append(
            f'<path class="arc" d="{_arc_path(x1, y1, x2, y2)}" stroke="{colour}" stroke-width="{width_px}"{dash} '
            f'marker-end="url(#arrow-{_marker_id(a.mechanism)})" data-mechanism="{_esc(a.mechanism or "")}">'
            f"<title>{_esc(tip)}</title></path>"
        )
    for node_id, p in places.items():
        x, y = proj(p.lon, p.lat)
        role = roles[node_id]
        fill = HELPER_COLOUR if role == {"helper"} else HELPED_COLOUR if role == {"helped"} else "#6F4E9C"
        kind = " / ".join(words[r] for r in ("helper", "helped") if r in role)
        # helpers are labelled to the right, the helped to the left: pairs that sit close together
        # (长沙市 and 湘西州 on a Hunan map) keep their names apart
        label = (
            f'<text class="placelabel" x="{x + 8}" y="{y + 4}">{_esc(p.name)}</text>'
            if "helper" in role
            else f'<text class="placelabel" x="{x - 8}" y="{y + 4}" text-anchor="end">{_esc(p.name)}</text>'
        )
        parts.append(
            f'<g class="place" data-node="{_esc(node_id)}"><circle cx="{x}" cy="{y}" r="5.5" fill="{fill}">'
            f"<title>{_esc(p.name)} ({_esc(kind)})</title></circle>{label}</g>"
        )
    parts.extend(_legend(arcs, words, height))
    parts.append("</svg>")
    style = (
        "body{margin:0;font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif;background:#fff}"
        ".grid{stroke:#DDE3EA;stroke-width:1}.gridlabel{fill:#9AA5B1;font-size:10px}"
        ".seat{fill:#B8C2CC}.seatlabel{fill:#8895A3;font-size:11px}"
        ".arc{fill:none;opacity:.85}.arc:hover{opacity:1;stroke-width:5}"
        ".placelabel{font-size:13px;fill:#1F2933;paint-order:stroke;stroke:#fff;stroke-width:3px}"
        ".legend{font-size:12px;fill:#1F2933}"
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>bangfu map</title>'
        f"<style>{style}</style></head><body>{''.join(parts)}</body></html>"
    )


def _marker_id(mechanism: str | None) -> str:
    """Marker ids are ASCII (the mechanism's position), so no document text lands in an id."""
    names = list(MECHANISM_COLOURS)
    return f"m{names.index(mechanism)}" if mechanism in MECHANISM_COLOURS else "other"


def _legend(arcs: list[Arc], words: Mapping[str, str], height: int) -> list[str]:
    used = sorted({a.mechanism for a in arcs}, key=lambda m: (m not in MECHANISM_COLOURS, str(m)))
    rows = [(HELPER_COLOUR, words["helper"], "dot"), (HELPED_COLOUR, words["helped"], "dot")]
    rows += [(mechanism_colour(m), m or "—", "line") for m in used]
    out = []
    y = height - 20 * len(rows) - 10
    out.append(
        f'<rect x="8" y="{y - 14}" width="150" height="{20 * len(rows) + 8}" fill="#fff" opacity=".85"/>'
    )
    for colour, label, kind in rows:
        if kind == "dot":
            out.append(f'<circle cx="22" cy="{y - 4}" r="5" fill="{colour}"/>')
        else:
            out.append(
                f'<line x1="14" y1="{y - 4}" x2="32" y2="{y - 4}" stroke="{colour}" stroke-width="3"/>'
            )
        out.append(f'<text class="legend" x="40" y="{y}">{_esc(label)}</text>')
        y += 20
    return out
