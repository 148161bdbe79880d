"""A sentence seen as the relation patterns need it: its actors in order, its clauses, its context."""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from bangfu.knowledge.cues import Cues
from loaders.extract.mentions import Mention
from loaders.extract.sentences import Sentence

CLAUSE_BREAK = re.compile(r"[，,：:（）()]")
LIST_JOIN = ("、", "和", "及", "以及")
# 伊犁、阿勒泰、塔城3个地区和奎屯市: a count closing one part of a list, then the list goes on
# 六安市(大别山革命老区)、三明市(…): a bracketed note after an item, then the list goes on
_NOTE_JOIN = re.compile(r"^[（(][^（）()，。]{1,20}[）)](?:、|和|及|以及)$")
# 帮助阿吉村养蜂、落太邑村养牛: villages listed each with what is done there
_VERB_JOIN = re.compile(r"^[\u4e00-\u9fff]{1,3}、$")
_COUNTED_JOIN = re.compile(
    r"^(?:等)?(?:\d+|[一二三四五六七八九十两]+)个[\u4e00-\u9fff]{1,4}?(?:和|及|以及|、)$"
)
_MAX_FILLER = 8
# an enumeration mark or a markdown lead before a sentence's first actor: 一、 2. （三） ##
_ENUMERATION = re.compile(
    r"^[\s*#]*(?:[一二三四五六七八九十\d]+[、.．是]|[（(][一二三四五六七八九十\d]+[）)])?"
)


class _lazy:
    """functools.cached_property without its lock (Python 3.11 takes one per first access, and a
    view is made for every sentence with an actor): computed on first access, then a plain attribute."""

    def __init__(self, fn) -> None:
        self.fn, self.name = fn, fn.__name__

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


