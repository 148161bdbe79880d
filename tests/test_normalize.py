"""Normalization: glosses, page breaks, spaces, punctuation, t2s, and the map back to the original."""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bangfu.knowledge import t2s
from loaders import normalize as norm
from loaders.normalize import for_metadata, nfc, normalize, to_simplified
from loaders.pinyin import is_gloss


def _n(text: str, **kw) -> str:
    return normalize(nfc(text), **kw)[0]


# ------------------------------------------------------------------------------------------ glosses
@pytest.mark.parametrize(
    "original, expected",
    [
        ("中(zhōng)央", "中央"),
        ("中（zhōng）央", "中央"),
        ("乡村(xiāng cūn)振兴", "乡村振兴"),
        ("中(zhong1)央", "中央"),
        ("中(zhōnɡ)央", "中央"),  # the ɡ (U+0261) of pinyin fonts
        (unicodedata.normalize("NFD", "中(zhōng)央"), "中央"),  # tones as combining marks
        ("消費(fèi)", "消费"),
        ("一(yī)、", "一、"),
        ("國務院(guó wù yuàn)關於", "国务院关于"),
        ("西安(xī'ān)市", "西安市"),
        ("绿(lǜ)色", "绿色"),
        ("中（ZHŌNG）央", "中央"),
        ("中( zhōng )央", "中央"),
    ],
)
def test_pinyin_glosses_are_stripped(original, expected):
    assert _n(original) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "（以下简称“新春行动”）",
        "(农市发〔2022〕9号)",
        "国内生产总值(GDP)",
        "第(一)条",
        "平台(2021年)",
        "Beijing(běi)",  # not after a Chinese character
        "县(市区)",
        "咖啡(café)",  # a French word, not pinyin
        "中(zhong)央",  # no tone: could be anything
        "应用(APP)",
        "单位(万元)",
        "纸张(A4)",  # a letter and a digit, not a tone number
        "型号(e5)",
    ],
)
def test_real_parentheses_are_kept(kept):
    assert _n(kept) == kept


@pytest.mark.parametrize(
    "inner, expected",
    [("zhōng", True), ("xiāng cūn", True), ("zhong1", True), ("café", False), ("résumé", False)],
)
def test_is_gloss_checks_syllables_not_just_accents(inner, expected):
    assert is_gloss(inner) is expected


# ------------------------------------------------------------------------------------- t2s and NFC
def test_traditional_to_simplified_including_opencc_gaps():
    assert _n("甘肅、甯夏、青島、陜西、黑龍江") == "甘肃、宁夏、青岛、陕西、黑龙江"


def test_simplified_text_is_left_alone_and_phrases_use_context():
    assert to_simplified("乾隆年间，干燥的天气") == "乾隆年间，干燥的天气"
    assert to_simplified("乾燥") == "干燥"  # OpenCC's phrase table, not one character at a time


def test_t2s_that_changes_the_length_falls_back_to_one_character_for_one(monkeypatch):
    class Expanding:
        def convert(self, text: str) -> str:
            return text.replace("龍", "龙").replace("囍", "喜喜")

    monkeypatch.setattr(t2s, "converter", lambda: Expanding())
    assert to_simplified("黑龍江\n囍事") == "黑龙江\n囍事"  # 囍 stays: the map must stay one to one


def test_nfc_fast_path_is_safe():
    """Every character the NFC shortcut trusts is stable under NFC and composes with nothing before it."""
    seconds = set()
    for cp in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                seconds.add(chr(int(parts[1], 16)))
    trusted = [chr(cp) for cp in range(0x30000) if not norm._MAYBE_NOT_NFC.match(chr(cp))]
    assert len(trusted) > 29000  # ASCII, Latin, CJK, punctuation, full-width forms
    bad = [
        c for c in trusted if unicodedata.normalize("NFC", c) != c or unicodedata.combining(c) or c in seconds
    ]
    assert bad == []


# letters, marks that compose with them or reorder, Hangul that composes by rule, CJK and punctuation
_NFC_MIX = "aeouAEOUnzhgü\u0300\u0301\u0304\u030c\u0308\u0323\u0327\u1100\u1161\u11a8\uac00龍中，。 \n"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_NFC_MIX, max_size=40))
def test_nfc_of_the_runs_is_nfc_of_the_whole_text(text):
    assert nfc(text) == unicodedata.normalize("NFC", text)


def test_nfd_text_is_composed():
    assert nfc(unicodedata.normalize("NFD", "zhōng")) == "zhōng"


# ------------------------------------------------------------------------------------- page breaks
def test_page_break_inside_a_word_is_rejoined_but_headings_stay_apart():
    original = (
        "各县要把产销对接作为重点工作，每个乡镇要结\n\n合本地特色，组织开展\n\n## 五、活动安排\n\n正文。"
    )
    text = _n(original)
    assert "每个乡镇要结合本地特色" in text
    assert "组织开展\n\n## 五、活动安排" in text


