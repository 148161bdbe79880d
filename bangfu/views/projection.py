"""Longitude/latitude → SVG pixels for maps of China: an Albers equal-area conic projection fitted to a box.

Why Albers (standard parallels 25°N and 47°N, central meridian 105°E): it is the projection of the
national maps Chinese readers know (the 1:400万 中国地图 uses these parallels), areas stay true, so a
large western county does not look larger than it is, and 黑龙江 does not lean as it does in a plain
longitude/latitude grid. ``Frame`` fits a box of projected points into a picture of fixed pixel size
(y down), so everything a page draws is in the same pixel units and text sizes are pixels.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

PARALLELS = (25.0, 47.0)
CENTRAL_MERIDIAN = 105.0
EARTH_KM = 6371.0

_PHI1, _PHI2 = (math.radians(p) for p in PARALLELS)
_N = (math.sin(_PHI1) + math.sin(_PHI2)) / 2
_C = math.cos(_PHI1) ** 2 + 2 * _N * math.sin(_PHI1)
_RHO0 = math.sqrt(_C) / _N  # origin latitude 0


def albers(lon: float, lat: float) -> tuple[float, float]:
    """Projected kilometres (x east, y north) of a point."""
    rho = math.sqrt(max(_C - 2 * _N * math.sin(math.radians(lat)), 0.0)) / _N
    theta = _N * math.radians(lon - CENTRAL_MERIDIAN)
    return EARTH_KM * rho * math.sin(theta), EARTH_KM * (_RHO0 - rho * math.cos(theta))


# the South China Sea with its islands and the maritime line: the inset of a whole-country map
SOUTH_SEA_BOX = ((105.5, 3.0), (123.0, 24.5), (105.5, 24.5), (123.0, 3.0))


@dataclass(frozen=True)
class Frame:
    """A box of projected kilometres fitted into ``width`` × ``height`` pixels, centred, with a margin."""

    width: int
    height: int
    scale: float  # pixels per km
    cx: float
    cy: float

    @classmethod
    def fit(
        cls,
        points: Iterable[tuple[float, float]],
        width: int,
        height: int,
        margin: float = 24.0,
        min_km: float = 150.0,
        offset: tuple[float, float] = (0.0, 0.0),
    ) -> Frame:
        """The frame showing every lon/lat point of ``points`` (at least ``min_km`` across).

        ``offset``: pixels the centre is moved by (room left for a legend or an inset)."""
        xy = [albers(lon, lat) for lon, lat in points] or [albers(CENTRAL_MERIDIAN, 35.0)]
        xs, ys = [p[0] for p in xy], [p[1] for p in xy]
        span_x, span_y = max(max(xs) - min(xs), min_km), max(max(ys) - min(ys), min_km)
        scale = min((width - 2 * margin) / span_x, (height - 2 * margin) / span_y)
        cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
        return cls(width, height, scale, cx - offset[0] / scale, cy + offset[1] / scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = albers(lon, lat)
        return (
            round(self.width / 2 + (x - self.cx) * self.scale, 1),
            round(self.height / 2 - (y - self.cy) * self.scale, 1),
        )

    def visible(self, bbox: tuple[float, float, float, float], pad: float = 0.0) -> bool:
        """Whether a lon/lat box (lon_min, lat_min, lon_max, lat_max) reaches into the picture."""
        corners = [
            self(bbox[0], bbox[1]),
            self(bbox[2], bbox[3]),
            self(bbox[0], bbox[3]),
            self(bbox[2], bbox[1]),
        ]
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        return (
            max(xs) >= -pad
            and min(xs) <= self.width + pad
            and max(ys) >= -pad
            and min(ys) <= self.height + pad
        )

    def path(self, polygons: Sequence[Sequence[Sequence[tuple[float, float]]]], min_px: float = 0.6) -> str:
        """SVG path data of polygons (rings of lon/lat), with points closer than ``min_px`` merged and
        rings smaller than a pixel left out: a whole-country view needs a fraction of the points."""
        parts = []
        for poly in polygons:
            for ring in poly:
                pts = []
                last = None
                for lon, lat in ring:
                    p = self(lon, lat)
                    if last is None or abs(p[0] - last[0]) + abs(p[1] - last[1]) >= min_px:
                        pts.append(p)
                        last = p
                if len(pts) < 3:
                    continue
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                if max(xs) - min(xs) < 1 and max(ys) - min(ys) < 1:
                    continue
                parts.append("M" + "L".join(f"{x:g},{y:g}" for x, y in pts) + "Z")
        return "".join(parts)

    def line(self, points: Sequence[tuple[float, float]]) -> str:
        return "M" + "L".join(f"{x:g},{y:g}" for x, y in (self(lon, lat) for lon, lat in points))
