"""Directed statements: X对口帮扶Y, A、B分别对口帮扶X、Y (in order only with 分别), X对Y开展帮扶,
and the passive forms Y由X对口帮扶, Y接受X帮扶, Y是X的对口帮扶县."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from loaders.extract.families.common import (
    COUNT_GROUP,
    UNNAMED_GROUP,
    AssistFact,
    code_of,
    helped_side,
    is_example,
    is_region,
    is_trap,
    listed_inside,
    mechanism_for,
    object_of_cue,
    reversed_by_roles,
    status_of,
    topic_helpers,
)
from loaders.extract.families.gates import needs, words
from loaders.extract.mentions import Mention
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_COUNT_AFTER = re.compile(r"(?:\d+|[一二三四五六七八九十百两]+)(?:个|家|所)")
_PASSIVE_BEFORE = ("改由", "由", "接受", "得到", "受到")
_IS_TARGET_OF = re.compile(r"^(?:的)?(?:重点)?(?:县|市|州|地区|对象|乡镇|村)")  # 龙山县是长沙市对口帮扶县


@needs(words("支持", roles=("directed",)))
def directed(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """Every directed cue of the sentence, longest first where cues overlap (对口帮扶 over 帮扶)."""
    for m in view.cues.pattern("directed").finditer(view.text, view.start, view.end):
        yield from _directed_at(view, roles, m.group(0), m.start(), m.end())
    # 在山东省的倾力支持下，甘肃省…: 支持 is a pairing only in this frame
    for m in _SUPPORT_UNDER.finditer(view.text, view.start, view.end):
        yield from _directed_at(view, roles, "支持", m.start(1), m.end(1))


# what may stand between a helper and its trigger: adverbs, time, status and 分别 — never another verb
_FILLER = re.compile(
    r"^(?:长期|持续|继续|积极|重点|先后|全力|一直|多年来|年来|以来|正式|开始|负责|也|还|都|已经|已|共同|分别|"
    r"曾经|曾|此前|原来|原|过去|不再|将|拟|计划|准备|即将|预计|力争|有望|未|没有|尚未|并非|不是|不|"
    r"大力|倾力|全力|鼎力|真情|精准|无私|"
    r"(?:自|从|于)?\d{4}年(?:起|以来|开始)?|自从|自|今年|去年|明年|后年|今后|下一步|起|直接|对口|结对|新一轮|全面|深入|的|"
    # 深圳、青岛等8个城市对口帮扶…: a counted list of the helpers themselves; 嘉兴、湖州等地
    r"(?:等)?(?:\d+|[一二三四五六七八九十两]+)?(?:个)?(?:东部|西部|发达|经济发达|沿海)?"
    r"(?:城市|省市|省份|地市|市|区|县|县市区|区县|单位|企业|高校|部门|地)|等|通过|依托|借助)*$"
)
# 河南省由支援阿克苏地区调整为对口支援哈密地区: the helper's old pairing, then its new one
_CHANGE_FROM = re.compile(r"^(?:\d{4}年起?，?)?(?:由|从)$")
_HANDOVER = re.compile(r"(?:接棒|接替|接过)$")
_CHANGE_TO = re.compile(r"^(?:调整为|改为|变更为|转为)(?:重点)?$")
# a programme or a body named after the helped province, not a pairing: 对口支援新疆工作前方指挥部
_PROGRAMME_AFTER = re.compile(r"^(?:工作|建设|前方|指挥部|办公室|领导小组)")


_DO = re.compile(r"^(?:进行|开展|实施|给予|持续开展|深入开展|全面开展|全方位|的|大力|倾力|全力|鼎力)*$")
# 在杭州帮扶下，恩施州…: the helper inside 在…下, the helped the subject after it
_UNDER = re.compile(r"下[，,]?")
_CHANGE_WORD = re.compile(r"调整为|改为|变更为|改由")
_CHANGED_BEFORE = re.compile(r"(?:调整为|改为|变更为|改由)$")
_FROM_BEFORE = re.compile(r"(?:由|从)[^，。；]*$")
_SUPPORT_UNDER = re.compile(r"(支持)(?=下)")


# what before a cue lets its helped side stand before it or its helper's change be named: Y由X…,
# Y接受/得到/受到X…, Y是X的…县, 调整为/改为/变更为/改由
_BEFORE_FORMS = re.compile(r"由|接受|得到|受到|是|作为|调整为|改为|变更为")
# 国家电网公司作为长阳县的定点帮扶单位: the helper's role after the cue (a place's role is _IS_TARGET_OF)
_HELPER_ROLE = re.compile(
    r"(?:单位|城市|省份|省市|企业|高校|部门|机构|银行)(?![\u4e00-\u9fff]{0,2}(?:代表|干部|人员))"
)
_BRACKET = re.compile(r"[（(]")


def _nothing_to_help(view: SentenceView, pos: int, end: int) -> bool:
    """Whether the cue at pos..end yields nothing whoever its helper is, decided from the text alone
    before the helper is looked for (most cues of a report): no place starts right after it (after
    了/的 or 下，either), no bracketed list or group follows it, and none of the forms whose helped
    side stands before the cue is written before it (X对Y开展…, passive, 是…县, a replacement)."""
    frame = view.frame
    if frame is not None and frame.start >= pos:
        return False  # the document's helper, written after the cue: the text before it is read
    starts = view.starts_at
    if end in starts or end + 1 in starts or end + 2 in starts:
        return False
    text = view.text
    if _BRACKET.search(text, end, min(view.end, end + 16)):
        return False
    for after in (end, end + 1, end + 2):
        rest = text[after : view.end]
        if COUNT_GROUP.match(rest) or UNNAMED_GROUP.match(rest):
            return False
    if _BEFORE_FORMS.search(text, view.start, pos):
        return False
    if text.startswith("下", end) and text.find("在", view.start, pos) >= 0:
        return False  # 墨江县在松江区的帮扶下: the helped side before 在
    return not any(text[a.start - 1 : a.start] == "对" for a in view.actors[: view.index_at(pos)])


def _directed_at(view: SentenceView, roles: Roles, cue: str, pos: int, end: int) -> Iterator[AssistFact]:
    if _nothing_to_help(view, pos, end):
        return
    text = view.text
    helpers, filler = view.run_before(pos)
    if helpers and _DO.match(filler) and text[helpers[0].start - 1 : helpers[0].start] == "对":
        # X对Y开展对口帮扶: the run before 对 helps the run after it
        yield from _dui_form(view, roles, cue, helpers, filler)
        return
    found = _helpers_of_cue(view, pos, helpers, filler)
    if found is None:
        return
    helpers, filler, why, confidence = found
    # 长沙市帮扶龙山县、湘潭市帮扶永顺县: a run's items that an earlier cue governs are not helpers
    objects = [i for i, h in enumerate(helpers) if object_of_cue(view, h)]
    if objects:
        helpers = helpers[objects[-1] + 1 :]
        if not helpers:
            return
    clause_lo, clause_hi = view.clause_bounds(pos)
    if is_trap(view, clause_lo, clause_hi) or is_example(view, helpers[0].start):
        return
    mech = view.cues.mechanism("directed", cue)
    run_start = view.chain_start(helpers[0])
    lead = text[max(clause_lo, run_start - 4) : run_start]
    # 天津市接棒北京市对口帮扶承德市: the one before 接棒 takes over; the pairing of the one after is over
    successors: list[Mention] = []
    handover = _HANDOVER.search(lead)
    if handover:
        before, before_filler = view.run_before(run_start - len(handover.group(0)))
        if before and _FILLER.match(before_filler):
            successors = before
    if lead.endswith("代表"):
        # 由深圳市代表广东省对口帮扶广西: the one acting for the province is the helper the text names
        agents, agent_filler = view.run_before(run_start - 2)
        if agents and not agent_filler:
            helpers, run_start = agents, view.chain_start(agents[0])
            lead = text[max(clause_lo, run_start - 4) : run_start]
    # Y由X对口帮扶: the run before 由 is the helped side
    passive_helped: list[Mention] = []
    for word in _PASSIVE_BEFORE:
        if lead.endswith(word):
            passive_helped, _ = view.run_before(run_start - len(word))
            # 我市由火炬开发区、石岐区分别结对…: the helpers lie inside the place before 由, which acts
            # through them; it is not their helped side
            if any(roles.related(code_of(h), code_of(x)) for h in helpers for x in passive_helped):
                passive_helped = []
            break
    if not passive_helped and lead.endswith(("是", "作为")) and _IS_TARGET_OF.match(text[end : end + 4]):
        # 龙山县是长沙市对口帮扶县, 长阳县作为国家电网公司的定点帮扶县
        passive_helped, _ = view.run_before(run_start - (1 if lead.endswith("是") else 2))
    if not passive_helped and lead.endswith("作为") and _HELPER_ROLE.match(text, end):
        # X作为Y的定点帮扶单位 (or 作为Y的…单位，X…): the run named is Y, the helped side
        agents = _agents_of_role(view, run_start - 2)
        helped = [h for h in helpers if helped_side(h)]
        status = status_of(view, lead, filler)
        if not agents or len(helped) != len(helpers) or status is None:
            return
        mech_role = view.cues.mechanism("directed", cue)
        for agent in agents:
            for place in helped:
                if agent is not place and not roles.related(code_of(agent), code_of(place)):
                    mechanism = mechanism_for(view, mech_role, agent, place, roles)
                    yield AssistFact(
                        agent, place, None, mechanism, False, status, 0.85, "directed (作为…单位)"
                    )
        return
    # 调整为/改由 before the helper names the new pairing, which is current; after the helped place
    # (below) it ends the old one
    status = status_of(view, _CHANGE_WORD.sub("", lead), filler)
    if status is None:
        return
    tail = text[end : min(view.end, end + 12)]

    def fact(helper: Mention, helped: Mention | None, group: str | None, confidence: float, why: str):
        return AssistFact(
            helper,
            helped,
            group,
            mechanism_for(view, mech, helper, helped, roles),
            helper is view.frame and why.endswith("helper)"),  # the document's helper is inferred
            status,
            confidence,
            why,
        )

    if passive_helped:
        for helper in helpers:
            for helped in passive_helped:
                if is_region(helped) and helper is not helped:
                    yield fact(helper, helped, None, 0.9, "passive")
        return
    after = end
    if tail.startswith(("了", "的")):
        after += 1
    under = (
        _UNDER.match(text, end)
        if lead.endswith(("在", "在的")) or text[run_start - 1 : run_start] == "在"
        else None
    )
    if under:
        after = under.end()
        why, confidence = "directed (在X帮扶下，Y)", 0.85
    helped_run = view.run_after(after, max_gap=0) or _bracketed_list(view, after)
    if not helped_run and under:
        helped_run = _subject_before_under(view, run_start)
    if not helped_run:
        rest = text[after : view.end]
        group = COUNT_GROUP.match(rest) or UNNAMED_GROUP.match(rest)
        if group:
            for helper in helpers:
                yield fact(helper, None, group.group(0), 0.85, "group")
            return
        # 原由湘潭市对口帮扶的永顺县，调整为衡阳市对口帮扶: the new helper takes over the place just named
        if _CHANGED_BEFORE.search(text[view.start : run_start]):
            before = [
                a for a in view.actors if a.end <= run_start and a.type == "Region" and a not in helpers
            ]
            if before:
                yield fact(helpers[-1], before[-1], None, 0.85, "replacement")
        return
    # …帮扶龙山县、湘潭市帮扶永顺县: an item followed by a cue of its own opens the next clause
    for i, h in enumerate(helped_run[1:], start=1):
        if _subject_of_cue(view, h):
            helped_run = helped_run[:i]
            break
    if not all(helped_side(h) for h in helped_run):  # a bank or a ministry is not helped by this wording
        return
    counted = COUNT_GROUP.match(text, helped_run[0].start, view.end)
    if counted and counted.end() > helped_run[-1].end and _COUNT_AFTER.match(text, helped_run[-1].end):
        # 帮扶大理州10个县市: counted places inside the named one, a group fact, not a pair with it
        for helper in helpers:
            yield fact(helper, None, counted.group(0), 0.85, "group")
        return
    relative = _relative_helpers(view, roles, helped_run)
    if relative:
        # 原对口支援万州的嘉定、宝山两区: the cue and its object describe the places after 的, and 原
        # before the cue says that pairing is over
        helpers, why, confidence = relative, "directed (relative clause)", 0.9
        status = status_of(view, text[max(view.start, pos - 3) : pos]) or status
    helped_run = listed_inside(view, helped_run)
    after_text = text[helped_run[-1].end : min(view.end, helped_run[-1].end + 6)]
    if (
        len(helped_run) == 1
        and _PROGRAMME_AFTER.match(after_text)
        and _level(roles, helped_run[0]) == "province"
    ):
        return
    if after_text.startswith(("调整为", "改为", "变更为")):
        status = "past"
    if len(helpers) > 1 and len(helped_run) > 1:
        if "分别" in filler and len(helpers) == len(helped_run):
            pairs = list(zip(helpers, helped_run, strict=True))
            why = "directed (respective lists)"
        else:
            return  # many to many without 分别: the text does not say who helps whom
    else:
        pairs = [(h, t) for h in helpers for t in helped_run]
    for helper, helped in pairs:
        if helper.entity_id == helped.entity_id or roles.related(code_of(helper), code_of(helped)):
            continue
        if why.startswith("directed (subject") and reversed_by_roles(roles, helper, helped):
            continue
        if successors:
            yield dataclasses.replace(fact(helper, helped, None, confidence, why), status="past")
            for successor in successors:
                yield fact(successor, helped, None, confidence, "directed (handover)")
            continue
        yield fact(helper, helped, None, confidence, why)


def _agents_of_role(view: SentenceView, zuowei: int) -> list[Mention]:
    """Who takes the role 作为 names: the run right before 作为, or when 作为 opens its clause, the
    actors opening the next clause (作为长阳县的定点帮扶单位，国家电网公司…)."""
    before, filler = view.run_before(zuowei)
    if before and _FILLER.match(filler):
        return before
    lo, hi = view.clause_bounds(zuowei)
    if len(view.text[lo:zuowei]) > 4 or hi >= view.end:
        return []
    nxt = view.index_at(hi)
    if nxt == len(view.actors):
        return []
    first = view.actors[nxt]
    lead_lo, _ = view.clause_bounds(first.start)
    if lead_lo != hi + 1 or len(view.text[lead_lo : view.chain_start(first)]) > 2:
        return []
    return view.run_after(view.chain_start(first), max_gap=0)


# what may stand between the helped side and 在 in Y在X的帮扶下: an adverb of time or manner
_BEFORE_ZAI = re.compile(r"^(?:也|还|已|已经|正|始终|一直|先后)?$")


def _subject_before_under(view: SentenceView, run_start: int) -> list[Mention]:
    """墨江县在松江区的帮扶下，于2019年脱贫: nothing named after 下, the places right before 在 (the
    subject opening their clause) are the helped side."""
    zai = run_start - 1
    if view.text[zai : zai + 1] != "在":
        return []
    before, filler = view.run_before(zai)
    if not before or not _BEFORE_ZAI.match(filler) or not all(b.type == "Region" for b in before):
        return []
    lo, _ = view.clause_bounds(before[0].start)
    if len(view.text[lo : view.chain_start(before[0])]) > 4:
        return []  # 村民张大姐在…下: the subject is no place; 会上在…下: no subject at all
    return before


def _helpers_of_cue(
    view: SentenceView, pos: int, helpers: list[Mention], filler: str
) -> tuple[list[Mention], str, str, float] | None:
    """(helpers, filler, why, confidence) for the cue at pos: the run right before it; the helper of a
    change (由支援A调整为对口支援B); the topic of the clauses before; the document's own helper."""
    if helpers and _FILLER.match(filler):
        return helpers, filler, "directed", 0.95
    if helpers:
        changed = _changed_helper(view, helpers, filler)
        return (changed, "", "directed (change)", 0.95) if changed else None
    topic = topic_helpers(view, pos)
    if topic:
        return topic, "", "directed (subject of the sentence)", 0.85
    if view.frame is not None and all(object_of_cue(view, a) for a in view.actors if a.end <= pos):
        # 从1998年起对口支援哈密 in a report on 广东援疆: the document's own helper; places before the
        # cue that are themselves what an earlier cue governs (…支援哈密，到2010年支援喀什) leave it so
        return [view.frame], "", "directed (the document's helper)", 0.6
    return None


