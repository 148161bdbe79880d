"""extract_document: one normalized Document → its facts, each with evidence in the original text.

Stages (one module each): sentences → mentions (automaton + patterns) → resolution with the
document's context → relations per sentence (assists, links) → facts with evidence spans.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bangfu.knowledge.cues import get_cues
from bangfu.knowledge.gazetteer import Gazetteer, get_gazetteer
from bangfu.knowledge.lexicon import get_lexicon
from bangfu.knowledge.ontology import ENTITY_TYPES
from loaders.document import Document
from loaders.extract.abbreviated import abbreviated
from loaders.extract.dominant import dominant
from loaders.extract.facts import Entity, Evidence, Extraction, Group, Relation
from loaders.extract.families import abbreviations, all_facts, family_gates
from loaders.extract.links import SELLERS, brand_of, operates, organizes, partners, promotes
from loaders.extract.mentions import PAIR_ABBR, REGION, Mention, find_province_abbreviations, get_matcher
from loaders.extract.patterns import LEFT_STOPS, PLACE_AFTER_COUNTY, PLACE_GENERIC, find_pattern_names
from loaders.extract.places import (
    cover,
    covered_by,
    listed_villages,
    mark_glosses,
    no_town,
    places_alone,
    units_of_city,
)
from loaders.extract.resolve import (
    DocContext,
    home_context,
    own_county,
    resolve_lexicon,
    resolve_regions,
    resolve_self_references,
)
from loaders.extract.roles import get_roles
from loaders.extract.sentences import Sentence, split_sentences
from loaders.extract.subsidiaries import subsidiaries
from loaders.extract.view import DocumentView, SentenceView

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
    """菖蒲塘村 becomes a place below its county only where the text writes the county right before it
    (a city with no counties, 东莞市虎门镇, holds its towns itself); a list that goes on (万源市草坝镇
    寨坝村、大竹镇营盘村) keeps the county for the items after the first, and a county's short name
    opening such an item (大竹 of 大竹镇) is no mention of that county."""
    by_code = get_gazetteer().by_code
    places: list[Mention] = []
    regions: list[Mention] | None = None  # sorted by start when a name needs them
    region_starts: list[int] = []
    shadowed: dict[int, Mention] = {}
    place_end = _PLACE_END.search
    for m in mentions:
        if m.type != "Region" or not m.code or m.container is not None or id(m) in shadowed:
            continue
        if by_code[m.code].level not in ("county", "prefecture"):
            continue
        pos = m.end
        while True:
            # 巴东县的溪丘湾乡, 弥渡县南端的牛街乡: 的 (after a side of the county) may join the county
            # to its town; the place's span starts at the county's end, so that the two stay one chain
            # as 巴东县溪丘湾乡 does, and its name is the town's own
            lead = _DE_LEAD.match(text, pos) if pos == m.end and text.find("的", pos, pos + 3) >= 0 else None
            skip = lead.end() - pos if lead else 0
            # a name ends in 乡, 镇, 街道, 村, 社区, 安置区 or 移民新村 within the 16 characters read: no
            # such last character there, no name (the pattern is not tried)
            if place_end(text, pos + skip + 1, pos + skip + 16) is None:
                break
            found = PLACE_AFTER_COUNTY.match(text[pos + skip : pos + skip + 16])
            if not found or not found.group(1) or any(g in found.group(1) for g in PLACE_GENERIC):
                break
            name = found.group(1)
            if any(w in name for w in LEFT_STOPS if len(w) > 1):
                break  # 杭州市帮助石头寨村: a verb stands in it, so this is no name
            if skip and _no_place_after_de(name):
                break  # 巴东县的乡镇干部, 巴东县的特色小镇: no town's name after 的
            # the regions starting inside the name (by bisect: not a walk over the rest of the document)
            if regions is None:
                regions = sorted((x for x in mentions if x.kind == REGION), key=lambda x: x.start)
                region_starts = [x.start for x in regions]
            i = bisect.bisect_left(region_starts, pos)
            inside = regions[i : bisect.bisect_left(region_starts, pos + skip + len(name), i)]
            # a place name resolution left unresolved (长兴 in 长兴堡镇) does not stand in the way
            blocking = [r for r in inside if r.entity_id]
            if blocking and not (pos != m.end and _town_name_at(text, pos, blocking[0].start)):
                break  # 岳麓区与龙山县里耶镇: another place starts inside, so this is no name
            # via "chain": 隆回县虎形山瑶族乡 is the township's address, as 湘西州龙山县 is the county's
            place = Mention(pos, pos + skip + len(name), name, "Place", [m.code], via="chain")
            place.type, place.name, place.entity_id = "Region", name, f"region:{m.code}:{name}"
            places.append(place)
            shadowed.update((id(r), place) for r in inside)
            if text[place.end : place.end + 1] not in ("、", "和", "及"):
                break
            pos = place.end + 1
    for r in regions or ():
        if id(r) in shadowed:
            r.container = shadowed[id(r)]  # written inside a place's name: not an actor of its own
    return places


_PLACE_END = re.compile("[乡镇道村区]")  # the last character of every name PLACE_AFTER_COUNTY finds
_DE_LEAD = re.compile("(?:[东南西北中][部端边面]?)?的")  # 的, 南端的, 北部的 between a county and its town
_TOWN_PART = re.compile(".*?(?:乡|镇|街道)")


def _no_place_after_de(name: str) -> bool:
    """After 的 a common word is likelier than a name: the town must pass as one (no 乡镇, 小镇),
    a village alone must have a name of three characters at least."""
    town = _TOWN_PART.match(name)
    return no_town(town.group()) if town else len(name) < 3


def _town_name_at(text: str, pos: int, region_start: int) -> bool:
    """大竹镇营盘村 listed after 草坝镇寨坝村: a county's short name (大竹) opening a town's name."""
    return (
        region_start == pos and re.match(r"[\u4e00-\u9fff]{2,4}?(?:镇|乡)", text[pos : pos + 6]) is not None
    )


def _places_named_again(text: str, mentions: list[Mention], places: list[Mention]) -> list[Mention]:
    """A village the document names under its county once (砚山县阿吉村) is the same village when
    named alone later (帮助阿吉村养蜂): found by its name, kept under that county."""
    taken: bytearray | None = None  # made when a name is found where no place of its own stands
    own = {(p.start, p.end) for p in places if p.end > p.start}
    again: list[Mention] = []
    for place in places:
        if len(place.name) < 3:
            continue
        pos = text.find(place.name)
        while pos >= 0:
            end = pos + len(place.name)
            if (pos, end) in own:
                pos = text.find(place.name, end)
                continue  # a place's own span: taken
            if taken is None:
                taken = covered_by(text, (*mentions, *places))
            if not any(taken[pos:end]):
                m = Mention(pos, end, place.name, "Place", list(place.candidates), via="named again")
                m.type, m.name, m.entity_id = "Region", place.name, place.entity_id
                again.append(m)
                cover(taken, pos, end)
            pos = text.find(place.name, end)
    return again


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
                # 小榄镇, and 石岐区 of 中山 (a city with no counties holds its towns and districts)
                town = m.name.endswith(("乡", "镇", "街道")) or (
                    m.name.endswith("区") and not m.name.endswith(("社区", "安置区"))
                )
                level = "township" if town else "village"
                parent = f"region:{m.candidates[0]}"
            ent = out[m.entity_id] = Entity(m.entity_id, m.type, m.name, m.code, [], level, parent)
        surface = m.surface.strip('“”"「」')
        if surface and surface not in ent.aliases:
            ent.aliases.append(surface)
    for ent in list(out.values()):
        parent = ent.parent if ent.type == "Region" else None
        while parent and parent not in out:
            region = gaz.by_code.get(parent.removeprefix("region:"))
            if region is None:
                break
            up = f"region:{region.parent}" if region.parent else None
            out[parent] = Entity(
                parent, "Region", region.name, region.code, [], region.level, up, mentioned=False
            )
            parent = up
    return list(out.values())


@dataclass
class State:
    """What the stages hand on: each stage reads what earlier ones left and adds its own part."""

    doc: Document
    gaz: Gazetteer = field(default_factory=get_gazetteer)
    sentences: list[Sentence] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    ctx: DocContext | None = None
    ext: Extraction | None = None
    extra_entities: list[Mention] = field(default_factory=list)
    seen_relations: set[tuple] = field(default_factory=set)
    resolved: list[Mention] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.doc.text

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def by_sentence(self, items: list[Mention]) -> dict[int, list[Mention]]:
        """Each item (in order) under the index of the sentence it starts in; one outside every
        sentence (in a line's markup between two) under none."""
        out: dict[int, list[Mention]] = {}
        sentences, starts = self.sentences, self.starts
        for m in items:
            i = bisect.bisect_right(starts, m.start) - 1
            if i >= 0 and m.start < sentences[i].end:
                out.setdefault(i, []).append(m)
        return out

    def add_relation(self, rtype: str, source: str, target: str, s: Sentence, **kw) -> None:
        key = (rtype, source, target, kw.get("mechanism"), s.start)
        if key in self.seen_relations or source == target:
            return
        self.seen_relations.add(key)
        self.ext.relations.append(Relation(rtype, source, target, _evidence(self.doc, s), **kw))


def sentences_stage(st: State) -> None:
    """Sentences with the headings above them, each with its span."""
    st.sentences = split_sentences(st.text)
    st.starts = [s.start for s in st.sentences]


def mentions_stage(st: State) -> None:
    """Every name: one automaton pass, one-character province abbreviations, pattern names, places
    inside brand and campaign names."""
    found = get_matcher().find(st.text)
    taken = {i for m in found for i in range(m.start, m.end)}
    found += [m for m in find_province_abbreviations(st.text) if m.start not in taken]
    found.sort(key=lambda m: (m.start, -m.end))
    st.mentions = _add_inner_regions(_merge_patterns(st.text, _absorb_old_suffix(st.text, found)))


_SUFFIXES = "县市区旗"
# a place written right before one of these names an institution no lexicon has (广西院, 陕西厂): it
# does not act as the place itself
_INSTITUTION_AFTER = re.compile(r"院|厂|所(?!属)|公司|集团|银行|大学|学院|医院|中学|小学|分行|支行")


def _names_an_institution(text: str, m: Mention) -> bool:
    return m.type == "Region" and _INSTITUTION_AFTER.match(text, m.end) is not None


def _absorb_old_suffix(text: str, mentions: list[Mention]) -> list[Mention]:
    """平泉县 (a county made a city in 2017, now 平泉市): the short name 平泉 matches and the old
    suffix is left over, breaking lists (承德县、平泉县、隆化县). A region's short name followed by an
    administrative suffix takes the suffix in when nothing else starts there."""
    starts = {m.start for m in mentions}
    for m in mentions:
        if m.kind != REGION or m.end >= len(text) or m.end in starts or len(m.surface) < 2:
            continue
        if m.surface[-1] in _SUFFIXES + "州":
            continue
        # 果洛地区 (the prefecture written as the 地区 it once was), 平泉县 (the county now a city)
        suffix = "地区" if text.startswith("地区", m.end) else text[m.end] if text[m.end] in _SUFFIXES else ""
        if suffix:
            m.end += len(suffix)
            m.surface = text[m.start : m.end]
    return mentions


def resolve_stage(st: State) -> None:
    """Each mention to one entity, with the document's own region as context; places below counties."""
    doc, gaz = st.doc, st.gaz
    matcher = get_matcher()
    title_mentions = matcher.find(doc.title or "", kinds=(REGION,))
    source_mentions = matcher.find(doc.source or "", kinds=(REGION,))
    if doc.source and not source_mentions:
        # 来源：闽西日报: a paper named after a region name the gazetteer has not (龙岩's old name)
        source_mentions = [
            Mention(0, len(doc.source), doc.source, REGION, [code], via="publisher")
            for code in gaz.publisher_regions(doc.source)
        ]
    st.ctx = home_context(
        gaz, st.mentions, title_mentions + source_mentions, doc.doc_number, 300, source_mentions
    )
    resolve_regions(gaz, [m for m in st.mentions if m.kind == REGION], st.ctx, st.starts)
    own_county(gaz, st.mentions, st.ctx)
    resolve_self_references(st.mentions, st.ctx)
    resolve_lexicon(get_lexicon(), gaz, st.mentions, st.ctx)
    below = _places_below_counties(st.text, st.mentions)
    resolved = [m for m in st.mentions if m.entity_id]
    below += places_alone(st.text, resolved + below, st.ctx.county.code if st.ctx.county else None)
    below += units_of_city(st.text, st.mentions + below)
    below += _places_named_again(st.text, st.mentions, below)
    below += listed_villages(st.text, below, st.mentions)
    below += subsidiaries(st.text, st.mentions)
    st.mentions = sorted(st.mentions + below, key=lambda m: (m.start, -m.end))
    mark_glosses(st.text, st.mentions)
    _qualify_pattern_orgs(st.mentions, st.ctx)
    short = abbreviated(st.text, st.mentions)  # 国发院 after 北京大学国家发展研究院
    if short:
        st.mentions = sorted(st.mentions + short, key=lambda m: (m.start, -m.end))


def relations_stage(st: State) -> None:
    """The relation families, sentence by sentence: ASSISTS (families/), pairing abbreviations, links."""
    doc, gaz, cues, roles = st.doc, st.gaz, get_cues(), get_roles()
    st.ext = Extraction(
        doc={
            "id": doc.id,
            "path": doc.path,
            "title": doc.title,
            "date": doc.date,
            "doc_number": doc.doc_number,
        }
    )
    resolved = [m for m in st.mentions if m.entity_id]
    actors = [
        m
        for m in resolved
        if m.container is None
        and m.via != "inner"
        and m.type in ENTITY_TYPES
        and not _names_an_institution(st.text, m)
    ]
    inner = [m for m in resolved if m.container is not None and m.type == "Region"]
    brands = [m for m in resolved if m.type == "Brand"]
    campaigns = [m for m in resolved if m.type == "Campaign"]
    pair_mentions = [m for m in st.mentions if m.kind == PAIR_ABBR]

    def inner_of(container: Mention) -> list[Mention]:
        return [m for m in inner if m.container is container]

    frame = _frame_helper(st.text, actors)
    title = st.sentences[0] if st.sentences and st.sentences[0].is_heading else None
    document = DocumentView(actors, (title.start, title.end) if title else None)
    pairing_of = gaz.pairing_abbreviations().get
    # each sentence's own actors, inner places, pairing abbreviations, brands and campaigns, sorted
    # into their sentences once; only sentences with an actor or an abbreviation are looked at
    actors_in, inner_in, pairs_in = (
        st.by_sentence(actors),
        st.by_sentence(inner),
        st.by_sentence(pair_mentions),
    )
    brands_in, campaigns_in = st.by_sentence(brands), st.by_sentence(campaigns)
    # the words the families need, found in one pass over these sentences, as bits per sentence
    viewed = sorted(actors_in.keys() | pairs_in.keys())
    words_in = family_gates(cues).sentence_words(st.text, st.sentences, viewed)
    for i in viewed:
        s = st.sentences[i]
        s_actors, s_pairs = actors_in.get(i, []), pairs_in.get(i, [])
        view = SentenceView(s, st.text, s_actors, inner_in.get(i, []), cues, frame, document)
        _assists(st, view, s, roles, words_in[i])
        if s_pairs:
            _abbreviations(st, view, s, s_pairs, pairing_of)
        # each link needs an actor of its kind in the sentence (a platform, a seller, a brand, a
        # campaign): the others are not asked
        kinds = {a.type for a in s_actors}
        s_brands, s_campaigns = brands_in.get(i, []), campaigns_in.get(i, [])
        links = [
            *(operates(view) if "Platform" in kinds else ()),
            *(partners(view) if not kinds.isdisjoint(SELLERS) else ()),
            *(promotes(view) if not kinds.isdisjoint(SELLERS) else ()),
            *(brand_of(view, s_brands, inner_of) if s_brands else ()),
            *(organizes(view, s_campaigns) if s_campaigns else ()),
        ]
        for link in links:
            st.add_relation(
                link.type, link.source.entity_id, link.target.entity_id, s, confidence=link.confidence
            )
    st.resolved = resolved


# 广东援疆, 山东援藏干部, 浙江对口支援: a place written right before its own programme
_PROGRAMME_AFTER = re.compile(r"(?:对口)?(?:援疆|援藏|援青|支援|援建|帮扶|协作)")


def _frame_helper(text: str, actors: list[Mention]) -> Mention | None:
    """The document's own helper: the place written before a programme word (广东援疆, 山东援藏) at
    least three times and twice as often as any other. A report on one helper's work names it once
    and then writes its statements without a subject (从1998年起对口支援哈密)."""
    counts: dict[str, list[Mention]] = {}
    for m in actors:
        if m.type == "Region" and m.code and _PROGRAMME_AFTER.match(text, m.end):
            counts.setdefault(m.entity_id, []).append(m)
    place = dominant(((len(ms), ms[0]) for ms in counts.values()), 3)
    return place if place is not None else _frame_organisation(text, actors)


_HELPING_KINDS = ("Organization", "Agency")


def _frame_organisation(text: str, actors: list[Mention]) -> Mention | None:
    """A company's or a bank's report on its own 帮扶 work: the organisation its opening names (in
    the first 200 characters, 帮扶 words in the first 400), named at least three times and twice as
    often as any other organisation."""
    counts: dict[str, list[Mention]] = {}
    for m in actors:
        if m.type in _HELPING_KINDS:
            counts.setdefault(m.entity_id, []).append(m)
    org = dominant(((len(ms), ms[0]) for ms in counts.values()), 3)
    if org is None or org.start > 200 or not _HELP_WORK.search(text, 0, 400):
        return None
    return org


_HELP_WORK = re.compile(r"帮扶|扶贫|结对|援建|对口|乡村振兴")


def _assists(st: State, view: SentenceView, s: Sentence, roles, words_found: int) -> None:
    for fact in all_facts(view, roles, words_found):
        if fact.helped is None:
            st.ext.groups.append(
                Group(fact.helper.entity_id, fact.group, _evidence(st.doc, s), fact.mechanism)
            )
            continue
        st.add_relation(
            "ASSISTS",
            fact.helper.entity_id,
            fact.helped.entity_id,
            s,
            mechanism=fact.mechanism,
            inferred=fact.inferred,
            status=fact.status,
            confidence=fact.confidence,
        )


def _abbreviations(st: State, view: SentenceView, s: Sentence, pair_mentions, pairing_of) -> None:
    for m, helper, helped, mech in abbreviations(view, pair_mentions, pairing_of):
        for code in (helper, helped):
            region = st.gaz.by_code[code]
            st.extra_entities.append(
                Mention(
                    m.start, m.end, m.surface, REGION, [code], f"region:{code}", "Region", region.name, code
                )
            )
        st.add_relation(
            "ASSISTS",
            f"region:{helper}",
            f"region:{helped}",
            s,
            mechanism=mech,
            inferred=True,
            confidence=0.7,
        )


def entities_stage(st: State) -> None:
    """The entities the facts name, and what could not be resolved (reported, not guessed)."""
    st.ext.entities = _entities(st.resolved + st.extra_entities)
    st.ext.unresolved = st.ctx.unresolved


# the pipeline, in order (as spaCy's components): each a named function of the State
STAGES: tuple[tuple[str, Callable[[State], None]], ...] = (
    ("sentences", sentences_stage),
    ("mentions", mentions_stage),
    ("resolve", resolve_stage),
    ("relations", relations_stage),
    ("entities", entities_stage),
)


def extract_document(doc: Document) -> Extraction:
    """One normalized Document → its facts, each with its evidence span in the original text."""
    st = State(doc)
    for _name, stage in STAGES:
        stage(st)
    return st.ext
