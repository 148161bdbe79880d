"""What every relation family shares: the fact it yields, status, traps, examples, the mechanism
and the roles table's verdict on a two-sided statement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bangfu.knowledge.cues import Cues
from loaders.extract.mentions import Mention
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

COUNT_GROUP = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,9}?(?:省|自治区|市|州|地区|盟))?(?:(?:\d+|[一二三四五六七八九十百两]+)(?:个|家|所)[\u4e00-\u9fff]{0,10}"
    r"(?:市县区|县市区|乡镇|市县|市州|县|村|地区|乡|镇|单位|社区|安置区|团场))(?![村镇级市区])"
)
UNNAMED_GROUP = re.compile(
    r"^(?:对口支援|对口帮扶|对口协作|东西部协作|协作|帮扶|受援)+(?:协作)?(?:地区|地|县|方)"
)


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


_STATUS_WORDS: dict[int, re.Pattern[str]] = {}


def _status_words(cues: Cues) -> re.Pattern[str]:
    """Any word of negation, past or plan: most statements have none, and are current."""
    found = _STATUS_WORDS.get(id(cues))
    if found is None:
        words = {w for role in ("negation", "past", "plan") for w in cues.words(role)}
        found = _STATUS_WORDS[id(cues)] = re.compile("|".join(map(re.escape, words)))
    return found


def status_of(view: SentenceView, *texts: str) -> str | None:
    """'planned' | 'past' | 'current', or None for a negated statement."""
    joined = "".join(texts)
    if _status_words(view.cues).search(joined) is None:
        return "current"
    if view.cues.any_in("negation", joined):
        return None
    if view.cues.any_in("past", joined):
        return "past"
    plan = view.cues.any_in("plan", joined)
    if plan and not re.search(re.escape(plan) + r"(?:继续|持续|进一步|长期)", joined):
        return "planned"  # 将继续对口帮扶 is a pairing in force that goes on
    return "current"


def is_trap(view: SentenceView, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] holds a trap word (asked of the whole sentence by many families: once)."""
    key = ("trap", lo, hi)
    found = view.memo.get(key)
    if found is None:
        found = view.memo[key] = view.cues.any_in("trap", view.text[lo:hi]) is not None
    return found


def is_example(view: SentenceView, lo: int) -> bool:
    return view.cues.any_in("example", view.text[max(view.start, lo - 6) : lo]) is not None


