"""HTML → text: tags and entities gone, block elements as line breaks, navigation boilerplate dropped.

Regular expressions rather than html.parser: the pages users save are simple (paragraphs, a few
tables), and a scan in C is several times faster than a parser's callbacks, which matters at corpus
scale. What a parser would add — nesting — matters only for the boilerplate blocks removed whole
(script, style, nav …), and those rarely nest in themselves.

Inside a paragraph, heading, list item or table cell, whitespace follows HTML's rule (a run of
spaces and newlines is one space), so a paragraph the source wrapped over several lines stays one
line. Outside them a newline stays a line break: pages saved by crawlers hold plain lines between
the tags (links, notes) that would otherwise run together. Block elements become line breaks and
table cells tabs, as in the DOCX reader, so a table row stays one line.
"""

from __future__ import annotations

import html
import re

from loaders.encoding import decode_text
from loaders.formats import TextLayer
from loaders.formats.frontmatter import split_front_matter
from loaders.metadata import plausible_title

_BLOCK_TAGS = (
    "p|div|br|li|ul|ol|tr|table|thead|tbody|tfoot|caption|h[1-6]|section|article|main|blockquote|"
    "center|dd|dt|dl|hr|pre|figure|figcaption|address|body|html|head|title"
)
_SKIP_TAGS = "script|style|nav|header|footer|aside|noscript|template|iframe|svg|form|button|select|menu"
# a tag, with quoted attribute values that may hold ">"
_TAG = r"(?:[^>\"']|\"[^\"]*\"|'[^']*')*"
_SKIPPED = re.compile(rf"<({_SKIP_TAGS})\b{_TAG}>.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S | re.I)
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b{_TAG}>", re.I)
_CELL = re.compile(rf"<t[dh]\b{_TAG}>", re.I)
_ANY_TAG = re.compile(rf"</?[a-zA-Z][\w:.-]*{_TAG}>|<![^>]*>|<\?[^>]*>")
_SPACE = re.compile(r"[ \t\r\n\f]+")
_FLOWING = re.compile(rf"<(p|li|td|th|h[1-6]|dd|dt|caption|figcaption)\b{_TAG}>.*?</\1\s*>", re.S | re.I)
_TITLE = re.compile(rf"<title\b{_TAG}>(.*?)</title\s*>", re.S | re.I)
_H1 = re.compile(rf"<h1\b{_TAG}>(.*?)</h1\s*>", re.S | re.I)
# a site's name after the page's title: "关于…的通知_湖南省发展和改革委员会", "… - 新华网"
_SITE_SUFFIX = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s).*$")
# Markdown links left in HTML bodies by site generators: "[返回首页](//example.com/)"
_MD_LINK = re.compile(r"\[([^\]\n]{0,40})\]\([^)\s]*\)")
_NAV_LINE = re.compile(r"^[\s|｜>»·]*(?:(?:返回|首页|上一篇|下一篇|打印|关闭|分享)[^\n]{0,30}?[\s|｜>»·]*)+$")
_HTML_HINTS = re.compile(r"<(?:p|div|br|html|body|table|h[1-6])\b|</p>", re.I)


def looks_like_html(text: str) -> bool:
    """A .txt or .md that is really HTML (pages saved by crawlers): several block tags near the top."""
    return len(_HTML_HINTS.findall(text, 0, 4000)) >= 2


def _inline_text(fragment: str) -> str:
    return " ".join(html.unescape(_ANY_TAG.sub("", fragment)).split())


def _page_title(markup: str, body: str) -> str | None:
    """The first <h1> of the body (logos in <header> are gone by then), else <title> without the site."""
    h1 = _H1.search(body)
    if h1:
        text = _inline_text(h1.group(1))
        if 4 <= len(text) <= 100:
            return text
    title = _TITLE.search(markup)
    if title is None:
        return None
    return plausible_title(_SITE_SUFFIX.sub("", _inline_text(title.group(1))))


def html_to_text(markup: str) -> tuple[str, str | None]:
    """(text with one line per block and tabs between table cells, the page's own title or None)."""
    body = _SKIPPED.sub(" ", markup)
    title = _page_title(markup, body)
    body = _TITLE.sub("\n", body)
    body = _FLOWING.sub(lambda m: _SPACE.sub(" ", m.group()), body)
    body = _BLOCK.sub("\n", body)
    body = _CELL.sub("\t", body)
    body = html.unescape(_ANY_TAG.sub("", body))
    body = _MD_LINK.sub(r"\1", body)
    kept = []
    for line in body.split("\n"):
        if "\t" in line:
            line = "\t".join(cell.strip() for cell in line.split("\t") if cell.strip())
        line = line.strip()
        if line and not _NAV_LINE.match(line):
            kept.append(line)
    return "\n".join(kept), title


def html_layer(markup: str) -> TextLayer:
    """A decoded HTML page (with or without front matter) → TextLayer; also used for HTML saved as .txt."""
    fields, body, _ = split_front_matter(markup)
    text, page_title = html_to_text(body)
    return TextLayer(
        text=text,
        format="html",
        title=fields.get("title") or page_title,
        date=fields.get("date"),
        source=fields.get("source"),
    )


def read_html(data: bytes, path: str) -> TextLayer:
    decoded = decode_text(data, path)
    return html_layer(decoded.text).decoded_as(decoded.encoding, decoded.warning)
