"""What a helper does for a place, written as an action toward it or in it:

- giving:   北京累计向和田地区投入援疆资金, 深圳向百色、河池选派干部人才, 龙湾区向我县捐助帮扶资金
- going:    武清区组织社会力量来我县开展东西部协作帮扶, 乐清市赴平阳县开展结对帮扶活动
- working:  中国华能在阿合奇县、横山区、尖扎县扎实开展定点帮扶工作

The helper is the actor right before the action, or the topic of the clauses before it; the helped
places are the run after 向/来/赴/在. The clause must say the action is assistance (an aid word), and
what the visitors came for must not be a visit (考察, 调研, 参观, 学习). A subject taken from afar must
agree with the roles table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import (
    AssistFact,
    code_of,
    helped_side,
    is_example,
    is_region,
    is_trap,
    mechanism_for,
    reversed_by_roles,
    status_of,
    topic_helpers,
)
from loaders.extract.families.gates import needs, words
from loaders.extract.mentions import Mention
from loaders.extract.pattern_words import pattern_words
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

# the word before the places, and what must follow them in the same clause
_GIVE = re.compile(r"向|为(?=[\u4e00-\u9fff]{2,12}?(?:捐赠|捐助|援建|投入))")
_GIVE_VERBS = (
    "投入",
    "捐赠",
    "捐助",
    "援助",
    "选派",
    "派出",
    "派驻",
    "拨付",
    "安排",
    "提供",
    "引进",
    "引导",
    "输入",
)
_GIVE_VERB = re.compile("|".join(_GIVE_VERBS))
_GO = re.compile(r"(?:来到|来|到|赴|前往|深入|走进)")
_WORK = re.compile(r"在")
_DO_AID_VERBS = ("开展", "实施", "推进", "推动", "落实", "做好", "承担", "负责")
_DO_AID = re.compile("|".join(_DO_AID_VERBS))
# words that make an action assistance in this genre
_AID_WORDS = (
    *("帮扶", "扶贫", "援助", "援建", "援疆", "援藏", "援青", "支援", "协作", "结对", "捐赠", "捐助"),
    *("干部", "人才", "资金", "对口", "助农", "振兴"),
)
_AID = re.compile("|".join(_AID_WORDS))
_VISIT = re.compile(r"考察|调研|参观|学习|观摩|洽谈|招商|旅游|交流座谈")
# 赴万源市开展村企结对活动: the activity pairs villages inside the place, which is where it is held
_VILLAGE_PAIRING = re.compile("|".join(map(re.escape, pattern_words()["village_pairing"])))
# what may stand between the helper and 向/来/赴/在
_LEAD = re.compile(
    r"^(?:累计|共|已|已经|先后|多次|每年|连续|还|也|都|积极|主动|持续|继续|将|组织[^，。；]{0,12}?|"
    r"率[^，。；]{0,12}?|带领[^，。；]{0,12}?|(?:派出|选派|派遣|抽调)[^，。；]{0,8}?|扎实|深入|重点|(?:\d{4}年)?(?:以来)?|"
    # who went: 乐清市党政代表团, 武清区工作组一行; when: 昨日, 6月17日
    r"[\u4e00-\u9fff]{0,4}?(?:代表团|工作组|工作队|帮扶组)(?:一行)?|一行|昨日|昨天|今天|日前|近日|\d{1,2}月\d{1,2}日)*$"
)


# the purpose after the places holds an aid word and the verb its kind of action needs
@needs(words(_AID_WORDS), words(_GIVE_VERBS, _DO_AID_VERBS))
def actions(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    for word, verb_needed, why in (
        (_GIVE, _GIVE_VERB, "giving"),
        (_GO, _DO_AID, "going"),
        (_WORK, _DO_AID, "working"),
    ):
        for m in word.finditer(text, view.start, view.end):
            places = view.run_after(m.end(), max_gap=0)
            if not places or not all(helped_side(p) for p in places):
                continue
            _, clause_hi = view.clause_bounds(places[-1].end)
            purpose = text[places[-1].end : clause_hi]
            verb = verb_needed.search(purpose)
            if verb is None or not _AID.search(purpose) or _VISIT.search(purpose[: verb.end() + 12]):
                continue
            if why == "going" and not _AID.search(purpose[verb.end() :]):
                continue
            if why == "going" and all(p.code for p in places) and _VILLAGE_PAIRING.search(purpose):
                continue
            helpers, from_topic = _helpers(view, m.start())
            if not helpers:
                continue
            status = status_of(
                view, text[max(view.start, helpers[0].start - 4) : m.start()], purpose[: verb.start()]
            )
            if status is None or is_example(view, helpers[0].start):
                continue
            yield from _facts(view, roles, helpers, places, status, from_topic, why)


def _helpers(view: SentenceView, pos: int) -> tuple[list[Mention], bool]:
    run, lead = view.run_before(pos)
    if run and _LEAD.match(lead):
        return run, False
    if run and not any(ch in lead for ch in "，,；;："):
        return [], False  # another verb stands between: not this actor's action
    return topic_helpers(view, pos), True


def _facts(
    view: SentenceView,
    roles: Roles,
    helpers: list[Mention],
    places: list[Mention],
    status: str,
    from_topic: bool,
    why: str,
) -> Iterator[AssistFact]:
    if len(helpers) > 1 and len(places) > 1:
        return  # many to many: who acts where is not said
    for helper in helpers:
        if helper.type not in ("Region", "Agency", "Organization"):
            continue
        for place in places:
            if helper.entity_id == place.entity_id or roles.related(code_of(helper), code_of(place)):
                continue
            if reversed_by_roles(roles, helper, place):
                continue
            mech = mechanism_for(view, None, helper, place, roles)
            confidence = 0.75 if from_topic else 0.85
            yield AssistFact(helper, place, None, mech, False, status, confidence, f"action ({why})")


# 自2018年对口砚山县开展结对帮扶以来，上海银行…: the pairing in a since-clause, its helper the subject after
_SINCE = re.compile(r"自(?:\d{4}年)?(?:\d{1,2}月)?(?:起)?(?:对口|结对|定点|帮扶|对口帮扶|对口支援|支援|援建)")
_SINCE_END = re.compile(r"[^，。；]{0,16}?以来[，,]")


@needs(words("以来"))
def since_clause(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    if text.find("以来", view.start, view.end) < 0:
        return
    for m in _SINCE.finditer(text, view.start, view.end):
        places = view.run_after(m.end(), max_gap=0)
        if not places or not all(helped_side(p) for p in places):
            continue
        end = _SINCE_END.match(text, places[-1].end, view.end)
        if end is None or not _AID.search(m.group(0) + text[places[-1].end : end.end()]):
            continue
        after = [a for a in view.actors if a.start >= end.end()]
        if (
            not after
            or after[0].start != end.end()
            or after[0].type not in ("Region", "Agency", "Organization")
        ):
            continue
        helper = after[0]
        status = status_of(view, text[m.start() : end.end()])
        if status is None:
            continue
        for place in places:
            if roles.related(code_of(helper), code_of(place)) or reversed_by_roles(roles, helper, place):
                continue
            mech = mechanism_for(
                view, view.cues.find_mechanism(text[m.start() : end.end()]), helper, place, roles
            )
            yield AssistFact(helper, place, None, mech, False, status, 0.85, "since-clause")


# 在新疆图木舒克，东莞从产业再造入手，助力…: the place set before the clause, its helper the clause's subject
_FRONT_PLACE = re.compile(r"在")
_AID_VERBS = ("帮扶", "援建", "援疆", "援藏", "援青", "助力", "支援", "协作", "结对", "对口")
_AID_VERB = re.compile("|".join(_AID_VERBS))


@needs(words(_AID_VERBS))
def front_place(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    m = _FRONT_PLACE.match(text, view.start + (1 if text[view.start : view.start + 1] in "“■●" else 0))
    if m is None:
        return
    places = view.run_after(m.end(), max_gap=0)
    if not places or not all(helped_side(p) for p in places):
        return
    if text[places[-1].end : places[-1].end + 1] not in ("，", ","):
        return  # 在Y建设…: presence, another family
    subject = [a for a in view.actors if a.start == places[-1].end + 1]
    if not subject or subject[0].type not in ("Region", "Agency", "Organization"):
        return
    helper = subject[0]
    rest = text[helper.end : view.end]
    if not _AID_VERB.search(rest) or is_trap(view, view.start, view.end) or _VISIT.search(rest):
        return
    status = status_of(view, rest)
    if status is None:
        return
    if not is_region(helper):
        return
    for place in places:
        if roles.related(helper.code, code_of(place)):
            continue
        decided = roles.direction(helper.code, code_of(place))
        if decided is None or decided[0] != helper.code:
            continue  # the roles table must agree: the front place is not said to be helped
        mech = mechanism_for(view, None, helper, place, roles)
        yield AssistFact(helper, place, None, mech, True, status, 0.7, "front place (在Y，X…助力)")
