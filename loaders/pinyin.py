"""Is a bracketed run of Latin letters a pinyin gloss (中(zhōng)央) or real text (平台(APP), 咖啡(café))?

A gloss is what reading aids insert after characters: one to eight syllables, each a real pinyin
syllable (initial + final), with at least one tone (a tone mark, or a tone number as in zhong1).
Checking syllables rather than "letters with accents" keeps English and French words and
abbreviations in brackets. The text is NFC already, so tone marks are single characters; the ɡ
(U+0261) of pinyin fonts counts as g.
"""

from __future__ import annotations

import functools
import re

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
TONE_LETTERS = TONED + TONED.upper()  # what a gloss may hold besides ASCII letters, ü and ɡ
_PLAIN = str.maketrans(TONED + "üɡ", "aaaaeeeeiiiioooouuuuvvvvnnnm" + "vg")
_INITIAL = "(?:[zcs]h|[bpmfdtnlgkhjqxrzcsyw])"
_FINALS = (
    "iang|iong|uang|ueng|ang|eng|ong|ian|iao|ing|uai|uan|uen|uei|van|"
    "ai|ei|ao|ou|an|en|er|ia|ie|iu|io|in|ua|uo|ui|un|ve|ue|vn|a|o|e|i|u|v"
)
_SYLLABLE = rf"(?:{_INITIAL}?(?:{_FINALS})|m|n|ng|hm|hng)[1-5]?"
_MAX_SYLLABLES = 8
_SYLLABLES = re.compile(rf"{_SYLLABLE}(?:[\s'’·-]+{_SYLLABLE}){{0,{_MAX_SYLLABLES - 1}}}")
_TONE_MARK = re.compile(f"[{TONED}]")
# a tone number follows a lower-case syllable of two letters or more: zhong1, not A4 (paper) or E5
_TONE_NUMBER = re.compile(rf"(?<![A-Za-z0-9])[a-zü{TONED}ɡ]{{2,6}}[1-5](?![0-9])")


@functools.lru_cache(maxsize=8192)  # glosses repeat: 中(zhōng) a hundred times in one document
def is_gloss(inner: str) -> bool:
    """The text between the brackets (not the brackets) reads as toned pinyin."""
    inner = inner.strip()
    lower = inner.lower()
    if not (_TONE_MARK.search(lower) or _TONE_NUMBER.search(inner)):
        return False
    return _SYLLABLES.fullmatch(lower.translate(_PLAIN)) is not None
