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
_MAX_HEADING = 40


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
    for pattern, level in _MARKERS[1:]:
        if pattern.match(stripped):
            return level
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
    """Split into sentences (ending at 。！？； or a line break), tracking the heading stack."""
    sentences: list[Sentence] = []
    stack: list[Heading] = []
    paragraph = -1
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not line.strip():
            continue
        paragraph += 1
        first = True
        for m in _SENT_RE.finditer(line):
            s_text = m.group(0)
            lead = len(s_text) - len(s_text.lstrip())
            trail = len(s_text) - len(s_text.rstrip())
            s_text = s_text.strip()
            if not s_text.strip("*#| \t"):
                continue
            start = line_start + m.start() + lead
            end = line_start + m.end() - trail
            whole_line = first and m.end() - trail >= len(line.rstrip())
            level = _heading_level(s_text, whole_line) if first else _inline_heading_level(s_text)
            if level is not None:
                heading = Heading(level, s_text.strip("*# "), start, end)
                outer = [h for h in stack if h.level < level]
                stack = [*outer, heading]
                sentences.append(Sentence(start, end, s_text, paragraph, outer, True))
            else:
                # the sentences under one heading share its stack (a new heading makes a new list;
                # nothing changes one in place)
                sentences.append(Sentence(start, end, s_text, paragraph, stack))
            first = False
    return sentences
