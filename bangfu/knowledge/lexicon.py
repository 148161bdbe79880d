"""Entity lexicons: agencies, organisations, platforms, brands and campaigns, as data files.

Read from data/lexicons/ (or ``$BANGFU_DATA/lexicons``):

- agencies.csv, organizations.csv, universities.csv, platforms.csv, brands.csv, campaigns.csv —
  name, type, aliases (``|``-separated), scope (``national`` or a province code), kind, source
- provincial_agency_patterns.csv — the departments every province has, written once:
  stems (``|``: how the text writes the department after 省/自治区 or a province name), canonical and
  aliases (templates with ``{province}`` = 湖南省 and ``{short}`` = 湖南), bare (``yes`` when the stem
  alone already means the provincial body: 教育厅 exists only at province level, while 扶贫办 or 妇联
  also exist in every city and county), applies (``province``: 省 and 自治区 only; ``all``: also the
  four municipalities), type, kind, source.

The provincial departments are generated for every province (湖南省教育厅, 湖南省卫生健康委员会 with
alias 湖南省卫健委, 共青团湖南省委 ...) and are found by ``lookup`` and offered by ``surfaces`` like any
other entry; ``qualify`` turns a short form in a document ("省教育厅", "团省委") into the entry of the
document's province. Look-ups ignore quotes, spaces and full-/half-width differences.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bangfu.knowledge.gazetteer import Gazetteer, Region, get_gazetteer
from bangfu.knowledge.ontology import ENTITY_TYPES
from bangfu.knowledge.paths import data_dir

LEXICON_FILES = ("agencies", "organizations", "universities", "platforms", "brands", "campaigns")
_QUOTES = re.compile(r"[\s“”\"'‘’「」『』《》〈〉]")
# a boundary between a CJK character and an ASCII letter or digit, where converted PDFs put a space
_SCRIPT_BOUNDARY = re.compile(r"(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])")


def norm(surface: str) -> str:
    """The key a surface is looked up by: NFKC, no quotes, no spaces."""
    return _QUOTES.sub("", unicodedata.normalize("NFKC", surface))


@dataclass(frozen=True)
class LexEntry:
    name: str
    type: str
    aliases: tuple[str, ...]
    scope: str
    kind: str


@dataclass(frozen=True)
class ProvincialPattern:
    stems: tuple[str, ...]
    canonical: str  # template: {province} full name, {short} short name
    aliases: tuple[str, ...]
    bare: bool
    applies: str  # province | all
    type: str
    kind: str

    def applies_to(self, province: Region) -> bool:
        if province.level != "province" or province.name.endswith(("特别行政区", "台湾省")):
            return False
        return self.applies == "all" or not _is_municipality(province)

    def entry(self, province: Region, short: str) -> LexEntry:
        fill = {"province": province.name, "short": short}
        name = self.canonical.format(**fill)
        aliases = tuple(dict.fromkeys(a.format(**fill) for a in self.aliases if a.format(**fill) != name))
        return LexEntry(name, self.type, aliases, province.code, self.kind)


def _is_municipality(province: Region) -> bool:
    return province.name.endswith("市")


def _level_prefix(province: Region) -> str:
    """How a document of the province names its own level: 省, 自治区, 市 (a municipality)."""
    for suffix in ("自治区", "省", "市"):
        if province.name.endswith(suffix):
            return suffix
    return ""


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _split(text: str) -> tuple[str, ...]:
    return tuple(a for a in (text or "").split("|") if a)


class Lexicon:
    """Every known non-region entity, with aliases, plus the provincial department patterns."""

    def __init__(self, directory: Path | None = None, gazetteer: Gazetteer | None = None) -> None:
        directory = directory or data_dir() / "lexicons"
        self.gazetteer = gazetteer or get_gazetteer()
        self.entries: list[LexEntry] = []
        for stem in LEXICON_FILES:
            path = directory / f"{stem}.csv"
            for r in _rows(path):
                if r["type"] not in ENTITY_TYPES or r["type"] == "Region":
                    raise ValueError(f"{path.name}: unknown type {r['type']!r} for {r['name']}")
                self.entries.append(
                    LexEntry(r["name"], r["type"], _split(r["aliases"]), r["scope"], r["kind"])
                )

        self.provincial_patterns: list[ProvincialPattern] = [
            ProvincialPattern(
                stems=_split(r["stems"]),
                canonical=r["canonical"],
                aliases=_split(r["aliases"]),
                bare=r["bare"] == "yes",
                applies=r["applies"],
                type=r["type"],
                kind=r["kind"],
            )
            for r in _rows(directory / "provincial_agency_patterns.csv")
        ]
        self._by_stem: dict[str, ProvincialPattern] = {}
        for p in self.provincial_patterns:
            for stem in p.stems:
                if stem in self._by_stem:
                    raise ValueError(f"provincial_agency_patterns.csv: stem {stem} in two rows")
                self._by_stem[stem] = p

        self._provinces = [r for r in self.gazetteer.by_code.values() if r.level == "province"]
        self._generated: dict[tuple[int, str], LexEntry] = {}
        for i, p in enumerate(self.provincial_patterns):
            for province in self._provinces:
                if p.applies_to(province):
                    self._generated[(i, province.code)] = p.entry(province, self._short(province))

        self._by_surface: dict[str, list[LexEntry]] = {}
        for entry in self.all_entries():
            for surface in (entry.name, *entry.aliases):
                found = self._by_surface.setdefault(norm(surface), [])
                if entry not in found:
                    found.append(entry)

    def _short(self, province: Region) -> str:
        return province.aliases[0] if province.aliases else province.name

    def all_entries(self) -> Iterator[LexEntry]:
        """The lexicon rows, then the provincial departments generated for every province."""
        yield from self.entries
        yield from self._generated.values()

    # ------------------------------------------------------------------------------- names
    def lookup(self, surface: str) -> list[LexEntry]:
        """Entries whose canonical name or an alias is ``surface`` (quotes/spaces ignored)."""
        return list(self._by_surface.get(norm(surface), ()))

    def surfaces(self) -> Iterator[tuple[str, LexEntry]]:
        """(surface, entry) for every name and alias: as written in the data (“832”平台), without
        its quotes (832平台), and with a space where Chinese meets Latin letters or digits (扶贫 832,
        as converted PDFs write it), so that a matcher finds every spelling."""
        for entry in self.all_entries():
            seen: set[str] = set()
            for surface in (entry.name, *entry.aliases):
                plain = _QUOTES.sub("", surface)
                spaced = (_SCRIPT_BOUNDARY.sub(" ", surface), _SCRIPT_BOUNDARY.sub(" ", plain))
                for form in (surface, plain, *spaced):
                    if form and form not in seen:
                        seen.add(form)
                        yield form, entry

    # ---------------------------------------------------------------- provincial departments
    def provincial_stems(self) -> list[str]:
        """Short forms of provincial departments a document writes without its province:
        省教育厅, 自治区教育厅, 省扶贫办, 团省委, and 教育厅 (bare, where only a province has one)."""
        out: dict[str, None] = {}
        for p in self.provincial_patterns:
            for stem in p.stems:
                if "省" in stem or p.bare:
                    out[stem] = None
                if "省" not in stem:
                    out["省" + stem] = None
                    out["自治区" + stem] = None
        return list(out)

    def qualify(self, surface: str, province: Region) -> LexEntry | None:
        """The department of ``province`` that ``surface`` names: 省教育厅 + 湖南省 → 湖南省教育厅,
        团省委 → 共青团湖南省委, 湖南省卫健委 → 湖南省卫生健康委员会; None when it names no
        provincial department (扶贫办 alone may be a city's) or the province has no such body."""
        if province.level != "province":
            province = self.gazetteer.province_of(province.code)
        s = norm(surface)
        qualified = False
        for prefix in sorted((province.name, *province.aliases), key=len, reverse=True):
            if s.startswith(prefix) and len(s) > len(prefix):
                s, qualified = s[len(prefix) :], True
                break
        level = _level_prefix(province)
        if level and s.startswith(level) and s[len(level) :] in self._by_stem:
            s, qualified = s[len(level) :], True
        pattern = self._by_stem.get(s)
        if pattern is None:
            return None
        if not (qualified or pattern.bare or "省" in s):
            return None
        if "省" in s and not province.name.endswith("省"):
            return None  # 团省委 names a 省's committee, not an 自治区's or a municipality's
        index = self.provincial_patterns.index(pattern)
        return self._generated.get((index, province.code))


@functools.cache
def get_lexicon() -> Lexicon:
    """The project lexicon, loaded once per process."""
    return Lexicon()
