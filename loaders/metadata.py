"""Title, date, document number (文号) and source from a document's text when its format has none.

Government notices put these in predictable places: a letterhead ("…文件"), the 文号 on its own line
or after the title, the title as the first top-level heading or the first title-like line (关于…的
通知, …实施意见), the date as a labelled line (发布时间, 编稿时间 …) or as the signature date under the
issuer's name, in digits or in Chinese numerals (二〇二〇年八月二十八日). News pages have a headline
instead of a title and a 来源 line. The functions read a "head" of the document with glosses, full-width
digits and traditional characters already normalized but spaces kept (``loaders.normalize.for_metadata``).
"""

from __future__ import annotations

import re

# a document number: issuer abbreviation, bracketed year, number — 湘扶领办发〔2020〕4号, 国发[2021]1号
_NUMBER_TAIL = re.compile(r"[〔\[［(（]\s*(?:19|20)\d{2}\s*[〕\]］)）]\s*\d{1,4}\s*号")
_ISSUER_ABBREVIATION = re.compile(r"[\u4e00-\u9fff]{1,12}[ \u3000]?$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}" + _NUMBER_TAIL.pattern)

_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?")
_CN_DIGITS = "〇○零一二三四五六七八九"
_CN_DATE = re.compile(
    rf"([{_CN_DIGITS}]{{4}})\s*年\s*([{_CN_DIGITS}十]{{1,3}})\s*月\s*([{_CN_DIGITS}十]{{1,3}})\s*日"
)
# a label at the start of a line or after a space: not 活动时间 (the event's), 归档时间 or 更新时间 (the site's)
_DATE_LABEL = re.compile(
    r"(?m)(?:^|(?<=[\s|｜]))(?:发布时间|发布日期|成文日期|印发日期|编稿时间|发文日期|发稿时间|日期|时间)\s*[:：]\s*"
)
_META_LINE = re.compile(r"^[\u4e00-\u9fff]{2,6}\s*[:：]")
_SOURCE = re.compile(r"来源\s*[:：/／]\s*([^\s（）()|｜,，。]{2,30})")
_BREADCRUMB = re.compile(r"首页|>|»|当前位置")
_SENTENCE_END = re.compile(r"[。！？；：:]$|[。！？]")
_LETTERHEAD = re.compile(r"文件$")
# the names of issuing bodies, as they stand alone above a title or above the signature date
_ISSUER_LINE = re.compile(
    r"^[\u4e00-\u9fff（）()、 ]{2,30}?"
    r"(?:人民政府|政府|办公厅|办公室|委员会|联合会|协会|商会|领导小组|工作组|局|厅|(?<![东西南北中全内外])部|委|署|中心|研究院|总社|集团|公司)"
    r"(?:（盖章）)?$"
)
_TITLE_WORDS = (
    "通知|意见|方案|办法|决定|规划|报告|公告|通报|通告|批复|函|纪要|细则|规定|措施|计划|要点|指南|清单|名单|"
    "决议|公报|条例|倡议书|倡议|总结|说明|答复|复函|工作要点"
)
_TITLE_END = re.compile(rf"(?:{_TITLE_WORDS})(?:[（(][^）)]*[）)])?$")


def iso_date(y: str, m: str, d: str) -> str | None:
    mi, di = int(m), int(d)
    if not (1 <= mi <= 12 and 1 <= di <= 31):
        return None
    return f"{int(y):04d}-{mi:02d}-{di:02d}"


