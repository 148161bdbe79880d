"""A company's own units, named the way its report names them: 指定所属中电工程西北院、广西院承担….

Reports of central enterprises name their subsidiaries by in-house short forms (西北院, 广西院) that
no lexicon holds and that may hold a place name (广西). After 所属/下属/旗下, a list whose every item
ends in a unit's form word (院, 公司, 集团, 分公司, 局, 厂, 中心) names organisations as written; a
place inside such a name is part of it, not an actor.
"""

from __future__ import annotations

import re

from loaders.extract.mentions import Mention
from loaders.extract.patterns import CJK

_UNIT_WORDS = "分公司|子公司|公司|集团|研究院|设计院|院|局|厂|中心"
_ITEM = rf"[{CJK}A-Za-z]{{1,10}}?(?:{_UNIT_WORDS})"
_OWN_UNITS = re.compile(
    rf"(?:所属|下属|旗下)(?:的)?((?:{_ITEM}[、和及])+{_ITEM})(?![{CJK}]{{0,1}}(?:{_UNIT_WORDS}))"
)


def subsidiaries(text: str, mentions: list[Mention]) -> list[Mention]:
    """The listed units as Organization mentions; mentions inside them become part of their name."""
    found: list[Mention] = []
    for match in _OWN_UNITS.finditer(text):
        pos = match.start(1)
        for item in re.split(r"[、和及]", match.group(1)):
            start, end = pos, pos + len(item)
            pos = end + 1
            if any(m.start == start and m.end == end and m.kind == "Organization" for m in mentions):
                continue  # a name the lexicon or the form rules already hold
            unit = Mention(start, end, item, "Organization", [], via="own unit")
            unit.type, unit.name, unit.entity_id = "Organization", item, f"organization:{item}"
            for m in mentions:
                if start <= m.start and m.end <= end and m.container is None:
                    m.container = unit
            found.append(unit)
    return found
