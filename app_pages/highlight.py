"""A document's own text with its facts marked: evidence sentences shaded, entity mentions underlined in
their type's colour. Every character of the document is escaped; only our own tags are markup.

Why evidence spans are checked: they index the document's original text (``sentence ==
original[start:end]``); a file edited since the build no longer matches, and marking the wrong words
would mislead. Such a span is looked up by its sentence instead, and counted when it cannot be found.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from bangfu.views.network import type_colour

EVIDENCE_BG = "#FFF1B8"


@dataclass(frozen=True)
class Marked:
    html: str
    evidence_found: int
    evidence_missing: int
    mentions: int


def locate(original: str, sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of an evidence sentence in ``original``: as recorded when it still matches, else the
    first place the sentence occurs, else None."""
    if 0 <= start <= end <= len(original) and original[start:end] == sentence:
        return start, end
    found = original.find(sentence) if sentence else -1
    return (found, found + len(sentence)) if found >= 0 else None


def mention_spans(original: str, surfaces: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, label) of every occurrence of each surface form, longest forms first, no overlaps."""
    taken = [False] * len(original)
    out = []
    for surface, label in sorted(set(surfaces), key=lambda s: (-len(s[0]), s[0])):
        if len(surface) < 2:  # one character (川) would mark every 川 in the text
            continue
        pos = original.find(surface)
        while pos >= 0:
            end = pos + len(surface)
            if not any(taken[pos:end]):
                out.append((pos, end, label))
                for i in range(pos, end):
                    taken[i] = True
            pos = original.find(surface, end)
    return sorted(out)


def mark(
    original: str, evidence: Iterable[tuple[str, int, int]], surfaces: Iterable[tuple[str, str]]
) -> Marked:
    """HTML of ``original`` with evidence (sentence, start, end) shaded and entity surfaces underlined."""
    n = len(original)
    shaded = [False] * n
    found = missing = 0
    for sentence, start, end in evidence:
        span = locate(original, sentence, start, end)
        if span is None:
            missing += 1
            continue
        found += 1
        for i in range(span[0], span[1]):
            shaded[i] = True
    label_at: list[str | None] = [None] * n
    mentions = mention_spans(original, surfaces)
    for start, end, label in mentions:
        for i in range(start, end):
            label_at[i] = label
    parts = []
    i = 0
    while i < n:
        j = i
        while j < n and shaded[j] == shaded[i] and label_at[j] == label_at[i]:
            j += 1
        text = html.escape(original[i:j])
        style = []
        if shaded[i]:
            style.append(f"background:{EVIDENCE_BG}")
        if label_at[i]:
            colour = type_colour(label_at[i])
            style.append(f"border-bottom:3px solid {colour};color:{colour};font-weight:600")
        if style:
            title = f' title="{html.escape(label_at[i])}"' if label_at[i] else ""
            parts.append(f'<span style="{";".join(style)}"{title}>{text}</span>')
        else:
            parts.append(text)
        i = j
    body = "".join(parts)
    container = (
        '<div class="bangfu-doc" style="white-space:pre-wrap;line-height:1.9;font-size:15px;'
        'max-height:640px;overflow-y:auto;border:1px solid #E4E7EB;padding:12px;border-radius:6px">'
    )
    return Marked(f"{container}{body}</div>", found, missing, len(mentions))
