"""Cue words of the genre (data/lexicons/cues.csv): triggers, mechanisms, status and trap markers.

They are data, not code, so that a reviewer who knows the genre can add a word without touching
the patterns that use it.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from bangfu.knowledge.paths import data_dir


@dataclass(frozen=True)
class Cues:
    by_role: dict[str, tuple[str, ...]]
    mechanism_of: dict[tuple[str, str], str]
    _patterns: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False, repr=False)

    def words(self, role: str) -> tuple[str, ...]:
        """Cue words of a role, longest first so that 对口帮扶 wins over 帮扶."""
        return self.by_role.get(role, ())

    def mechanism(self, role: str, cue: str) -> str | None:
        return self.mechanism_of.get((role, cue)) or None

    def find_mechanism(self, text: str) -> str | None:
        """The mechanism named in a text (a heading or a sentence), the first one written."""
        found = self.pattern("mechanism").search(text)
        return self.mechanism_of[("mechanism", found.group(0))] if found else None

    def any_in(self, role: str, text: str) -> str | None:
        """The longest cue of the role written in text (one regex scan; patterns built once)."""
        found = self.pattern(role).search(text)
        return found.group(0) if found else None

    def pattern(self, role: str) -> re.Pattern[str]:
        """One regex for the role's cues, longest first where they overlap (built once)."""
        pattern = self._patterns.get(role)
        if pattern is None:
            words = self.words(role)
            pattern = re.compile("|".join(map(re.escape, words))) if words else re.compile(r"(?!)")
            self._patterns[role] = pattern
        return pattern


@functools.cache
def get_cues() -> Cues:
    by_role: dict[str, list[str]] = defaultdict(list)
    mechanism_of: dict[tuple[str, str], str] = {}
    with open(data_dir() / "lexicons" / "cues.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            cue, role = row["cue"].strip(), row["role"].strip()
            by_role[role].append(cue)
            mechanism_of[(role, cue)] = (row.get("mechanism") or "").strip()
    return Cues(
        by_role={role: tuple(sorted(set(ws), key=len, reverse=True)) for role, ws in by_role.items()},
        mechanism_of=mechanism_of,
    )
