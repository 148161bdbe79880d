"""The one thing a document names most — its own helper, its own county, the place 当地 stands for.

A report on one place or one helper names it again and again; a report on two names both. So a
thing is the document's own only when it is named at least a given number of times and twice as
often as the next: one rule, asked by every part that needs the document's main subject.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def dominant(counted: Iterable[tuple[int, T]], least: int) -> T | None:
    """The item of the largest count when that count is at least ``least`` and twice the next."""
    ranked = sorted(counted, key=lambda pair: pair[0], reverse=True)
    if not ranked or ranked[0][0] < least or (len(ranked) > 1 and ranked[0][0] < 2 * ranked[1][0]):
        return None
    return ranked[0][1]
