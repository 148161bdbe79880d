"""extract_document: one normalized Document → its facts, each with evidence in the original text.

Stages (one module each): sentences → mentions (automaton + patterns) → resolution with the
document's context → relations per sentence (assists, links) → facts with evidence spans.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from bangfu.knowledge.cues import get_cues
from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lexicon import get_lexicon
from bangfu.knowledge.ontology import ENTITY_TYPES
from loaders.document import Document
from loaders.extract.assists import abbreviations, all_facts
from loaders.extract.facts import Entity, Evidence, Extraction, Group, Relation
from loaders.extract.links import brand_of, operates, organizes, partners, promotes
from loaders.extract.mentions import PAIR_ABBR, REGION, Mention, find_province_abbreviations, get_matcher
from loaders.extract.patterns import PLACE_AFTER_COUNTY, PLACE_GENERIC, find_pattern_names
from loaders.extract.resolve import (
    DocContext,
    home_context,
    resolve_lexicon,
    resolve_regions,
    resolve_self_references,
)
from loaders.extract.roles import get_roles
from loaders.extract.sentences import Sentence, split_sentences
from loaders.extract.view import SentenceView

_CONTAINERS = ("Brand", "Campaign", "Organization", "Platform")


def _merge_patterns(text: str, mentions: list[Mention]) -> list[Mention]:
    """Add names found by patterns; dictionary names inside them become their inner parts."""
    lex = get_lexicon()
    out = list(mentions)
    for p in find_pattern_names(text):
        inside = [m for m in out if p.start <= m.start and m.end <= p.end and m.container is None]
        crossing = [m for m in out if m.start < p.end and p.start < m.end and m not in inside]
        if crossing:
            continue
        if any(m.start == p.start and m.end == p.end for m in inside):
            continue  # the lexicon already knows it
        entries = [
            e
            for e in lex.lookup(p.name) + lex.lookup(p.name + "平台")
            if e.type == p.type or p.type == "Platform"
        ]
        known = [m for m in inside if m.candidates and entries and m.candidates[0] == entries[0]]
        if known:
            # “安化黑茶”: the lexicon found the name inside the quotes; 国家电网公司: it found the name
            # without its company suffix, which the entity's mention then spans too
            if p.type == "Organization":
                known[0].start, known[0].end, known[0].surface = p.start, p.end, p.surface
            continue
        kind = entries[0].type if entries else p.type
        mention = Mention(
            p.start, p.end, p.surface, kind, entries or [p], via="lexicon" if entries else "pattern"
        )
        for m in inside:
            m.container = mention
        out.append(mention)
    out.sort(key=lambda m: (m.start, -m.end))
    return out


def _add_inner_regions(mentions: list[Mention]) -> list[Mention]:
    """A lexicon brand such as 好客山东 hides 山东 from the automaton: find the place inside it."""
    matcher = get_matcher()
    extra: list[Mention] = []
    holders = {id(x.container) for x in mentions if x.container is not None}
    for m in mentions:
        if m.kind not in _CONTAINERS or id(m) in holders:
            continue
        name = m.surface
        for sub in matcher.find(name, kinds=(REGION,)):
            if len(sub.surface) < len(name):
                sub.start += m.start
                sub.end += m.start
                sub.container = m
                extra.append(sub)
    return sorted(mentions + extra, key=lambda m: (m.start, -m.end))


def _places_below_counties(text: str, mentions: list[Mention]) -> list[Mention]:
    """菖蒲塘村 becomes a place below its county only where the text writes the county right before it."""
    gaz = get_gazetteer()
    places: list[Mention] = []
    for m in mentions:
        if m.type != "Region" or not m.code or m.container is not None:
            continue
        if gaz.by_code[m.code].level != "county":
            continue
        found = PLACE_AFTER_COUNTY.match(text[m.end : m.end + 16])
        if not found or not found.group(1) or any(g in found.group(1) for g in PLACE_GENERIC):
            continue
        name = found.group(1)
        if any(m.end < x.start < m.end + len(name) for x in mentions if x.kind == REGION):
            continue  # 岳麓区与龙山县里耶镇: another place starts inside, so this is no name
        # via "chain": 隆回县虎形山瑶族乡 is the township's address, as 湘西州龙山县 is the county's
        place = Mention(m.end, m.end + len(name), name, "Place", [m.code], via="chain")
        place.type, place.name, place.entity_id = "Region", name, f"region:{m.code}:{name}"
        places.append(place)
    return places


def _qualify_pattern_orgs(mentions: list[Mention], ctx: DocContext) -> None:
    for m in mentions:
        if m.via != "pattern" or m.kind in ("Place",) or m.entity_id:
            continue
        name = m.candidates[0].name
        if name.startswith("省") and ctx.province is not None:
            name = ctx.province.name + name[1:]
        elif name.startswith("省"):
            ctx.unresolved.append(
                {"surface": name, "start": m.start, "reason": "province of the name is unknown"}
            )
            continue
        m.type, m.name, m.entity_id = m.kind, name, f"{m.kind.lower()}:{name}"


def _evidence(doc: Document, s: Sentence) -> Evidence:
    start, end = doc.to_original(s.start, s.end)
    return Evidence(sentence=doc.original[start:end], start=start, end=end)


def _entities(mentions: Iterable[Mention]) -> list[Entity]:
    gaz = get_gazetteer()
    out: dict[str, Entity] = {}
    for m in mentions:
        if not m.entity_id or m.type not in ENTITY_TYPES:
            continue
        ent = out.get(m.entity_id)
        if ent is None:
            level = parent = None
            if m.type == "Region" and m.code:
                region = gaz.by_code[m.code]
                level, parent = region.level, (f"region:{region.parent}" if region.parent else None)
            elif m.type == "Region":
                level = "township" if m.name.endswith(("乡", "镇", "街道")) else "village"
                parent = f"region:{m.candidates[0]}"
            ent = out[m.entity_id] = Entity(m.entity_id, m.type, m.name, m.code, [], level, parent)
        surface = m.surface.strip('“”"「」')
        if surface and surface not in ent.aliases:
            ent.aliases.append(surface)
    return list(out.values())


def extract_document(doc: Document) -> Extraction:
    text = doc.text
    gaz, lex, cues, roles = get_gazetteer(), get_lexicon(), get_cues(), get_roles()
    sentences = split_sentences(text)
    starts = [s.start for s in sentences]

    def sentence_of(pos: int) -> int:
        return max(0, bisect.bisect_right(starts, pos) - 1)

    found = get_matcher().find(text)
    taken = {i for m in found for i in range(m.start, m.end)}
    found += [m for m in find_province_abbreviations(text) if m.start not in taken]
    found.sort(key=lambda m: (m.start, -m.end))
    mentions = _merge_patterns(text, found)
    mentions = _add_inner_regions(mentions)
    title_mentions = get_matcher().find(" ".join(filter(None, (doc.title, doc.source))), kinds=(REGION,))
    ctx = home_context(gaz, mentions, title_mentions, doc.doc_number, head_end=300)
    resolve_regions(gaz, [m for m in mentions if m.kind == REGION], ctx, sentence_of)
    resolve_self_references(mentions, ctx)
    resolve_lexicon(lex, gaz, mentions, ctx)
    mentions = sorted(mentions + _places_below_counties(text, mentions), key=lambda m: (m.start, -m.end))
    _qualify_pattern_orgs(mentions, ctx)

    resolved = [m for m in mentions if m.entity_id]
    actors = [m for m in resolved if m.container is None and m.via != "inner" and m.type in ENTITY_TYPES]
    inner = [m for m in resolved if m.container is not None and m.type == "Region"]
    brands = [m for m in resolved if m.type == "Brand"]
    campaigns = [m for m in resolved if m.type == "Campaign"]
    pair_mentions = [m for m in mentions if m.kind == PAIR_ABBR]

    def inner_of(container: Mention) -> list[Mention]:
        return [m for m in inner if m.container is container]

    ext = Extraction(
        doc={
            "id": doc.id,
            "path": doc.path,
            "title": doc.title,
            "date": doc.date,
            "doc_number": doc.doc_number,
        }
    )
    extra_entities: list[Mention] = []
    seen_rel: set[tuple] = set()

    def add_relation(rtype: str, source: str, target: str, s: Sentence, **kw) -> None:
        key = (rtype, source, target, kw.get("mechanism"), s.start)
        if key in seen_rel or source == target:
            return
        seen_rel.add(key)
        ext.relations.append(Relation(rtype, source, target, _evidence(doc, s), **kw))

    actor_starts = [a.start for a in actors]
    inner_starts = [m.start for m in inner]
    pair_starts = [m.start for m in pair_mentions]

    def within(starts: list[int], items: list[Mention], s: Sentence) -> list[Mention]:
        return items[bisect.bisect_left(starts, s.start) : bisect.bisect_left(starts, s.end)]

    for s in sentences:
        s_actors = within(actor_starts, actors, s)
        if not s_actors and not within(pair_starts, pair_mentions, s):
            continue
        view = SentenceView(s, text, s_actors, within(inner_starts, inner, s), cues)
        for fact in all_facts(view, roles):
            if fact.helped is None:
                ext.groups.append(Group(fact.helper.entity_id, fact.group, _evidence(doc, s), fact.mechanism))
                continue
            add_relation(
                "ASSISTS",
                fact.helper.entity_id,
                fact.helped.entity_id,
                s,
                mechanism=fact.mechanism,
                inferred=fact.inferred,
                status=fact.status,
                confidence=fact.confidence,
            )
        for m, helper, helped, mech in abbreviations(view, pair_mentions, gaz.pairing_abbreviations().get):
            for code in (helper, helped):
                region = gaz.by_code[code]
                extra_entities.append(
                    Mention(
                        m.start,
                        m.end,
                        m.surface,
                        REGION,
                        [code],
                        f"region:{code}",
                        "Region",
                        region.name,
                        code,
                    )
                )
            add_relation(
                "ASSISTS",
                f"region:{helper}",
                f"region:{helped}",
                s,
                mechanism=mech,
                inferred=True,
                confidence=0.7,
            )
        links = [
            *operates(view),
            *partners(view),
            *promotes(view),
            *brand_of(view, brands, inner_of),
            *organizes(view, campaigns),
        ]
        for link in links:
            add_relation(
                link.type, link.source.entity_id, link.target.entity_id, s, confidence=link.confidence
            )

    ext.entities = _entities(resolved + extra_entities)
    ext.unresolved = ctx.unresolved
    return ext
