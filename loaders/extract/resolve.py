"""Resolution: each mention to one canonical entity, with the whole document as context.

Rules, in the order they apply:
1. Chains pin a child to its parent: 湘西州龙山县, 吉林汪清 (the parent must contain the child).
2. Names with one candidate resolve at once; they vote for the document's home province, together
   with the title, the issuer line and the province abbreviation of the document number (湘扶…).
3. Ambiguous names (龙山: 龙山县 in Hunan, 龙山区 in Jilin) go to the candidate inside the home
   province, else the one sharing a province with the sentence's other places; ties are reported.
4. A county written without its suffix (安化, 龙山) is a common-word risk (安宁, 和平, 长安), so it
   is accepted only when chained, inside the home province, next to its province or prefecture in
   the same sentence, or named in full elsewhere in the document; otherwise it is reported.
5. 我省/本市/该县 stand for the home region; 省教育厅/团省委 are qualified by the home province.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from bangfu.knowledge.gazetteer import Gazetteer, Region
from bangfu.knowledge.lexicon import Lexicon
from loaders.extract.dominant import dominant
from loaders.extract.mentions import AGENCY_STEM, REGION, SELF_REF, SELF_REFERENCES, Mention

_CHAIN_GAP = 0  # characters allowed between parent and child in a chain (湘西州龙山县)


@dataclass
class DocContext:
    province: Region | None = None
    prefecture: Region | None = None
    county: Region | None = None
    unresolved: list[dict] = field(default_factory=list)

    def home(self, level: str) -> Region | None:
        return {"province": self.province, "prefecture": self.prefecture, "county": self.county}.get(level)


def _is_full_name(gaz: Gazetteer, surface: str, code: str) -> bool:
    return gaz.by_code[code].name == surface


def _chain_links(gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Restrict the candidates of adjacent parent/child pairs to the consistent ones."""
    regions = [m for m in mentions if m.kind == REGION]
    for prev, cur in zip(regions, regions[1:], strict=False):
        if cur.start - prev.end > _CHAIN_GAP:
            continue
        pairs = [(p, c) for p in prev.candidates for c in cur.candidates if p != c and gaz.is_within(c, p)]
        if pairs:
            prev.candidates = sorted({p for p, _ in pairs})
            cur.candidates = sorted({c for _, c in pairs})
            cur.via = "chain"
            prev.via = prev.via if prev.via == "chain" else "chain-parent"


def _abbr_province(gaz: Gazetteer, doc_number: str | None) -> str | None:
    """湘扶领办发〔2020〕4号 → 湖南省: a document number opens with its issuer's province abbreviation."""
    if not doc_number:
        return None
    codes = gaz.province_abbreviations().get(doc_number[0], [])
    return codes[0] if len(codes) == 1 else None


_LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}


def _publisher(gaz: Gazetteer, source_mentions: list[Mention]) -> Region | None:
    """The place a source line names (中山日报, 苍南新闻网): the publisher's own region. A newspaper or a
    site is a city's or a county's before a district's of the same short name (中山 is 中山市, not
    大连's 中山区), so the highest level among the candidates wins; two places named, none."""
    found: list[Region] = []
    for m in source_mentions:
        regions = sorted((gaz.by_code[c] for c in m.candidates), key=lambda r: _LEVEL_RANK[r.level])
        top = [r for r in regions if r.level == regions[0].level]
        if len(top) == 1 and top[0] not in found:
            found.append(top[0])
    return found[0] if len(found) == 1 else None


