"""One module per input format (like networkx's readwrite/): each turns a file's bytes into a TextLayer.

A TextLayer is the text as the file presents it to a reader (tags gone, paragraphs as lines) plus the
metadata the format itself carries; normalization for matching happens later, in loaders.normalize.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class TextLayer:
    text: str
    format: str
    title: str | None = None
    date: str | None = None
    source: str | None = None
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
