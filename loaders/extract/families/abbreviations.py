"""Pairing abbreviations (闽宁协作, 沪滇合作): the pair the abbreviation names, unless it names a place
or a park (闽宁镇, 苏宿工业园区)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.mentions import PAIR_ABBR, Mention
from loaders.extract.view import SentenceView

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
