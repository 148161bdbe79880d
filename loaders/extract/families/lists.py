"""Pairs written as lists: the order of two lists, or a series of "X与Y" pairs, says who goes with whom.

- respective:  A、B、C(N个区)分别与D、E、F(N个县)签署/结对…  and  由A、B分别结对D、E — in order, only
               when the lists are as long as each other (分别 is what licenses the order)
- series:      杭州与恩施州，宁波市与丽水市，金华市与巴中市结对 — each "X与Y" a pair

Between places the roles table gives each pair's direction; pairs of one list are one construction,
so the direction found for some is used for the rest (宁波市 与 丽水市 are both eastern, but stand
where 杭州 stands beside 恩施州). Nothing decides → nothing is said. Every fact is marked inferred,
except "A分别结对B" with the helpers written first as the subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import (
    AssistFact,
    code_of,
    is_example,
    is_trap,
    listed_inside,
    mechanism_for,
    pairing_mechanism,
    place_code,
    reversed_by_roles,
    status_of,
    topic_helpers,
)
from loaders.extract.families.gates import needs, words
from loaders.extract.mentions import Mention
from loaders.extract.roles import Roles
from loaders.extract.view import LIST_JOIN, SentenceView

_COUNT = r"(?:(?:\d+|[一二三四五六七八九十两]+)个[\u4e00-\u9fff]{0,3}?(?:区|县|市|镇|乡|村|城市|县市区|县（市、区）|单位|企业))?"
_RESPECTIVE = re.compile(
    rf"{_COUNT}(?:日前|近日|先后|也|还|已)?分别(与|和|同|结对|对口帮扶|对口支援|帮扶|联系帮扶|对接)"
)
_PAIRING_VERBS = (
    "签署",
    "签订",
    "结对",
    "建立",
    "结成",
    "缔结",
    "对接",
    "协作",
    "合作",
    "帮扶",
    "支援",
    "携手",
)
_PAIRING_VERB = re.compile("|".join(_PAIRING_VERBS))
# the units a company names as its own, right before the list of them
_OWN_UNITS_BEFORE = re.compile(r"(?:所属|下属|旗下)(?:的)?$")
_SERIES_SEP = ("，", ",", "；", ";", "、")
_CLAUSE_END = re.compile(r"[。；]")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def _orient(roles: Roles, pairs: list[tuple[Mention, Mention]]) -> list[tuple[Mention, Mention]] | None:
    """Helper first for every pair, by the roles table, the undecided ones as the decided ones are."""
    votes = 0
    for a, b in pairs:
        ca, cb = place_code(a), place_code(b)
        if a.type != "Region" and b.type == "Region":
            votes += 1
        elif b.type != "Region" and a.type == "Region":
            votes -= 1
        elif ca and cb and ca != cb:
            decided = roles.direction(ca, cb)
            if decided is not None:
                votes += 1 if decided[0] == ca else -1
    if votes == 0:
        return None
    return pairs if votes > 0 else [(b, a) for a, b in pairs]


@needs(words("分别"))
def respective(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    if text.find("分别", view.start, view.end) < 0:
        return
    actors = view.actors
    for i, a in enumerate(actors):
        if i and text[actors[i - 1].end : view.chain_start(a)] in ("", *LIST_JOIN):
            continue  # inside a chain or a list that started before: only whole lists pair
        left = view.run_after(view.chain_start(a), max_gap=0)
        if len(left) < 2 or left[0] is not view.chain_end(a) and left[0] is not a:
            continue
        m = _RESPECTIVE.match(text, left[-1].end, view.end)
        if m is None:
            continue
        # …分别结对云南省昭通市的大关县、盐津县…: the places listed inside the one named are the right side
        right = listed_inside(view, view.run_after(m.end(), max_gap=0))
        if len(right) != len(left) and len(right) != 1:
            continue  # A、B分别与C: each with C; otherwise the lists must be as long as each other
        lo, hi = view.clause_bounds(right[-1].end)
        rest = text[right[-1].end : view.end]
        if is_trap(view, view.start, view.end) or is_example(view, left[0].start):
            continue
        status = status_of(
            view, text[max(view.start, left[0].start - 4) : left[0].start], text[left[-1].end : m.start()]
        )
        if status is None:
            continue
        pairs = (
            list(zip(left, right, strict=True)) if len(right) == len(left) else [(x, right[0]) for x in left]
        )
        if m.group(1) in ("与", "和", "同"):
            if not _PAIRING_VERB.search(text[right[-1].end : hi]):
                continue
            oriented = _orient(roles, pairs)
            if oriented is None:
                continue
            mech = pairing_mechanism(view, rest) or "结对帮扶"
            for helper, helped in oriented:
                yield AssistFact(helper, helped, None, mech, True, status, 0.8, "respective lists")
        else:
            cue_mech = view.cues.mechanism("directed", m.group(1))
            for helper, helped in pairs:
                mech = mechanism_for(view, cue_mech, helper, helped, roles)
                yield AssistFact(
                    helper, helped, None, mech, False, status, 0.9, "respective lists (directed)"
                )


@needs(words(_PAIRING_VERBS))
def series(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """X与Y，Z与W…结对: two or more "X与Y" segments, then a pairing verb closing the sentence."""
    text = view.text
    sentence = text[view.start : view.end]
    if sentence.count("与") + sentence.count("和") + sentence.count("同") < 2:
        return
    segments: list[tuple[Mention, list[Mention]]] = []
    actors = [a for a in view.actors if view.chain_end(a) is a]
    i = 0
    while i < len(actors):
        a = actors[i]
        if i + 1 < len(actors) and text[a.end : actors[i + 1].start] in ("与", "和", "同"):
            run = view.run_after(actors[i + 1].start, connectors=("、", "及", "和"), max_gap=0)
            segments.append((a, run))
            last = run[-1] if run else actors[i + 1]
            i = actors.index(last) + 1 if last in actors else i + 2
            continue
        i += 1
    if len(segments) < 2:
        return
    tail = text[segments[-1][1][-1].end : view.end]
    if not _PAIRING_VERB.search(_CLAUSE_END.split(tail, maxsplit=1)[0]):
        return
    if is_trap(view, view.start, view.end):
        return
    # the segments must follow each other: only separators and bracketed notes between them
    for (_, run), (nxt, _) in zip(segments, segments[1:], strict=False):
        gap = _BRACKETED.sub("", text[run[-1].end : nxt.start])
        if gap.strip() not in _SERIES_SEP:
            return
    pairs = [(x, y) for x, run in segments for y in run]
    oriented = _orient(roles, pairs)
    if oriented is None:
        return
    mech = pairing_mechanism(view, tail) or "结对帮扶"
    status = status_of(view, text[view.start : segments[0][0].start])
    if status is None:
        return
    for helper, helped in oriented:
        yield AssistFact(helper, helped, None, mech, True, status, 0.75, "series of pairs")


_LABELS = ("对口帮扶", "对口支援", "结对帮扶", "东西部协作", "扶贫协作", "协作", "帮扶", "受援", "结对")
_LABELLED = re.compile(rf"等(?:{'|'.join(_LABELS)})(?:地区|县区|县市|县|地|城市|单位)")


@needs(words("等" + label for label in _LABELS))
def labelled(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """围场、静宁、泾川等对口帮扶地区: the list is labelled as someone's helped places; the helper is the
    one other place the sentence names (not one holding the listed ones)."""
    text = view.text
    if text.find("等", view.start, view.end) < 0:
        return
    for m in _LABELLED.finditer(text, view.start, view.end):
        listed, gap = view.run_before(m.start(), connectors=("、",))
        if not listed or gap or not all(a.type == "Region" for a in listed):
            continue
        others = [
            a
            for a in view.actors
            if a.type in ("Region", "Agency", "Organization")
            and a not in listed
            and view.chain_end(a) is a
            and not any(roles.related(code_of(a), code_of(x)) for x in listed)
        ]
        helpers = {a.entity_id: a for a in others}
        if len(helpers) != 1 or is_trap(view, view.start, view.end):
            continue
        helper = next(iter(helpers.values()))
        status = status_of(view, text[view.start : m.start()])
        if status is None:
            continue
        mech = view.cues.find_mechanism(m.group(0)) or mechanism_for(view, None, helper, listed[0], roles)
        for place in listed:
            if not reversed_by_roles(roles, helper, place):
                yield AssistFact(helper, place, None, mech, True, status, 0.75, "labelled helped places")


# 承担了五个对口支援和定点扶贫县任务，分别为A、B…: a count of tasks, then the places named
_TASKS_NAMED = re.compile(
    r"(?:承担|负责|担负)(?:了|起)?[^，。；]{0,24}?(?:帮扶|支援|扶贫|协作)[^，。；]{0,8}?(?:任务|工作|重任)[，：:]?(?:分别为|分别是|包括|即|为)"
)
# 承担陕西镇巴县、广西西林县对口帮扶工作: the places, then the task
_TASK_VERB = re.compile(r"(?:承担|负责|担负)(?:了|起)?")
# 承担了阿合奇县、横山区等3个县的定点扶贫任务: the places named of a counted set, then the task
_TASK_AFTER = re.compile(
    r"(?:等(?:\d+|[一二三四五六七八九十两]+)个[\u4e00-\u9fff、（）()]{0,8}?)?"
    r"(?:的)?(?:对口帮扶|定点帮扶|定点扶贫|对口支援|帮扶|结对帮扶|扶贫)(?:工作|任务)"
)


_TASK_WORDS = ("承担", "负责", "担负")


@needs(words(_TASK_WORDS))
def tasks(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    if not any(text.find(w, view.start, view.end) >= 0 for w in _TASK_WORDS):
        return
    for m in _TASKS_NAMED.finditer(text, view.start, view.end):
        places = view.run_after(m.end(), max_gap=0)
        yield from _task_facts(view, roles, m.start(), places, m.group(0))
    for m in _TASK_VERB.finditer(text, view.start, view.end):
        places = view.run_after(m.end(), max_gap=0)
        task = _TASK_AFTER.match(text, places[-1].end, view.end) if places else None
        if task:
            yield from _task_facts(view, roles, m.start(), places, task.group(0))


def _clause_subject(view: SentenceView, pos: int) -> list[Mention]:
    """The actors opening the clause of pos, when nothing but a phrase with no actor stands between
    them and pos (中国移动在“三区三州”地区承担了…)."""
    lo, _ = view.clause_bounds(pos)
    before = [a for a in view.actors if lo <= a.start and a.end <= pos]
    if not before:
        return []
    run = view.run_after(view.chain_start(before[0]), max_gap=2)
    if run and run[0] is before[0] and not any(a.start >= run[-1].end for a in before):
        return run
    return []


def _task_facts(
    view: SentenceView, roles: Roles, pos: int, places: list[Mention], task: str
) -> Iterator[AssistFact]:
    if not places or not all(a.type == "Region" for a in places):
        return
    helpers = _clause_subject(view, pos) or topic_helpers(view, pos)
    if not helpers or any(h.type not in ("Region", "Agency", "Organization") for h in helpers):
        return
    if len(helpers) > 1:
        if len(helpers) != len(places) or "分别" not in view.text[view.start : view.end]:
            return
        pairs = list(zip(helpers, places, strict=True))
    else:
        pairs = [(helpers[0], p) for p in places]
    status = status_of(view, view.text[max(view.start, helpers[0].start - 4) : pos])
    if status is None or is_trap(view, view.start, view.end):
        return
    cue_mech = view.cues.find_mechanism(task)
    for helper, place in pairs:
        if roles.related(code_of(helper), code_of(place)) or reversed_by_roles(roles, helper, place):
            continue
        mech = mechanism_for(view, cue_mech, helper, place, roles)
        yield AssistFact(helper, place, None, mech, False, status, 0.85, "tasks named")
    parent = view.frame
    if (
        parent is not None
        and parent.type != "Region"
        and _OWN_UNITS_BEFORE.search(view.text, 0, helpers[0].start)
    ):
        # 中国能建…指定所属西北院、广西院承担镇巴县、西林县的帮扶工作: the company whose report it is
        # holds the task its units carry out
        for place in places:
            if parent.entity_id not in {h.entity_id for h in helpers}:
                yield AssistFact(parent, place, None, "定点帮扶", True, status, 0.7, "tasks of its own units")