def mechanism_for(
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


def is_region(m: Mention) -> bool:
    return m.type == "Region" and bool(m.code)


def place_code(m: Mention) -> str | None:
    """A place's code, or its county's for a village or township written below one."""
    if m.type != "Region":
        return None
    return m.code or (m.candidates[0] if m.candidates else None)


SENT_END = re.compile(r"[。；;！？]")


def pairing_mechanism(view: SentenceView, rest: str) -> str | None:
    """Where the text says which mechanism a two-sided statement belongs to, nearest first."""
    clause = SENT_END.split(rest, 1)[0]
    for text in (clause,):
        mech = view.cues.find_mechanism(text.replace("消费帮扶", "").replace("消费扶贫", ""))
        if mech:
            return mech
    for cue in view.cues.words("symmetric"):
        if cue in clause and view.cues.mechanism("symmetric", cue) == "结对帮扶":
            return "结对帮扶"
    return view.heading_mechanism() or view.sentence_mechanism()


def two_sided(a: Mention, b: Mention, mech: str, status: str, roles: Roles) -> AssistFact | None:
    if a.type != "Region" and b.type == "Region":
        return AssistFact(a, b, None, mech, True, status, 0.75, "symmetric (organisation helps place)")
    if b.type != "Region" and a.type == "Region":
        return AssistFact(b, a, None, mech, True, status, 0.75, "symmetric (organisation helps place)")
    ca, cb = place_code(a), place_code(b)
    if a.type != "Region" or b.type != "Region" or not ca or not cb or ca == cb:
        return None
    decided = roles.direction(ca, cb)
    if decided is None:
        return None
    helper, helped = (a, b) if decided[0] == ca else (b, a)
    return AssistFact(helper, helped, None, mech, True, status, 0.75, f"symmetric ({decided[2]})")


def code_of(m: Mention) -> str:
    return m.code or (m.candidates[0] if m.type == "Region" and m.candidates else "") or ""


def reversed_by_roles(roles: Roles, helper: Mention, helped: Mention) -> bool:
    """Whether the roles table says the other side helps (a subject taken from afar must agree)."""
    if not (is_region(helper) and is_region(helped)):
        return False
    decided = roles.direction(helper.code, helped.code)
    return decided is not None and decided[0] == helped.code


# 按照国务院国资委工作要求: an actor inside such a phrase is not the one who acts
# (作为广东省的经济特区: the role a topic plays, not who acts)
_ADJUNCT_BEFORE = ("按照", "根据", "依据", "遵照", "在", "经", "受", "由于", "随着", "作为")


# 按照省委、省政府部署: a list after the adjunct's word, in the same clause
_ADJUNCT_LIST = re.compile(
    "(?:" + "|".join(map(re.escape, _ADJUNCT_BEFORE)) + r")[\u4e00-\u9fff]{1,8}?(?:、|和|及)$"
)


def _in_adjunct(view: SentenceView, m: Mention) -> bool:
    """Whether m stands in such a phrase: right after its word, or as a later item of a list after it."""
    before = view.text[max(view.start, m.start - 12) : m.start]
    return before.endswith(_ADJUNCT_BEFORE) or _ADJUNCT_LIST.search(before) is not None


# words that stand for the home region as a scope (省内, 全省), never as the one who acts
_SCOPE_WORDS = ("省内", "全省", "全市", "全县", "全州")


def object_of_cue(view: SentenceView, m: Mention) -> bool:
    """Whether m is written right after a directed cue (对口支援哈密): the object of its own clause.
    Asked of the same actors for every cue of a sentence: answered once per place."""
    start = view.chain_start(m)
    key = ("object", start)
    found = view.memo.get(key)
    if found is None:
        # a cue ending where m's chain starts, inside the six characters before it
        found = view.memo[key] = (
            _cue_before(view.cues).search(view.text, max(view.start, start - 6), start) is not None
        )
    return found


_CUE_BEFORE: dict[int, re.Pattern[str]] = {}


def _cue_before(cues: Cues) -> re.Pattern[str]:
    """A directed cue ending at the end of the text searched (\\Z: never before a final line break)."""
    found = _CUE_BEFORE.get(id(cues))
    if found is None:
        found = _CUE_BEFORE[id(cues)] = re.compile(
            "(?:" + "|".join(map(re.escape, cues.words("directed"))) + r")\Z"
        )
    return found


def topic_helpers(view: SentenceView, pos: int) -> list[Mention]:
    """The topic of the clauses before a cue whose own clause names no helper: Chinese writes the
    topic once and lets it govern the clauses after it (江苏作为…之一，负责对口支援伊犁州…; 东莞坚决
    落实…，坚持…，对口帮扶韶关揭阳). The topic is the last actor that opens a clause before the cue,
    with no other actor between it and the cue."""
    clause_lo, _ = view.clause_bounds(pos)
    # the actors are sorted by start: those ending before the clause start before it
    first_in_clause = view.index_at(clause_lo)
    before = [a for a in view.actors[:first_in_clause] if a.end <= clause_lo]
    if not before or first_in_clause < view.index_at(pos):  # an actor starts in the clause, before pos
        return []
    for a in reversed(before):
        lo, _ = view.clause_bounds(a.start)
        lead = view.text[lo : view.chain_start(a)]
        if a.surface in _SCOPE_WORDS:
            return []  # 省内结对1331个: a scope, not an agent
        if len(lead) <= 2 and a.type in ("Region", "Agency", "Organization"):
            run = view.run_after(view.chain_start(a), max_gap=0)
            # a place between that an earlier cue governs (不再帮扶河源市，改为帮扶汕尾市) does not
            # stand in the topic's way
            if run and not any(
                x.end <= pos and not _in_adjunct(view, x) and not object_of_cue(view, x)
                for x in view.actors[view.index_at(run[-1].end) : view.index_at(pos)]
            ):
                return run
            return []
    return []


# organisations that are helped sides as places are: the 兵团's divisions (师市合一) receive 对口支援
PLACE_LIKE_KINDS = ("bingtuan",)


def helped_side(m: Mention) -> bool:
    """Whether m can be the helped side of a pairing: a place, or an organisation that is one."""
    if m.type == "Region":
        return True
    entry = m.candidates[0] if m.candidates else None
    return m.type == "Organization" and getattr(entry, "kind", "") in PLACE_LIKE_KINDS


def listed_inside(view: SentenceView, helped_run: list[Mention]) -> list[Mention]:
    """山东省对口支援喀什地区的疏勒、英吉沙、麦盖提、岳普湖四县: the places listed after 的 inside the
    named one are the helped sides the text names."""
    if len(helped_run) != 1:
        return helped_run  # none (A、B分别与 then nothing named) or a list already
    last = helped_run[-1]
    if view.text[last.end : last.end + 1] != "的":
        return helped_run
    inner = view.run_after(last.end + 1, max_gap=0)
    if inner and all(a.type == "Region" and a.code and a.code != last.code for a in inner):
        # a province's places share its code's first two digits (云南省的保山市、普洱市), a
        # prefecture's its first four
        prefix = last.code[:2] if last.code.endswith("0000") else last.code[:4]
        gaz_within = [a for a in inner if a.via == "chain" or a.code.startswith(prefix)]
        if len(gaz_within) == len(inner):
            return inner
    return helped_run
