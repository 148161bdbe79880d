"""The coverage map: the counties of a list, each filled by who reaches it — directly, through its
prefecture, through its province, only on an official list, or nobody.

Why a map next to the planner's table: a planner looking for the counties nobody helps sees fifty
rows, but a cluster of red counties along a provincial border tells at a glance where to look, and no
tool planners use draws it. The unpaired counties are made impossible to miss: a saturated red fill
with a dark outline, every one named (bangfu/views/labels.py keeps the names apart), their number in
the legend. Colours run from dark blue (direct) to pale blue (through the province), then orange
(official list only) and red (none): a colour-blind reader still tells blue from red, and the legend
and each county's tooltip say it in words.

The coverage itself is bangfu/planner/coverage.py's; this module only draws what it decided.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bangfu.views import svgpage
from bangfu.views.basemap import (
    basemap,
    borders,
    focus_frame,
    inset,
    province_labels,
    province_pins,
    shows_country,
)
from bangfu.views.boundaries import outlines
from bangfu.views.labels import Wanted, place
from bangfu.views.svgpage import LegendRow, esc

COVERAGE_COLOURS: dict[str, str] = {
    "direct": "#2166AC",
    "prefecture": "#67A9CF",
    "province": "#C6DBEF",
    "official-only": "#F4A582",
    "none": "#C0182B",
}
WIDTH, HEIGHT = 960, 680


@dataclass(frozen=True)
class CountyShade:
    """One county of the list as the map needs it (built by the page from a CountyCoverage)."""

    code: str
    name: str
    coverage: str  # one of COVERAGE_COLOURS' keys
    helpers: str = ""  # who covers it, for the tooltip


def drawable(counties: Sequence[CountyShade]) -> tuple[list[CountyShade], list[CountyShade]]:
    """The counties data/geo has an outline for, and those it has none for (listed beside the map)."""
    known = outlines("county")
    inside = [c for c in counties if c.code in known and c.coverage in COVERAGE_COLOURS]
    return inside, [c for c in counties if c not in inside]


def coverage_map_html(
    counties: Sequence[CountyShade],
    *,
    title: str,
    names: Mapping[str, str],
    words: Mapping[str, str] | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """A standalone HTML page: the list's counties filled by coverage, the unpaired named.

    ``names``: coverage value → the app's word for it; ``words``: legend title and zoom buttons."""
    words = {
        "legend": "Coverage",
        "zoom_in": "zoom in",
        "zoom_out": "zoom out",
        "reset": "reset",
        **(words or {}),
    }
    shown, _ = drawable(counties)
    known = outlines("county")
    frame = focus_frame(width, height, [c.code for c in shown])
    whole = shows_country(frame)
    provinces = {c.code[:2] + "0000" for c in shown}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bangfu-map coverage-map" id="bangfu-map" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" role="img" aria-label="{esc(title)}">',
        f"<defs>{HATCH}</defs>",
        *basemap(frame, detail=provinces, maritime=not whole),
    ]
    order = {k: i for i, k in enumerate(COVERAGE_COLOURS)}
    for c in sorted(shown, key=lambda c: -order[c.coverage]):  # unpaired drawn last: on top
        o = known[c.code]
        unpaired = c.coverage == "none"
        stroke = 'stroke="#5C0A14" stroke-width="1.8"' if unpaired else 'stroke="#FFFFFF" stroke-width="0.7"'
        tip = f"{c.name} · {names.get(c.coverage, c.coverage)}" + (f"\n{c.helpers}" if c.helpers else "")
        parts.append(
            f'<path class="county cov-{c.coverage}" data-code="{c.code}" data-coverage="{c.coverage}" '
            f'd="{frame.path(o.polygons, min_px=0.4)}" fill="{"url(#hatch)" if unpaired else COVERAGE_COLOURS[c.coverage]}" {stroke} '
            f'style="vector-effect:non-scaling-stroke"><title>{esc(tip)}</title></path>'
        )
    if not whole:
        parts += borders(frame, provinces)
    obstacles = []
    if whole:
        inset_svg, inset_box = inset(frame)
        parts += inset_svg
        obstacles.append(inset_box)
    counts = {k: sum(1 for c in shown if c.coverage == k) for k in COVERAGE_COLOURS}  # as drawn
    rows = [LegendRow("title", "", words["legend"])] + [
        LegendRow("swatch" if k != "none" else "hatch", colour, f"{names.get(k, k)} ({counts[k]})")
        for k, colour in COVERAGE_COLOURS.items()
    ]
    lw, lh = svgpage.legend_size(rows)
    obstacles.append((0, height - lh - 12, lw + 12, height))
    obstacles.append((0, 0, svgpage.text_width(title, 18) + 24, 34))  # the title, top left
    unpaired = [c for c in shown if c.coverage == "none"]
    wanted = [Wanted(c.name, *frame(*known[c.code].label), 15.0, radius=2.5) for c in unpaired]
    prov = province_labels(frame, set(), size=14.0)
    placed = place(wanted + [w for _, w in prov], width, height, obstacles)
    by_dot = {(p.text, p.dot): p for p in placed}
    for w in wanted:
        label = by_dot.get((w.text, (w.x, w.y)))
        if label is not None:
            parts.append(
                f'<g class="pin unpaired" data-x="{w.x}" data-y="{w.y}" transform="translate({w.x},{w.y})">'
                f'<circle r="2.5" fill="#5C0A14"/>{svgpage.label_svg(label, "unpairedlabel")}</g>'
            )
    parts += province_pins(prov, by_dot)
    parts.append("</svg>")
    overlay = (
        f'<div class="maptitle" style="position:absolute;left:12px;top:8px;font-size:18px;font-weight:700;'
        f'color:#1F2933">{esc(title)}</div>{svgpage.legend_overlay(rows)}'
    )
    return svgpage.page(
        "".join(parts) + overlay, title, (words["zoom_in"], words["zoom_out"], words["reset"])
    )


HATCH = (
    '<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    f'<rect width="6" height="6" fill="{COVERAGE_COLOURS["none"]}"/><line x1="0" y1="0" x2="0" y2="6" '
    'stroke="#7A0E1B" stroke-width="2"/></pattern>'
)
