"""The grammar words of the name patterns, by role, from data/lexicons/pattern_words.csv.

Roles: ``generic`` (a name holding it is a description), ``generic_start`` (a name starting with it is
one), ``left_stop`` (a verb or function word a name scan stops at), ``org_suffix`` and ``zone_suffix``
(the form words that end a body's or a development zone's name), ``not_suffix`` (a form word going on
into a common word: 大学生), ``industry`` (trade words: no 字号 on their own), ``place_generic``,
``not_town``, ``posted``/``posting`` (a unit's people posted to a place) and ``village_pairing`` (an
activity pairing villages: 村企结对).
"""

from __future__ import annotations

import csv
import functools

from bangfu.knowledge.paths import data_dir


@functools.cache
def pattern_words() -> dict[str, tuple[str, ...]]:
    """role → its words, in file order."""
    by_role: dict[str, list[str]] = {}
    with open(data_dir() / "lexicons" / "pattern_words.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            by_role.setdefault(row["role"], []).append(row["word"])
    return {role: tuple(words) for role, words in by_role.items()}
