"""Two-sided statements whose direction the text does not give: X与Y建立/签订/结对…, X、Y举办…双向游
for an official pair, and pairs listed as X—Y or table rows under a pairing heading. The roles table
decides who helps; every fact is marked inferred."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import (
    SENT_END,
    AssistFact,
    code_of,
    is_example,
    is_region,
    is_trap,
    pairing_mechanism,
    status_of,
    topic_helpers,
    two_sided,
)
from loaders.extract.families.gates import needs, words
from loaders.extract.mentions import Mention
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_SYMMETRIC_JOIN = ("与", "和", "同")
# 舟山市普陀区还与万源市…, 广州市则和龙岩市…: an adverb may stand before the joining word
_JOIN = re.compile(r"^[，,]?(?:还|也|则|又|已|先后|共同|正式|积极|主动)?(?:与|和|同)$")
_ESTABLISH_WORDS = ("建立", "签订", "签署", "结对", "结成", "开展", "携手", "达成", "深化", "加强")
_ESTABLISH = re.compile("|".join(_ESTABLISH_WORDS))
_HELP_WORD = re.compile(r"帮扶|扶贫|支援")
# 自开启对口援藏以来，常州与墨竹工卡之间，架起…: the two sides of the programme the sentence names,
# when 之间 closes the clause or a bond is built between them (之间结下/筑起…); not 之间的航班, 之间相距
_BETWEEN_WORD = "之间"
_BETWEEN = re.compile(_BETWEEN_WORD + r"(?:[，,]|结下|结成|筑起|架起|搭起|建立|形成)")


@needs(words(_ESTABLISH_WORDS, _BETWEEN_WORD))
def symmetric(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """X与Y(、Z)建立/签订/结对…: both sides named, the direction is inferred.

    Between two places the roles table decides; between an organisation or agency and places, the
    organisation is the helper (a county does not help a ministry or a bank). X与Y之间 counts only
    under a programme the sentence itself names (its heading is not enough).
    """
    for a, first in _joined(view):
        run = view.run_after(first.start, connectors=("、", "和", "及"), max_gap=0)
        if not run:
            continue
        rest = view.text[run[-1].end : view.end]
        between = _BETWEEN.match(rest)
        est = between or _ESTABLISH.search(rest)
        if not est or is_trap(view, view.start, view.end) or "友好" in rest:
            continue
        mech = view.sentence_mechanism() if between else pairing_mechanism(view, rest)
        if between and not mech:
            continue
        if not mech and _HELP_WORD.search(SENT_END.split(rest, 1)[0]):
            if a.type != "Region" or any(b.type != "Region" for b in run):
                # 国家电网公司与长阳县签订帮扶协议: a unit's pairing with places is 定点帮扶 in this genre
                mech = "定点帮扶"
            elif any(not b.code for b in run):
                mech = "结对帮扶"  # 普陀区与万源市…村签订帮扶协议: a pairing with villages
        if not mech:
            continue
        lead = view.text[max(view.start, a.start - 6) : a.start]
        status = status_of(view, lead, rest[: est.start()])
        if status is None or is_example(view, a.start):
            continue
        facts = [two_sided(a, b, mech, status, roles) for b in run]
        decided = [f for f in facts if f is not None]
        if decided and all(f.helper is a for f in decided):
            # X与A、B、C结对 is one construction: where the roles table decides some, X helps all
            for b, f in zip(run, facts, strict=True):
                if f is None and b.type == "Region" and not roles.related(code_of(a), code_of(b)):
                    f = AssistFact(
                        a, b, None, mech, True, status, 0.65, "symmetric (list shares its direction)"
                    )
                if f is not None:
                    yield f
            continue
        yield from decided


def co_subjects(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """山东、甘肃举办…双向游: two places acting together that form an official pair."""
    subject = view.subject()
    if subject is None or not is_region(subject):
        return
    run = view.run_after(subject.start, connectors=("、", "和", "与"), max_gap=0)
    if len(run) != 2 or not all(is_region(m) for m in run):
        return
    # the official pair first: the rarest of the tests, and each one only says no
    pair = roles.official(run[0].code, run[1].code)
    if pair is None or view.text[run[1].end : run[1].end + 1] == "等":
        return
    others = {a.code for a in view.actors if is_region(a)} - {run[0].code, run[1].code}
    if others - _within_any(roles, others, run):
        return
    if is_trap(view, view.start, view.end):
        return
    a, b = run
    forward = roles.covers(pair.helper, a.code)
    helper, helped = (a, b) if forward else (b, a)
    status = status_of(view, view.text[view.start : a.start])
    if status is None:
        return
    yield AssistFact(
        helper, helped, None, pair.mechanism, True, status, 0.7, "co-subjects (official pairing)"
    )


def _within_any(roles: Roles, codes: set[str], run: list[Mention]) -> set[str]:
    return {c for c in codes if any(roles.related(m.code, c) for m in run)}


_PAIR_SEP = ("—", "——", "－", "-", "--", "→", "\t", "|", "｜", "·", "•")
_ROW = re.compile(r"[\t|｜]")
_PAIR_WORD = re.compile(r"结对|对口")
_MAX_ROWS = 40


@needs(words(_PAIR_SEP))
def listed_pairs(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """结对关系：长沙市—龙山县；株洲市—泸溪县 and table rows "株洲市<TAB>泸溪县" under a pairing heading:
    the text lists the pair, the roles table says which side helps."""
    sentence = view.text[view.start : view.end]
    if not any(sep in sentence for sep in _PAIR_SEP):
        return
    mech = view.sentence_mechanism() or view.heading_mechanism() or _caption_mechanism(view)
    if not mech and _PAIR_WORD.search(view.text[view.start : view.end]):
        mech = "结对帮扶"  # 虎门镇·长兴堡镇对口结对协议: the pair named around its agreement
    if not mech:
        return
    # a zone or a company in a row of its own (大鹏新区 | 大余县) pairs as places do; it is the helper
    regions = [a for a in view.actors if a.type in ("Region", "Organization")]
    for a, b in zip(regions, regions[1:], strict=False):
        if view.chain_end(a) is not a or view.between(a.end, b.start).strip(" ") not in _PAIR_SEP:
            continue
        b = view.chain_end(b)
        if is_trap(view, view.start, view.end):
            return
        fact = two_sided(a, b, mech, "current", roles)
        if fact is not None:
            fact.confidence, fact.reason = 0.7, f"listed pair ({fact.reason})"
            yield fact


# a line that is one pair and nothing else: 杭州市—恩施州, 2.宁波市—黔西南州；
_DASH = r"\s*(?:——|—|－|--|-|→)\s*"
_LEAD, _END = r"^\s*(?:\d{1,2}[.、．]\s*)?", r"\s*[；;，,。]?\s*$"
_DASH_ROW = re.compile(_LEAD + r"[\u4e00-\u9fff]{2,10}" + _DASH + r"[\u4e00-\u9fff]{2,10}" + _END)
_DASH_LEFT = re.compile(_LEAD + _DASH + _END)  # what a pair line leaves once its two names are taken


def _is_row(line: str) -> bool:
    return _ROW.search(line) is not None or _DASH_ROW.match(line) is not None


def _is_pair_line(view: SentenceView) -> bool:
    """Whether the sentence is a line of two names and a dash between them, nothing else."""
    text = view.text
    if len(view.actors) < 2 or text[view.end : view.end + 1] not in ("\n", ""):
        return False
    if view.start > 0 and text[view.start - 1] != "\n":
        return False  # …。杭州市—恩施州: the end of a line, not a line of its own
    a, b = view.actors[0], view.chain_end(view.actors[-1])
    left = text[view.start : view.chain_start(a)] + text[view.chain_end(a).end : view.chain_start(b)]
    return _DASH_LEFT.match(left + text[b.end : view.end]) is not None


def _caption_mechanism(view: SentenceView) -> str | None:
    """A table row's mechanism from the table's caption: the first line above the rows (深圳市与赣州市
    区县结对合作安排 over "福田区 | 兴国县"; 两市结对情况如下： over "杭州市—恩施州" lines), when it names a
    pairing."""
    if not _ROW.search(view.text[view.start : view.end]) and not _is_pair_line(view):
        return None
    lines = view.text[max(0, view.start - 4000) : view.start].split("\n")
    for i, line in enumerate(reversed(lines)):
        if i > _MAX_ROWS:
            return None
        if not line.strip() or _is_row(line):
            continue
        if view.cues.any_in("pairing", line) is None:
            return None
        return view.cues.find_mechanism(line) or "结对帮扶"
    return None


_COUNTED = re.compile(r"\d+(?:个|对|家)")
_WITH_ALONE = re.compile(r"(?:并|还|也|同时)?(?:与|同)")


def _joined(view: SentenceView) -> Iterator[tuple[Mention, Mention]]:
    """(X, first of Y) for "X与Y…", and for "…，与Y…" whose X is the topic of the clauses before
    (聊城始终立足彭水所需…，与彭水协作共建日益紧密)."""
    actors = view.actors
    for i, a in enumerate(actors):
        if i + 1 >= len(actors):
            break
        b = actors[i + 1]
        if a.type in ("Region", "Agency", "Organization") and view.chain_end(a) is a:
            if _JOIN.match(view.between(a.end, b.start)):
                yield a, b
                continue
    for b in actors:
        if view.text[b.start - 1 : b.start] not in ("与", "同"):
            continue
        lo, _ = view.clause_bounds(b.start)
        _, hi = view.clause_bounds(b.start)
        counted = _COUNTED.search(view.text[b.end : hi])  # 与四川结对1078个: a statistic
        if counted is None and lo > view.start and _WITH_ALONE.fullmatch(view.text[lo : b.start]):
            topic = topic_helpers(view, lo)
            if len(topic) == 1:
                yield topic[0], b
