"""One module per input format (like networkx's readwrite/): each turns a file's bytes into a TextLayer.

A TextLayer is the text as the file presents it to a reader (tags gone, paragraphs as lines) plus the
metadata the format itself carries; normalization for matching happens later, in loaders.normalize.
"""

from __future__ import annotations

import re
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

    def decoded_as(self, encoding: str, warning: str | None) -> TextLayer:
        """Record which encoding a text file was in, and any damage found decoding it."""
        self.encoding = encoding
        if warning:
            self.warnings.append(warning)
        return self


# control characters no reader should pass on: pypdf leaves NULs from some CID fonts, crawlers leave
# stray bytes; tab and newline stay, a form feed (pdftotext's page break) becomes a blank line
_CONTROLS = {c: None for c in (*range(0, 9), 11, *range(14, 32), 127)}
_CONTROLS[12] = "\n\n"
_HAS_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
# half a UTF-16 pair on its own is no character: OpenCC, UTF-8 output and the store all refuse it
_SURROGATE = re.compile("[\ud800-\udfff]")


# any of the three: one scan answers for most texts, which have none
_ANY_TO_CLEAN = re.compile("[\r\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Line ends unified, control characters gone and lone surrogates replaced (U+FFFD, one for one):
    the text every later stage can trust."""
    if not _ANY_TO_CLEAN.search(text):
        return text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text.translate(_CONTROLS) if _HAS_CONTROL.search(text) else text
