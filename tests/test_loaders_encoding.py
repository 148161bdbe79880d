"""Encodings are detected, not assumed: UTF-8 (BOM or not), UTF-16/32 with BOM, GB18030/GBK, Big5.

The detector is bangfu/knowledge/textcodec.py; loaders/encoding.py puts the file's name on its errors."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from bangfu.knowledge.textcodec import TextCodecError, decode, everyday_share, looks_binary
from loaders.encoding import decode_text
from loaders.errors import LoadError

ROOT = Path(__file__).resolve().parents[1]
SIMPLIFIED = "株洲市对口帮扶湘西州泸溪县，开办农产品展销会，帮助农户把山货卖到城里。"
TRADITIONAL = "株洲市對口幫扶湘西州瀘溪縣，開辦農產品展銷會，幫助農戶把山貨賣到城裡。"


@pytest.mark.parametrize(
    "text, codec, expected",
    [
        (SIMPLIFIED, "utf-8", "utf-8"),
        (SIMPLIFIED, "utf-8-sig", "utf-8-sig"),
        (SIMPLIFIED, "gbk", "gb18030"),
        (SIMPLIFIED, "gb18030", "gb18030"),
        (TRADITIONAL, "gbk", "gb18030"),  # traditional characters saved on a mainland system
        (TRADITIONAL, "big5", "big5"),
        (SIMPLIFIED + "€𠀀", "gb18030", "gb18030"),  # four-byte GB18030 sequences
    ],
)
def test_detected_encoding(text, codec, expected):
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.warning) == (text, expected, None)


def test_short_spans_of_the_seeds_are_read_in_their_encoding():
    """Twenty characters are enough to tell GBK from Big5 (the scoring's known limit is shorter)."""
    rng = random.Random(7)
    seed = (ROOT / "data" / "corpus" / "002_070ba12c213e897e.txt").read_text("utf-8")
    spans = [seed[a : a + 20] for a in (rng.randrange(0, len(seed) - 20) for _ in range(200))]
    tried = 0
    for span in spans:
        for codec in ("gbk", "big5"):
            try:
                data = span.encode(codec)
            except UnicodeEncodeError:
                continue
            if data.isascii():
                continue
            tried += 1
            assert decode(data).text == span, (codec, span)
    assert tried > 150


@pytest.mark.parametrize("at, replaced", [(39, 1), (40, 4)])  # between characters, inside one
def test_utf8_with_a_damaged_byte_is_read_with_a_warning(at, replaced):
    data = SIMPLIFIED.encode() * 3
    data = data[:at] + b"\xff" + data[at:]
    decoded = decode(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == replaced and "开办农产品展销会" in decoded.text
    assert decoded.warning == f"{replaced} byte sequence(s) that are not UTF-8 replaced by �"


def test_gbk_text_with_few_chinese_characters_is_not_taken_for_damaged_utf8():
    text = "Report 2021: " + "x" * 400 + " 帮扶 " + "y" * 400
    assert decode(text.encode("gbk")).encoding == "gb18030"


def test_gbk_with_a_truncated_last_character_is_read_with_a_warning():
    data = (SIMPLIFIED * 5).encode("gbk")[:-1]
    decoded = decode(data)
    assert decoded.encoding == "gb18030" and decoded.text.startswith(SIMPLIFIED)
    assert decoded.warning == "1 byte sequence(s) not valid gb18030 replaced by �"


def test_utf16_without_text_after_its_bom_is_checked():
    with pytest.raises(TextCodecError, match="byte-order mark but does not decode"):
        decode(b"\xff\xfe" + b"\x00\xd8")  # a lone surrogate


def test_latin1_is_rejected_not_read_as_mojibake():
    with pytest.raises(LoadError) as info:  # through the loaders: the file is named
        decode_text("Coöperatie façade naïve résumé, élève".encode("latin-1"), "x.txt")
    assert (
        str(info.value)
        == "x.txt: no encoding gives readable Chinese (best: gb18030, 14% everyday characters)"
    )


# GBK's extension characters (lead byte 0x81): valid GB18030, none of them everyday, none valid Big5
_RARE = "".join(bytes((0x81, trail)).decode("gb18030") for trail in range(0x40, 0x7F))
_RARE = "".join(ch for ch in _RARE if everyday_share(ch) == 0)
_EVERYDAY = "村里合作社把菜卖到城里"


def _with_share(everyday: int) -> bytes:
    """100 characters in GB18030, ``everyday`` of them everyday ones."""
    text = (_EVERYDAY * 10)[:everyday] + (_RARE * 2)[: 100 - everyday]
    assert everyday_share(text) == everyday / 100
    return text.encode("gb18030")


def test_readable_chinese_starts_at_half_everyday_characters():
    assert len(_RARE) >= 55
    assert decode(_with_share(55)).encoding == "gb18030"
    with pytest.raises(TextCodecError) as info:
        decode(_with_share(45))
    assert str(info.value) == "no encoding gives readable Chinese (best: gb18030, 45% everyday characters)"


def test_binary_sniffing():
    assert looks_binary(b"\x00\x01abc")
    assert looks_binary(bytes(range(1, 32)) * 10)
    assert not looks_binary(SIMPLIFIED.encode("utf-16"))  # NULs, but a BOM says it is text
    assert not looks_binary("第一页\f第二页".encode())  # a form feed is text
    with pytest.raises(LoadError, match="binary file, not text"):
        decode_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.txt")


def test_everyday_share_tells_text_from_mojibake():
    assert everyday_share(SIMPLIFIED) > 0.9
    assert everyday_share(TRADITIONAL) > 0.9
    assert everyday_share(TRADITIONAL.encode("big5").decode("gb18030", errors="replace")) < 0.6
