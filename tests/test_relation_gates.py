"""The relation families' gates skip only calls that could find nothing.

Each family declares the words and actors it cannot do without (families/gates.py); a sentence
lacking them does not call it. Run with every family called on every sentence (the slow way), the
same documents must give the same facts; and the words found by the one pass over a document are
those a scan of each sentence alone finds.
"""

from __future__ import annotations

import sys

import pytest
from extract_helpers import doc_from_text, extract

from bangfu.knowledge.cues import get_cues
from loaders.extract.families import family_gates
from loaders.extract.families.gates import Gates, needs, words
from loaders.extract.families.lists import tasks
from loaders.extract.families.symmetric import symmetric
from loaders.extract.pipeline import State, mentions_stage, resolve_stage, sentences_stage
from loaders.extract.view import SentenceView

# sentences of our own, one or more per family, with distractors beside them
TEXTS = [
    "一、东西部协作\n南京市对口帮扶商洛市，投入帮扶资金3亿元。苏州市与铜仁市签订结对帮扶协议。",
    "杭州市、宁波市分别对口帮扶恩施州、丽水市。温州市与黔东南州，台州市与毕节市结对开展协作。",
    "长沙市帮扶龙山县、湘潭市帮扶永顺县。龙山县由长沙市对口帮扶。",
    "福州市在定西市建设产业园。上海市累计采购云南农产品2亿元。广东农产品销往北京市。",
    "北京市向和田地区投入援疆资金，选派干部人才。自2018年对口砚山县开展结对帮扶以来，上海市投入资金。",
    "在新疆喀什，山东省从产业入手，助力当地发展。围场县、平泉市等对口帮扶地区由天津市负责。",
    "中国华能承担阿合奇县、横山区的定点帮扶工作。国家电网派驻龙山县洗车河村第一书记。",
    "长沙市7个市县区对口帮扶7个贫困县。江苏组织采购对口支援协作地区农副产品。",
    "浙鄂两省深化对口协作。苏州宿迁南北合作共建园区。",
    "结对关系：长沙市—龙山县；株洲市—泸溪县。",
    "拼多多助农直播间为黔西南州农产品代言。淘宝上砀山县的酥梨销量翻番。",
    "天津市接棒北京市对口帮扶承德市。河南省由支援阿克苏地区调整为对口支援哈密地区。",
    "青岛市与陇南市举办两地对接会。广州市将继续帮扶毕节市。深圳市曾对口帮扶百色市。",
    "北京大学定点帮扶弥渡县。清华大学代表团到南涧县考察调研。",
]


def _facts(text: str) -> list[tuple]:
    ext = extract(text)
    return sorted(
        (r.type, r.source, r.target, r.mechanism, r.status, r.inferred, r.evidence.start)
        for r in ext.relations
    ) + sorted((g.helper, g.helped, g.mechanism) for g in ext.groups)


def test_the_gated_families_give_what_every_family_called_gives(monkeypatch: pytest.MonkeyPatch) -> None:
    gated = [_facts(t) for t in TEXTS]
    chosen = Gates.chosen
    skipped: list[int] = []

    def every_family(self: Gates, families: tuple, mask: int) -> tuple:
        skipped.append(len(families) - len(chosen(self, families, mask)))
        return families

    monkeypatch.setattr(Gates, "chosen", every_family)
    slow = [_facts(t) for t in TEXTS]
    assert gated == slow
    assert sum(len(f) for f in gated) >= 30  # the texts do state facts
    assert sum(skipped) > len(skipped)  # and the gates do skip calls (more than one per sentence)


def _views(text: str) -> tuple[State, list[SentenceView]]:
    st = State(doc_from_text(text))
    for stage in (sentences_stage, mentions_stage, resolve_stage):
        stage(st)
    return st, [SentenceView(s, st.text, [], [], get_cues()) for s in st.sentences]


def test_the_words_of_one_pass_are_those_of_each_sentence_alone() -> None:
    # 帮扶 ends one sentence and opens the next; 承担 stands between two sentences in no sentence
    text = "长沙市对口帮扶。帮扶龙山县 承担\n\n  株洲市负责泸溪县。苏州市与铜仁市结对\t签订协议。"
    st, views = _views(text)
    gate = family_gates(get_cues())
    found = gate.sentence_words(st.text, st.sentences, range(len(st.sentences)))
    assert found == {i: gate.words_of(v) for i, v in enumerate(views)}
    assert len(set(found.values())) == len(found)  # each sentence has words of its own


def test_a_family_lacking_its_word_is_not_called_and_one_having_it_is() -> None:
    gate = family_gates(get_cues())
    st, views = _views("长沙市与龙山县建立结对关系。长沙市承担龙山县的帮扶工作。")
    families = (symmetric, tasks)
    first, second = (gate.words_of(v) for v in views)
    assert gate.chosen(families, first) == (symmetric,)  # no 承担/负责/担负 in it
    assert tasks in gate.chosen(families, second)


def test_a_gate_word_that_could_cross_two_sentences_is_refused() -> None:
    @needs(words("对口 帮扶"))
    def family(view, roles):  # pragma: no cover - never called
        return iter(())

    with pytest.raises(ValueError, match="white space"):
        Gates(get_cues(), (family,), words("帮扶"))


def test_the_cues_passed_over_before_their_helper_is_sought_state_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # directed._nothing_to_help passes over a cue with nothing nameable after it and no form that
    # puts its helped side before it (帮扶资金, 对口帮扶工作): the same facts as reading every cue
    directed_module = sys.modules["loaders.extract.families.directed"]
    quick = [_facts(t) for t in TEXTS]
    passed_over: list[bool] = []
    decide = directed_module._nothing_to_help

    def read_every_cue(view, pos: int, end: int) -> bool:
        passed_over.append(decide(view, pos, end))
        return False

    monkeypatch.setattr(directed_module, "_nothing_to_help", read_every_cue)
    assert [_facts(t) for t in TEXTS] == quick
    assert any(passed_over) and not all(passed_over)
