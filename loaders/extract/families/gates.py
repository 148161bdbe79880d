"""Which relation families a sentence can feed, decided before any of them runs.

Most families return nothing for most sentences: tasks needs 承担/负责/担负, official_units a unit
among the actors, the directed family a directed cue. They check that themselves, but calling twenty
families on every sentence with an actor costs the calls and their first checks more than the few
calls that find a fact. So each family declares what it cannot do without (``@needs``): groups of
words of which one must be written inside the sentence, cue roles (data/lexicons/cues.csv) standing
for their words, and kinds of actor. One automaton pass over the document's sentences that have an
actor (ahocorasick-rs, every occurrence, overlapping) gives each sentence its words as bits, its
actors add theirs, and the families worth calling are looked up by those bits, once per distinct
set of bits.

A need must be implied by what the family itself checks: skipping a family then changes no output.
A word counts only when it lies wholly inside the sentence, as the families' own scans read it.
"""

from __future__ import annotations

import bisect
import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import ahocorasick_rs

from bangfu.knowledge.cues import Cues
from loaders.extract.sentences import Sentence
from loaders.extract.view import SentenceView

# kinds of actor a family may need (bits above the words')
PLATFORM = "Platform"  # a platform among the actors
UNIT = "unit"  # an organisation or an agency among the actors
FRAME_ORG = "frame_org"  # the document's own helper is an organisation or agency (not a place)
REGIONS_2 = "regions_2"  # two places at least
ACTORS_2 = "actors_2"  # two actors at least
_ACTOR_FLAGS = (PLATFORM, UNIT, FRAME_ORG, REGIONS_2, ACTORS_2)
_INDEX, _END = itemgetter(0), itemgetter(2)


@dataclass(frozen=True)
class Words:
    """One group: the sentence must hold one of these words or of the words of these cue roles."""

    words: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def resolve(self, cues: Cues) -> frozenset[str]:
        return frozenset(self.words).union(*(cues.words(r) for r in self.roles))


def words(*ws: str | Iterable[str], roles: Sequence[str] = ()) -> Words:
    """Words(...) from words and iterables of words (a family's own word tuples)."""
    flat: list[str] = []
    for w in ws:
        flat.extend([w] if isinstance(w, str) else w)
    return Words(tuple(flat), tuple(roles))


@dataclass(frozen=True)
class Need:
    """Every group of words and every kind of actor, all at once."""

    groups: tuple[Words, ...] = ()
    actors: tuple[str, ...] = ()


def needs(*groups: Words, actors: Sequence[str] = (), alternatives: Sequence[Need] = ()) -> Callable:
    """Mark a family with what it needs: the groups and actors given, or any of the alternatives."""
    options = (Need(groups, tuple(actors)), *alternatives) if groups or actors else tuple(alternatives)

    def mark(family: Callable) -> Callable:
        family.needs = options
        return family

    return mark


class Gates:
    """The automaton over every word the families and the sentence gate need, each word's bits, and
    per (families, bits) the families a sentence with those bits is worth calling for."""

    def __init__(self, cues: Cues, families: Iterable[Callable], sentence_gate: Words) -> None:
        # the kinds of actor take the low bits, each group of words one bit above them
        self.actor_bit = {flag: 1 << i for i, flag in enumerate(_ACTOR_FLAGS)}
        groups: dict[frozenset[str], int] = {}

        def bit_of(group: Words) -> int:
            ws = group.resolve(cues)
            if ws not in groups:
                groups[ws] = 1 << (len(_ACTOR_FLAGS) + len(groups))
            return groups[ws]

        self.sentence_gate = bit_of(sentence_gate)
        # per family, its options: (the bits every one of which it needs)
        self._options: dict[Callable, tuple[tuple[int, ...], ...]] = {}
        for family in families:
            self._options[family] = tuple(
                (*(bit_of(g) for g in need.groups), *(self.actor_bit[a] for a in need.actors))
                for need in getattr(family, "needs", (Need(),))
            )
        bits_of_word: dict[str, int] = {}
        for ws, bit in groups.items():
            for w in ws:
                bits_of_word[w] = bits_of_word.get(w, 0) | bit
        self._words = list(bits_of_word)
        for w in self._words:
            if len(w) > 1 and any(c.isspace() for c in w):
                raise ValueError(f"gate word {w!r} holds a white space: it could cross two sentences")
        self._bits = [bits_of_word[w] for w in self._words]
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._words,
            matchkind=ahocorasick_rs.MatchKind.Standard,
            implementation=ahocorasick_rs.Implementation.DFA,
        )
        self._chosen: dict[tuple[tuple[Callable, ...], int], tuple[Callable, ...]] = {}

    def sentence_words(
        self, text: str, sentences: Sequence[Sentence], wanted: Sequence[int]
    ) -> dict[int, int]:
        """The words of the wanted sentences as bits, from one pass over their text (joined by line
        breaks: a third of a report's text has an actor, the rest need not be read).

        The automaton reports every occurrence in the order of its end; a sentence's are those
        ending inside its part, since no word holds a line break (checked when the automaton is
        built). Mapping and or-ing run in C (map, reduce)."""
        spans = [(sentences[i].start, sentences[i].end) for i in wanted]
        hits = self._automaton.find_matches_as_indexes(
            "\n".join([text[a:b] for a, b in spans]), overlapping=True
        )
        ends = list(map(_END, hits))
        hit_bits = list(map(self._bits.__getitem__, map(_INDEX, hits)))
        out: dict[int, int] = {}
        offset = 0
        for i, (a, b) in zip(wanted, spans, strict=True):
            lo = bisect.bisect_right(ends, offset)
            offset += b - a
            out[i] = functools.reduce(operator.or_, hit_bits[lo : bisect.bisect_right(ends, offset, lo)], 0)
            offset += 1
        return out

    def words_of(self, view: SentenceView) -> int:
        """One sentence's words as bits, from a pass over that sentence alone."""
        mask = 0
        bits = self._bits
        for idx, _start, _end in self._automaton.find_matches_as_indexes(
            view.text[view.start : view.end], overlapping=True
        ):
            mask |= bits[idx]
        return mask

    def actors_of(self, view: SentenceView) -> int:
        """The kinds of actor the sentence has, as bits."""
        bit = self.actor_bit
        mask = 0
        regions = 0
        for a in view.actors:
            kind = a.type
            if kind == "Region":
                regions += 1
            elif kind == "Platform":
                mask |= bit[PLATFORM]
            elif kind in ("Organization", "Agency"):
                mask |= bit[UNIT]
        if regions >= 2:
            mask |= bit[REGIONS_2]
        if len(view.actors) >= 2:
            mask |= bit[ACTORS_2]
        frame = view.frame
        if frame is not None and frame.type != "Region":
            mask |= bit[FRAME_ORG]
        return mask

    def chosen(self, families: tuple[Callable, ...], mask: int) -> tuple[Callable, ...]:
        """The families (in their order) whose needs the bits meet."""
        key = (families, mask)
        found = self._chosen.get(key)
        if found is None:
            found = self._chosen[key] = tuple(f for f in families if self._meets(f, mask))
        return found

    def _meets(self, family: Callable, mask: int) -> bool:
        return any(all(mask & bit for bit in option) for option in self._options[family])
