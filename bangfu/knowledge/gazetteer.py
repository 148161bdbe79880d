"""The region gazetteer: every province-, prefecture- and county-level division of China.

Read from data/gazetteer/ (or ``$BANGFU_DATA/gazetteer``), never from a package at run time:

- regions.csv                  code, name, level, type, parent, province, lat, lon, coord, aliases,
                               generic, source — built by tools/build_gazetteer.py (sources there)
- province_abbreviations.csv   code, abbr, kind (official|common|byname), source — 湘, 川/蜀, 黔/贵 ...
                               (one character: never a plain alias, since 川 or 宁 alone is only a
                               province in context); bynames such as 三湘, 八桂 are two characters
                               and are offered as surfaces
- pairing_abbreviations.csv    abbr, helper_code, helped_code, mechanism, ... — 闽宁, 沪滇, 粤桂 ...
- eastern_partners.csv         code, name, role (eastern|western), round, basis, source
- not_places.csv               surface, hides, reason — words holding a region name that are no
                               mention of it (示范县 holds 范县)
- publishers.csv               publisher, code, name, source — papers named after a region name the
                               gazetteer has not (闽西日报 is 龙岩市's): read only on a source line

Levels: province | prefecture | county. Districts of the four municipalities have the municipality as
parent (no 110100 "市辖区" level); 省直辖县级行政单位 (仙桃市 429004, 石河子市 659001) have the province.
``lookup`` is by exact surface (full name or alias); ambiguity (龙山 → 龙山县 433130 and 龙山区 220402)
is left to the resolver. A full name that is itself a common word (城区, 郊区, 矿区) is found by
``lookup`` but not offered to matchers by ``surfaces``.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from bangfu.knowledge.paths import data_dir

LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str
    parent: str | None
    province: str
    lat: float | None
    lon: float | None
    aliases: tuple[str, ...] = ()


def _float(text: str) -> float | None:
    return float(text) if text else None


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Gazetteer:
    """Regions by code, with name/alias look-up and the hierarchy."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or data_dir() / "gazetteer"
        self.by_code: dict[str, Region] = {}
        self._by_surface: dict[str, list[Region]] = {}
        self._generic: set[str] = set()
        self._children: dict[str, list[Region]] = {}
        for r in _rows(directory / "regions.csv"):
            region = Region(
                code=r["code"],
                name=r["name"],
                level=r["level"],
                parent=r["parent"] or None,
                province=r["province"],
                lat=_float(r["lat"]),
                lon=_float(r["lon"]),
                aliases=tuple(a for a in r["aliases"].split("|") if a),
            )
            if region.code in self.by_code:
                raise ValueError(f"regions.csv: duplicate code {region.code}")
            self.by_code[region.code] = region
            if r.get("generic"):
                self._generic.add(region.name)
            for surface in (region.name, *region.aliases):
                found = self._by_surface.setdefault(surface, [])
                if region not in found:
                    found.append(region)
        for region in self.by_code.values():
            if region.parent:
                self._children.setdefault(region.parent, []).append(region)
        # each code's ancestors (parent first), filled on first ask: extraction asks is_within for
        # every pair of candidates written next to each other, tens of thousands per corpus
        self._ancestor_codes: dict[str, tuple[str, ...]] = {}

        self._province_abbr: dict[str, list[str]] = {}
        self._bynames: list[tuple[str, str]] = []
        for r in _rows(directory / "province_abbreviations.csv"):
            self._province_abbr.setdefault(r["abbr"], []).append(r["code"])
            region = self.by_code.get(r["code"])
            if region is not None and len(r["abbr"]) >= 2 and r["abbr"] not in (region.name, *region.aliases):
                self._bynames.append((r["abbr"], r["code"]))  # 三湘, 八桂, 龙江: names of a province
                found = self._by_surface.setdefault(r["abbr"], [])
                if region not in found:
                    found.append(region)
        # short names the press uses that the generated aliases lack (克州, 博州), one row each with its source
        path = directory / "common_names.csv"
        for r in _rows(path) if path.exists() else ():
            region = self.by_code.get(r["code"])
            if region is None:
                raise ValueError(f"common_names.csv: {r['name']} names unknown code {r['code']}")
            self._bynames.append((r["name"], r["code"]))
            found = self._by_surface.setdefault(r["name"], [])
            if region not in found:
                found.append(region)
        path = directory / "not_places.csv"
        self._not_places = {r["surface"]: r["hides"] for r in _rows(path)} if path.exists() else {}
        path = directory / "publishers.csv"
        self._publishers = {r["publisher"]: r["code"] for r in _rows(path)} if path.exists() else {}
        for name, code in self._publishers.items():
            if code not in self.by_code:
                raise ValueError(f"publishers.csv: {name} names unknown code {code}")
        self._pairing_abbr: dict[str, tuple[str, str, str]] = {}
        for r in _rows(directory / "pairing_abbreviations.csv"):
            pair = (r["helper_code"], r["helped_code"], r["mechanism"])
            self._pairing_abbr[r["abbr"]] = pair
            # the helped side writes its own abbreviation first (云南's 滇沪合作 is 沪滇): the same pair
            if len(r["abbr"]) == 2:
                self._pairing_abbr.setdefault(r["abbr"][::-1], pair)
        self._eastern: set[str] = set()
        self._western: set[str] = set()
        for r in _rows(directory / "eastern_partners.csv"):
            (self._eastern if r["role"] == "eastern" else self._western).add(r["code"])

    # ------------------------------------------------------------------------------- names
    def lookup(self, surface: str) -> list[Region]:
        """Regions whose full name or alias is exactly ``surface`` (simplified); [] if none."""
        return list(self._by_surface.get(surface.strip(), ()))

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """(surface, code) for every full name and alias, for a matcher automaton, and the
        two-character names of provinces (三湘 → 湖南省, 八桂 → 广西壮族自治区).

        Full names that are common words (城区, 郊区, 矿区, 东区) are left out; one-character province
        abbreviations and pairing abbreviations have their own methods."""
        for region in self.by_code.values():
            if region.name not in self._generic:
                yield region.name, region.code
            for alias in region.aliases:
                yield alias, region.code
        yield from self._bynames

    def non_places(self) -> dict[str, str]:
        """Words that hold a region name but name no place (示范县 holds 范县, 搬迁安置 holds 迁安,
        新平台 holds 新平): surface → the name it hides. A matcher that adds them as entries of
        their own lets longest-match swallow the false region."""
        return dict(self._not_places)

    def province_abbreviations(self) -> dict[str, list[str]]:
        """abbr → [province codes]: 湘 → [430000], 川/蜀 → [510000], 蒙 → [150000]."""
        return {k: list(v) for k, v in self._province_abbr.items()}

    def publisher_regions(self, source: str) -> list[str]:
        """The codes of the papers a source line names that no region name gives (闽西日报 → 龙岩市)."""
        return [code for name, code in self._publishers.items() if name in source]

    def pairing_abbreviations(self) -> dict[str, tuple[str, str, str]]:
        """闽宁 → (helper code, helped code, mechanism)."""
        return dict(self._pairing_abbr)

    # --------------------------------------------------------------------------- hierarchy
    def parent(self, code: str) -> Region | None:
        p = self.by_code[code].parent
        return self.by_code.get(p) if p else None

    def ancestors(self, code: str) -> list[Region]:
        """Parent first, province last; [] for a province."""
        return [self.by_code[a] for a in self.ancestor_codes(code)]

    def ancestor_codes(self, code: str) -> tuple[str, ...]:
        """The codes of ``ancestors(code)``, worked out once per code."""
        found = self._ancestor_codes.get(code)
        if found is None:
            out: list[str] = []
            region = self.parent(code)
            while region is not None:
                out.append(region.code)
                region = self.parent(region.code)
            found = self._ancestor_codes[code] = tuple(out)
        return found

    def children(self, code: str) -> list[Region]:
        return list(self._children.get(code, ()))

    def province_of(self, code: str) -> Region:
        return self.by_code[self.by_code[code].province]

    def is_within(self, code: str, ancestor_code: str) -> bool:
        """True when ``ancestor_code`` is a proper ancestor of ``code``."""
        if code not in self.by_code:
            return False
        return ancestor_code in self.ancestor_codes(code)

    # ------------------------------------------------------------------------ 东西部协作 roles
    def _role(self, code: str, roles: set[str]) -> bool:
        if code not in self.by_code:
            return False
        return code in roles or any(a in roles for a in self.ancestor_codes(code))

    def is_eastern_partner(self, code: str) -> bool:
        """The region is (or lies within) a unit that helps in 东西部协作 (any round)."""
        return self._role(code, self._eastern)

    def is_western_partner(self, code: str) -> bool:
        """The region is (or lies within) a unit helped in 东西部协作 (any round)."""
        return self._role(code, self._western)


class GazetteerLike(Protocol):
    """What the rooms above read of a Gazetteer: tests hand them small ones built from a few regions.
    The graph's hierarchy needs only ``by_code``; lists and coverage also look names up."""

    by_code: dict[str, Region]

    def lookup(self, surface: str) -> list[Region]: ...

    def is_within(self, code: str, ancestor_code: str) -> bool: ...


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The project gazetteer, loaded once per process."""
    return Gazetteer()
