"""Official pairings named in one sentence: 北京把援建和田作为分内之事, 浙江的对口地区被确定为那曲.

Reports write a pairing in countless ways (援建, 结下不解之缘, 对口地区被确定为 …); what they share is
that both sides of a pairing an official list holds (data/reference: 东西部协作, 对口支援, 定点帮扶,
province-internal lists) stand in one sentence with a pairing word. The list gives the direction and
the mechanism, so the fact is marked inferred. Only the list's own helping side counts as helper (a
city does not inherit its province's pairings), and a province is never the helped side here: "北京…
新疆" names a programme, not a pairing.
"""

from __future__ import annotations

from collections.abc import Iterator

from loaders.extract.families.common import AssistFact, is_region, is_trap, status_of
from loaders.extract.families.gates import UNIT, needs, words
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView


@needs(words(roles=("pairing",)))
def official_pairs(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    # 湘西州龙山县: the chain names 龙山县; its prefecture is only the address (found once per mention:
    # a sentence naming n places must not cost n³)
    if not any(is_region(a) and roles.helps_officially(a.code) for a in view.actors):
        return  # no official helper at all (the common case): no chain to follow
    regions = [a for a in view.actors if is_region(a) and view.chain_end(a) is a]
    helpers = [a for a in regions if roles.helps_officially(a.code)]
    if not helpers:
        return
    sentence = view.text[view.start : view.end]
    if view.cues.any_in("pairing", sentence) is None or is_trap(view, view.start, view.end):
        return
    done: set[tuple[str, str]] = set()  # all_facts keeps the first fact per pair: later ones are moot
    for helper in helpers:
        for helped in regions:
            if (helper.entity_id, helped.entity_id) in done:
                continue
            if helper is helped or roles.related(helper.code, helped.code):
                continue
            if roles.gaz.by_code[helped.code].level == "province":
                continue
            pair = roles.pairing_of(helper.code, helped.code)
            if pair is None:
                continue
            lo, hi = min(helper.start, helped.start), max(helper.end, helped.end)
            status = status_of(view, view.text[max(view.start, lo - 4) : hi])
            if status is not None:
                done.add((helper.entity_id, helped.entity_id))
                yield AssistFact(helper, helped, None, pair.mechanism, True, status, 0.7, "official pairing")


@needs(words(roles=("pairing",)), actors=(UNIT,))
def official_units(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """A unit's official pairing (中央单位定点帮扶: 北京大学 → 弥渡县) named in one sentence with a
    pairing word: the unit is matched by its canonical name or any alias of its lexicon entry."""
    sentence = view.text[view.start : view.end]
    if not roles.unit_pairs or view.cues.any_in("pairing", sentence) is None:
        return
    if is_trap(view, view.start, view.end):
        return
    units = [a for a in view.actors if a.type in ("Organization", "Agency")]
    regions = [a for a in view.actors if is_region(a) and view.chain_end(a) is a]
    for unit in units:
        entry = unit.candidates[0] if unit.candidates else None
        names = (unit.name or "", unit.surface, *getattr(entry, "aliases", ()))
        for place in regions:
            mechanism = roles.unit_pairing_of(tuple(n for n in names if n), place.code)
            if mechanism is None:
                continue
            status = status_of(
                view, view.text[max(view.start, min(unit.start, place.start) - 4) : max(unit.end, place.end)]
            )
            if status is not None:
                yield AssistFact(unit, place, None, mechanism, True, status, 0.7, "official pairing (unit)")
