"""Decode bytes whose encoding nobody wrote down: UTF-8 (with or without BOM), UTF-16 with BOM,
GB18030/GBK or Big5 — detected, never assumed.

GB18030 decodes almost any byte string, and Big5 decodes much GBK text without error, so a strict
decode is not proof. When both succeed we ask which reading looks like real Chinese: the share of
its characters that the everyday character set of each standard contains (GB2312's 6,763 for a
simplified reading, Big5's level-1 block for a traditional one). Mojibake lands in rare characters.
"""

from __future__ import annotations

import codecs

from loaders.errors import LoadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _in_big5_level1(c: str) -> bool:
    try:
        b = c.encode("big5")
    except UnicodeEncodeError:
        return False
    return 0xA440 <= int.from_bytes(b[:2], "big") <= 0xC67E  # Big5 level 1: frequently used characters


def _common_share(text: str, is_common) -> float:
    """The share of a reading's Chinese characters that its standard counts as everyday ones."""
    chars = [c for c in text[:4000] if "\u4e00" <= c <= "\u9fff"]  # a sample is enough to tell
    return sum(1 for c in chars if is_common(c)) / len(chars) if chars else 0.0


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13))


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB (UTF-16 text is told apart by its BOM)."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > len(head) * 0.1


def decode(data: bytes, path: str) -> tuple[str, str]:
    """(text, encoding name) or LoadError naming the file."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise LoadError(
                    path, f"starts with a {name} byte-order mark but does not decode ({exc.reason})"
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    readings: list[tuple[float, str, str]] = []
    for name, is_common in (("gb18030", _in_gb2312), ("big5", _in_big5_level1)):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        readings.append((_common_share(text, is_common), name, text))
    if not readings:
        raise LoadError(path, "not text in any encoding tried (UTF-8, UTF-16, GB18030/GBK, Big5)")
    readings.sort(key=lambda r: r[0], reverse=True)
    share, name, text = readings[0]
    if share < 0.5:
        raise LoadError(
            path, f"no encoding gives readable Chinese (best: {name}, {share:.0%} common characters)"
        )
    return text, name
