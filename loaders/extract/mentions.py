"""Mentions: every place, agency, organisation, platform, brand and campaign name written in a text.

One pass of an Aho-Corasick automaton over gazetteer names and lexicon aliases finds the known
names; longest match wins where names overlap (湘西土家族苗族自治州 over 湘西, 邵阳红 over 邵阳).
The automaton is ahocorasick-rs (Rust): its leftmost-longest scan gives the same matches as
pyahocorasick's iter_long at ≈ 150 MB/s instead of ≈ 14 (pyahocorasick looks up a character among
the root's thousands of children one by one).
Names no lexicon has yet come from patterns (loaders.extract.patterns). Resolution to one entity
happens later (loaders.extract.resolve), with the whole document as context.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import ahocorasick_rs

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lexicon import get_lexicon

# kinds of automaton entries
REGION = "Region"
AGENCY_STEM = "AgencyStem"  # a provincial department written without its province: 教育厅, 团省委
PAIR_ABBR = "PairAbbr"  # 闽宁, 沪滇: two regions naming a pairing
SELF_REF = "SelfRef"  # 我省, 我市, 本县: the document's own region
NON_PLACE = "NonPlace"  # 示范县, 搬迁安置: words that hold a place name but name no place

SELF_REFERENCES = {
    "我省": "province",
    "本省": "province",
    "全省": "province",
    "省内": "province",
    "我市": "prefecture",
    "本市": "prefecture",
    "全市": "prefecture",
    "我州": "prefecture",
    "我县": "county",
    "本县": "county",
    "该县": "county",
    "全县": "county",
}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    surface: str
    kind: (
        str  # Region | Agency | Organization | Platform | Brand | Campaign | AgencyStem | PairAbbr | SelfRef
    )
    candidates: list = field(default_factory=list)  # region codes, LexEntry, or pattern payloads
    # filled by resolution
    entity_id: str | None = None
    type: str | None = None
    name: str | None = None
    code: str | None = None
    via: str = "lexicon"  # lexicon | pattern | chain | chain-parent | context
    container: Mention | None = None  # the brand/campaign/organisation name this place is written inside

    @property
    def resolved(self) -> bool:
        return self.entity_id is not None


class Matcher:
    """The dictionary automaton, built once per process (about 0.2 s)."""

    def __init__(self) -> None:
        gaz = self._gaz = get_gazetteer()
        lex = get_lexicon()
        entries: dict[str, list[tuple[str, object]]] = {}

        def add(surface: str, kind: str, payload: object) -> None:
            if len(surface) < 2:
                return
            entries.setdefault(surface, []).append((kind, payload))

        for surface, code in gaz.surfaces():
            add(surface, REGION, code)
        for surface, entry in lex.surfaces():
            add(surface, entry.type, entry)
        for stem in lex.provincial_stems():
            add(stem, AGENCY_STEM, stem)
        for abbr in gaz.pairing_abbreviations():
            add(abbr, PAIR_ABBR, abbr)
        for word in SELF_REFERENCES:
            add(word, SELF_REF, word)
        for word in gaz.non_places():
            add(word, NON_PLACE, word)
        self._surfaces = list(entries)
        self._payloads = [tuple(entries[s]) for s in self._surfaces]
        # what each surface is, decided once (not per match): its kind and its candidates
        self._kinds = [_kind_of(p) for p in self._payloads]
        # a two-character region name (和龙) may hide a full name starting at its second character
        # (则和龙岩市); only surfaces whose second character and the next open a full name of three
        # characters or more can, so the rest are never looked at again
        full_names = [
            surface
            for surface, payloads in zip(self._surfaces, self._payloads, strict=True)
            if len(surface) >= 3 and any(k == REGION and gaz.by_code[p].name == surface for k, p in payloads)
        ]
        self._full_name_openings = frozenset(name[:2] for name in full_names)
        self._short_regions = frozenset(
            idx
            for idx, (surface, (kind, _)) in enumerate(zip(self._surfaces, self._kinds, strict=True))
            if kind == REGION and len(surface) == 2
        )
        # the payloads of each surface of the asked kinds, per kinds asked (a brand's places: REGION)
        self._of_kinds: dict[tuple[str, ...], list[tuple]] = {}
        # the filtered form's answers for short texts (the names of brands and campaigns recur)
        self._short_found: dict[tuple[str, tuple[str, ...]], list[tuple[int, int, str, tuple]]] = {}
        # leftmost-longest for the document scan; all overlapping matches for the filtered form
        self._longest = ahocorasick_rs.AhoCorasick(
            self._surfaces,
            matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
            implementation=ahocorasick_rs.Implementation.ContiguousNFA,
        )
        self._all = ahocorasick_rs.AhoCorasick(self._surfaces, matchkind=ahocorasick_rs.MatchKind.Standard)

    def _full_name_at(self, text: str, start: int, beyond: int) -> Mention | None:
        """A region's full name starting at ``start`` and ending past ``beyond``, if any."""
        if text[start : start + 2] not in self._full_name_openings:
            return None
        for idx, first, _end in self._longest.find_matches_as_indexes(text[start : start + 16]):
            surface = self._surfaces[idx]
            if first != 0 or start + len(surface) <= beyond or len(surface) < 3:
                return None
            codes = [p for k, p in self._payloads[idx] if k == REGION]
            if any(self._gaz.by_code[c].name == surface for c in codes):
                return Mention(start, start + len(surface), surface, REGION, codes)
            return None
        return None

    def find(self, text: str, kinds: tuple[str, ...] | None = None) -> list[Mention]:
        """All dictionary mentions, leftmost-longest and non-overlapping (only ``kinds`` when given).

        The automaton's own leftmost-longest scan runs in Rust; the filtered form (for short names such
        as a brand's or a title) picks among all matches in Python.
        """
        if kinds is not None:
            return [
                Mention(start, end, surface, kind, list(cands))
                for start, end, surface, kind, cands in self._find_of_kinds(text, kinds)
            ]
        surfaces, kinds_of, short_regions = self._surfaces, self._kinds, self._short_regions
        out: list[Mention] = []
        append = out.append
        skip_to = 0
        for idx, start, end in self._longest.find_matches_as_indexes(text):
            if start < skip_to:
                continue
            kind, cands = kinds_of[idx]
            if kind == NON_PLACE:
                continue
            if idx in short_regions:
                # 则和龙岩市: the short name 和龙 would hide the full name 龙岩市 that starts inside it
                longer = self._full_name_at(text, start + 1, end)
                if longer is not None:
                    append(longer)
                    skip_to = longer.end
                    continue
            append(Mention(start, end, surfaces[idx], kind, list(cands)))
        return out

    def _find_of_kinds(self, text: str, kinds: tuple[str, ...]) -> list[tuple[int, int, str, str, tuple]]:
        """The filtered form's choice, as (start, end, surface, kind, candidates): the longest match
        first, then the leftmost, none overlapping a chosen one."""
        key = (text, kinds)
        known = self._short_found.get(key)
        if known is not None:
            return known
        of_kinds = self._of_kinds.get(kinds)
        if of_kinds is None:
            of_kinds = self._of_kinds[kinds] = [
                tuple(p for p in payloads if p[0] in kinds) for payloads in self._payloads
            ]
        surfaces = self._surfaces
        found: list[tuple[int, int, str, tuple]] = []
        for idx, start, end in self._all.find_matches_as_indexes(text, overlapping=True):
            payloads = of_kinds[idx]
            if payloads:
                found.append((start, end, surfaces[idx], payloads))
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = bytearray(len(text) + 1)
        chosen: list[tuple[int, int, str, str, tuple]] = []
        for start, end, surface, payloads in found:
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, surface, *_kind_of(payloads)))
        chosen.sort(key=lambda m: m[0])
        if len(text) <= _SHORT_TEXT:
            if len(self._short_found) >= _SHORT_CACHE:
                self._short_found.clear()
            self._short_found[key] = chosen
        return chosen


