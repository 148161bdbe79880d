"""Counted or unnamed helped sides (长沙7个市县区对7个贫困县…, 采购对口支援协作地区农副产品): group
facts, never turned into pairs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import COUNT_GROUP, UNNAMED_GROUP, AssistFact, is_trap, status_of
from loaders.extract.families.gates import Need, needs, words
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_TOWARD = re.compile(
    r"^(?:(?:\d+|[一二三四五六七八九十百两]+)个[\u4e00-\u9fff]{1,5}?)?"
    r"(?:对口帮扶|结对帮扶|对口支援|定点帮扶|帮扶|支援|结对|对|向|为)"
)
_BUY_WORDS = ("采购", "汇集", "帮销", "购买", "销售")
_BUY = re.compile(rf"^(?:[\u4e00-\u9fff“”]{{0,16}}?)(?:{'|'.join(_BUY_WORDS)})")


# a counted group (COUNT_GROUP: a count of 个, 家 or 所) or an unnamed one (UNNAMED_GROUP) after a
# buying verb
_UNITS = words("个", "家", "所")
_UNNAMED = words("对口支援", "对口帮扶", "对口协作", "东西部协作", "协作", "帮扶", "受援")


@needs(
    alternatives=(
        Need((_UNITS,)),
        Need((words(_BUY_WORDS), _UNNAMED)),
    )
)
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
        if mech is None or is_trap(view, view.start, view.end):
            continue
        status = status_of(view, text[view.start : actor.start], verb)
        if status is None:
            continue
        yield AssistFact(actor, None, phrase, mech, False, status, 0.8, "group")
