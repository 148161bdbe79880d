"""Two-way statements: both sides written as one subject, the direction left to the programme.

- 浙鄂两省, 青苏两省, 粤桂两省区: two one-character province abbreviations (found as mentions) and 两省
- 江苏青海两省, 无锡海东两市, 聊城、彭水两地: two names and 两省/两市/两地
- 苏州宿迁南北合作: two names written together, then their programme

The sentence must carry a pairing word (两地交往交流 alone is friendship, not assistance); the roles
table (official lists, eastern partners, province-internal programmes) gives the direction, and the
fact is marked inferred. Nothing decides → nothing is said.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import AssistFact, is_region, is_trap, pairing_mechanism, status_of
from loaders.extract.families.gates import needs, words
from loaders.extract.mentions import Mention
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_BOTH_AFTER = re.compile(r"两(?:省区|省市|省|地|市|县|区)")
# 苏州宿迁南北合作共建, 杭州恩施东西部协作: two names written together, then their programme
_PROGRAMMES = (
    *("南北合作", "南北挂钩", "山海协作", "东西部协作", "东西部扶贫协作", "扶贫协作", "对口协作", "对口帮扶"),
    *("对口支援", "结对帮扶"),
)
_PROGRAMME_NEXT = re.compile(f"(?:{'|'.join(_PROGRAMMES)})")


@needs(words("两", _PROGRAMMES), words(roles=("pairing",)))
def two_way(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    sentence = view.text[view.start : view.end]
    if "两" not in sentence and _PROGRAMME_NEXT.search(sentence) is None:
        return
    if view.cues.any_in("pairing", sentence) is None or is_trap(view, view.start, view.end):
        return
    pairs: list[tuple[Mention, Mention, int]] = []
    for x, y in zip(view.actors, view.actors[1:], strict=False):
        if not (is_region(x) and is_region(y)) or view.text[x.end : y.start] not in ("", "、", "和", "与"):
            continue
        m = _BOTH_AFTER.match(view.text, y.end) or _PROGRAMME_NEXT.match(view.text, y.end)
        if m and view.chain_end(x) is x:
            pairs.append((x, y, m.end()))
    for a, b, end in pairs:
        decided = roles.direction(a.code, b.code)
        if decided is None or roles.related(a.code, b.code):
            continue
        helper, helped = (a, b) if decided[0] == a.code else (b, a)
        status = status_of(view, view.text[view.start : a.start])
        mech = pairing_mechanism(view, view.text[end : view.end])
        if status is not None and mech:
            yield AssistFact(helper, helped, None, mech, True, status, 0.7, f"two-way ({decided[2]})")