def _cn_number(s: str) -> int:
    """二〇二〇 → 2020 (digit by digit), 二十八 → 28, 十 → 10, 十二 → 12."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
    if "十" not in s:
        return int("".join(str(digits[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def normalize_date(value: str | None) -> str | None:
    """The first date in a string, as YYYY-MM-DD (2022-04-15 11:35:54 +0800, 2020年8月28日, 二〇二〇年…)."""
    if not value:
        return None
    m = _DATE.search(value)
    if m:
        return iso_date(*m.groups())
    m = _CN_DATE.search(value)
    if m:
        try:
            y, mo, d = (_cn_number(g) for g in m.groups())
        except (KeyError, ValueError):
            return None
        return iso_date(str(y), str(mo), str(d))
    return None


def find_doc_number(text: str) -> str | None:
    """The document's own number: alone on a line or after the title, not one cited in brackets.

    Found from its bracketed year (〔2020〕4号), the rare part, then extended left over the issuer's
    abbreviation (湘扶领办发)."""
    head = text[:5000]
    for tail in _NUMBER_TAIL.finditer(head):
        issuer = _ISSUER_ABBREVIATION.search(head, max(0, tail.start() - 13), tail.start())
        if issuer is None:
            continue
        start = issuer.start()
        before = head[max(0, start - 1) : start]
        if before in ("(", "（", "《", "〔", "“", '"'):
            continue
        line_start = head.rfind("\n", 0, start) + 1
        lead = head[line_start:start]
        if lead.strip(" *#\u3000\t") == "" or lead.endswith((" ", "\u3000", "\t")):
            return re.sub(r"\s+", "", head[start : tail.end()])
    return None


def _standalone_date(line: str) -> str | None:
    stripped = line.strip().strip("*# ")
    m = _DATE.fullmatch(stripped) or _CN_DATE.fullmatch(stripped)
    return normalize_date(stripped) if m else None


_DATE_LINE = re.compile(
    rf"^[ \t*#]*(?:(?:19|20)\d{{2}} *[-年/.] *\d{{1,2}} *[-月/.] *\d{{1,2}} *日?"
    rf"|[{_CN_DIGITS}]{{4}} *年 *[{_CN_DIGITS}十]{{1,3}} *月 *[{_CN_DIGITS}十]{{1,3}} *日)[ \t*#]*$",
    re.M,
)


def find_date(text: str) -> str | None:
    """A labelled date first; else the signature date under the issuer; else any date on its own line."""
    for label in _DATE_LABEL.finditer(text):
        found = normalize_date(text[label.end() : label.end() + 24].split("\n", 1)[0])
        if found:
            return found
    first = None
    for m in _DATE_LINE.finditer(text):
        found = normalize_date(m.group())
        if not found:
            continue
        above = text[: m.start()].rstrip().rsplit("\n", 1)[-1].strip("*# ")
        if _ISSUER_LINE.match(above):
            return found
        first = first or found
    return first


def find_source(text: str) -> str | None:
    m = _SOURCE.search(text[:3000]) or _SOURCE.search(text[-600:])
    return m.group(1) if m else None


def _clean_title(title: str) -> str | None:
    title = DOC_NUMBER.sub("", title).strip(" *#\u3000\t")
    return title or None


def _skippable(line: str) -> bool:
    """Lines above a title that are not it: breadcrumbs, labels, dates, 文号, letterheads, issuers."""
    return bool(
        _BREADCRUMB.search(line)
        or _META_LINE.match(line)
        or _standalone_date(line)
        or DOC_NUMBER.fullmatch(line)
        or _LETTERHEAD.search(line)
        or _ISSUER_LINE.match(line)
    )


def find_title(text: str) -> str | None:
    """The first top-level heading that is no letterhead; else the title above the body.

    Above the body (which starts at the first line with a full stop, or a salutation ending in
    "："), the title is the first line shaped like one (关于…, …通知, …实施意见), possibly broken over
    two lines; failing that, the first line that is neither a label, a date, a 文号 nor an issuer —
    a news headline. A text that starts with its body has no title (None), which beats a guess."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines:
        if line.startswith("# ") and not _LETTERHEAD.search(line.rstrip(" *")):
            return _clean_title(line[2:])
    candidates: list[tuple[int, str]] = []  # (line number, text) above the body
    for n, line in enumerate(lines[:12]):
        plain = _clean_title(line.strip("*# ")) or ""
        if _SENTENCE_END.search(plain):
            break
        if len(plain) >= 4 and not _skippable(plain):
            candidates.append((n, plain))
    for i, (n, line) in enumerate(candidates):
        if not (_TITLE_END.search(line) or line.startswith("关于")):
            continue
        if _TITLE_END.search(line) and i and candidates[i - 1][0] == n - 1:
            previous = candidates[i - 1][1]  # a title broken over two lines
            if not _TITLE_END.search(previous) and len(previous) + len(line) <= 100:
                return previous + line
        if not _TITLE_END.search(line) and i + 1 < len(candidates) and candidates[i + 1][0] == n + 1:
            following = candidates[i + 1][1]
            if _TITLE_END.search(following) and len(line) + len(following) <= 100:
                return line + following
        return line if len(line) <= 100 else None
    for _, line in candidates:
        if 6 <= len(line) <= 80:
            return line
    return None


def plausible_title(title: str | None) -> str | None:
    """A title from a file's properties or a page's <title>, unless it is a file name, a template's
    placeholder or only the name of the site or issuer ("湖南省发展和改革委员会")."""
    if not title:
        return None
    title = title.strip()
    if not re.search(r"[\u4e00-\u9fff]", title) or re.search(
        r"\.(?:docx?|pdf|wps|txt)\b|Microsoft|无标题", title
    ):
        return None
    if _ISSUER_LINE.match(title) or _LETTERHEAD.search(title):
        return None
    return title
