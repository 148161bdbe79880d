"""The shortcuts the extraction takes for speed give what the slow way gave.

The dictionary scan is ahocorasick-rs's leftmost-longest; a sentence's actors, abbreviations, brands
and campaigns are sorted into sentences once (State.by_sentence); SentenceView finds runs by bisect;
sentences under one heading share its stack. Each test says what the slow way said, on sentences of
our own.
"""

from __future__ import annotations

from extract_helpers import doc_from_text

from loaders.extract.mentions import REGION, Mention, get_matcher
from loaders.extract.pipeline import State, sentences_stage
from loaders.extract.sentences import split_sentences
from loaders.extract.view import SentenceView


def _surfaces(text: str, kinds: tuple[str, ...] | None = None) -> list[str]:
    return [m.surface for m in get_matcher().find(text, kinds=kinds)]


def test_the_scan_takes_the_longest_name_at_the_leftmost_start() -> None:
    # 湘西土家族苗族自治州 over 湘西, and the county written right after it is a mention of its own
    assert _surfaces("湘西土家族苗族自治州龙山县开展结对帮扶。") == ["湘西土家族苗族自治州", "龙山县"]
    # 邵阳红 (a brand) over 邵阳 (a place), each span found once
    found = get_matcher().find("邵阳红产品进入邵阳市各超市")
    assert [(m.surface, m.start, m.end) for m in found][:1] == [("邵阳红", 0, 3)]
    assert found[0].kind != REGION
    assert ("邵阳市", 7, 10) in [(m.surface, m.start, m.end) for m in found]


def test_a_short_name_does_not_hide_the_full_name_that_starts_inside_it() -> None:
    # 则和龙岩市: 和龙 (和龙市) is a leftmost match, 龙岩市 the name meant
    assert "龙岩市" in _surfaces("广州市则和龙岩市签订协议。")
    assert "和龙" not in _surfaces("广州市则和龙岩市签订协议。")


def test_the_filtered_scan_keeps_the_longest_of_overlapping_places() -> None:
    # among every match (not only leftmost-longest ones): 长沙市 holds 长沙; each place once
    assert _surfaces("长沙市对口帮扶龙山县", kinds=(REGION,)) == ["长沙市", "龙山县"]


def _state(text: str) -> State:
    st = State(doc_from_text(text))
    sentences_stage(st)
    return st


def _m(start: int, end: int, text: str) -> Mention:
    return Mention(start, end, text[start:end], REGION)


def test_items_are_sorted_into_the_sentence_they_start_in_and_kept_in_order() -> None:
    text = "长沙市帮扶龙山县。 株洲市帮扶泸溪县。"
    st = _state(text)
    assert [(s.start, s.end) for s in st.sentences] == [(0, 9), (10, 19)]
    items = [_m(0, 3, text), _m(5, 8, text), _m(9, 10, text), _m(10, 13, text), _m(15, 18, text)]
    grouped = st.by_sentence(items)
    # the space between the two sentences (9) belongs to neither
    assert {i: [m.surface for m in ms] for i, ms in grouped.items()} == {
        0: ["长沙市", "龙山县"],
        1: ["株洲市", "泸溪县"],
    }


def _view(text: str, spans: list[tuple[int, int]]) -> SentenceView:
    from bangfu.knowledge.cues import get_cues

    sentence = split_sentences(text)[0]
    actors = [_m(a, b, text) for a, b in spans]
    for m in actors:
        m.type = "Region"
    return SentenceView(sentence, text, actors, [], get_cues())


def test_runs_before_and_after_a_position_are_the_joined_actors_next_to_it() -> None:
    text = "长沙市、株洲市对口帮扶龙山县、泸溪县，湘潭市参加。"
    view = _view(text, [(0, 3), (4, 7), (11, 14), (15, 18), (19, 22)])
    run, filler = view.run_before(11)
    assert [m.surface for m in run] == ["长沙市", "株洲市"] and filler == "对口帮扶"
    assert [m.surface for m in view.run_after(11)] == ["龙山县", "泸溪县"]
    # a comma ends the run; a gap longer than allowed gives none; nothing after the last actor
    assert [m.surface for m in view.run_after(18)] == []
    assert [m.surface for m in view.run_after(8)] == []  # 口帮扶: 3 characters, 2 allowed
    assert [m.surface for m in view.run_after(9)] == ["龙山县", "泸溪县"]
    assert view.run_after(22) == []
    run, filler = view.run_before(3)
    assert [m.surface for m in run] == ["长沙市"] and filler == ""
    assert view.run_before(0) == ([], "")


def test_a_new_heading_leaves_the_headings_of_the_sentences_before_it_alone() -> None:
    text = "一、东西部协作\n长沙市帮扶龙山县。\n株洲市帮扶泸溪县。\n二、消费帮扶\n湘潭市采购产品。"
    sentences = split_sentences(text)
    body = [s for s in sentences if not s.is_heading]
    assert [s.heading_text for s in body] == ["一、东西部协作", "一、东西部协作", "二、消费帮扶"]
    heading = [s for s in sentences if s.is_heading][1]
    assert heading.headings == []  # the second heading's outer ones: none at its level