def test_a_paragraph_led_by_a_bold_heading_is_rejoined():
    original = (
        "**(三) 办好农产品展销周。**各县要充分调动合作社的积极性，每个乡镇要结\n\n合本地特色，组织开展活动。"
    )
    assert "每个乡镇要结合本地特色" in _n(original)


@pytest.mark.parametrize(
    "original",
    [
        "江西省关于做好秋季农产品产销对接促进农民持续增收的实施意见\n\n编稿时间: 2023-09-12",  # a title
        "## 一、坚持问题导向，突出工作重点\n\n各地要结合实际抓好落实。",  # a heading with a comma
        "（一）坚持问题导向，突出重点\n\n各地要结合实际。",  # an enumerated heading
        "各地要结合工作实际抓好落实。\n\n下一步，各地要继续推进。",  # a finished sentence
        "长沙市\t龙山县，永顺县\n\n湘潭市\t保靖县",  # a table row
        "各级各部门要充分发挥作用，结合\n\n一、工作目标",  # the next line is a heading
        "短行，结\n\n合",  # too short to be a page's last line
    ],
)
def test_breaks_that_are_not_inside_a_word_stay(original):
    assert _n(original) == original


@pytest.mark.parametrize("page_number", ["— 3 —", "- 12 -", "3", "第 3 页 共 10 页"])
def test_a_page_number_between_the_halves_of_a_word_goes_with_the_break(page_number):
    original = f"各级各部门要充分发挥作用，各级各部门结\n\n{page_number}\n\n合工作实际。"
    assert _n(original) == "各级各部门要充分发挥作用，各级各部门结合工作实际。"
    assert _n(original.replace("\n\n", "\n")) == "各级各部门要充分发挥作用，各级各部门结合工作实际。"


def test_a_year_on_its_own_line_is_no_page_number():
    original = "各级各部门要充分发挥作用，各级各部门结\n\n2020\n\n合工作实际。"
    assert _n(original) == original


def test_single_line_breaks_join_only_in_pdf_text():
    original = "各级各部门要充分发挥对口帮扶单位作用，各级各部门结\n合工作实际，开展活动。"
    assert _n(original) == original  # a .txt author's own line break
    assert _n(original, single_newlines=True) == original.replace("\n", "")  # a PDF's layout wrap


def test_no_joins_when_the_format_has_no_page_breaks():
    original = "各级各部门要充分发挥对口帮扶单位作用，各级各部门结\n\n合工作实际。"
    assert _n(original, join_page_breaks=False) == original


# ------------------------------------------------------------------------- spaces and punctuation
def test_fullwidth_letters_and_digits_become_ascii():
    assert _n("ＡＰＰ上线８３２平台") == "APP上线832平台"


def test_spaces_between_chinese_characters_go_other_spaces_stay():
    assert _n("湖南省消费扶贫月 活动方案") == "湖南省消费扶贫月活动方案"
    assert _n("湖南省 2020 年") == "湖南省 2020 年"
    assert _n("\u3000\u3000为深入贯彻") == "  为深入贯彻"  # indentation: one space for one


def test_markdown_emphasis_is_dropped():
    assert _n("**（一）举办启动仪式。**邀请省领导出席") == "（一）举办启动仪式。邀请省领导出席"


@pytest.mark.parametrize(
    "original, expected",
    [
        ("春节以来,为深入贯彻", "春节以来，为深入贯彻"),
        ("“以购代捐”,持续扩大", "“以购代捐”，持续扩大"),
        ("通知如下:各地;各部门", "通知如下：各地；各部门"),
        ("采购1,000万元", "采购1,000万元"),  # a thousands separator
        ("GDP, CPI", "GDP, CPI"),
        ("编稿时间: 2023-09-12", "编稿时间: 2023-09-12"),
    ],
)
def test_half_width_punctuation_between_chinese_becomes_full_width(original, expected):
    assert _n(original) == expected


# ------------------------------------------------------------------------------------- offset map
def test_offsets_map_every_kept_character_back_to_the_original():
    original = "國務院(guó wù yuàn)關於消費(fèi)幫扶,每個鄉鎮要結\n\n合本地特色。**重點**　ＡＢ"
    text, offsets = normalize(original)
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(original)
    assert all(a < b for a, b in zip(offsets, offsets[1:], strict=False))
    for i, ch in enumerate(text):
        source = original[offsets[i]]
        assert to_simplified(source.translate(norm._FULLWIDTH)) == ch or norm._HALF_PUNCT.get(source) == ch


def test_for_metadata_keeps_spaces_and_lines():
    head = "江西省做好秋季農產品產銷對(duì)接的實施意見 贛農字〔２０２３〕17號\n編稿時間: 2023-09-12"
    assert (
        for_metadata(head)
        == "江西省做好秋季农产品产销对接的实施意见 赣农字〔2023〕17号\n编稿时间: 2023-09-12"
    )
