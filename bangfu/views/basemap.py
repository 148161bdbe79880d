"""The map of China under every picture: provinces, the national border, the South China Sea inset.

Why one module: the assistance map (bangfu/views/geomap.py) and the coverage map
(bangfu/views/coverage_map.py) must show the same country the same way. Outlines come from data/geo
(bangfu/views/boundaries.py); a whole-country view draws the South China Sea and its maritime line in
an inset at the lower right, as national maps do, instead of stretching the picture down to 3°N.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from bangfu.views.boundaries import children, maritime_lines, outlines
from bangfu.views.labels import Box, Placed, Wanted
from bangfu.views.projection import SOUTH_SEA_BOX, Frame, albers
from bangfu.views.svgpage import esc, label_svg

INSET_W, INSET_H = 132, 184
MAINLAND_SOUTH = 17.5  # latitude below which the land is the South China Sea islands (the inset's)
# the names a map of China prints on its provinces (新疆, not 新疆维吾尔自治区)
_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")


def short_name(name: str) -> str:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@functools.cache
def _country_extremes() -> tuple[tuple[float, float], ...]:
    """The four lon/lat points of the provinces' outlines that bound the projected country."""
    pts = [
        p
        for o in outlines("province").values()
        for poly in o.polygons
        for p in poly[0]
        if p[1] >= MAINLAND_SOUTH
    ]
    xy = [albers(*p) for p in pts]
    picks = {min(range(len(xy)), key=lambda i: xy[i][0]), max(range(len(xy)), key=lambda i: xy[i][0])}
    picks |= {min(range(len(xy)), key=lambda i: xy[i][1]), max(range(len(xy)), key=lambda i: xy[i][1])}
    return tuple(pts[i] for i in sorted(picks))


def country_frame(width: int, height: int) -> Frame:
    """The whole country (the South China Sea goes into the inset)."""
    return Frame.fit(_country_extremes(), width, height, margin=14)


def focus_frame(
    width: int, height: int, codes: Iterable[str], points: Iterable[tuple[float, float]] = ()
) -> Frame:
    """The frame showing the outlines of ``codes`` (any level) and ``points`` (lon, lat)."""
    pts = list(points)
    for code in codes:
        for level in ("province", "prefecture", "county"):
            o = outlines(level).get(code)
            if o is not None:
                x0, y0, x1, y1 = o.bbox()
                pts += [(x0, y0), (x1, y1), (x0, y1), (x1, y0)]
                break
    return Frame.fit(pts, width, height, margin=28, min_km=120) if pts else country_frame(width, height)


def shows_country(frame: Frame) -> bool:
    """Whether the frame shows (about) the whole country, so the South China Sea inset belongs."""
    x0, _ = frame(80.0, 30.0)
    x1, _ = frame(130.0, 30.0)
    return x1 - x0 < frame.width * 0.95


def basemap(
    frame: Frame, detail: Iterable[str] = (), detail_on_zoom: Iterable[str] = (), maritime: bool = True
) -> list[str]:
    """Sea, provinces (each with its name as tooltip), prefecture outlines inside the provinces of
    ``detail`` (always shown) and of ``detail_on_zoom`` (shown once zoomed in), the maritime line
    (unless the inset draws it)."""
    out = [
        f'<rect class="sea" x="-5000" y="-5000" width="{frame.width + 10000}" height="{frame.height + 10000}"/>'
    ]
    out.append('<g class="provinces">')
    for o in outlines("province").values():
        if frame.visible(o.bbox(), pad=40):
            d = frame.path(o.polygons, min_px=0.4)
            if d:
                out.append(
                    f'<path class="province" data-code="{o.code}" d="{d}"><title>{esc(o.name)}</title></path>'
                )
    out.append("</g>")
    detail, on_zoom = set(detail), set(detail_on_zoom) - set(detail)
    for codes, cls in ((detail, "detail"), (on_zoom, "detail onzoom")):
        paths = []
        for code in sorted(codes):
            for o in children(code, "prefecture") + [c for c in children(code, "county")]:
                if frame.visible(o.bbox()):
                    d = frame.path(o.polygons, min_px=0.5)
                    if d:
                        paths.append(d)
        if paths:
            out.append(f'<path class="{cls}" d="{"".join(paths)}"/>')
    if maritime:
        lines = "".join(frame.line(line) for line in maritime_lines())
        out.append(f'<path class="maritime" d="{lines}"/>')
    return out


def borders(frame: Frame, codes: Iterable[str]) -> list[str]:
    """The outlines of ``codes`` (provinces or prefectures) as a darker line, drawn over fills."""
    paths = []
    for code in sorted(set(codes)):
        o = outlines("province").get(code) or outlines("prefecture").get(code)
        if o is not None and frame.visible(o.bbox()):
            paths.append(frame.path(o.polygons, min_px=0.4))
    return [f'<path class="border" d="{"".join(paths)}"/>'] if paths else []


def inset(frame: Frame) -> tuple[list[str], Box]:
    """The South China Sea inset at the lower right of a whole-country frame, and its box."""
    x, y = frame.width - INSET_W - 10, frame.height - INSET_H - 10
    sub = Frame.fit(SOUTH_SEA_BOX, INSET_W, INSET_H, margin=4)
    out = [
        f'<svg x="{x}" y="{y}" width="{INSET_W}" height="{INSET_H}" viewBox="0 0 {INSET_W} {INSET_H}">',
        f'<rect class="sea" x="0" y="0" width="{INSET_W}" height="{INSET_H}"/>',
    ]
    for o in outlines("province").values():
        if sub.visible(o.bbox()):
            d = sub.path(o.polygons, min_px=0.4)
            if d:
                out.append(f'<path class="province" d="{d}"/>')
    out.append(f'<path class="maritime" d="{"".join(sub.line(line) for line in maritime_lines())}"/>')
    out.append(f'<rect class="inset" x="0.5" y="0.5" width="{INSET_W - 1}" height="{INSET_H - 1}"/></svg>')
    return out, (x, y, x + INSET_W, y + INSET_H)


def province_labels(frame: Frame, skip: set[str], size: float = 14.0) -> list[tuple[str, Wanted]]:
    """(code, optional centred label) of every province in view whose name is not drawn otherwise."""
    out = []
    for o in outlines("province").values():
        if o.code in skip:
            continue
        x, y = frame(*o.label)
        if 0 <= x <= frame.width and 0 <= y <= frame.height:
            out.append((o.code, Wanted(short_name(o.name), x, y, size, optional=True, centred=True)))
    return out


def province_pins(wanted: Iterable[tuple[str, Wanted]], placed: dict[tuple, Placed]) -> list[str]:
    """The province names that found room (``placed``: by text and point), as zoom-steady pins."""
    out = []
    for _, w in wanted:
        label = placed.get((w.text, (w.x, w.y)))
        if label is not None:
            out.append(
                f'<g class="pin" data-x="{w.x}" data-y="{w.y}" transform="translate({w.x},{w.y})">'
                f"{label_svg(label, 'provlabel')}</g>"
            )
    return out
