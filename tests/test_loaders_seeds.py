"""The five sample documents: titles, dates and 文号 as the gold file states them, glosses gone,
places simplified, and every span of the normalized text found again in the original."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from loaders.normalize import _FULLWIDTH, _HALF_PUNCT, to_simplified
from loaders.read import iter_documents, load_path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
GOLD = json.loads((ROOT / "tests" / "data" / "gold_seeds.json").read_text("utf-8"))["documents"]
SEEDS = sorted(GOLD)
DELETED = re.compile(r"(?:[(（][a-zA-Z0-9 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜɡü]+[)）]|\s|\*\*|__)*")
GLOSS_LEFT = re.compile(r"[\u4e00-\u9fff][(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜɡü' ]+[1-5]?[)）]")


@pytest.mark.parametrize("name", SEEDS)
def test_seed_titles_dates_and_numbers(name):
    doc = load_path(CORPUS / name)
    want = GOLD[name]
    assert (doc.title, doc.date, doc.doc_number) == (want["title"], want["date"], want.get("doc_number"))


def test_traditional_seed_has_no_gloss_left_and_simplified_places():
    doc = load_path(CORPUS / "002_070ba12c213e897e.txt")
    assert GLOSS_LEFT.search(doc.original)  # the test would pass vacuously without glosses to strip
    assert not GLOSS_LEFT.search(doc.text)
    for gloss in ("(zhōng)", "(fèi)", "(yī)", "(dà)", "(kāi)", "(gōng)"):
        assert gloss not in doc.text
    for place in ("甘肃", "宁夏", "青岛"):
        assert place in doc.text
    assert "（以下简称“新春行动”）" in doc.text.replace("(", "（").replace(")", "）")


def test_page_break_in_the_markdown_seed_is_rejoined():
    doc = load_path(CORPUS / "003_9163a51b4e7803d4.txt")
    assert "各级各部门结\n\n合" in doc.original
    assert "各级各部门结合工作实际" in doc.text
    assert "## 一、工作目标" in doc.text.splitlines()  # headings keep their own line


def test_html_seeds_lose_their_markup_and_links():
    doc = load_path(CORPUS / "001_65e1662d74c131c1.txt")
    assert doc.format == "html"
    assert not re.search(r"<[a-z/]|&[a-z]+;|\]\(|https?:", doc.text)
    assert "（文章来源：中国经济导报）" in doc.text
    assert doc.source == "中国经济导报"


def test_seed_ids_are_content_hashes():
    docs = list(iter_documents([CORPUS]))
    assert len({d.id for d in docs}) == len(docs) == len(SEEDS)
    again = load_path(CORPUS / SEEDS[0])
    assert again.id == docs[0].id and re.fullmatch(r"[0-9a-f]{16}", again.id)


def _same_character(original_char: str, text_char: str) -> bool:
    """What normalization does to one character that it keeps: full-width, punctuation, t2s."""
    if _HALF_PUNCT.get(original_char) == text_char:
        return True
    return to_simplified(original_char.translate(_FULLWIDTH)) == text_char


@pytest.mark.parametrize("name", SEEDS)
def test_random_spans_map_into_the_original(name):
    doc = load_path(CORPUS / name)
    assert len(doc.offsets) == len(doc.text) + 1 and doc.offsets[-1] == len(doc.original)
    rng = random.Random(name)
    for _ in range(300):
        a = rng.randrange(0, len(doc.text))
        b = rng.randrange(a + 1, min(len(doc.text), a + 80) + 1)
        start, end = doc.to_original(a, b)
        assert 0 <= start < end <= len(doc.original)
        # every kept character stands in the original span, in order, as what it was normalized from
        positions = doc.offsets[a:b]
        assert positions == sorted(set(positions)) and positions[0] == start and positions[-1] == end - 1
        for i, pos in zip(range(a, b), positions, strict=True):
            assert _same_character(doc.original[pos], doc.text[i]), (i, doc.original[pos], doc.text[i])
        # what lies between kept characters in the original was deleted: glosses, breaks, spaces, **
        for p, q in zip(positions, positions[1:], strict=False):
            assert DELETED.fullmatch(doc.original[p + 1 : q]), doc.original[p + 1 : q]
