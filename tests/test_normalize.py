"""Normalization: glosses, page breaks, t2s, and the map back to the original."""

from __future__ import annotations

import json
import random
import unicodedata
from pathlib import Path

import pytest

from loaders.normalize import normalize
from loaders.read import load_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
GOLD = json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text("utf-8"))


@pytest.mark.parametrize(
    "original, expected",
    [
        ("中(zhōng)央", "中央"),
        ("中（zhōng）央", "中央"),
        ("乡村(xiāng cūn)振兴", "乡村振兴"),
        ("中(zhong1)央", "中央"),
        ("中(zhōnɡ)央", "中央"),
        (unicodedata.normalize("NFD", "中(zhōng)央"), "中央"),
        ("消費(fèi)", "消费"),
        ("一(yī)、", "一、"),
    ],
)
def test_pinyin_glosses_are_stripped(original, expected):
    text, _ = normalize(unicodedata.normalize("NFC", original))
    assert text == expected


@pytest.mark.parametrize(
    "kept",
    [
        "（以下简称“新春行动”）",
        "(发改振兴〔2021〕640号)",
        "国内生产总值(GDP)",
        "第(一)条",
        "平台(2021年)",
        "Beijing(běi)",
        "县(市区)",
    ],
)
def test_real_parentheses_are_kept(kept):
    assert normalize(kept)[0] == kept


def test_traditional_to_simplified_including_opencc_gaps():
    assert normalize("甘肅、甯夏、青島、陜西")[0] == "甘肃、宁夏、青岛、陕西"


def test_page_break_inside_a_word_is_rejoined_but_headings_stay_apart():
    original = "各级各部门要充分发挥作用，各级各部门结\n\n合工作实际，组织开展\n\n## 五、活动安排\n\n正文。"
    text, _ = normalize(original)
    assert "各级各部门结合工作实际" in text
    assert "组织开展\n\n## 五、活动安排" in text


def test_a_title_line_is_not_joined_to_the_next_line():
    original = "湖南省继续大力实施消费帮扶巩固拓展脱贫攻坚成果的实施意见\n\n编稿时间: 2021-10-11"
    assert normalize(original)[0] == original


def test_fullwidth_letters_and_digits_become_ascii():
    assert normalize("ＡＰＰ上线８３２平台")[0] == "APP上线832平台"


def test_offsets_map_every_kept_character_back_to_the_original():
    original = "國務院(guó wù yuàn)關于消費(fèi)幫扶，各級各部門結\n\n合工作實際。"
    text, offsets = normalize(original)
    assert len(offsets) == len(text) + 1 and offsets[-1] == len(original)
    for i, ch in enumerate(text):
        assert normalize(original[offsets[i]])[0] == ch


@pytest.mark.parametrize("name", sorted(GOLD["documents"]))
def test_seed_titles_dates_and_numbers(name):
    doc = load_path(CORPUS / name)
    want = GOLD["documents"][name]
    assert doc.title == want["title"]
    assert doc.date == want["date"]
    assert doc.doc_number == want.get("doc_number")


def test_traditional_seed_has_no_gloss_left_and_simplified_places():
    doc = load_path(CORPUS / "002_070ba12c213e897e.txt")
    assert "(zhōng)" in doc.original
    assert not any(s in doc.text for s in ("(zhōng)", "(fèi)", "(yī)", "(dà)", "(kāi)", "(gōng)"))
    import re

    assert not re.search(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜɡ ]+[)）]", doc.text)
    for place in ("甘肃", "宁夏", "青岛"):
        assert place in doc.text


@pytest.mark.parametrize("name", sorted(GOLD["documents"]))
def test_random_spans_map_into_the_original(name):
    doc = load_path(CORPUS / name)
    rng = random.Random(name)
    for _ in range(200):
        a = rng.randrange(0, len(doc.text))
        b = rng.randrange(a + 1, min(len(doc.text), a + 60) + 1)
        start, end = doc.to_original(a, b)
        span = doc.original[start:end]
        # the span begins and ends with the characters the normalized span begins and ends with
        assert normalize(span[0])[0] == doc.text[a] or span[0] in "“”"
        assert normalize(span[-1])[0] == doc.text[b - 1] or span[-1] in "“”"
