"""Normalization for matching, with a map back to the original text.

Steps (each seen in data/corpus):
1. strip inline pinyin glosses after a character — 中(zhōng)央, 消費(fèi), 乡村(xiāng cūn)振兴,
   中(zhong1)央 — and nothing else: （以下简称“新春行动”）, (发改振兴〔2021〕640号), 国内生产总值(GDP),
   第(一)条 and Beijing(běi) stay (loaders.pinyin decides);
2. rejoin words split by page breaks in text converted from PDF ("各级各部门结\\n\\n合工作实际", also
   across a page number: "结\\n— 3 —\\n合"), never joining a heading, a title or a finished sentence
   to the paragraph under it;
3. drop Markdown emphasis (**) and spaces between two Chinese characters or their punctuation;
4. full-width letters and digits to ASCII, ideographic and no-break spaces to spaces;
5. half-width , ; : ? ! between Chinese characters to their full-width forms. Documents typed on
   mixed keyboards (two of the five samples) use both; one form means lexicons, patterns and
   sentence splitting need one comma, and the original keeps what the author typed;
6. traditional → simplified with OpenCC (t2s), plus 甯→宁 and 陜→陕 that OpenCC leaves.

Steps 1–3 only delete characters: regular-expression scans find every candidate, and they are cut
out at once. Steps 4–6 replace one character by one, so the map (``offsets[i]`` = index in the
original of ``text[i]``) is made once, from the deletions: an ``Offsets`` holds the runs of kept
characters, not one number per character (a list of two million ints took longer to make than the
rest of normalization). Every step is skipped when a quick scan in C shows it has nothing to do
(most documents have no traditional characters, no glosses …).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator, Sequence
from typing import overload

from bangfu.knowledge.t2s import to_simplified
from loaders.pinyin import TONE_LETTERS, is_gloss

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_CHAR = re.compile(f"[{CJK}]")
# deletion candidates, one scan each: a scan for a literal first character runs in C and skips
# ahead fast, where one alternation of them all is four times slower
_GLOSS_INNER = rf"[ \t]*[a-zA-Z{TONE_LETTERS}ɡ][a-zA-Z0-9 '’·\-üÜ{TONE_LETTERS}ɡ]{{0,60}}?[ \t]*[)）]"
_GLOSSES = (("(", re.compile(r"\(" + _GLOSS_INNER)), ("（", re.compile("（" + _GLOSS_INNER)))
# a page number on a line of its own between two pages ("— 3 —", "3", "第3页 共10页") is part of the break
_PAGE_NUMBER_LINE = (
    r"[ \t]*(?:[-—–][ \t]*\d{1,3}[ \t]*[-—–]|\d{1,3}|第[ \t]*\d{1,3}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*\d{1,3}[ \t]*页)?)"
    r"[ \t]*\n"
)
_BREAK = re.compile(rf"\n(?:[ \t]*\n)*(?:{_PAGE_NUMBER_LINE}(?:[ \t]*\n)*)?[ \t]*(?=[{CJK}])")
_EMPHASIS = (("**", re.compile(r"\*\*")), ("__", re.compile("__")))
# a space between two Chinese characters or their punctuation means nothing ("活动方案 》", "县， 株洲")
_CJK_OPEN = f"[{CJK}“‘（《「『〔【]"
_CJK_CLOSE = re.compile(f"[{CJK}，。、；：？！”’）》」』〕】]")
_SPACES = ((" ", re.compile(f" +(?={_CJK_OPEN})")), ("\u3000", re.compile(f"\u3000+(?={_CJK_OPEN})")))
_HEADING_START = re.compile(
    r"\s*(?:#|\*\*|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d)|附件|第[一二三四五六七八九十\d]+[章节条部分])"
)
_JOINS_AFTER = re.compile(f"[{CJK}，、,]")  # a line cut inside a word or clause, not after a sentence
PAGE_BREAK_MIN_LINE = 12  # a line this long that stops mid-word was cut by the page, not by the author
_SENTENCE_STOP = re.compile("[。！？；]")
HEADING_MAX = 40  # an enumerated line ("一、工作目标") longer than this is a paragraph, not a heading

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20})
_HAS_FULLWIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u00a0]")
_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT_BETWEEN_CJK = re.compile(rf"[,;:?!](?<=[{CJK}”’）》][,;:?!])(?=[{CJK}“‘（《])")

# characters that may change under NFC; text made only of the rest (ASCII, Latin-1 letters, CJK,
# CJK and general punctuation, full-width forms) is NFC already — tests/test_normalize.py checks it
_MAYBE_NOT_NFC = re.compile(
    "[^\x00-\u02ff\u2010-\u2027\u2030-\u205e\u2150-\u22ff\u2460-\u27bf\u3000-\u3029\u3030-\u3098"
    "\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff\ufe30-\ufe4f\uff01-\uffef]"
)


_MAYBE_NOT_NFC_RUN = re.compile(_MAYBE_NOT_NFC.pattern + "+")


def nfc(text: str) -> str:
    """The text in NFC. Only the runs of characters that may change are normalized, each with the
    character before it (which may compose with the run): every other character is stable, composes
    with nothing before it and reorders with nothing (tests/test_normalize.py), so the text can be
    cut before it. A whole page with one pinyin gloss in combining marks cost milliseconds."""
    if not _MAYBE_NOT_NFC.search(text):
        return text
    pieces: list[str] = []
    pos = 0
    for run in _MAYBE_NOT_NFC_RUN.finditer(text):
        start, end = run.span()
        if start > pos:
            start -= 1
        pieces.append(text[pos:start])
        pieces.append(unicodedata.normalize("NFC", text[start:end]))
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _joins(text: str, start: int, end: int, single_newlines: bool) -> bool:
    """Is the line break text[start:end] (newlines and the next line's indent) inside a word?

    The line before must be prose cut mid-clause: long, holding a comma or full stop (a title or
    a heading has none), not a heading or table row itself; the line after must not start a
    heading. A break without a blank line joins only in PDF text, where lines wrap by layout."""
    if not single_newlines and text.count("\n", start, end) < 2:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start].strip()
    if not before or not _JOINS_AFTER.match(before[-1]):
        return False
    if len(before) < PAGE_BREAK_MIN_LINE or not any(p in before for p in "，。；,;"):
        return False
    if "|" in before or "\t" in before or before.startswith("#"):
        return False
    if _HEADING_START.match(before) and len(before) < HEADING_MAX and not _SENTENCE_STOP.search(before):
        return False  # a heading; "**(八) 开展…活动。**各级各部门结" is a paragraph led by one
    return not _HEADING_START.match(text, end)


def _gloss_spans(original: str) -> list[tuple[int, int]]:
    spans = []
    for bracket, pattern in _GLOSSES:
        if bracket in original:
            for m in pattern.finditer(original):
                s, e = m.span()
                if s and _CJK_CHAR.match(original, s - 1) and is_gloss(original[s + 1 : e - 1]):
                    spans.append((s, e))
    return spans


def _deletions(original: str, join: bool, single_newlines: bool) -> list[tuple[int, int]]:
    """Sorted, disjoint spans to cut: glosses, page breaks inside words, emphasis, spaces in CJK."""
    spans = _gloss_spans(original)
    if join:
        for m in _BREAK.finditer(original):
            s, e = m.span()
            while s and original[s - 1] in " \t":
                s -= 1
            if _joins(original, s, e, single_newlines):
                spans.append((s, e))
    for literal, pattern in _EMPHASIS:
        if literal in original:
            spans.extend(m.span() for m in pattern.finditer(original))
    for literal, pattern in _SPACES:
        if literal in original:
            spans.extend(
                m.span()
                for m in pattern.finditer(original)
                if m.start() and _CJK_CLOSE.match(original, m.start() - 1)
            )
    spans.sort()
    disjoint: list[tuple[int, int]] = []
    for s, e in spans:
        if disjoint and s < disjoint[-1][1]:
            disjoint[-1] = (disjoint[-1][0], max(e, disjoint[-1][1]))
        else:
            disjoint.append((s, e))
    return disjoint


class Offsets(Sequence[int]):
    """``offsets[i]``: the position in the original text of the normalized text's ``text[i]``, for
    ``i`` from 0 to ``len(text)`` (the last is ``len(original)``).

    Kept as runs: ``starts[k]`` is the text position where the k-th run of kept characters starts,
    ``shifts[k]`` what its positions add to become the original's. A position is found by bisect;
    a slice or an iteration gives plain ints."""

    __slots__ = ("_starts", "_shifts", "_len")

    def __init__(self, starts: list[int], shifts: list[int], length: int) -> None:
        self._starts, self._shifts, self._len = starts, shifts, length

    @classmethod
    def after_deletions(cls, spans: list[tuple[int, int]], original_length: int) -> Offsets:
        """The map of a text made from one of ``original_length`` characters by cutting out the
        sorted, disjoint ``spans``."""
        starts, shifts = [0], [0]
        kept = pos = 0  # characters kept so far; where the original goes on
        for s, e in spans:
            kept += s - pos
            pos = e
            starts.append(kept)
            shifts.append(e - kept)
        return cls(starts, shifts, kept + original_length - pos + 1)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._len))]
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("offset index out of range")
        return i + self._shifts[bisect.bisect_right(self._starts, i) - 1]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._len]
        for start, end, shift in zip(self._starts, ends, self._shifts, strict=True):
            yield from range(start + shift, end + shift)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to lists, so no hash of its own

    def __repr__(self) -> str:
        return f"Offsets(runs={len(self._starts)}, length={self._len})"


def normalize(
    original: str, join_page_breaks: bool = True, single_newlines: bool = False
) -> tuple[str, Offsets]:
    """(normalized text, offsets) for an original text already in NFC.

    ``join_page_breaks`` rejoins words split across blank lines (text converted from PDF);
    ``single_newlines`` also across plain line breaks (a PDF's own text layer wraps lines by layout).
    """
    spans = _deletions(original, join_page_breaks, single_newlines)
    if spans:
        ends = [0, *(e for _, e in spans)]
        starts = [*(s for s, _ in spans), len(original)]
        text = "".join([original[a:b] for a, b in zip(ends, starts, strict=True)])
    else:
        text = original
    offsets = Offsets.after_deletions(spans, len(original))
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    if _PUNCT_BETWEEN_CJK.search(text):
        text = _PUNCT_BETWEEN_CJK.sub(lambda m: _HALF_PUNCT[m.group()], text)
    return to_simplified(text), offsets


def for_metadata(original: str) -> str:
    """The text as metadata finders want it: glosses gone, full-width digits and traditional characters
    normalized, but every space and line kept ("…实施意见 湘发改西开〔2021〕726号" stays two parts)."""
    spans = sorted(_gloss_spans(original))
    if spans:
        ends = [0, *(e for _, e in spans)]
        starts = [*(s for s, _ in spans), len(original)]
        original = "".join(original[a:b] for a, b in zip(ends, starts, strict=True))
    if _HAS_FULLWIDTH.search(original):
        original = original.translate(_FULLWIDTH)
    return to_simplified(original)