@dataclass
class DocumentView:
    """What a sentence may ask of its whole document: the document's actors in order and the span of
    its title line. A report on one platform names it in the title and then writes "紫皮蒜是宾川县特产"
    with no platform; a platform's operator named anywhere in the text is the one the text credits."""

    actors: list[Mention]
    title: tuple[int, int] | None = None  # the first line, when it is a heading

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [a.start for a in self.actors]

    def actors_within(self, start: int, end: int) -> list[Mention]:
        starts = self._starts
        return self.actors[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    @functools.cached_property
    def places_named(self) -> list[tuple[int, Mention]]:
        """Each place the document names (not as the address of another: 池州市 of 池州市石台县), with
        how often, most often first: what 当地 stands for in a report on one place."""
        counts: dict[str, list[Mention]] = {}
        for a in self.actors:
            if a.type == "Region" and a.via != "chain-parent":
                counts.setdefault(a.entity_id, []).append(a)
        return sorted(((len(ms), ms[0]) for ms in counts.values()), key=lambda x: -x[0])

    @functools.cached_property
    def named(self) -> dict[str, Mention]:
        """Each entity name the document names → its first mention."""
        out: dict[str, Mention] = {}
        for a in self.actors:
            if a.name:
                out.setdefault(a.name, a)
        return out


@dataclass
class SentenceView:
    sentence: Sentence
    text: str
    actors: list[Mention]  # resolved mentions that can act: not inside a brand or campaign name
    inner: list[Mention]  # resolved places inside brand/campaign names (湖南红茶, 中国（龙山）百合节)
    cues: Cues
    # the document's own helper (广东 in a report on 广东援疆), for statements that name none
    frame: Mention | None = None
    document: DocumentView | None = None
    # the sentence's span, as plain attributes: the families read them hundreds of thousands of times
    start: int = field(init=False)
    end: int = field(init=False)

    def __post_init__(self) -> None:
        self.start, self.end = self.sentence.start, self.sentence.end

    def between(self, a: int, b: int) -> str:
        return self.text[a:b]

    def heading_mechanism(self, pairing_only: bool = True) -> str | None:
        """The mechanism of the innermost heading naming one (消费帮扶 is everywhere: optional)."""
        if pairing_only not in self._heading_cache:
            self._heading_cache[pairing_only] = self._heading_mechanism(pairing_only)
        return self._heading_cache[pairing_only]

    @_lazy
    def _heading_cache(self) -> dict[object, str | None]:
        """The mechanisms asked of this sentence (its headings', its own), each found once."""
        return {}

    def _heading_mechanism(self, pairing_only: bool) -> str | None:
        for heading in reversed(self.sentence.headings):
            mech = self.cues.find_mechanism(heading.text)
            if mech and (mech != "消费帮扶" or not pairing_only):
                return mech
        return None

    def sentence_mechanism(self, pairing_only: bool = True) -> str | None:
        key = ("sentence", pairing_only)
        if key not in self._heading_cache:
            self._heading_cache[key] = self._sentence_mechanism(pairing_only)
        return self._heading_cache[key]

    def _sentence_mechanism(self, pairing_only: bool) -> str | None:
        mech = self.cues.find_mechanism(self.text[self.start : self.end])
        if mech == "消费帮扶" and pairing_only:
            # a pairing mechanism later in the sentence wins over the generic one
            rest = self.text[self.start : self.end].replace("消费帮扶", "").replace("消费扶贫", "")
            mech = self.cues.find_mechanism(rest)
        return mech

    @_lazy
    def _starts(self) -> list[int]:
        """The actors' starts (in order: the actors are sorted by start), for bisect."""
        return [a.start for a in self.actors]

    @_lazy
    def starts_at(self) -> frozenset[int]:
        """Where actors start: whether one starts at a position, in one look-up."""
        return frozenset(self._starts)

    def index_at(self, pos: int) -> int:
        """How many actors start before pos (the actors are sorted by start)."""
        return bisect.bisect_left(self._starts, pos)

    @_lazy
    def _breaks(self) -> list[int]:
        """Positions of the sentence's clause breaks, found once (clause_bounds is asked often)."""
        return [m.start() for m in CLAUSE_BREAK.finditer(self.text, self.start, self.end)]

    def clause_bounds(self, pos: int) -> tuple[int, int]:
        """The clause (between commas/colons/brackets) holding pos."""
        breaks = self._breaks
        i = bisect.bisect_left(breaks, pos)
        left = breaks[i - 1] + 1 if i > 0 else self.start
        right = breaks[i] if i < len(breaks) else self.end
        return left, right

    def subject(self) -> Mention | None:
        """The first actor, when it opens the sentence (after an enumeration mark or a lead verb)."""
        return self._subject

    @_lazy
    def _subject(self) -> Mention | None:
        if not self.actors:
            return None
        first = self.actors[0]
        lead = self.text[self.start : first.start]
        lead = _ENUMERATION.sub("", lead)
        if len(lead) <= 4 and not CLAUSE_BREAK.search(lead):
            return first
        return None

    def run_before(self, pos: int, connectors: tuple[str, ...] = LIST_JOIN) -> tuple[list[Mention], str]:
        """Actors joined by list words that end just before pos, and the filler between them and pos."""
        # the actors ending at or before pos, nearest first (they start before pos: found by bisect)
        actors = self.actors
        before = (
            actors[j]
            for j in range(bisect.bisect_left(self._starts, pos) - 1, -1, -1)
            if actors[j].end <= pos
        )
        last = next(before, None)
        if last is None:
            return [], ""
        filler = self.text[last.end : pos]
        if len(filler) > _MAX_FILLER or CLAUSE_BREAK.search(filler) or "、" in filler:
            return [], filler
        run = [last]
        for prev in before:
            gap = self.text[prev.end : run[0].start]
            if gap in connectors or gap == "":  # a list word, or nothing (a chain: 湘西州龙山县)
                run.insert(0, prev)
            else:
                break
        return collapse_chains(run), filler

    def run_after(self, pos: int, connectors: tuple[str, ...] = LIST_JOIN, max_gap: int = 2) -> list[Mention]:
        actors = self.actors
        first = bisect.bisect_left(self._starts, pos)  # the actors starting at or after pos
        if first == len(actors) or len(self.text[pos : actors[first].start]) > max_gap:
            return []
        gap0 = self.text[pos : actors[first].start]
        if CLAUSE_BREAK.search(gap0):
            return []
        run = [actors[first]]
        for nxt in itertools.islice(actors, first + 1, None):
            gap = self.text[run[-1].end : nxt.start]
            if (
                gap == ""
                or gap in connectors
                or _COUNTED_JOIN.match(gap)
                or _NOTE_JOIN.match(gap)
                or (_village(run[-1]) and _village(nxt) and _VERB_JOIN.match(gap))
            ):
                run.append(nxt)
            else:
                break
        return collapse_chains(run)

    def chain_start(self, m: Mention) -> int:
        """Where the chain ending at m begins: 江苏省盐城市 → the start of 江苏省."""
        start = m.start
        if m.via != "chain":
            return start
        ends = self._region_ends
        while m.via == "chain":
            prev = ends.get(start)
            if prev is None:
                break
            m = prev
            start = m.start
        return start

    @_lazy
    def _region_ends(self) -> dict[int, Mention]:
        """Where a place ends → the first such actor: chain_start in one step per link."""
        ends: dict[int, Mention] = {}
        for a in self.actors:
            if a.type == "Region":
                ends.setdefault(a.end, a)
        return ends

    @_lazy
    def memo(self) -> dict[tuple, object]:
        """Answers the families ask of this sentence more than once (keyed by the question and its
        position): whether a place is a cue's object, whether a span holds a trap word."""
        return {}

    def chain_end(self, m: Mention) -> Mention:
        """The most specific place of the chain starting at m: 甘肃省临夏州 → 临夏州."""
        while m.type == "Region":
            nxt = self._chain_links.get(m.end)
            if nxt is None:
                break
            m = nxt
        return m

    @_lazy
    def _chain_links(self) -> dict[int, Mention]:
        """Where a chained place starts → the first such actor: chain_end in one step per link, not one
        walk over every actor (a sentence may name thousands of places)."""
        links: dict[int, Mention] = {}
        for a in self.actors:
            if a.type == "Region" and a.via == "chain":
                links.setdefault(a.start, a)
        return links


def collapse_chains(run: list[Mention]) -> list[Mention]:
    """湘西州龙山县 → 龙山县: an adjacent parent written before its child is the child's address."""
    out: list[Mention] = []
    for m in run:
        if out and out[-1].end == m.start and out[-1].type == m.type == "Region" and m.via == "chain":
            out[-1] = m
        else:
            out.append(m)
    return out


def _village(m: Mention) -> bool:
    """A place below a county (no code of its own)."""
    return m.type == "Region" and not m.code
