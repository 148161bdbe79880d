"""Sentences and section headings of a normalized text, each with its span.

Relations are stated inside one sentence, but their mechanism is often set by the heading above
("二、东西部协作帮扶持续深化。" governs the paragraph under it), so every sentence carries the stack
of headings in force where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_END = "。！？!?；;"
_SENT_RE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]*")

# enumerated heading markers and their nesting level (smaller = outer)
_MARKERS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"^#{1,6}\s*"), 0),  # markdown: level from the number of '#'
    (re.compile(r"^[一二三四五六七八九十百]+[、.．]"), 1),
    (re.compile(r"^[（(][一二三四五六七八九十]+[）)]"), 2),
    (re.compile(r"^\d{1,2}[.、．](?!\d)"), 3),
    (re.compile(r"^[（(]\d{1,2}[）)]"), 3),
    (re.compile(r"^[一二三四五六七八九十]+是"), 4),
]
# the enumerated markers in one pattern: the first alternative that matches is the first marker of the
# list that does (each anchored at the start), and its group number gives the level
_ENUMERATED = re.compile("|".join(f"({pattern.pattern.removeprefix('^')})" for pattern, _ in _MARKERS[1:]))
_ENUMERATED_LEVELS = [level for _, level in _MARKERS[1:]]
_MAX_HEADING = 40
_MARKUP = "*#|"  # a sentence opening with one of these may be markup alone
_INLINE_FIRST = "*一二三四五六七八九十"  # what an "一是…" lead sentence can open with


@dataclass
class Heading:
    level: int
    text: str
    start: int
    end: int


@dataclass
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    headings: list[Heading] = field(default_factory=list)
    is_heading: bool = False

    @property
    def heading_text(self) -> str:
        return " ".join(h.text for h in self.headings)


def _heading_level(text: str, whole_line: bool) -> int | None:
    """The level of a heading, or None when the text is body text.

    A whole short line without final punctuation is a heading (HTML <strong> lines, Markdown '#');
    an enumerated lead sentence ("二、东西部协作帮扶持续深化。", "四是开展…活动。") is one too.
    """
    stripped = text.strip().strip("*").strip()
    if not stripped or len(stripped) > _MAX_HEADING or "\t" in stripped or "|" in stripped:
        return None  # too long, or a table row
    if stripped.startswith("#"):
        return len(stripped) - len(stripped.lstrip("#")) - 1
    enumerated = _ENUMERATED.match(stripped)
    if enumerated is not None:
        return _ENUMERATED_LEVELS[enumerated.lastindex - 1]
    if whole_line and stripped[-1] not in _END + "，,：:" and len(stripped) >= 4:
        # an unnumbered short line: a heading above the numbered ones
        return 1
    return None


def _inline_heading_level(text: str) -> int | None:
    """Inside a paragraph only the "一是/二是…" lead sentences open a sub-section."""
    stripped = text.strip().strip("*")
    if len(stripped) <= _MAX_HEADING and _MARKERS[-1][0].match(stripped):
        return _MARKERS[-1][1]
    return None


def split_sentences(text: str) -> list[Sentence]:
    """Split into sentences (ending at 。！？； or a line break), tracking the heading stack.

    One scan of the whole text (a sentence never holds a line break): a line is looked at when its
    first sentence comes, and a sentence without spaces around it, a markup character or an
    enumerating first character takes no further test."""
    sentences: list[Sentence] = []
    append = sentences.append
    stack: list[Heading] = []
    paragraph = -1
    line_end = -1  # where the line of the last sentence ends (its "\n", or the end of the text)
    first = False
    for m in _SENT_RE.finditer(text):
        start, end = m.span()
        if start > line_end:  # the first run of a new line
            line_start = text.rfind("\n", 0, start) + 1
            # lines in between hold no run: empty, or final punctuation alone (a paragraph each)
            if line_start > line_end + 1:
                paragraph += sum(1 for line in text[line_end + 1 : line_start - 1].split("\n") if line)
            line_end = text.find("\n", start)
            if line_end < 0:
                line_end = len(text)
            line = text[line_start:line_end]
            if line.isspace():
                continue  # a blank line: its one run is spaces
            paragraph += 1
            first = True
        raw = m.group()
        s_text = raw.strip()
        if not s_text or (s_text[0] in _MARKUP and not s_text.strip("*#| \t")):
            continue
        if len(s_text) != len(raw):
            start += len(raw) - len(raw.lstrip())
            end -= len(raw) - len(raw.rstrip())
        if first:
            level = _heading_level(s_text, end - line_start >= len(line.rstrip()))
            first = False
        elif s_text[0] in _INLINE_FIRST:
            level = _inline_heading_level(s_text)
        else:
            level = None
        if level is not None:
            heading = Heading(level, s_text.strip("*# "), start, end)
            outer = [h for h in stack if h.level < level]
            stack = [*outer, heading]
            append(Sentence(start, end, s_text, paragraph, outer, True))
        else:
            # the sentences under one heading share its stack (a new heading makes a new list;
            # nothing changes one in place)
            append(Sentence(start, end, s_text, paragraph, stack, False))
    return sentences
