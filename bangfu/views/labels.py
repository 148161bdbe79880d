"""Label placement for the maps: every name beside its dot, no two names over each other.

Why in Python and greedy: the pictures are static SVG whose labels are counter-scaled when a viewer
zooms (they keep their pixel size while places move apart), so a placement free of overlaps at the
default zoom stays free of overlaps at every zoom. Labels are placed in priority order (places on arcs
before province names); each tries eight positions around its dot, then the same farther out with a
leader line; a label that fits nowhere is left out when it is optional (a province name: the outline
and its tooltip still say it) and put at its least crowded position otherwise.

Text width is estimated: a CJK character is one em wide in Noto Sans CJK, Latin letters and digits
about 0.6 em — close enough that a two-pixel padding absorbs the difference.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

PAD = 2.0


def text_width(text: str, size: float) -> float:
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return (wide + 0.6 * (len(text) - wide)) * size


@dataclass(frozen=True)
class Wanted:
    text: str
    x: float  # the dot's centre
    y: float
    size: float  # font size, px
    radius: float = 0.0  # the dot's radius: the label keeps clear of it
    optional: bool = False
    centred: bool = False  # a province name: centred on its point when it fits there


@dataclass(frozen=True)
class Placed:
    text: str
    x: float  # the text's anchor point (SVG text x/y: baseline)
    y: float
    anchor: str  # start | middle | end
    box: Box
    leader: bool  # drawn away from its dot: a thin line joins them
    dot: tuple[float, float]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(w: Wanted) -> Iterable[tuple[float, float, str, bool]]:
    """(x, y, anchor, leader) in order of preference: right, left, above, below, then diagonals."""
    if w.centred:  # a name standing for an area: on its point, or just above or below, or nowhere
        yield w.x, w.y + w.size * 0.35, "middle", False
        for dy in (-1.3, 1.3):
            yield w.x, w.y + w.size * (0.35 + dy), "middle", False
        return
    half = w.size * 0.35
    for ring, leader in ((1.0, False), (1.8, True), (2.6, True), (3.6, True), (5.0, True)):
        gap = w.radius + 3 + (ring - 1) * (w.size + 4)
        yield w.x + gap, w.y + half, "start", leader
        yield w.x - gap, w.y + half, "end", leader
        yield w.x, w.y - gap - 2, "middle", leader
        yield w.x, w.y + gap + w.size * 0.8, "middle", leader
        d = gap * 0.75
        yield w.x + d, w.y - d, "start", leader
        yield w.x + d, w.y + d + half * 2, "start", leader
        yield w.x - d, w.y - d, "end", leader
        yield w.x - d, w.y + d + half * 2, "end", leader
    # crowded places: farther out, in sixteen directions, the leader line saying whose name it is
    for ring in (6.5, 8.0, 10.0, 12.5):
        gap = w.radius + 3 + (ring - 1) * (w.size + 4)
        for k in range(16):
            a = 2 * math.pi * k / 16
            x, y = w.x + gap * math.cos(a), w.y - gap * math.sin(a)
            anchor = "start" if math.cos(a) > 0.3 else "end" if math.cos(a) < -0.3 else "middle"
            yield x, y + half, anchor, True


def _box(x: float, y: float, anchor: str, width: float, size: float) -> Box:
    x0 = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    # Noto Sans CJK's em box around the baseline: 1.16 em of ascent, 0.29 em of descent
    return (x0 - PAD, y - size * 1.1 - PAD, x0 + width + PAD, y + size * 0.3 + PAD)


def _crosses(px: float, py: float, r: float, ax: float, ay: float, bx: float, by: float) -> bool:
    """Whether the leader a → b runs over the dot at p (a dot beside a's own, behind the leader's start,
    is not crossed)."""
    dx, dy = bx - ax, by - ay
    if dx == dy == 0:
        return False
    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
    if t <= 0:
        return False
    t = min(t, 1.0)
    return math.hypot(px - (ax + t * dx), py - (ay + t * dy)) <= r


def _misleading(w: Wanted, box: Box, dots: list[tuple[float, float, float]]) -> bool:
    """Whether a label set away from its dot would read as another dot's: its leader passes over
    another dot, or, close by, another dot is clearly nearer to the label than its own (farther out
    the leader line alone says whose name it is)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    own = math.hypot(cx - w.x, cy - w.y)
    close = own <= 2.5 * w.size
    for x, y, r in dots:
        if (x, y) == (w.x, w.y):
            continue
        if _crosses(x, y, r + 1, w.x, w.y, cx, cy) or (close and math.hypot(cx - x, cy - y) < own - 2 * r):
            return True
    return False


def place(
    wanted: Iterable[Wanted], width: float, height: float, obstacles: Iterable[Box] = ()
) -> list[Placed]:
    """Positions for ``wanted`` labels (in the order given: most important first), clear of each
    other, of every dot and of ``obstacles`` (a legend, an inset), inside ``width`` × ``height``."""
    wanted = list(wanted)
    taken: list[Box] = list(obstacles)
    taken += [(w.x - w.radius, w.y - w.radius, w.x + w.radius, w.y + w.radius) for w in wanted if w.radius]
    dots = [(w.x, w.y, w.radius) for w in wanted if w.radius]
    out: list[Placed] = []
    for w in wanted:
        tw = text_width(w.text, w.size)
        fits: list[Placed] = []  # inside the picture and not misleading, in order of preference
        chosen = None
        for x, y, anchor, leader in _candidates(w):
            box = _box(x, y, anchor, tw, w.size)
            if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height:
                continue
            if leader and _misleading(w, box, dots):
                continue
            candidate = Placed(w.text, round(x, 1), round(y, 1), anchor, box, leader, (w.x, w.y))
            if not any(_overlaps(box, t) for t in taken):
                chosen = candidate
                break
            fits.append(candidate)
        if chosen is None and not w.optional and fits:  # nowhere free: the least crowded position
            chosen = min(fits, key=lambda c: sum(1 for t in taken if _overlaps(c.box, t)))
        if chosen is not None:
            taken.append(chosen.box)
            out.append(chosen)
    return out
