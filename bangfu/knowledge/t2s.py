"""Traditional → simplified Chinese, the one conversion every room uses (loaders, search, lists).

OpenCC's t2s is the converter; it leaves two variants people write in place names unconverted (甯夏,
陜西), so a small post-mapping follows it. Loaders need the conversion to keep one character for one
(evidence offsets map back into the original text); search and list matching convert many short names
at once. Both go through here, so a name is simplified the same way wherever it is compared.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

import opencc

# OpenCC t2s leaves these unconverted (measured with opencc 1.1): variants seen in place names
POST_T2S = str.maketrans({"甯": "宁", "陜": "陕"})
_POST_CHARS = re.compile("[甯陜]")


@functools.cache
def converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@functools.cache
def traditional_chars() -> re.Pattern[str]:
    """The characters t2s changes on their own (~3,600), found once by converting every character:
    text with none of them is returned as it is, without a call into OpenCC."""
    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = converter().convert("\n".join(chars)).split("\n")
    changed = {a for a, b in zip(chars, converted, strict=True) if a != b} | {"甯", "陜"}
    return re.compile("[" + "".join(sorted(changed)) + "]")


def _post(text: str) -> str:
    return text.translate(POST_T2S) if _POST_CHARS.search(text) else text


def _char(ch: str) -> str:
    c = converter().convert(ch)
    return c if len(c) == 1 else ch


def to_simplified(text: str) -> str:
    """t2s that keeps one character for one (OpenCC's phrase table where it does, character by
    character on the lines where a phrase would change the length), so offset maps stay valid."""
    if not traditional_chars().search(text):
        return text
    conv = converter()
    converted = conv.convert(text)
    if len(converted) != len(text):
        out = []
        for line in text.split("\n"):
            c = conv.convert(line)
            out.append(c if len(c) == len(line) else "".join(_char(ch) for ch in line))
        converted = "\n".join(out)
    return _post(converted)


def simplified_many(texts: Iterable[str]) -> list[str]:
    """``to_simplified`` for many short texts (names) with one OpenCC call: 100k names in 0.2 s
    instead of 1 s. Texts must not hold newlines (they are joined by them)."""
    items = list(texts)
    wide = [i for i, t in enumerate(items) if t and not t.isascii()]
    if not wide:
        return items
    converted = converter().convert("\n".join(items[i] for i in wide)).split("\n")
    if len(converted) != len(wide):  # a converter that changed the line count: one call each
        converted = [converter().convert(items[i]) for i in wide]
    for i, text in zip(wide, converted, strict=True):
        items[i] = _post(text)
    return items
