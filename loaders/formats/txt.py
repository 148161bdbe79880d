"""Plain text (also text with front matter, and HTML saved under .txt, which crawlers produce)."""

from __future__ import annotations

from loaders.encoding import decode_text
from loaders.formats import TextLayer
from loaders.formats.frontmatter import split_front_matter
from loaders.formats.html import html_layer, looks_like_html


def text_layer(text: str, fmt: str = "txt") -> TextLayer:
    """Decoded text → TextLayer: front matter read, HTML sniffed and read as HTML."""
    if looks_like_html(text):
        layer = html_layer(text)
        layer.warnings.append(f"{fmt} file holds HTML: read as HTML")
        return layer
    fields, body, _ = split_front_matter(text)
    return TextLayer(
        text=body,
        format=fmt,
        title=fields.get("title"),
        date=fields.get("date"),
        source=fields.get("source"),
    )


def read_text(data: bytes, path: str) -> TextLayer:
    decoded = decode_text(data, path)
    return text_layer(decoded.text).decoded_as(decoded.encoding, decoded.warning)
