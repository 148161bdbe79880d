"""A unit posting its people to a place: 国家电网派驻龙山县某村第一书记, 某局选派的驻村工作队进驻某村.

The 驻村第一书记 and the 驻村工作队 are sent by the unit that helps the village (关于向重点乡村持续选派驻
村第一书记和工作队的意见, 中办 2021): the unit written before the posting verb helps the place the
people are posted to — written between the verb and whom it posts (派驻甲村第一书记), or after them
with 在/到/驻/进驻 in the same clause. A 挂职 exchange of cadres is no such posting (no posted word).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import AssistFact, helped_side, is_trap, mechanism_for, status_of
from loaders.extract.families.gates import needs, words
from loaders.extract.pattern_words import pattern_words
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_WORDS = pattern_words()
_POSTED = "|".join(map(re.escape, sorted(_WORDS["posted"], key=len, reverse=True)))
_POSTING = "|".join(map(re.escape, sorted(_WORDS["posting"], key=len, reverse=True)))
# X派驻[Y]的驻村第一书记 / X选派的驻村工作队…在Y
_VERB = re.compile(rf"(?:{_POSTING})(?:到|至)?")
_WHOM = re.compile(rf"^(?:的)?(?:驻村|驻)?(?:{_POSTED})")
_THERE = re.compile(r"(?:在|到|驻|进驻|赴)$")
_POSTED_WORD = re.compile(_POSTED)


@needs(words(_WORDS["posted"]))
def posted(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    text = view.text
    if not _POSTED_WORD.search(text[view.start : view.end]):
        return
    for verb in _VERB.finditer(text, view.start, view.end):
        units, filler = view.run_before(verb.start())
        if len(units) != 1 or filler or units[0].type not in ("Agency", "Organization", "Region"):
            continue
        unit = units[0]
        lo, hi = view.clause_bounds(verb.start())
        places = view.run_after(verb.end(), max_gap=0)
        if places:
            if not _WHOM.match(text[places[-1].end : places[-1].end + 8]):
                continue
        elif verb.group(0).startswith("驻"):
            continue  # 驻 alone posts only where the place follows it (某厅驻甲村工作队)
        else:
            whom = _WHOM.match(text[verb.end() : verb.end() + 10])
            if whom is None:
                continue
            later = [a for a in view.actors if verb.end() + whom.end() <= a.start < hi]
            if not later or not _THERE.search(text[max(lo, later[0].start - 2) : later[0].start]):
                continue
            places = view.run_after(view.chain_start(later[0]), max_gap=0)
        places = [view.chain_end(p) for p in places if helped_side(p)]
        if not places or is_trap(view, lo, hi):
            continue
        status = status_of(view, text[max(view.start, unit.start - 4) : verb.start()])
        if status is None:
            continue
        for place in places:
            if place.entity_id != unit.entity_id:
                mech = mechanism_for(view, None, unit, place, roles)
                yield AssistFact(unit, place, None, mech, False, status, 0.85, "posts its people there")