def home_context(
    gaz: Gazetteer,
    mentions: list[Mention],
    title_mentions: list[Mention],
    doc_number: str | None,
    head_end: int,
    source_mentions: list[Mention] = (),
) -> DocContext:
    """The document's own region: where its publisher, title, issuer and most of its places point.

    Votes: each unambiguous place in the text 1, in the opening lines (issuer, source) 2, in the title
    4, the province abbreviation opening the document number (湘扶领办发…) 4. A publisher named by
    the source line decides alone, and its own prefecture or county is home before the title's: a
    report titled 我市结对帮扶昭通四县 from 中山日报 is 中山's, however often it names 昭通.
    """
    publisher = _publisher(gaz, list(source_mentions))
    by_code = gaz.by_code
    votes: Counter[str] = Counter()
    for m in mentions:
        if m.kind == REGION and len(m.candidates) == 1:
            votes[by_code[m.candidates[0]].province] += 2 if m.start < head_end else 1
    for m in title_mentions:
        if len(m.candidates) == 1:
            votes[gaz.province_of(m.candidates[0]).code] += 4
    abbr = _abbr_province(gaz, doc_number)
    if abbr:
        votes[abbr] += 4
    ctx = DocContext()
    if not votes and publisher is None:
        return ctx
    ranked = votes.most_common(2) if publisher is None else [(publisher.province, 99)]
    top, top_n = ranked[0]
    second_n = ranked[1][1] if len(ranked) > 1 else 0
    if top_n >= 3 and top_n >= 2 * second_n:
        ctx.province = gaz.by_code[top]
        if publisher is not None and publisher.province == top:
            if publisher.level == "prefecture":
                ctx.prefecture = publisher
            elif publisher.level == "county":
                ctx.county = publisher
        # a prefecture or county is home only when the publisher or the title names it
        for m in title_mentions:
            if len(m.candidates) != 1:
                continue
            r = gaz.by_code[m.candidates[0]]
            if r.level == "prefecture" and ctx.prefecture is None and r.province == top:
                ctx.prefecture = r
            if r.level == "county" and ctx.county is None and r.province == top:
                ctx.county = r
    return ctx


def resolve_regions(
    gaz: Gazetteer, mentions: list[Mention], ctx: DocContext, sentence_starts: list[int]
) -> None:
    """Resolve every Region mention in place; drop (and report) what stays ambiguous or risky.

    ``sentence_starts`` are the starts of the document's sentences, in order: a mention belongs to
    the last sentence starting at or before it (the first when none does)."""
    _chain_links(gaz, mentions)
    by_code = gaz.by_code
    home = ctx.province.code if ctx.province else None
    regions = [m for m in mentions if m.kind == REGION]
    # in one pass: each mention's sentence; the resolved codes of each sentence, counted (a sentence
    # may name thousands of places: a peer set per mention must not walk the whole sentence), kept
    # up to date as mentions get resolved below; the counties the document names in full or with
    # their parent (甘肃省静宁县, 重庆彭水), whose short name (静宁, 彭水) later in the document
    # means them; and the places it names without doubt, a namesake inside one of which is the one
    # meant (南山区 in a document about 深圳市 is 深圳's, not 鹤岗's)
    counts_of: list[dict[str, int]] = []
    by_sentence: dict[int, dict[str, int]] = {}
    named_in_full: set[str] = set()
    certain: set[str] = set()
    for m in regions:
        i = bisect_right(sentence_starts, m.start) - 1
        counts = by_sentence.get(i if i > 0 else 0)
        if counts is None:
            counts = by_sentence[i if i > 0 else 0] = {}
        counts_of.append(counts)
        if len(m.candidates) == 1:
            code = m.candidates[0]
            counts[code] = counts.get(code, 0) + 1
            certain.add(code)
            if m.via == "chain" or by_code[code].name == m.surface:
                named_in_full.add(code)
    for m, counts in zip(regions, counts_of, strict=True):
        cands = m.candidates
        own = cands[0] if len(cands) == 1 else None
        # the codes of every mention of the sentence but m, made only when a rule asks for them
        peer_codes: set[str] | None = None
        if len(cands) > 1:
            peer_codes = set(counts)
            cands = _pick(gaz, m, list(cands), home, peer_codes, certain)
        if len(cands) != 1:
            ctx.unresolved.append(
                {"surface": m.surface, "start": m.start, "reason": "ambiguous", "candidates": sorted(cands)}
            )
            continue
        code = cands[0]
        region = by_code[code]
        if code not in named_in_full and not _accepted_alone(m, region, home):
            if peer_codes is None:
                peer_codes = {c for c, n in counts.items() if c != own or n > 1}
            if not any(gaz.is_within(code, p) for p in peer_codes):
                ctx.unresolved.append(
                    {
                        "surface": m.surface,
                        "start": m.start,
                        "reason": "short name outside the document's region",
                        "candidates": [code],
                    }
                )
                continue
        if own is None:
            counts[code] = counts.get(code, 0) + 1  # now a peer of the mentions after it
        m.candidates = [code]
        m.type, m.name, m.code, m.entity_id = "Region", region.name, code, f"region:{code}"


