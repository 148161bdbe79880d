"""The roles table behind inferred directions.

When a text does not say who helps whom ("湘潭市与永顺县建立对口帮扶机制", "山东、甘肃举办双向游"),
the direction comes from facts outside the sentence, in this order:
1. an official pairing (every pairing list of data/reference/lists.csv) between the two places or their ancestors;
2. 东西部协作 roles: the side within an eastern partner province helps the other;
3. designation lists (data/reference: poverty and key-assistance counties, exact codes): the\n   designated side is helped.
Nothing decides → no direction, and the caller reports the pair instead of guessing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bangfu.knowledge.gazetteer import Gazetteer, get_gazetteer
from bangfu.knowledge.lists import (
    OfficialPairing,
    designations_by_code,
    load_pairings,
    mechanism_of,
    province_internal_roles,
)


@dataclass(frozen=True)
class OfficialPair:
    """One official pairing between two coded regions, as the direction rules need it."""

    helper: str
    helped: str
    mechanism: str
    since: int | None
    until: int | None


def official_pairs(rows: list[OfficialPairing]) -> list[OfficialPair]:
    """Code pairs of the shipped pairing lists. A row whose helper is no region (a university, a
    park) gives none; a group row the source does not split one to one (4 cities and 4 counties)
    gives none either: pairing its sides crosswise would state pairings no source states."""
    out = []
    for row in rows:
        if len(row.helper_codes) > 1 and len(row.helped_codes) > 1:
            continue
        for helper in row.helper_codes:
            for helped in row.helped_codes:
                out.append(OfficialPair(helper, helped, row.mechanism, row.since, row.until))
    return out


class Roles:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._official_cache: dict[tuple[str, str], OfficialPair | None] = {}
        self._lineage_cache: dict[str, frozenset[str]] = {}
        self._chain_cache: dict[str, tuple[str, ...]] = {}
        rows = load_pairings()
        self.pairs = official_pairs(rows)
        # pairings whose helper is no region (中国石化, 北京大学): helped codes by the helper's name
        self.unit_pairs: dict[str, list[tuple[str, str]]] = {}
        for row in rows:
            if not row.helper_codes and len(row.helped_codes) == 1 and row.helped_exact:
                self.unit_pairs.setdefault(row.helper, []).append((row.helped_codes[0], row.mechanism))
        self._by_helper: dict[str, list[OfficialPair]] = {}
        for pair in self.pairs:  # exact pairs first, then the order of the files
            self._by_helper.setdefault(pair.helper, []).append(pair)
        self.designated = set(designations_by_code())
        # province-internal programmes: (program, side) → codes, and each programme's mechanism
        self._internal: dict[tuple[str, str], set[str]] = {}
        for role in province_internal_roles():
            self._internal.setdefault((role.program, role.side), set()).add(role.code)
        self.internal_mechanism = {prog: mechanism_of(prog) for prog, _ in self._internal}

    def official(self, a: str, b: str) -> OfficialPair | None:
        """An official pairing between a and b (either way), matching exactly or through ancestors.

        Cached per pair of codes: a corpus asks about the same few pairs again and again."""
        key = (a, b)
        if key not in self._official_cache:
            self._official_cache[key] = self._find_official(a, b)
        return self._official_cache[key]

    def _find_official(self, a: str, b: str) -> OfficialPair | None:
        """The first official pair whose sides contain a and b (a place inside a paired province
        counts: 青岛 is part of 山东's pairing with 甘肃; a province does not inherit its cities').

        The place's own pairings are tried before its ancestors' (常州's 东西部协作 with 海南州 before
        江苏's 对口支援 of it): the nearest pairing is the one the text is about, and the answer must not
        depend on a set's order."""
        for x, y in ((a, b), (b, a)):
            lineage_y = self._lineage(y)
            for anc in self._chain(x):
                for p in self._by_helper.get(anc, ()):
                    if p.helped in lineage_y:
                        return p
        return None

    def _chain(self, code: str) -> tuple[str, ...]:
        """The code and its ancestors, nearest first (cached: the gazetteer walks parents one by one)."""
        found = self._chain_cache.get(code)
        if found is None:
            ancestors = self.gaz.ancestors(code) if code in self.gaz.by_code else []
            found = (code, *(r.code for r in ancestors))
            self._chain_cache[code] = found
        return found

    def _lineage(self, code: str) -> frozenset[str]:
        """The code and all its ancestors as a set, for membership tests."""
        found = self._lineage_cache.get(code)
        if found is None:
            found = frozenset(self._chain(code))
            self._lineage_cache[code] = found
        return found

    def pairing_of(self, helper: str, helped: str) -> OfficialPair | None:
        """The official pair in which ``helper`` itself is the helping side and ``helped`` is its
        helped side or a prefecture holding it (北京 helps 和田's counties, so 北京援建和田 names that
        pairing). Nothing is inherited: a city is not every place its province helps (青岛 and 山东's
        pairings), nor is a county inside a paired prefecture paired itself (天津 helps 承德; which
        district helps which county is the text's to say)."""
        level = self.gaz.by_code[helped].level if helped in self.gaz.by_code else None
        if helper in self.gaz.by_code and self.gaz.by_code[helper].level not in ("province", "prefecture"):
            level = None  # a district's pairing with a county does not make it the prefecture's helper
        for pair in self._by_helper.get(helper, ()):
            if pair.helped == helped or (level == "prefecture" and helped in self._lineage(pair.helped)):
                return pair
        return None

    def unit_pairing_of(self, names: tuple[str, ...], helped: str) -> str | None:
        """The mechanism of an official pairing of a unit written under one of ``names`` with
        ``helped`` itself, None when the lists have none (a unit pairs with a county: its
        prefecture is not what it helps)."""
        for name in names:
            for code, mechanism in self.unit_pairs.get(name, ()):
                if code == helped:
                    return mechanism
        return None

    def helps_officially(self, code: str) -> bool:
        """Whether some official pairing has this place as its helping side."""
        return code in self._by_helper

    def related(self, a: str, b: str) -> bool:
        """Whether one place lies inside the other (or they are the same)."""
        return a in self._lineage(b) or b in self._lineage(a)

    def covers(self, official: str, code: str) -> bool:
        return self._covers(official, code)

    def _covers(self, official: str, code: str) -> bool:
        """Whether ``code`` lies inside (or is) the official side."""
        return official in self._lineage(code)

    def direction(self, a: str, b: str) -> tuple[str, str, str] | None:
        """(helper, helped, reason) for two region codes, or None when nothing decides."""
        pair = self.official(a, b)
        if pair is not None:
            forward = self._covers(pair.helper, a) and self._covers(pair.helped, b)
            return (a, b, "official pairing") if forward else (b, a, "official pairing")
        east_a, east_b = self.gaz.is_eastern_partner(a), self.gaz.is_eastern_partner(b)
        if east_a != east_b:
            return (a, b, "eastern partner") if east_a else (b, a, "eastern partner")
        internal = self.internal_direction(a, b)
        if internal is not None:
            return internal
        des_a, des_b = self._designated(a), self._designated(b)
        if des_a != des_b:
            return (b, a, "designated county") if des_a else (a, b, "designated county")
        return None

    def internal_direction(self, a: str, b: str) -> tuple[str, str, str] | None:
        """Inside one province, a programme's helped side is helped by a place outside it; where the
        programme lists its helpers too, only by one of them (珠三角 → 粤东西北)."""
        if a not in self.gaz.by_code or b not in self.gaz.by_code:
            return None
        if self.gaz.province_of(a).code != self.gaz.province_of(b).code:
            return None
        for program in self.internal_mechanism:
            helped = self._internal.get((program, "helped"), set())
            helpers = self._internal.get((program, "helper"))
            in_a, in_b = bool(self._lineage(a) & helped), bool(self._lineage(b) & helped)
            if in_a == in_b:
                continue
            helper, target = (b, a) if in_a else (a, b)
            if helpers is not None and not self._lineage(helper) & helpers:
                continue
            return helper, target, f"province-internal ({program})"
        return None

    def _designated(self, code: str) -> bool:
        return code in self.designated


@functools.cache
def get_roles() -> Roles:
    return Roles(get_gazetteer())
