"""ASSISTS: who helps whom, from the ways the genre states it — one module per family of statements.

Each family reads one SentenceView and yields AssistFacts; all_facts runs them in order, first fact
per (helper, helped) wins. Counted or unnamed helped sides become group facts. Plans (将, 拟, 计划)
and endings (曾, 此前, 不再) set the status; negations and examples yield nothing; delegation visits,
cadre postings, friendship ties and parks named after two places are not assistance.
"""

from __future__ import annotations

import re

from loaders.extract.families.abbreviations import abbreviations
from loaders.extract.families.actions import actions, front_place, since_clause
from loaders.extract.families.common import AssistFact
from loaders.extract.families.directed import directed
from loaders.extract.families.frame import frame_places
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

_GATES: dict[int, re.Pattern[str]] = {}


def _gate(view: SentenceView) -> re.Pattern[str]:
    """One scan for any word a family needs (cue words of every role, selling words, the separators
    of listed pairs): a sentence with none of them states no assistance, and most sentences of a
    report are such."""
    key = id(view.cues)
    if key not in _GATES:
        words = {
            w
            for role in (
                "directed",
                "symmetric",
                "pairing",
                "mechanism",
                "consumption",
                "passive",
                "platform_base_event",
            )
            for w in view.cues.words(role)
        }
        words |= set(
            "分别 签署 签订 结对 建立 建设 设立 共建 投入 捐 选派 派出 派驻 开展 承担 负责 以来 消费 采购 购买 "
            "旅游 游 销 助农 带货 直播 代言 上线 支持 第一书记 工作队 工作组 — - | ｜ → 两".split()
        ) | {"\t"}
        _GATES[key] = re.compile("|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)))
    return _GATES[key]


def all_facts(view: SentenceView, roles: Roles) -> list[AssistFact]:
    if not _gate(view).search(view.text, view.start, view.end) and view.heading_mechanism(False) is None:
        return []
    facts: list[AssistFact] = []
    seen: set[tuple] = set()
    n_regions = sum(1 for a in view.actors if a.type == "Region")
    if n_regions >= 2:
        families = (
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
            tasks,
            two_way,
            platform_sales,
            frame_places,
            posted,
            groups,
        )
    elif len(view.actors) >= 2:
        families = (
            respective,
            listed_pairs,
            directed,
            symmetric,
            official_units,
            actions,
            since_clause,
            tasks,
            two_way,
            platform_sales,
            frame_places,
            posted,
            groups,
        )
    else:
        families = (directed, two_way, platform_sales, frame_places, groups)
    for family in families:
        for fact in family(view, roles):
            key = (fact.helper.entity_id, fact.helped.entity_id if fact.helped else fact.group)
            if key in seen:
                continue
            seen.add(key)
            facts.append(fact)
    return facts


__all__ = ["AssistFact", "abbreviations", "all_facts"]
