"""The document's own helper doing for its helped villages, in a sentence that does not name it:
聚焦帮扶村的问题，在甲村、乙村支持饮水改造 in a bank's report on its 帮扶 work.

The sentence must say the places are the helper's (帮扶村, 结对村, 帮扶点 …), say what it gave or did
(支持, 投入, 援建, 捐赠, 改善 …), and name no other actor but places: one more organisation or a
place that could itself help, and who did it is open. The most specific places are the helped ones
(a village, not the county written as its address). Facts are inferred, the helper being unnamed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import AssistFact, is_trap, status_of
from loaders.extract.families.gates import FRAME_ORG, needs, words
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_THEIRS_WORDS = ("帮扶村", "结对村", "帮扶点", "定点帮扶村", "联系村", "帮扶乡镇", "结对帮扶村", "驻村")
_GIVEN_WORDS = (
    "支持",
    "投入",
    "援建",
    "捐赠",
    "捐助",
    "资助",
    "改善",
    "修建",
    "新建",
    "建设",
    "帮助",
    "实施",
    "投向",
)
_THEIRS = re.compile("|".join(_THEIRS_WORDS))
_GIVEN = re.compile("|".join(_GIVEN_WORDS))


@needs(words(_THEIRS_WORDS), words(_GIVEN_WORDS), actors=(FRAME_ORG,))
def frame_places(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    frame = view.frame
    if frame is None or frame.type == "Region":
        return
    sentence = view.text[view.start : view.end]
    if not _THEIRS.search(sentence) or not _GIVEN.search(sentence):
        return
    if any(a.type != "Region" for a in view.actors) or is_trap(view, view.start, view.end):
        return
    places = [a for a in view.actors if view.chain_end(a) is a and not a.code]
    if not places:
        return  # villages and towns only: a county or a city named alone may be the helper's address
    status = status_of(view, sentence)
    if status is None:
        return
    for place in places:
        yield AssistFact(frame, place, None, "定点帮扶", True, status, 0.6, "the document's helper")
