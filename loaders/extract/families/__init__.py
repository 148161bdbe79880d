"""ASSISTS: who helps whom, from the ways the genre states it — one module per family of statements.

Each family reads one SentenceView and yields AssistFacts; all_facts runs them in order, first fact
per (helper, helped) wins. Counted or unnamed helped sides become group facts. Plans (将, 拟, 计划)
and endings (曾, 此前, 不再) set the status; negations and examples yield nothing; delegation visits,
cadre postings, friendship ties and parks named after two places are not assistance.
"""

from __future__ import annotations

from bangfu.knowledge.cues import Cues
from loaders.extract.families.abbreviations import abbreviations
from loaders.extract.families.actions import actions, front_place, since_clause
from loaders.extract.families.common import AssistFact
from loaders.extract.families.directed import directed
from loaders.extract.families.frame import frame_places
from loaders.extract.families.gates import ACTORS_2, REGIONS_2, Gates, words
from loaders.extract.families.groups import groups
from loaders.extract.families.lists import labelled, respective, series, tasks
from loaders.extract.families.official import official_pairs, official_units
from loaders.extract.families.platforms import platform_sales
from loaders.extract.families.posted import posted
from loaders.extract.families.presence import consumption, presence
from loaders.extract.families.symmetric import co_subjects, listed_pairs, symmetric
from loaders.extract.families.two_way import two_way
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

# the families in the order they are asked (the first fact per pair wins), by what the sentence has:
# two places or more, two actors or more, or fewer; the first two lists end alike
_LAST = (tasks, two_way, platform_sales, frame_places, posted, groups)
_MANY_PLACES = (
    respective,
    series,
    directed,
    symmetric,
    co_subjects,
    presence,
    consumption,
    listed_pairs,
    official_pairs,
    official_units,
    actions,
    since_clause,
    front_place,
    labelled,
    *_LAST,
)
_TWO_ACTORS = (
    respective,
    listed_pairs,
    directed,
    symmetric,
    official_units,
    actions,
    since_clause,
    *_LAST,
)
_FEW_ACTORS = (directed, two_way, platform_sales, frame_places, groups)

# any word a family needs (cue words of every role, selling words, the separators of listed pairs):
# a sentence with none of them states no assistance (unless a heading names a mechanism), and most
# sentences of a report are such
_SENTENCE_GATE = words(
    "分别 签署 签订 结对 建立 建设 设立 共建 投入 捐 选派 派出 派驻 开展 承担 负责 以来 消费 采购 购买 "
    "旅游 游 销 助农 带货 直播 代言 上线 支持 第一书记 工作队 工作组 — - | ｜ → 两".split(),
    "\t",
    roles=("directed", "symmetric", "pairing", "mechanism", "consumption", "passive", "platform_base_event"),
)
_GATES: dict[int, Gates] = {}


def family_gates(cues: Cues) -> Gates:
    """The families' gates for a cue table, built once."""
    found = _GATES.get(id(cues))
    if found is None:
        found = _GATES[id(cues)] = Gates(cues, _MANY_PLACES, _SENTENCE_GATE)
    return found


def all_facts(view: SentenceView, roles: Roles, words_found: int | None = None) -> list[AssistFact]:
    """The sentence's facts from the families its words and actors can feed. words_found: the
    sentence's words as bits (Gates.sentence_words over the document), else the sentence is scanned."""
    gate = family_gates(view.cues)
    if words_found is None:
        words_found = gate.words_of(view)
    if not words_found & gate.sentence_gate and view.heading_mechanism(False) is None:
        return []
    found = words_found | gate.actors_of(view)
    if found & gate.actor_bit[REGIONS_2]:
        families = gate.chosen(_MANY_PLACES, found)
    elif found & gate.actor_bit[ACTORS_2]:
        families = gate.chosen(_TWO_ACTORS, found)
    else:
        families = gate.chosen(_FEW_ACTORS, found)
    facts: list[AssistFact] = []
    seen: set[tuple] = set()
    for family in families:
        for fact in family(view, roles):
            key = (fact.helper.entity_id, fact.helped.entity_id if fact.helped else fact.group)
            if key in seen:
                continue
            seen.add(key)
            facts.append(fact)
    return _in_order(facts)


def _in_order(facts: list[AssistFact]) -> list[AssistFact]:
    """A sentence pairing two lists in order (A、B分别帮扶C、D) says who goes with whom: a pair across
    the lists that only the roles table or an official list infers (A → D) is not what it says."""
    ordered = [f for f in facts if "respective" in f.reason and f.helped is not None]
    if not ordered:
        return facts
    lefts, rights = {id(f.helper) for f in ordered}, {id(f.helped) for f in ordered}
    return [
        f
        for f in facts
        if not (
            f.inferred and id(f.helper) in lefts and id(f.helped) in rights and "respective" not in f.reason
        )
    ]


__all__ = ["AssistFact", "abbreviations", "all_facts", "family_gates"]
