"""HTML → text: tags and entities gone, block elements as line breaks, navigation boilerplate dropped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from loaders.formats import TextLayer
from loaders.formats.frontmatter import split_front_matter

_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "center",
    "dd",
    "dt",
    "hr",
    "pre",
    "td",
    "th",
}
_SKIP = {
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "noscript",
    "template",
    "iframe",
    "svg",
    "form",
    "button",
}
# Markdown links left in HTML bodies by site generators: "[返回首页](//example.com/)"
_MD_LINK = re.compile(r"\[([^\]\n]{0,40})\]\([^)\s]*\)")
_NAV_LINE = re.compile(r"^[\s|｜>»·]*(?:(?:返回|首页|上一篇|下一篇|打印|关闭|分享)[^\n]{0,30}?[\s|｜>»·]*)+$")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """A .txt that is really HTML (pages saved by crawlers): several block tags near the top."""
    head = text[:4000].lower()
    return sum(head.count(t) for t in ("<p>", "<p ", "<div", "<br", "</p>", "<html", "<body")) >= 2


def html_to_text(html: str) -> tuple[str, str | None]:
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    lines = [line.strip() for line in text.replace("\r", "").split("\n")]
    lines = [line for line in lines if line and not _NAV_LINE.match(line)]
    title = " ".join("".join(parser.title).split()) or None
    return "\n".join(lines), title


def read_html(data: str, path: str) -> TextLayer:
    fields, body, _ = split_front_matter(data)
    text, html_title = html_to_text(body)
    return TextLayer(
        text=text,
        format="html",
        title=fields.get("title") or html_title,
        date=fields.get("date"),
        source=fields.get("source"),
    )
