"""Scans the extraction narrows for speed find what the whole scan found.

A pattern tried only next to its anchor characters (loaders.extract.anchored) gives finditer's
matches; the sentence splitter's one pass over the whole text gives the spans, paragraphs and
headings of a pass per line; the filtered dictionary scan's remembered answers are fresh mentions
each time. Sentences of our own.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bangfu.knowledge.gazetteer import get_gazetteer
from loaders.extract.anchored import near_anchors
from loaders.extract.mentions import REGION, get_matcher
from loaders.extract.places import _TOWN_ANCHOR, _TOWN_REACH, _TOWN_VILLAGE
from loaders.extract.sentences import split_sentences

_TOWN_TEXT = st.text(alphabet="镇乡村社区和及与、个级大山河石桥头\n，。", max_size=60)


def _near(text: str) -> list[tuple[int, int]]:
    anchors = [a.start() for a in _TOWN_ANCHOR.finditer(text)]
    return [m.span() for m in near_anchors(_TOWN_VILLAGE, text, anchors, 2, 6, _TOWN_REACH)]


def test_a_town_and_village_near_their_anchor_are_found_as_by_the_whole_scan() -> None:
    text = "我们走访了钱库镇河西岸村和白蜡乡荍田村，又到乡村振兴示范点。"
    whole = [m.span() for m in _TOWN_VILLAGE.finditer(text)]
    assert len(whole) == 2
    assert _near(text) == whole


@settings(max_examples=400, deadline=None)
@given(_TOWN_TEXT)
def test_anchored_matches_are_finditer_matches(text: str) -> None:
    assert _near(text) == [m.span() for m in _TOWN_VILLAGE.finditer(text)]


def test_anchored_search_goes_on_after_each_match_as_finditer_does() -> None:
    # a pattern whose matches touch: each search starts where the last match ended
    pattern = re.compile("[甲乙]{1,3}丙")
    text = "甲乙丙乙丙丁甲甲甲乙丙"
    anchors = [i for i, ch in enumerate(text) if ch == "丙"]
    found = [m.span() for m in near_anchors(pattern, text, anchors, 1, 3, 5)]
    assert found == [m.span() for m in pattern.finditer(text)] == [(0, 3), (3, 5), (7, 11)]


def test_sentences_keep_their_spans_paragraphs_and_headings_in_one_pass() -> None:
    text = "一、总体要求\n\n  长沙市帮扶龙山县。 株洲市帮扶泸溪县；\n。。\n   \n二是开展消费帮扶。\n结尾一句"
    got = [(s.text, s.start, s.end, s.paragraph, s.is_heading) for s in split_sentences(text)]
    assert got == [
        ("一、总体要求", 0, 6, 0, True),
        ("长沙市帮扶龙山县。", 10, 19, 1, False),
        ("株洲市帮扶泸溪县；", 20, 29, 1, False),
        # the line of final punctuation alone is a paragraph without a sentence; the blank one is not
        ("二是开展消费帮扶。", 37, 46, 3, True),
        ("结尾一句", 47, 51, 4, True),
    ]
    sentences = split_sentences(text)
    assert [h.text for h in sentences[1].headings] == ["一、总体要求"]
    assert [h.text for h in sentences[4].headings] == []


def test_a_markup_run_is_no_sentence_and_a_starred_lead_sentence_is_a_heading() -> None:
    text = "***\n正文第一句很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。**一是**加强组织领导。"
    got = [(s.text, s.is_heading) for s in split_sentences(text)]
    assert got == [
        ("正文第一句很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长。", False),
        ("**一是**加强组织领导。", True),
    ]


def test_the_filtered_scan_gives_fresh_mentions_each_time() -> None:
    # a brand's places are looked up once per name; the caller moves what it gets (to the brand's
    # position in the document), which must not move what the next caller gets
    first = get_matcher().find("湘西黄金茶", kinds=(REGION,))
    first[0].start += 100
    again = get_matcher().find("湘西黄金茶", kinds=(REGION,))
    assert [(m.surface, m.start) for m in again] == [("湘西", 0)]
    assert again[0] is not first[0]


def test_ancestor_codes_are_the_codes_of_the_ancestors() -> None:
    gaz = get_gazetteer()
    county = gaz.lookup("龙山县")[0]
    assert gaz.ancestor_codes(county.code) == tuple(a.code for a in gaz.ancestors(county.code))
    assert gaz.ancestor_codes(county.code)[-1] == county.province
    assert gaz.is_within(county.code, county.province)
    assert not gaz.is_within(county.province, county.code)