def _pick(
    gaz: Gazetteer, m: Mention, cands: list[str], home: str | None, peers: set[str], certain: set[str]
) -> list[str]:
    def score(code: str) -> int:
        r = gaz.by_code[code]
        s = 0
        if r.parent and r.parent in certain and r.level == "county":
            s += 2
        if home and r.province == home:
            s += 3
        if any(gaz.is_within(code, p) or gaz.is_within(p, code) for p in peers):
            s += 2
        elif any(gaz.province_of(p).code == r.province for p in peers):
            s += 1
        if _is_full_name(gaz, m.surface, code):
            s += 2
        if r.level == "province":
            s += 1  # 吉林 the province before 吉林市 the city
        return s

    scored = sorted(((score(c), c) for c in cands), reverse=True)
    best = scored[0][0]
    return [c for s, c in scored if s == best]


def _accepted_alone(m: Mention, r: Region, home: str | None) -> bool:
    """A place accepted without its sentence: not a county's short name, or one chained or inside the
    home province. A county's short name otherwise needs a place of the sentence that holds it."""
    if r.level != "county" or r.name == m.surface or len(m.surface) >= 3:
        return True
    if m.via == "chain":
        return True
    return bool(home and r.province == home)


def own_county(gaz: Gazetteer, mentions: list[Mention], ctx: DocContext) -> None:
    """A county's own report names itself more than any other county: when neither the publisher nor
    the title names the home county, the county the text names most (at least twice, twice as often
    as any other, inside the home province) is home — 我县 in a page with no source line."""
    if ctx.county is not None:
        return
    by_code = gaz.by_code
    named = Counter([m.code for m in mentions if m.code and m.kind == REGION and m.container is None])
    counts = {code: n for code, n in named.items() if by_code[code].level == "county"}
    code = dominant(((n, code) for code, n in counts.items()), 2)
    if code is None:
        return
    county = gaz.by_code[code]
    if ctx.province is None or county.province == ctx.province.code:
        ctx.county = county


def resolve_self_references(mentions: list[Mention], ctx: DocContext) -> None:
    for m in mentions:
        if m.kind != SELF_REF:
            continue
        region = ctx.home(SELF_REFERENCES[m.surface])
        if region is None:
            ctx.unresolved.append(
                {"surface": m.surface, "start": m.start, "reason": "the document's own region is unknown"}
            )
            continue
        m.type, m.name, m.code, m.entity_id, m.via = (
            "Region",
            region.name,
            region.code,
            f"region:{region.code}",
            "context",
        )


def resolve_lexicon(lex: Lexicon, gaz: Gazetteer, mentions: list[Mention], ctx: DocContext) -> None:
    """Lexicon names resolve to their entry; provincial stems take the province before them or the home one."""
    by_end = {m.end: m for m in mentions if m.kind == REGION and m.code}
    for m in mentions:
        if m.kind in ("Agency", "Organization", "Platform", "Brand", "Campaign"):
            if m.via == "pattern":
                continue  # a name found by its shape: qualified by the pipeline (省… → 湖南省…)
            entries = m.candidates
            if len(entries) > 1 and ctx.province:
                local = [e for e in entries if e.scope == ctx.province.code]
                entries = local or entries
            entry = entries[0]
            m.type, m.name, m.entity_id = entry.type, entry.name, f"{entry.type.lower()}:{entry.name}"
        elif m.kind == AGENCY_STEM:
            before = by_end.get(m.start)
            province = None
            if before is not None and gaz.by_code[before.code].level == "province":
                province = gaz.by_code[before.code]
                m.start, m.surface = before.start, before.surface + m.surface
                before.via = "inner"
            elif ctx.province is not None:
                province = ctx.province
            if province is None:
                ctx.unresolved.append(
                    {
                        "surface": m.surface,
                        "start": m.start,
                        "reason": "province of the department is unknown",
                    }
                )
                continue
            entry = lex.qualify(m.surface if before is None else m.surface[len(before.surface) :], province)
            if entry is None:
                continue
            m.type, m.name, m.entity_id = entry.type, entry.name, f"{entry.type.lower()}:{entry.name}"
