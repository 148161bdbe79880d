"""Decode bytes whose encoding nobody wrote down: UTF-8 (with or without BOM), UTF-16/32 with BOM,
GB18030/GBK or Big5 — detected, never assumed.

GB18030 decodes almost any byte string, and Big5 decodes much GBK text without error, so a strict
decode is not proof. When both succeed we ask which reading looks like real Chinese: the share of
its non-ASCII characters that are everyday ones — GB2312's level-1 characters, Big5's level-1
characters (so traditional text saved as GBK still scores) and common punctuation. Mojibake lands
in rare characters, kana, symbols and the private use area. On random spans of the sample
documents this reads every span of 20 characters or more right, and all but a few percent of
10-character spans; charset-normalizer, asked the same, got half of the 10-character spans and
one in twelve 20-character spans wrong.

A file that is UTF-8 (or GB18030/Big5) but for a few damaged bytes is read with those bytes replaced
and a warning, rather than rejected or — worse — read as mojibake in another encoding.

Why it lives in bangfu/knowledge: documents (loaders/encoding.py) and a planner's uploaded CSV lists
(bangfu/knowledge/lists.py) are written on the same machines by the same people, so one detector
reads both; the everyday-character table it scores with is reference knowledge like the gazetteer.
It knows nothing of files: a failure is a ``TextCodecError`` holding the reason, and each caller
names the file.
"""

from __future__ import annotations

import codecs
import functools
import re
from typing import NamedTuple

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16-LE's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ("gb18030", "big5")
_SAMPLE_CHARS = 4000  # enough to tell the readings apart
_MIN_SHARE = 0.5  # below this no reading is Chinese text
_MAX_DAMAGE = 0.005  # share of replaced characters a damaged file may have and still be read
_DAMAGE_ALLOWED = 4  # in any file: one stray byte inside a character costs up to four replacements
_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕…—·　％"
_NON_ASCII_SPACE = re.compile(r"[^\S\x00-\x7f]")  # \u3000, \xa0 …: rare, so found one by one


class TextCodecError(ValueError):
    """Bytes that are not text in any encoding tried; the message is the reason, on one line."""


class Decoded(NamedTuple):
    text: str
    encoding: str
    warning: str | None = None


def _block(encoding: str, first: int, last: int) -> str:
    """The characters a double-byte encoding assigns to codes first..last (lead byte ranges)."""
    out = []
    for lead in range(first >> 8, (last >> 8) + 1):
        for trail in range(0x40, 0xFF):
            if first <= (lead << 8 | trail) <= last:
                try:
                    out.append(bytes((lead, trail)).decode(encoding))
                except UnicodeDecodeError:
                    pass
    return "".join(out)


@functools.cache
def _everyday() -> re.Pattern[str]:
    """One character class: GB2312 level 1 ∪ Big5 level 1 ∪ common punctuation (built once, ~8k chars)."""
    chars = set(_block("gb2312", 0xB0A1, 0xD7F9)) | set(_block("big5", 0xA440, 0xC67E)) | set(_PUNCT)
    chars = {c for c in chars if not c.isspace()}
    return re.compile("[" + "".join(sorted(chars)).replace("\\", "\\\\").replace("]", "\\]") + "]")


def _non_ascii(text: str) -> int:
    """How many characters of the text are neither ASCII nor white space: all characters less the
    ASCII ones (counted in C) less the rare non-ASCII spaces."""
    return len(text) - len(text.encode("ascii", "ignore")) - len(_NON_ASCII_SPACE.findall(text))


def everyday_share(text: str) -> float:
    """The share of a reading's non-ASCII characters that are everyday Chinese characters."""
    total = _non_ascii(text)
    return len(_everyday().findall(text)) / total if total else 0.0


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB (UTF-16/32 text is told apart by its BOM)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > len(head) * 0.1


def _damaged_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few bad bytes: many valid multi-byte characters, very few replaced ones.

    GBK text read as UTF-8 has almost no valid multi-byte sequences, so it never passes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(_DAMAGE_ALLOWED, len(text) * _MAX_DAMAGE):
        return None
    if _non_ascii(text) - bad >= 20 * bad:
        return Decoded(text, "utf-8", f"{bad} byte sequence(s) that are not UTF-8 replaced by �")
    return None


def _choose(data: bytes) -> Decoded:
    """The candidate whose reading looks most like Chinese; TextCodecError when none does."""
    scored: list[tuple[float, bool, Decoded]] = []
    for name in _CANDIDATES:
        try:
            reading = Decoded(data.decode(name), name)
        except UnicodeDecodeError:
            text = data.decode(name, errors="replace")
            bad = text.count("\ufffd")
            if bad > max(_DAMAGE_ALLOWED, len(text) * _MAX_DAMAGE):
                continue
            reading = Decoded(text, name, f"{bad} byte sequence(s) not valid {name} replaced by �")
        # a sample is enough to tell; ties go to GB18030, the mainland's encoding
        scored.append((everyday_share(reading.text[:_SAMPLE_CHARS]), name == "gb18030", reading))
    if not scored:
        raise TextCodecError("not text in any encoding tried (UTF-8, UTF-16, GB18030/GBK, Big5)")
    share, _, best = max(scored)
    if share < _MIN_SHARE:
        raise TextCodecError(
            f"no encoding gives readable Chinese (best: {best.encoding}, {share:.0%} everyday characters)"
        )
    return best


def decode(data: bytes) -> Decoded:
    """The text, the encoding it was in, and a warning when damaged bytes were replaced."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name)
            except UnicodeDecodeError as exc:
                raise TextCodecError(
                    f"starts with a {name} byte-order mark but does not decode ({exc.reason})"
                ) from exc
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged:
        return damaged
    return _choose(data)


def decode_text(data: bytes) -> Decoded:
    """A text file's bytes → Decoded, or TextCodecError for a binary file or one no encoding reads."""
    if looks_binary(data):
        raise TextCodecError("binary file, not text")
    return decode(data)
