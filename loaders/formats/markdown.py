"""Markdown (often converted from PDF by a tool): read as plain text, links and images reduced to
their words. Headings keep their "#" and their own line: they are sentence boundaries, and the "#"
tells the title finder and the sentence splitter what a heading is. Emphasis ("**") is dropped
later, in normalization, so that evidence can still show it."""

from __future__ import annotations

import re

from loaders.encoding import decode_text
from loaders.formats import TextLayer
from loaders.formats.txt import text_layer

# ![alt](src) → alt, [words](url) → words; a bare <http://…> autolink goes
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>")


def markdown_layer(text: str) -> TextLayer:
    layer = text_layer(text, fmt="md")
    if layer.format == "md":
        layer.text = _AUTOLINK.sub("", _LINK.sub(r"\1", layer.text))
    return layer


def read_markdown(data: bytes, path: str) -> TextLayer:
    decoded = decode_text(data, path)
    return markdown_layer(decoded.text).decoded_as(decoded.encoding, decoded.warning)