_SHORT_TEXT = 40  # a name, not a document: the filtered form's answers for these are kept
_SHORT_CACHE = 50_000


def _kind_of(payloads: tuple) -> tuple[str, tuple]:
    """The kind a surface is read as, and its candidates of that kind."""
    kinds = [k for k, _ in payloads]
    # a lexicon entry beats a region alias of the same surface (邵阳红 is a brand, 中国银行 a bank)
    for kind in ("Platform", "Organization", "Agency", "Brand", "Campaign"):
        if kind in kinds:
            return kind, tuple(p for k, p in payloads if k == kind)
    kind = kinds[0]
    return kind, tuple(p for k, p in payloads if k == kind)


@functools.cache
def _abbreviations() -> dict[str, list[str]]:
    """The gazetteer's province abbreviations, read once (each call of the gazetteer's copies them)."""
    return get_gazetteer().province_abbreviations()


def _abbreviation_chars() -> str:
    return "".join(sorted(a for a in _abbreviations() if len(a) == 1))


@functools.cache
def _abbreviation_pattern() -> re.Pattern[str] | None:
    chars = _abbreviation_chars()
    if not chars:
        return None
    # 送客入川, 援疆, 入滇: one character stands for a province only right after 入/援 and before a
    # boundary (a quote, punctuation, or a word such as 旅游, 干部, 工作). 入/援 are part of the
    # match rather than a lookbehind: a pattern opening with a character set is scanned for in C,
    # one opening with a lookbehind is tried at every character (three times slower); the same
    # matches, as neither character is an abbreviation
    assert "入" not in chars and "援" not in chars
    return re.compile(rf"[入援]([{chars}])(?=[”\"」』、，。；\s]|旅游|游|包机|专列|干部|工作|企业|项目|$)")


@functools.cache
def _two_way_pattern() -> re.Pattern[str] | None:
    chars = _abbreviation_chars()
    # 浙鄂两省, 粤桂两省区, 京蒙两地: two provinces written as one character each, then 两省/两地
    return re.compile(rf"([{chars}])([{chars}])(?=两(?:省区|省市|省|地|区))") if chars else None


def find_province_abbreviations(text: str) -> list[Mention]:
    pattern = _abbreviation_pattern()
    if pattern is None:
        return []
    abbrs = _abbreviations()
    found = [
        Mention(m.start(1), m.end(1), m.group(1), REGION, list(abbrs[m.group(1)]), via="abbreviation")
        for m in pattern.finditer(text)
    ]
    if "两" in text:  # the two-way form needs it; most documents never write it
        for m in _two_way_pattern().finditer(text):
            for g in (1, 2):
                found.append(
                    Mention(
                        m.start(g), m.end(g), m.group(g), REGION, list(abbrs[m.group(g)]), via="abbreviation"
                    )
                )
    return sorted(found, key=lambda x: x.start)


@functools.cache
def get_matcher() -> Matcher:
    return Matcher()
