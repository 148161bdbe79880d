"""Towns and villages written without their county (钱库镇河西岸村, 白蜡乡荍田村): a report from one
county names its own villages by town and village only.

A town followed by a village is a place name by its form alone (a town word 镇/乡, then a name ending
in 村 or 社区); what the text does not say is the county. It is the document's own county — the one
its title or source names, else the one county its text names most (at least twice, twice as often
as any other). With no such county the village stays unnamed rather than placed under a guess.
"""

from __future__ import annotations

import re
from collections import Counter

from bangfu.knowledge.gazetteer import Gazetteer
from loaders.extract.mentions import REGION, Mention
from loaders.extract.patterns import CJK, LEFT_STOPS, PLACE_GENERIC
from loaders.extract.resolve import DocContext

# a town (2–6 characters before 镇/乡, no 村 and no conjunction in it), then its village
_TOWN_VILLAGE = re.compile(
    rf"((?:(?![村及和与、])[{CJK}]){{2,6}}?(?:镇|乡))((?:(?![村及和与镇乡])[{CJK}]){{2,4}}?(?:村|社区))(?![村镇级])"
)
# words ending in 乡/镇 that are no town: 城乡, 家乡, 下乡, 返乡, 老乡, 重镇 …
_NOT_TOWN = re.compile(r"(?:城|家|下|返|回|故|老|同|异|水|梦|愁|重|古|名|强|集|乡)(?:镇|乡)$")


def home_county(gaz: Gazetteer, mentions: list[Mention], ctx: DocContext) -> str | None:
    """The document's own county: named by its title or source, else the county it names most."""
    if ctx.county is not None:
        return ctx.county.code
    counts: Counter[str] = Counter(
        m.code
        for m in mentions
        if m.kind == REGION and m.code and m.container is None and gaz.by_code[m.code].level == "county"
    )
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    return ranked[0][0]


def _trim(name: str) -> str:
    """The town's name starts after the last verb or function word before it (与钱库镇 → 钱库镇)."""
    cut = 0
    for stop in LEFT_STOPS:
        pos = name.rfind(stop, 0, len(name) - 2)
        if pos >= 0:
            cut = max(cut, pos + len(stop))
    return name[cut:]


def places_alone(text: str, taken: list[Mention], county: str | None) -> list[Mention]:
    """Town-and-village names no other mention covers, placed under the document's own county."""
    if county is None:
        return []
    covered = bytearray(len(text) + 1)
    for m in taken:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)
    found: list[Mention] = []
    for match in _TOWN_VILLAGE.finditer(text):
        town = _trim(match.group(1))
        start = match.end(1) - len(town)
        name = town + match.group(2)
        if len(town) < 3 or _NOT_TOWN.search(town) or any(g in name for g in PLACE_GENERIC):
            continue
        if any(covered[start : match.end()]):
            continue
        place = Mention(start, match.end(), name, "Place", [county], via="home county")
        place.type, place.name, place.entity_id = "Region", name, f"region:{county}:{name}"
        found.append(place)
        covered[start : match.end()] = b"\x01" * (match.end() - start)
    return found