def _subject_of_cue(view: SentenceView, m: Mention) -> bool:
    """Whether a directed cue follows m, with at most a few adverbs between (湘潭市也帮扶永顺县)."""
    end = view.chain_end(m).end
    cue = view.cues.pattern("directed")
    for pos in range(end, min(view.end, end + 4)):
        if cue.match(view.text, pos) and _FILLER.match(view.text[end:pos]):
            return True
    return False


def _dui_form(
    view: SentenceView, roles: Roles, cue: str, helped: list[Mention], filler: str
) -> Iterator[AssistFact]:
    helpers, lead_filler = view.run_before(helped[0].start - 1)
    if not helpers or not _FILLER.match(lead_filler) or any(h.type != "Region" for h in helped):
        return
    lo, hi = view.clause_bounds(helped[0].start)
    if is_trap(view, lo, hi) or is_example(view, helpers[0].start):
        return
    status = status_of(view, view.text[max(view.start, helpers[0].start - 4) : helpers[0].start], lead_filler)
    if status is None:
        return
    mech = view.cues.mechanism("directed", cue)
    for helper in helpers:
        for target in helped:
            if helper.entity_id != target.entity_id:
                mech_for = mechanism_for(view, mech, helper, target, roles)
                yield AssistFact(helper, target, None, mech_for, False, status, 0.9, "X对Y开展帮扶")


