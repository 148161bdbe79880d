"""The Document every loader produces and every later stage consumes.

A document keeps two texts: ``original`` (the text layer as the file wrote it: traditional characters,
pinyin glosses and all) and ``text`` (normalized for matching). ``offsets`` maps each position of
``text`` to a position of ``original`` so that evidence found in ``text`` can always be shown as the
user's own words. ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Document:
    id: str
    path: str
    format: str
    original: str
    text: str
    offsets: Sequence[int]  # a list, or loaders.normalize.Offsets (runs, not one int per character)
    title: str | None = None
    date: str | None = None
    doc_number: str | None = None
    source: str | None = None
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None  # of a text file's bytes (utf-8, gb18030, big5 …); None for PDF/DOCX

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalized text to the original text.

        The span ends right after the original character behind ``text[end-1]``, so a gloss or markup
        that normalization removed after the last character stays outside the evidence.
        """
        if end <= start:
            pos = self.offsets[start]
            return pos, pos
        return self.offsets[start], self.offsets[end - 1] + 1

    def summary(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "format": self.format,
            "title": self.title,
            "date": self.date,
            "doc_number": self.doc_number,
            "length": len(self.text),
            "warnings": list(self.warnings),
        }
