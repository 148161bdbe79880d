"""A regular expression's matches, tried only near the rare characters every match holds.

``pattern.finditer(text)`` tries the pattern at every character of a document; a pattern that opens
with a run of any Chinese characters (a town's name before its 镇) cannot be scanned for in C, so
each try runs the matcher. When every match holds an anchor (a character a cheap scan finds, such
as the 镇 or 乡 ending the town) at a known distance from its start, only the few starts next to
an anchor can match. ``near_anchors`` tries those alone and gives the matches ``finditer`` gives:
the same spans, in the same order, each search starting where the last match ended.
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def near_anchors(
    pattern: re.Pattern[str], text: str, anchors: list[int], least: int, most: int, reach: int
) -> Iterator[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, for a pattern whose every match starting at ``s``
    holds an anchor at some position in ``[s + least, s + most]`` and reads no character at or past
    ``s + reach`` (its lookaheads included). ``anchors`` are the anchors' positions, ascending.

    The pattern must have no lookbehind and no ``^`` (it is searched from a position inside the text)
    and must not match the empty string.
    """
    n = len(anchors)
    i = 0
    pos = 0  # where finditer would search next
    while i < n:
        # the starts anchor i allows, and those of the anchors after it when the ranges touch
        lo = max(pos, anchors[i] - most)
        hi = anchors[i] - least
        i += 1
        while i < n and anchors[i] - most <= hi + 1:
            hi = anchors[i] - least
            i += 1
        if hi < lo:
            continue
        # a search stopping at hi + reach tries each start up to hi exactly as in the whole text; a
        # match it finds further on may be cut short, and no match starts there anyway
        while lo <= hi:
            m = pattern.search(text, lo, min(len(text), hi + reach))
            if m is None or m.start() > hi:
                break
            yield m
            lo = pos = m.end()