def _level(roles: Roles, m: Mention) -> str | None:
    region = roles.gaz.by_code.get(m.code or "")
    return region.level if region else None


def _changed_helper(view: SentenceView, helpers: list[Mention], filler: str) -> list[Mention] | None:
    """河南省由支援阿克苏地区调整为对口支援哈密地区: for the first cue the filler is 由 (the helper's
    old pairing); for the second, the helper is the one before 由, the filler 调整为."""
    if _CHANGE_FROM.match(filler):
        return helpers
    if _CHANGE_TO.match(filler):
        # the place before 调整为 was the old helped side; the helper is the run before 由/从
        m = _FROM_BEFORE.search(view.text[view.start : helpers[0].start])
        if m:
            run, lead = view.run_before(view.start + m.start())
            if run and _FILLER.match(lead):
                return run
    return None


def _relative_helpers(view: SentenceView, roles: Roles, helped_run: list[Mention]) -> list[Mention]:
    """The actors after "cue Y的": a relative clause when they lie outside Y (支援万州的嘉定、宝山两区),
    a list of Y's own places otherwise (see listed_inside)."""
    last = helped_run[-1]
    if view.text[last.end : last.end + 1] != "的":
        return []
    after = view.run_after(last.end + 1, max_gap=0)
    if not after or any(roles.related(code_of(a), code_of(x)) for a in after for x in helped_run):
        return []
    return after


# 对口帮扶协作粤东地区(汕头、汕尾、河源、潮州): a region group named, then its places in brackets
_GROUP_THEN_BRACKET = re.compile(
    r"(?:协作|支援|帮扶)?[\u4e00-\u9fff]{0,6}?(?:地区|城市|各市|市县|片区)?[（(]"
)


def _bracketed_list(view: SentenceView, pos: int) -> list[Mention]:
    m = _GROUP_THEN_BRACKET.match(view.text, pos, view.end)
    if m is None:
        return []
    run = view.run_after(m.end(), max_gap=0)
    if run and view.text[run[-1].end : run[-1].end + 1] in ("）", ")"):
        return run
    return []
