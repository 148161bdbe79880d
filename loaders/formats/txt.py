"""Plain text and Markdown (also text with front matter, and HTML saved under .txt)."""

from __future__ import annotations

from loaders.formats import TextLayer
from loaders.formats.frontmatter import split_front_matter
from loaders.formats.html import looks_like_html, read_html


def read_text(data: str, path: str, fmt: str = "txt") -> TextLayer:
    if looks_like_html(data):
        layer = read_html(data, path)
        layer.warnings.append(f"{fmt} file holds HTML: read as HTML")
        return layer
    fields, body, _ = split_front_matter(data)
    return TextLayer(
        text=body.replace("\r\n", "\n").replace("\r", "\n"),
        format=fmt,
        title=fields.get("title"),
        date=fields.get("date"),
        source=fields.get("source"),
    )


def read_markdown(data: str, path: str) -> TextLayer:
    return read_text(data, path, fmt="md")
