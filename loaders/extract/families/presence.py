"""A place acting in another: 青岛…在甘肃建设孵化基地 (presence), 推动Y产品销往X and X…在Y消费
(consumption): the subject helps the place it acts in."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import AssistFact, is_region, is_trap, status_of
from loaders.extract.families.gates import needs, words
from loaders.extract.mentions import Mention
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_BUILD_WORDS = ("建设", "建立", "设立", "援建", "打造", "共建", "投资建设", "开设", "兴建")
_BUILD = re.compile(rf"^(?:{'|'.join(_BUILD_WORDS)})")


def _acts_in(
    view: SentenceView, roles: Roles, what: re.Pattern[str]
) -> Iterator[tuple[Mention, Mention, str]]:
    """(subject, place, status) for "subject…在place<what>": the sentence's subject doing something in
    another place that is neither inside it nor around it."""
    subject = view.subject()
    if subject is None or not is_region(subject):
        return
    for target in view.actors:
        if target.start <= subject.end or not is_region(target):
            continue
        if view.text[target.start - 1 : target.start] != "在" or roles.related(subject.code, target.code):
            continue
        if not what.match(view.text[target.end : target.end + 16]) or is_trap(view, view.start, view.end):
            continue
        status = status_of(view, view.text[view.start : target.start])
        if status is not None:
            yield subject, target, status


@needs(words(_BUILD_WORDS))
def presence(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """青岛…在甘肃建设孵化基地: the subject acts in another place under a pairing mechanism."""
    for subject, target, status in _acts_in(view, roles, _BUILD):
        mech = view.heading_mechanism() or view.sentence_mechanism()
        pair = roles.official(subject.code, target.code)
        if mech or pair is not None:
            yield AssistFact(subject, target, None, mech or pair.mechanism, False, status, 0.8, "presence")


_SOLD_TO = "销往"
_CONSUME_WORDS = ("旅游消费", "消费", "采购", "购买", "旅游")
# the verbs of _BUY (below) without their optional adverbs
_BUY_VERBS = ("采购", "购买", "认购", "销售", "帮销", "代销")
_CONSUME_IN = re.compile(
    r"^(?:省|市|县|州)?(?:的)?(?:脱贫地区|贫困地区|欠发达地区|脱贫县|协作地区)?[\u4e00-\u9fff]{0,6}?"
    rf"(?:{'|'.join(_CONSUME_WORDS)})"
)


# 销往, a consuming word after 在Y, or a buying verb: one of them is in every statement it reads
@needs(words(_SOLD_TO, _CONSUME_WORDS, _BUY_VERBS))
def consumption(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    pos = text.find(_SOLD_TO, view.start, view.end)
    while pos >= 0:
        buyers = view.run_after(pos + len(_SOLD_TO), max_gap=0)
        lo, _ = view.clause_bounds(pos)
        sellers = [a for a in view.actors if lo <= a.start < pos and is_region(a)]
        if buyers and sellers and is_region(buyers[0]) and "产品" in text[sellers[-1].end : pos]:
            helper, helped = buyers[0], sellers[-1]
            if helper.code != helped.code and not is_trap(view, view.start, view.end):
                status = status_of(view, text[lo:pos])
                if status is not None:
                    mech = _consumption_mechanism(view, roles, helper, helped)
                    yield AssistFact(helper, helped, None, mech, False, status, 0.8, "consumption (销往)")
        pos = text.find(_SOLD_TO, pos + 1, view.end)
    for subject, target, status in _acts_in(view, roles, _CONSUME_IN):
        mech = _consumption_mechanism(view, roles, subject, target)
        yield AssistFact(subject, target, None, mech, False, status, 0.8, "consumption (在Y消费)")
    yield from _buying(view, roles)


# 上海市累计采购云南农产品, 江苏帮助销售陕西特色产品: the buyer helps the place whose products it buys
_BUY = re.compile(r"(?:累计|共|积极|大力|组织|直接|帮助)?(?:采购|购买|认购|帮助销售|帮销|代销)")
_PRODUCTS = re.compile(r"(?:的)?[\u4e00-\u9fff]{0,6}?(?:农产品|农副产品|扶贫产品|特色产品|产品|特产)")


# the verbs of _BUY without their optional adverbs: a plain scan for them first (a pattern that opens
# with an optional group is tried at every character of the sentence)
_BUY_VERB = re.compile("|".join(_BUY_VERBS))


def _buying(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    if _BUY_VERB.search(text, view.start, view.end) is None:
        return
    for m in _BUY.finditer(text, view.start, view.end):
        sellers = view.run_after(m.end(), max_gap=0)
        if not sellers or not all(is_region(s) for s in sellers):
            continue
        if not _PRODUCTS.match(text, sellers[-1].end, view.end):
            continue
        buyers, lead = view.run_before(m.start())
        if (
            not buyers
            or len(lead) > 4
            or any(not is_region(b) for b in buyers)
            or is_trap(view, view.start, view.end)
        ):
            continue
        status = status_of(view, text[max(view.start, buyers[0].start - 4) : m.start()])
        if status is None:
            continue
        for helper in buyers:
            for helped in sellers:
                if not roles.related(helper.code, helped.code):
                    mech = _consumption_mechanism(view, roles, helper, helped)
                    yield AssistFact(
                        helper, helped, None, mech, False, status, 0.8, "consumption (采购Y产品)"
                    )


def _consumption_mechanism(view: SentenceView, roles: Roles, helper: Mention, helped: Mention) -> str:
    heading = view.heading_mechanism()
    if heading:
        return heading
    pair = roles.official(helper.code, helped.code)
    return pair.mechanism if pair else "消费帮扶"
