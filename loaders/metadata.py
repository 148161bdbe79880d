"""Title, date, document number (文号) and source from a document's text when its format has none.

Government notices put these in predictable places: a letterhead ("…文件"), the 文号 on its own line
or after the title, the title as the first top-level heading or first title-like line, the date as a
labelled line (发布时间, 编稿时间 …) or as the signature date on a line of its own.
"""

from __future__ import annotations

import re

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_DATE_LABEL = re.compile(r"(?:发布时间|发布日期|成文日期|印发日期|编稿时间|发文日期|日期|时间)\s*[:：]\s*")
_SKIP_LABELS = ("归档时间", "浏览", "点击", "访问")  # an archive or counter date is not the document's
_META_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")
_SOURCE = re.compile(r"来源\s*[:：/／]\s*([^\s（）()|｜,，。]{2,30})")
_BREADCRUMB = re.compile(r"首页|>|»|当前位置")
_SENTENCE_END = re.compile(r"[。！？；]")


def iso_date(y: str, m: str, d: str) -> str | None:
    mi, di = int(m), int(d)
    if not (1 <= mi <= 12 and 1 <= di <= 31):
        return None
    return f"{int(y):04d}-{mi:02d}-{di:02d}"


def normalize_date(value: str | None) -> str | None:
    if not value:
        return None
    m = _DATE.search(value)
    return iso_date(*m.groups()) if m else None


_NUMBER_TAIL = re.compile(r"[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_ISSUER = re.compile(r"[\u4e00-\u9fff]{1,12}$")


def find_doc_number(text: str) -> str | None:
    """The document's own number: alone on a line or after the title, not one cited in brackets.

    Found from its bracketed year (〔2020〕4号), the rare part, then extended left over the issuer's
    abbreviation (湘扶领办发)."""
    head = text[:5000]
    for tail in _NUMBER_TAIL.finditer(head):
        issuer = _ISSUER.search(head, max(0, tail.start() - 12), tail.start())
        if issuer is None:
            continue
        start = issuer.start()
        before = head[max(0, start - 1) : start]
        if before in ("(", "（", "《", "〔", "“", '"'):
            continue
        line_start = head.rfind("\n", 0, start) + 1
        lead = head[line_start:start]
        if lead.strip() == "" or lead.endswith((" ", "\u3000", "\t")):
            return re.sub(r"\s+", "", head[start : tail.end()])
    return None


def find_date(text: str) -> str | None:
    head = text[:6000]
    for line in head.splitlines():
        if any(k in line for k in _SKIP_LABELS) and not _DATE_LABEL.search(line.split("归档时间")[-1]):
            continue
        label = _DATE_LABEL.search(line)
        if label:
            found = normalize_date(line[label.end() :])
            if found:
                return found
    for line in head.splitlines():
        stripped = line.strip().strip("*# ")
        m = _DATE.fullmatch(stripped)
        if m:
            return iso_date(*m.groups())
    return None


def find_source(text: str) -> str | None:
    m = _SOURCE.search(text[:3000]) or _SOURCE.search(text[-600:])
    return m.group(1) if m else None


def find_title(text: str) -> str | None:
    """The first top-level heading that is no letterhead, else the first title-like line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("# ") and not line.rstrip().endswith("文件"):
            return _clean_title(line[2:])
    for line in lines[:8]:
        plain = line.strip("*# ")
        if _BREADCRUMB.search(plain) or _META_LINE.match(plain) or _DATE.fullmatch(plain):
            continue
        if _SENTENCE_END.search(plain) or len(plain) < 6:
            return None if _SENTENCE_END.search(plain) else None
        if len(plain) <= 80:
            return _clean_title(plain)
    return None


def _clean_title(title: str) -> str | None:
    title = DOC_NUMBER.sub("", title).strip(" *#\u3000")
    return title or None
