"""Normalization for matching, with a map back to the original text.

Steps (each seen in data/corpus):
1. strip inline pinyin glosses after a character — 中(zhōng)央, 消費(fèi), 乡村(xiāng cūn)振兴,
   中(zhong1)央 — and nothing else: （以下简称“新春行动”）, (发改振兴〔2021〕640号), 国内生产总值(GDP),
   第(一)条 and Beijing(běi) stay;
2. rejoin words split by page breaks in text converted from PDF ("各级各部门结\\n\\n合工作实际"),
   never joining a heading to the paragraph under it;
3. drop Markdown emphasis (**) and spaces between two Chinese characters;
4. full-width letters and digits to ASCII, ideographic spaces to spaces (one character for one);
5. traditional → simplified with OpenCC (t2s), plus 甯→宁 and 陜→陕 that OpenCC leaves.

Steps 1–3 only delete characters, so they are found on the original and applied at once; steps 4–5
replace one character by one, so the map (``offsets[i]`` = index in the original of ``text[i]``)
is built once, with C-speed range copies.
"""

from __future__ import annotations

import functools
import re
import unicodedata

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = rf"[a-zA-Zü{_TONED}ɡ]{{1,6}}[1-5]?"
# a gloss: brackets right after a CJK character, holding 1–4 pinyin syllables
_GLOSS = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*({_SYLLABLE}(?:[\s'-]+{_SYLLABLE}){{0,3}})\s*[)）]")
_HAS_TONE = re.compile(rf"[{_TONED}]|[a-zü]+[1-5](?:\b|$)")
# a page break inside a word: CJK, a newline run with at least one blank line or a PDF line wrap, CJK
_BREAK = re.compile(r"(?<=[\u3400-\u9fff，、])[ \t]*\n(?:[ \t]*\n)*[ \t]*(?=[\u3400-\u9fff])")
_HEADING_START = re.compile(
    r"^\s*(?:#|\*\*|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．]|附件)"
)
_EMPHASIS = re.compile(r"\*\*|__")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_FULLWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20})
_HAS_FULLWIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u3000\u00a0]")
_POST_T2S = str.maketrans({"甯": "宁", "陜": "陕"})

PAGE_BREAK_MIN_LINE = 12  # a line this long that stops mid-word was cut by the page, not by the author


@functools.cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def _gloss_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _GLOSS.finditer(text) if _HAS_TONE.search(m.group(1))]


def _break_spans(text: str, joinable: bool) -> list[tuple[int, int]]:
    """Line breaks inside a word: the line before is prose cut mid-word, the line after no heading.

    Prose means the line is long and already holds a comma or full stop (a title line or a heading
    has none), so "湖南省…实施意见 湘发改西开〔2021〕726号" stays apart from the line under it.
    """
    if not joinable:
        return []
    spans = []
    for m in _BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        before = text[line_start : m.start()].strip()
        after = text[m.end() : m.end() + 8]
        if len(before) < PAGE_BREAK_MIN_LINE or not any(p in before for p in "，。；,"):
            continue
        if _HEADING_START.match(after):
            continue
        spans.append(m.span())
    return spans


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def to_simplified(text: str) -> str:
    """t2s that keeps one character for one, so the offset map stays valid."""
    converted = _converter().convert(text)
    if len(converted) != len(text):
        lines = text.split("\n")
        out = []
        for line in lines:
            c = _converter().convert(line)
            out.append(c if len(c) == len(line) else "".join(_char_t2s(ch) for ch in line))
        converted = "\n".join(out)
    return converted.translate(_POST_T2S) if ("甯" in converted or "陜" in converted) else converted


def _char_t2s(ch: str) -> str:
    c = _converter().convert(ch)
    return c if len(c) == 1 else ch


def normalize(original: str, join_page_breaks: bool = True) -> tuple[str, list[int]]:
    """(normalized text, offsets) for an original text already in NFC."""
    deletions = _merge(
        _gloss_spans(original)
        + _break_spans(original, join_page_breaks)
        + [m.span() for m in _EMPHASIS.finditer(original)]
        + [m.span() for m in _CJK_SPACE.finditer(original)]
    )
    pieces: list[str] = []
    offsets: list[int] = []
    pos = 0
    for s, e in deletions:
        pieces.append(original[pos:s])
        offsets.extend(range(pos, s))
        pos = e
    pieces.append(original[pos:])
    offsets.extend(range(pos, len(original)))
    offsets.append(len(original))
    text = "".join(pieces)
    if _HAS_FULLWIDTH.search(text):
        text = text.translate(_FULLWIDTH)
    return to_simplified(text), offsets


def nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)
