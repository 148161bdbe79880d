"""ASSISTS: who helps whom, from the ways the genre states it.

Families of patterns (each tested with sentences of its own in tests/test_extract_assists.py):
- directed:     X对口帮扶Y, X定点帮扶Y, X支援Y, A、B、C分别对口帮扶X、Y、Z (in order only with 分别)
- passive:      Y由X对口帮扶, Y接受X帮扶
- symmetric:    X与Y建立/签订/结对…(帮扶/协作) — direction from the roles table, marked inferred
- co-subjects:  X、Y举办…双向游 where X and Y are an official pair — inferred
- presence:     X…在Y建设/设立… under a pairing heading or for an official pair
- consumption:  推动Y产品销往X, X…在Y脱贫地区…消费 — X helps Y
- abbreviation: 闽宁协作, 沪滇合作 — the pair the abbreviation names
Counted or unnamed helped sides (7个贫困县, 协作地区) become group facts. Plans (将, 拟, 计划) and
endings (曾, 此前, 不再) set the status; negations and examples yield nothing; delegation visits,
cadre postings, friendship ties and parks named after two places are not assistance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from loaders.extract.mentions import PAIR_ABBR, Mention
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

COUNT_GROUP = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,9}?(?:省|自治区|市|州|地区|盟))?(?:(?:\d+|[一二三四五六七八九十百两]+)(?:个|家|所)[\u4e00-\u9fff]{0,10}"
    r"(?:市县区|县市区|乡镇|市县|市州|县|村|地区|乡|镇|单位|社区|安置区|团场))(?![村镇级市区])"
)
UNNAMED_GROUP = re.compile(
    r"^(?:对口支援|对口帮扶|对口协作|东西部协作|协作|帮扶|受援)+(?:协作)?(?:地区|地|县|方)"
)
_PASSIVE_BEFORE = ("改由", "由", "接受", "得到", "受到")
_IS_TARGET_OF = re.compile(r"^(?:的)?(?:重点)?(?:县|市|州|地区|对象|乡镇|村)")  # 龙山县是长沙市对口帮扶县


@dataclass
class AssistFact:
    helper: Mention
    helped: Mention | None
    group: str | None
    mechanism: str
    inferred: bool
    status: str
    confidence: float
    reason: str


def _status(view: SentenceView, *texts: str) -> str | None:
    """'planned' | 'past' | 'current', or None for a negated statement."""
    joined = "".join(texts)
    if view.cues.any_in("negation", joined):
        return None
    if view.cues.any_in("past", joined):
        return "past"
    plan = view.cues.any_in("plan", joined)
    if plan and not re.search(re.escape(plan) + r"(?:继续|持续|进一步|长期)", joined):
        return "planned"  # 将继续对口帮扶 is a pairing in force that goes on
    return "current"


def _trap(view: SentenceView, lo: int, hi: int) -> bool:
    return view.cues.any_in("trap", view.text[lo:hi]) is not None


def _example(view: SentenceView, lo: int) -> bool:
    return view.cues.any_in("example", view.text[max(view.start, lo - 6) : lo]) is not None


def _mechanism(
    view: SentenceView, cue_mech: str | None, helper: Mention, helped: Mention | None, roles: Roles
) -> str:
    if cue_mech:
        return cue_mech
    heading = view.heading_mechanism()
    if heading:
        return heading
    sentence = view.sentence_mechanism()
    if sentence:
        return sentence
    if helped is not None and helper.code and helped.code:
        pair = roles.official(helper.code, helped.code)
        if pair:
            return pair.mechanism
        return "对口帮扶"
    return "定点帮扶" if helper.type in ("Agency", "Organization") else "对口帮扶"


def _is_region(m: Mention) -> bool:
    return m.type == "Region" and bool(m.code)


def directed(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """Every directed cue of the sentence, longest first where cues overlap (对口帮扶 over 帮扶)."""
    for m in _directed_cues(view).finditer(view.text, view.start, view.end):
        yield from _directed_at(view, roles, m.group(0), m.start(), m.end())


_CUE_RE: dict[int, re.Pattern[str]] = {}


def _directed_cues(view: SentenceView) -> re.Pattern[str]:
    key = id(view.cues)
    if key not in _CUE_RE:
        _CUE_RE[key] = re.compile("|".join(map(re.escape, view.cues.words("directed"))))
    return _CUE_RE[key]


# what may stand between a helper and its trigger: adverbs, time, status and 分别 — never another verb
_FILLER = re.compile(
    r"^(?:长期|持续|继续|积极|重点|先后|全力|一直|多年来|年来|以来|正式|开始|负责|也|还|都|已经|已|共同|分别|"
    r"曾经|曾|此前|原来|原|过去|不再|将|拟|计划|准备|即将|预计|力争|有望|未|没有|尚未|并非|不是|不|"
    r"(?:自|从|于)?\d{4}年(?:起|以来|开始)?|今年|去年|明年|后年|今后|下一步|起|直接|对口|结对|新一轮|全面|深入|的)*$"
)


_DO = re.compile(r"^(?:进行|开展|实施|给予|持续开展|深入开展|全面开展|全方位)*$")


def _directed_at(view: SentenceView, roles: Roles, cue: str, pos: int, end: int) -> Iterator[AssistFact]:
    text = view.text
    helpers, filler = view.run_before(pos)
    if helpers and _DO.match(filler) and text[helpers[0].start - 1 : helpers[0].start] == "对":
        # X对Y开展对口帮扶: the run before 对 helps the run after it
        yield from _dui_form(view, roles, cue, helpers, filler)
        return
    if not helpers or not _FILLER.match(filler):
        return
    clause_lo, clause_hi = view.clause_bounds(pos)
    if _trap(view, clause_lo, clause_hi) or _example(view, helpers[0].start):
        return
    mech = view.cues.mechanism("directed", cue)
    run_start = view.chain_start(helpers[0])
    lead = text[max(clause_lo, run_start - 4) : run_start]
    # Y由X对口帮扶: the run before 由 is the helped side
    passive_helped: list[Mention] = []
    for word in _PASSIVE_BEFORE:
        if lead.endswith(word):
            passive_helped, _ = view.run_before(run_start - len(word))
            break
    if not passive_helped and lead.endswith("是") and _IS_TARGET_OF.match(text[end : end + 4]):
        passive_helped, _ = view.run_before(run_start - 1)
    # 调整为/改由 before the helper names the new pairing, which is current; after the helped place
    # (below) it ends the old one
    status = _status(view, re.sub(r"调整为|改为|变更为|改由", "", lead), filler)
    if status is None:
        return
    tail = text[end : min(view.end, end + 12)]

    def fact(helper: Mention, helped: Mention | None, group: str | None, confidence: float, why: str):
        return AssistFact(
            helper,
            helped,
            group,
            _mechanism(view, mech, helper, helped, roles),
            False,
            status,
            confidence,
            why,
        )

    if passive_helped:
        for helper in helpers:
            for helped in passive_helped:
                if _is_region(helped) and helper is not helped:
                    yield fact(helper, helped, None, 0.9, "passive")
        return
    after = end
    if tail.startswith(("了", "的")):
        after += 1
    helped_run = view.run_after(after, max_gap=0)
    if not helped_run:
        rest = text[after : view.end]
        group = COUNT_GROUP.match(rest) or UNNAMED_GROUP.match(rest)
        if group:
            for helper in helpers:
                yield fact(helper, None, group.group(0), 0.85, "group")
            return
        # 原由湘潭市对口帮扶的永顺县，调整为衡阳市对口帮扶: the new helper takes over the place just named
        if re.search(r"(?:调整为|改为|变更为|改由)$", text[view.start : run_start]):
            before = [
                a for a in view.actors if a.end <= run_start and a.type == "Region" and a not in helpers
            ]
            if before:
                yield fact(helpers[-1], before[-1], None, 0.85, "replacement")
        return
    if any(h.type != "Region" for h in helped_run):  # places below a county have no code
        return
    after_text = text[helped_run[-1].end : min(view.end, helped_run[-1].end + 6)]
    if after_text.startswith(("调整为", "改为", "变更为")):
        status = "past"
    if len(helpers) > 1 and len(helped_run) > 1:
        if "分别" in filler and len(helpers) == len(helped_run):
            pairs = list(zip(helpers, helped_run, strict=True))
        else:
            return  # many to many without 分别: the text does not say who helps whom
    else:
        pairs = [(h, t) for h in helpers for t in helped_run]
    for helper, helped in pairs:
        if helper.entity_id != helped.entity_id:
            yield fact(helper, helped, None, 0.95, "directed")


def _dui_form(
    view: SentenceView, roles: Roles, cue: str, helped: list[Mention], filler: str
) -> Iterator[AssistFact]:
    helpers, lead_filler = view.run_before(helped[0].start - 1)
    if not helpers or not _FILLER.match(lead_filler) or any(h.type != "Region" for h in helped):
        return
    lo, hi = view.clause_bounds(helped[0].start)
    if _trap(view, lo, hi) or _example(view, helpers[0].start):
        return
    status = _status(view, view.text[max(view.start, helpers[0].start - 4) : helpers[0].start], lead_filler)
    if status is None:
        return
    mech = view.cues.mechanism("directed", cue)
    for helper in helpers:
        for target in helped:
            if helper.entity_id != target.entity_id:
                mech_for = _mechanism(view, mech, helper, target, roles)
                yield AssistFact(helper, target, None, mech_for, False, status, 0.9, "X对Y开展帮扶")


_SYMMETRIC_JOIN = ("与", "和", "同")
_ESTABLISH = re.compile(r"建立|签订|签署|结对|结成|开展|携手|达成|深化|加强")


def _place_code(m: Mention) -> str | None:
    """A place's code, or its county's for a village or township written below one."""
    if m.type != "Region":
        return None
    return m.code or (m.candidates[0] if m.candidates else None)


_SENT_END = re.compile(r"[。；;！？]")


def _pairing_mechanism(view: SentenceView, rest: str) -> str | None:
    """Where the text says which mechanism a two-sided statement belongs to, nearest first."""
    clause = _SENT_END.split(rest, 1)[0]
    for text in (clause,):
        mech = view.cues.find_mechanism(text.replace("消费帮扶", "").replace("消费扶贫", ""))
        if mech:
            return mech
    for cue in view.cues.words("symmetric"):
        if cue in clause and view.cues.mechanism("symmetric", cue) == "结对帮扶":
            return "结对帮扶"
    return view.heading_mechanism() or view.sentence_mechanism()


def symmetric(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """X与Y(、Z)建立/签订/结对…: both sides named, the direction is inferred.

    Between two places the roles table decides; between an organisation or agency and places, the
    organisation is the helper (a county does not help a ministry or a bank).
    """
    actors = view.actors
    for i, a in enumerate(actors):
        if a.type not in ("Region", "Agency", "Organization") or view.chain_end(a) is not a:
            continue
        if i + 1 >= len(actors) or view.between(a.end, actors[i + 1].start) not in _SYMMETRIC_JOIN:
            continue
        run = view.run_after(actors[i + 1].start, connectors=("、", "和", "及"), max_gap=0)
        if not run:
            continue
        rest = view.text[run[-1].end : view.end]
        est = _ESTABLISH.search(rest)
        if not est or _trap(view, view.start, view.end) or "友好" in rest:
            continue
        mech = _pairing_mechanism(view, rest)
        if not mech and (a.type != "Region" or any(b.type != "Region" for b in run)):
            # 国家电网公司与长阳县签订帮扶协议: a unit's pairing with places is 定点帮扶 in this genre
            if re.search(r"帮扶|扶贫|支援", _SENT_END.split(rest, 1)[0]):
                mech = "定点帮扶"
        if not mech:
            continue
        lead = view.text[max(view.start, a.start - 6) : a.start]
        status = _status(view, lead, rest[: est.start()])
        if status is None or _example(view, a.start):
            continue
        for b in run:
            fact = _two_sided(a, b, mech, status, roles)
            if fact is not None:
                yield fact


def _two_sided(a: Mention, b: Mention, mech: str, status: str, roles: Roles) -> AssistFact | None:
    if a.type != "Region" and b.type == "Region":
        return AssistFact(a, b, None, mech, True, status, 0.75, "symmetric (organisation helps place)")
    if b.type != "Region" and a.type == "Region":
        return AssistFact(b, a, None, mech, True, status, 0.75, "symmetric (organisation helps place)")
    ca, cb = _place_code(a), _place_code(b)
    if a.type != "Region" or b.type != "Region" or not ca or not cb or ca == cb:
        return None
    decided = roles.direction(ca, cb)
    if decided is None:
        return None
    helper, helped = (a, b) if decided[0] == ca else (b, a)
    return AssistFact(helper, helped, None, mech, True, status, 0.75, f"symmetric ({decided[2]})")


def co_subjects(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """山东、甘肃举办…双向游: two places acting together that form an official pair."""
    subject = view.subject()
    if subject is None or not _is_region(subject):
        return
    run = view.run_after(subject.start, connectors=("、", "和", "与"), max_gap=0)
    if len(run) != 2 or not all(_is_region(m) for m in run):
        return
    others = {a.code for a in view.actors if _is_region(a)} - {run[0].code, run[1].code}
    clause_lo, clause_hi = view.clause_bounds(run[1].end)
    nxt = view.text[run[1].end : run[1].end + 1]
    if others - _within_any(roles, others, run) or nxt in ("等",):
        return
    if _trap(view, view.start, view.end):
        return
    pair = roles.official(run[0].code, run[1].code)
    if pair is None:
        return
    a, b = run
    forward = roles.covers(pair.helper, a.code)
    helper, helped = (a, b) if forward else (b, a)
    status = _status(view, view.text[view.start : a.start])
    if status is None:
        return
    yield AssistFact(helper, helped, None, pair.mechanism, True, status, 0.7, "co-subjects (official pairing)")


def _within_any(roles: Roles, codes: set[str], run: list[Mention]) -> set[str]:
    return {c for c in codes if any(roles.related(m.code, c) for m in run)}


_BUILD = re.compile(r"^(?:建设|建立|设立|援建|打造|共建|投资建设|开设|兴建)")


def _acts_in(
    view: SentenceView, roles: Roles, what: re.Pattern[str]
) -> Iterator[tuple[Mention, Mention, str]]:
    """(subject, place, status) for "subject…在place<what>": the sentence's subject doing something in
    another place that is neither inside it nor around it."""
    subject = view.subject()
    if subject is None or not _is_region(subject):
        return
    for target in view.actors:
        if target.start <= subject.end or not _is_region(target):
            continue
        if view.text[target.start - 1 : target.start] != "在" or roles.related(subject.code, target.code):
            continue
        if not what.match(view.text[target.end : target.end + 16]) or _trap(view, view.start, view.end):
            continue
        status = _status(view, view.text[view.start : target.start])
        if status is not None:
            yield subject, target, status


def presence(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """青岛…在甘肃建设孵化基地: the subject acts in another place under a pairing mechanism."""
    for subject, target, status in _acts_in(view, roles, _BUILD):
        mech = view.heading_mechanism() or view.sentence_mechanism()
        pair = roles.official(subject.code, target.code)
        if mech or pair is not None:
            yield AssistFact(subject, target, None, mech or pair.mechanism, False, status, 0.8, "presence")


_SOLD_TO = "销往"
_CONSUME_IN = re.compile(
    r"^(?:省|市|县|州)?(?:的)?(?:脱贫地区|贫困地区|欠发达地区|脱贫县|协作地区)?[\u4e00-\u9fff]{0,6}?(?:旅游消费|消费|采购|购买|旅游)"
)


def consumption(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    pos = text.find(_SOLD_TO, view.start, view.end)
    while pos >= 0:
        buyers = view.run_after(pos + len(_SOLD_TO), max_gap=0)
        lo, _ = view.clause_bounds(pos)
        sellers = [a for a in view.actors if lo <= a.start < pos and _is_region(a)]
        if buyers and sellers and _is_region(buyers[0]) and "产品" in text[sellers[-1].end : pos]:
            helper, helped = buyers[0], sellers[-1]
            if helper.code != helped.code and not _trap(view, view.start, view.end):
                status = _status(view, text[lo:pos])
                if status is not None:
                    mech = _consumption_mechanism(view, roles, helper, helped)
                    yield AssistFact(helper, helped, None, mech, False, status, 0.8, "consumption (销往)")
        pos = text.find(_SOLD_TO, pos + 1, view.end)
    for subject, target, status in _acts_in(view, roles, _CONSUME_IN):
        mech = _consumption_mechanism(view, roles, subject, target)
        yield AssistFact(subject, target, None, mech, False, status, 0.8, "consumption (在Y消费)")


def _consumption_mechanism(view: SentenceView, roles: Roles, helper: Mention, helped: Mention) -> str:
    heading = view.heading_mechanism()
    if heading:
        return heading
    pair = roles.official(helper.code, helped.code)
    return pair.mechanism if pair else "消费帮扶"


_ABBR_BLOCK = re.compile(
    r"^(?:镇|村|乡|县|区|街道|大道|路|小学|中学|医院|学校)"
    r"|^[\u4e00-\u9fff]{0,6}?(?:产业园|工业园|园区|开发区|试验区|示范区|合作区|产业带|飞地)"
)


def abbreviations(view: SentenceView, pair_mentions: list[Mention], pairing_of) -> Iterator[tuple]:
    """闽宁协作: (abbreviation mention, helper code, helped code, mechanism) unless it names a place or park."""
    for m in pair_mentions:
        if m.kind != PAIR_ABBR or not (view.start <= m.start < view.end):
            continue
        if _ABBR_BLOCK.match(view.text[m.end : m.end + 12]):
            continue
        lo, hi = view.clause_bounds(m.start)
        if view.cues.any_in("trap", view.text[lo:hi]) or view.cues.any_in(
            "negation", view.text[lo : m.start]
        ):
            continue
        helper, helped, mech = pairing_of(m.surface)
        yield m, helper, helped, mech


_TOWARD = re.compile(
    r"^(?:(?:\d+|[一二三四五六七八九十百两]+)个[\u4e00-\u9fff]{1,5}?)?"
    r"(?:对口帮扶|结对帮扶|对口支援|定点帮扶|帮扶|支援|结对|对|向|为)"
)
_BUY = re.compile(r"^(?:[\u4e00-\u9fff“”]{0,16}?)(?:采购|汇集|帮销|购买|销售)")


def groups(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """Counted or unnamed helped sides: 长沙7个市县区对7个贫困县…, 江苏组织优先采购对口支援协作地区农副产品."""
    text = view.text
    sentence = text[view.start : view.end]
    if "个" not in sentence and "地" not in sentence:
        return
    for actor in view.actors:
        _, hi = view.clause_bounds(actor.end)
        rest = text[actor.end : hi]
        toward = _TOWARD.match(rest)
        group = None
        bought = False
        verb = ""
        if toward:
            verb = toward.group(0)
            group = COUNT_GROUP.match(rest[toward.end() :])
        if group is None:
            bought = True
            buy = _BUY.match(rest)
            if buy and (
                actor is view.subject() or text[actor.end : actor.end + 2] in ("借助", "依托", "组织")
            ):
                verb = buy.group(0)
                group = COUNT_GROUP.match(rest[buy.end() :]) or UNNAMED_GROUP.match(rest[buy.end() :])
        if group is None:
            continue
        phrase = group.group(0)
        mech = (
            view.cues.find_mechanism(phrase.replace("协作地", "").replace("协作", ""))
            if UNNAMED_GROUP.match(phrase)
            else None
        )
        mech = (
            mech
            or view.cues.find_mechanism(verb)
            or view.heading_mechanism(pairing_only=False)
            or view.sentence_mechanism(pairing_only=False)
        )
        if mech is None and bought:
            mech = "消费帮扶"  # buying or selling the products of poor places is what 消费帮扶 means
        if mech is None or _trap(view, view.start, view.end):
            continue
        status = _status(view, text[view.start : actor.start], verb)
        if status is None:
            continue
        yield AssistFact(actor, None, phrase, mech, False, status, 0.8, "group")


_PAIR_SEP = ("—", "——", "－", "-", "→", "\t", "|", "｜")


def listed_pairs(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """结对关系：长沙市—龙山县；株洲市—泸溪县 and table rows "株洲市<TAB>泸溪县" under a pairing heading:
    the text lists the pair, the roles table says which side helps."""
    mech = view.sentence_mechanism() or view.heading_mechanism()
    if not mech:
        return
    regions = [a for a in view.actors if a.type == "Region"]
    for a, b in zip(regions, regions[1:], strict=False):
        if view.chain_end(a) is not a or view.between(a.end, b.start).strip(" ") not in _PAIR_SEP:
            continue
        b = view.chain_end(b)
        if _trap(view, view.start, view.end):
            return
        fact = _two_sided(a, b, mech, "current", roles)
        if fact is not None:
            fact.confidence, fact.reason = 0.7, f"listed pair ({fact.reason})"
            yield fact


def all_facts(view: SentenceView, roles: Roles) -> list[AssistFact]:
    facts: list[AssistFact] = []
    seen: set[tuple] = set()
    n_regions = sum(1 for a in view.actors if a.type == "Region")
    if n_regions >= 2:
        families = (directed, symmetric, co_subjects, presence, consumption, listed_pairs, groups)
    elif len(view.actors) >= 2:
        families = (directed, symmetric, groups)
    else:
        families = (directed, groups)
    for family in families:
        for fact in family(view, roles):
            key = (fact.helper.entity_id, fact.helped.entity_id if fact.helped else fact.group)
            if key in seen:
                continue
            seen.add(key)
            facts.append(fact)
    return facts


__all__ = ["AssistFact", "all_facts", "abbreviations"]
