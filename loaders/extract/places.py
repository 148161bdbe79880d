"""Towns and villages written without their county (钱库镇河西岸村, 白蜡乡荍田村): a report from one
county names its own villages by town and village only.

A town followed by a village is a place name by its form alone (a town word 镇/乡, then a name ending
in 村 or 社区); what the text does not say is the county. It is the document's own county
(resolve.own_county). With no such county the village stays unnamed rather than placed under a guess.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from loaders.extract.anchored import near_anchors
from loaders.extract.mentions import Mention
from loaders.extract.pattern_words import pattern_words
from loaders.extract.patterns import CJK, LEFT_STOPS, PLACE_GENERIC

# a town (2–6 characters before 镇/乡, no 村 and no conjunction in it), then its village
_TOWN_VILLAGE = re.compile(
    rf"((?:(?![村及和与、个])[{CJK}]){{2,6}}?(?:镇|乡))((?:(?![村及和与镇乡])[{CJK}]){{2,4}}?(?:村|社区))(?![村镇级])"
)
# every match holds its town's 镇/乡 2–6 characters after its start and its village's 村/社 3–5 after
# that: only the few such 镇/乡 of a document are tried (loaders.extract.anchored), not every character
_TOWN_ANCHOR = re.compile("[镇乡](?=(?s:.){2,4}[村社])")
_TOWN_REACH = 16  # a match and its lookahead read at most 14 characters from its start
# words ending in 乡/镇 that are no town (城乡, 家乡, 重镇 …): data/lexicons/pattern_words.csv, not_town
_NOT_TOWN = re.compile(rf"(?:{'|'.join(map(re.escape, pattern_words()['not_town']))})(?:镇|乡)$")


def no_town(town: str) -> bool:
    """Whether a word ending in 镇/乡 names no town: too short, or a common word (城乡, 重镇, 小镇)."""
    return len(town) < 3 or _NOT_TOWN.search(town) is not None


def covered_by(text: str, mentions: Iterable[Mention]) -> bytearray:
    """One byte per character, set where a mention stands: a new name may not overlap one."""
    covered = bytearray(len(text) + 1)
    for m in mentions:
        cover(covered, m.start, m.end)
    return covered


def cover(covered: bytearray, start: int, end: int) -> None:
    covered[start:end] = b"\x01" * (end - start)


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
    anchors = [a.start() for a in _TOWN_ANCHOR.finditer(text)]
    if not anchors:
        return []
    covered: bytearray | None = None  # made when a candidate needs it: most documents have none
    found: list[Mention] = []
    for match in near_anchors(_TOWN_VILLAGE, text, anchors, 2, 6, _TOWN_REACH):
        town = _trim(match.group(1))
        start = match.end(1) - len(town)
        name = town + match.group(2)
        if no_town(town) or any(g in name for g in PLACE_GENERIC):
            continue
        if covered is None:
            covered = covered_by(text, taken)
        if any(covered[start : match.end()]):
            continue
        place = Mention(start, match.end(), name, "Place", [county], via="home county")
        place.type, place.name, place.entity_id = "Region", name, f"region:{county}:{name}"
        found.append(place)
        cover(covered, start, match.end())
    return found


# 我市由火炬开发区、石岐区、东区、小榄镇分别结对…: a city acting through its own districts and towns
_UNIT_LIST = re.compile(rf"由((?:[{CJK}]{{1,10}}?[、和及])+[{CJK}]{{1,10}}?)(?:分别|各自)")
_UNIT = re.compile(rf"^[{CJK}]{{1,5}}(?:区|镇|乡|街道)$")


def units_of_city(text: str, mentions: list[Mention]) -> list[Mention]:
    """The items of a list after "X由" and before 分别 are X's own units; those the gazetteer does not
    know (中山's 石岐区 and 小榄镇, 街道-level towns of a city without counties) are places under X,
    by their form (a name ending in 区/镇/乡/街道). Items another mention covers keep it."""
    lists = list(_UNIT_LIST.finditer(text))
    if not lists:
        return []
    # a name by its form (火炬开发区) is an organisation
    covered = covered_by(text, (m for m in mentions if m.entity_id or m.via == "pattern"))
    ends = {m.end: m for m in mentions if m.entity_id and m.type == "Region" and m.code}
    found: list[Mention] = []
    for match in lists:
        city = ends.get(match.start())
        if city is None:
            continue
        pos = match.start(1)
        for item in re.split(r"[、和及]", match.group(1)):
            start, end = pos, pos + len(item)
            pos = end + 1
            if any(covered[start:end]) or not _UNIT.match(item):
                continue
            place = Mention(start, end, item, "Place", [city.code], via="unit of the city")
            place.type, place.name, place.entity_id = "Region", item, f"region:{city.code}:{item}"
            found.append(place)
    return found


# 帮助阿吉村养蜂、落太邑村养牛、阿绞村种蔬菜: items of one list, each a village and what it does
_NEXT_VILLAGE = re.compile(
    rf"(?:[{CJK}]{{1,3}})?、((?![各每全该本其贫困脱])(?:(?![村及和与、])[{CJK}]){{2,4}}?村)(?![村镇级民委])"
)


def listed_villages(text: str, places: list[Mention], taken: list[Mention]) -> list[Mention]:
    """Villages listed after a village the text places (阿吉村 under 砚山县) are in its county: a list
    of parallel items (village + what it does, or villages alone) names its villages by name only."""
    covered: bytearray | None = None  # made for the first village that has a list after it
    found: list[Mention] = []
    for place in places:
        if not place.name.endswith("村") or not place.candidates:
            continue
        if covered is None:
            covered = covered_by(text, (m for m in (*taken, *places) if m.entity_id))
        pos = place.end
        while (match := _NEXT_VILLAGE.match(text, pos)) is not None:
            start, end = match.span(1)
            name = match.group(1)
            if any(covered[start:end]) or any(g in name for g in PLACE_GENERIC):
                break
            county = place.candidates[0]
            village = Mention(start, end, name, "Place", [county], via="listed village")
            village.type, village.name, village.entity_id = "Region", name, f"region:{county}:{name}"
            found.append(village)
            cover(covered, start, end)
            pos = end
    return found


_GLOSS_OPEN = ("(", "（")
_GLOSS_CLOSE = re.compile(r"[)）]")
_ADMIN_SUFFIX = ("省", "市", "县", "区", "州", "旗", "盟")


def mark_glosses(text: str, mentions: list[Mention]) -> None:
    """百色市(左右江革命老区), 汕尾市(海陆丰革命老区): a note in brackets right after a place names an
    area whose name holds short place names (右江, 陆丰); they are part of the note, not actors. A
    full name inside (喀什地区（疏附县、伽师县）) is a place of its own and stays one."""
    ordered = sorted(mentions, key=lambda x: x.start)
    starts = [x.start for x in ordered]
    for m in mentions:
        if m.type != "Region" or not m.code or m.container is not None:
            continue
        if text[m.end : m.end + 1] not in _GLOSS_OPEN:
            continue
        close = _GLOSS_CLOSE.search(text, m.end + 1, m.end + 32)
        if close is None:
            continue
        for inner in ordered[bisect.bisect_right(starts, m.end) : bisect.bisect_left(starts, close.start())]:
            if (
                inner.end <= close.start()
                and inner.container is None
                and not inner.surface.endswith(_ADMIN_SUFFIX)
            ):
                inner.container = m
