"""Organisation names no lexicon holds, found by how Chinese names of bodies are built.

A registered name is 行政区划 + 字号 + 行业 + 组织形式 (企业名称登记管理规定): 广州市东鹏食品饮料有限公司,
长电科技(宿迁)有限公司. A unit adds its own name and form to its parent's: 中国石化安徽石油分公司,
中国工商银行金华分行, 北京大学国家发展研究院, X集团Y设计院有限公司. The same build names banks (泸州银行,
龙湾农商银行), chambers (临海市总商会), hospitals, newspapers (迪庆日报社), power-supply companies and
development zones (济南高新区, 中山火炬高技术产业开发区: Organization, since a zone has no administrative code;
its city stays in the name when the text writes it there).

Every name ends at a form word (data/lexicons/pattern_words.csv, roles ``org_suffix`` and ``zone_suffix``);
its left edge is found from that end:

1. the run of name characters before the form word, cut after the last left stop (verbs and function
   words: 感谢, 联系上, 安排, 据, 这, 的 …) or count (6家, 多个) that is not inside a known name;
2. a known name inside the run (a place, an organisation, an agency, a platform) starts the name unless it
   is the place between a 字号 and its form (中复神鹰碳纤维西宁有限公司) or a bracketed place
   (长电科技(宿迁)有限公司): what stands before a known parent or place is the sentence, not the name
   (…主动联系上中国石化安徽石油分公司 → 中国石化安徽石油分公司);
3. descriptions are refused: a name that starts with a generic word (爱心企业, 省级电力公司, 村民合作社), holds
   one of the ``generic`` words, has neither place nor 字号 (纺织科技有限公司: trade words only), or is a place
   and a bare form (金华公司: "the company in 金华"; 上海航空公司 with its trade is a name);
4. a bank branch written with the bank's short name reads the bank's canonical name (工行金华分行 →
   中国工商银行金华分行, its surface kept as written), and a branch of an agency is an agency
   (中国人民银行金华市中心支行).

Spans never cross a known name: the automaton's matches in the window decide what is inside.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick_rs

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lexicon import LexEntry
from loaders.extract.mentions import REGION, Mention, get_matcher
from loaders.extract.pattern_words import pattern_words

CJK = r"\u3400-\u9fff"
_BACK = 26  # characters scanned left of a form word: the longest unit names (中国电力工程顾问集团…) fit
_NAME_CHAR = re.compile(rf"[{CJK}A-Za-z0-9（）()·]")
_CLAUSE_BREAK = re.compile(r"[，。；、,;：:！？!?\s]")
_COUNT = re.compile(r"[0-9一二三四五六七八九十百千万几多数两]+(?:家|个|所|名|位|批|类|级|户|支|座|间|种|大)")
_BANK_KINDS = ("bank", "policy_bank")
_KNOWN_KINDS = (REGION, "Organization", "Agency", "Platform")
# a branch: the unit is named after its parent (分行/支行 of a bank, 分公司 of a company)
_BRANCH_FORMS = ("分公司", "子公司", "分行", "支行", "中心支行", "营业部", "分院")
# a place and one of these alone is a description ("the company in 金华"), not a name
_BARE_FORMS = (
    *("公司", "集团", "有限公司", "有限责任公司", "股份有限公司", "分公司", "合作社", "协会"),
    *("产业园区", "工业园区"),
)


@dataclass(frozen=True)
class OrgName:
    start: int
    end: int
    name: str  # canonical form: the bank's own name for a short form (工行 → 中国工商银行)
    type: str  # Organization | Agency
    surface: str


@dataclass(frozen=True)
class _Words:
    forms: ahocorasick_rs.AhoCorasick  # every form word and every posted word, found leftmost-longest
    form_words: list[str]  # the automaton's patterns, by index
    not_suffix: tuple[str, ...]  # a form word that goes on into a common word (大学生, 银行业)
    departments: frozenset[str]
    posted: frozenset[str]  # 第一书记, 工作队 …: the unit that posts them is named before
    posting: re.Pattern[str]  # 派驻, 选派 …: the verb between the unit and whom it posts
    agency_form: re.Pattern[str]  # 局, 委, 办 … at the end of a local body's name
    stops: re.Pattern[str]
    parent_short: tuple[str, ...]  # 国网, 中铁 …: a parent's short form that opens its unit's name
    generic: tuple[str, ...]
    generic_start: tuple[str, ...]
    industry: re.Pattern[str]


@functools.cache
def _words() -> _Words:
    words = pattern_words()
    form_words = sorted(
        {*words["org_suffix"], *words["zone_suffix"], *words["party_department"], *words["posted"]}
    )
    forms = ahocorasick_rs.AhoCorasick(form_words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    stops = sorted(words["left_stop"], key=len, reverse=True)
    industry = sorted(words["industry"], key=len, reverse=True)
    return _Words(
        forms=forms,
        form_words=form_words,
        not_suffix=tuple(words["not_suffix"]),
        departments=frozenset(words["party_department"]),
        posted=frozenset(words["posted"]),
        posting=re.compile("|".join(map(re.escape, words["posting"]))),
        agency_form=re.compile(rf"(?:{'|'.join(map(re.escape, words['agency_form']))})$"),
        stops=re.compile("|".join(map(re.escape, stops))),
        parent_short=words["parent_short"],
        generic=words["generic"],
        generic_start=tuple(sorted(words["generic_start"], key=len, reverse=True)),
        industry=re.compile(rf"(?:{'|'.join(map(re.escape, industry))})+"),
    )


def find_org_names(text: str) -> list[OrgName]:
    """Organisation names by their shape, longest first where two overlap (a parent and its unit).

    The form words are rare in a text; an automaton finds them in one pass (Rust), and only the few
    characters before each are looked at.
    """
    words = _words()
    found: list[OrgName] = []
    for idx, a0, a1 in words.forms.find_matches_as_indexes(text):
        form = words.form_words[idx]
        if form in words.posted:
            name = _posting_unit(text, a0, words)
        elif text.startswith(words.not_suffix, a0):
            continue
        else:
            name = _name_ending_at(text, a0, a1, words)
        if name is not None:
            found.append(name)
    return _outermost(found)


def _outermost(names: list[OrgName]) -> list[OrgName]:
    """X集团 inside X集团Y设计院有限公司: the unit's whole name wins over the parent it begins with."""
    names.sort(key=lambda n: (n.start, -n.end))
    out: list[OrgName] = []
    for n in names:
        while out and n.start <= out[-1].start and out[-1].end <= n.end:
            out.pop()
        if out and n.start < out[-1].end:
            if out[-1].start <= n.start and n.end <= out[-1].end:
                continue  # inside a longer one already kept
            if n.end - n.start > out[-1].end - out[-1].start:
                out[-1] = n  # two crossing candidates: the longer is the name
            continue
        out.append(n)
    return out


def _known(text: str, lo: int, hi: int) -> list[Mention]:
    """Known names (places, organisations, agencies, platforms) wholly inside text[lo:hi]."""
    out = []
    for m in get_matcher().find(text[lo:hi]):
        if m.kind in _KNOWN_KINDS:
            m.start, m.end = m.start + lo, m.end + lo
            out.append(m)
    return out


def _name_ending_at(text: str, a0: int, a1: int, words: _Words) -> OrgName | None:
    form = text[a0:a1]
    if form in words.departments:
        return _department_ending_at(text, a0, a1)
    s0 = a0
    floor = max(0, a0 - _BACK)
    while s0 > floor and _NAME_CHAR.match(text[s0 - 1]):
        s0 -= 1
    if s0 == a0:
        return None
    known = _known(text, s0, a1)
    if any(k.start < a0 < k.end or (k.start <= a0 and k.end == a1) for k in known):
        return None  # the form word belongs to a known name (中国工商银行, 北京大学): the lexicon has it
    inside = [k for k in known if k.end <= a0]
    start = _after_stops(text, s0, a0, inside, words)
    start = _after_open_bracket(text, start, a0)
    inside = [k for k in inside if k.start >= start]
    if inside and inside[0].start > start:
        first = inside[0]
        prefix = text[start : first.start]
        place_inside = first.kind == REGION and (first.end == a0 or text[first.start - 1] in "(（")
        zihao = place_inside and len(prefix) >= 2 and _is_zihao(prefix, words)
        parent = next((p for p in words.parent_short if prefix.endswith(p)), "")
        if not zihao:
            # 国网浏阳市供电公司: a parent's short form before the place opens the name
            start = first.start - (len(parent) if first.kind == REGION else 0)
    surface = text[start:a1]
    body = text[start:a0]
    if not _acceptable(
        surface, body, form, inside, words, starts_known=bool(inside) and inside[0].start == start
    ):
        return None
    name, type_ = _canonical(surface, start, inside, form)
    return OrgName(start, a1, name, type_, surface)


_PARTY = re.compile(r"(?:中共|中国共产党)?$")


def _department_ending_at(text: str, a0: int, a1: int) -> OrgName | None:
    """武清区委统战部, 天津市武清区委统战部, 磐安县纪委: a place, its party committee (委), the department.

    Only with the place written: 县委组织部 alone names the document's own county, which this
    finder cannot know.
    """
    committee = a0 - 1 if text[a0 - 1 : a0] == "委" else a0
    known = [k for k in _known(text, max(0, committee - 16), committee) if k.kind == REGION]
    chain: list[Mention] = []
    end = committee
    for k in reversed(known):
        if k.end == end:
            chain.insert(0, k)
            end = k.start
    if not chain:
        return None
    start = chain[0].start
    party = _PARTY.search(text, max(0, start - 4), start)
    surface_start = party.start() if party and party.group() else start
    name = _with_municipality(_drop_province(text[start:a1], chain), chain[0])
    return OrgName(surface_start, a1, name, "Agency", text[surface_start:a1])


def _with_municipality(name: str, place: Mention) -> str:
    """武清区委统战部 → 天津市武清区委统战部: a district's body is named with its municipality, as the
    texts write it in full (a district's name alone recurs across cities: 南山区, 城关区)."""
    gaz = get_gazetteer()
    regions = [gaz.by_code[c] for c in place.candidates if c in gaz.by_code]
    if len(regions) != 1 or regions[0].level != "county" or not regions[0].parent:
        return name
    parent = gaz.by_code[regions[0].parent]
    if parent.level == "province" and parent.name.endswith("市") and not name.startswith(parent.name):
        return parent.name + name
    return name


def _after_stops(text: str, s0: int, a0: int, inside: list[Mention], words: _Words) -> int:
    """The position after the last stop word or count in text[s0:a0] that no known name holds."""
    start = s0
    for pattern in (words.stops, _COUNT):
        for m in pattern.finditer(text, s0, a0):
            if m.end() > start and not any(_holds(k, m) for k in inside):
                start = m.end()
    return start


def _holds(known: Mention, stop: re.Match[str]) -> bool:
    """A known name holds a stop word (和 in 和田地区) unless it is that very word as a short place
    alias (新建 the verb, not 新建区: 中国移动新建农业产业园区)."""
    if not known.start <= stop.start() < known.end:
        return False
    return not (known.kind == REGION and known.surface == stop.group() and len(known.surface) == 2)


def _after_open_bracket(text: str, start: int, a0: int) -> int:
    """共有…企业(商会: a bracket opened and not closed before the form word starts the name after it."""
    span = text[start:a0]
    opened = max(span.rfind("("), span.rfind("（"))
    closed = max(span.rfind(")"), span.rfind("）"))
    return start + opened + 1 if opened > closed else start


def _is_zihao(prefix: str, words: _Words) -> bool:
    """A 字号: not only trade words, no generic word at its start."""
    return not words.industry.fullmatch(prefix) and not prefix.startswith(words.generic_start)


def _acceptable(
    surface: str, body: str, form: str, inside: list[Mention], words: _Words, starts_known: bool
) -> bool:
    if len(surface) < 4 or not body or not re.match(rf"[{CJK}A-Za-z]", surface):
        return False
    if surface.count("(") + surface.count("（") != surface.count(")") + surface.count("）"):
        return False
    if not starts_known and body.startswith(words.generic_start):
        return False
    own = body  # the 字号 and trade words the text adds to the known names in it
    for k in inside:
        own = own.replace(k.surface, "", 1)
    if any(g in own for g in words.generic):
        return False  # a generic word of the text's own (行业协会, 帮扶专业合作社), not of a known name
    if not inside:
        return len(own) >= 2 and not words.industry.fullmatch(own)
    if all(k.kind == REGION for k in inside) and form in _BARE_FORMS:
        return bool(own)  # 金华公司: "the company in 金华" (上海航空公司, with its trade, is a name)
    return True


def _posting_unit(text: str, posted: int, words: _Words) -> OrgName | None:
    """龙山县人社局派驻…村第一书记, 龙山县人社局驻村工作队: the local body that posts them.

    The unit must open with its place and end with a body's form word (局, 委, 办 …); 有关单位派驻 or
    县委组织部选派 (no place) name no unit this finder can know.
    """
    clause = _CLAUSE_BREAK.split(text[max(0, posted - 24) : posted])[-1]
    base = posted - len(clause)
    verb = words.posting.search(clause)
    if verb is None:
        return None
    end = base + verb.start()
    if not words.agency_form.search(text[base:end]):
        return None
    regions = [k for k in _known(text, base, end) if k.kind == REGION]
    if not regions:
        return None
    chain_end = regions[0].end
    for k in regions[1:]:
        if k.start == chain_end:
            chain_end = k.end
    own = text[chain_end:end]
    if len(own) < 2 or own.startswith(words.generic_start):
        return None
    start = regions[0].start  # what stands before the unit's place is the sentence
    return OrgName(start, end, _drop_province(text[start:end], regions), "Agency", text[start:end])


def _drop_province(name: str, regions: list[Mention]) -> str:
    """浙江省舟山市工商联 → 舟山市工商联: a prefecture-level city is named without its province (as a
    Region is); a municipality keeps its districts (天津市武清区…), a city its counties."""
    if len(regions) < 2 or regions[1].start != regions[0].end:
        return name
    gaz = get_gazetteer()
    first = [gaz.by_code[c] for c in regions[0].candidates if c in gaz.by_code]
    second = [gaz.by_code[c] for c in regions[1].candidates if c in gaz.by_code]
    if (
        len(first) == 1
        and first[0].level == "province"
        and not first[0].name.endswith("市")
        and second
        and all(r.level == "prefecture" and r.province == first[0].code for r in second)
    ):  # 新疆日照港…有限公司 keeps its 新疆: 日照 is no city of 新疆, so it is part of the 字号
        return name[len(regions[0].surface) :]
    return name


def _canonical(surface: str, start: int, inside: list[Mention], form: str) -> tuple[str, str]:
    """工行金华分行 → 中国工商银行金华分行; a branch of an agency (中国人民银行…支行) is an agency."""
    if inside and inside[0].start == start and inside[0].kind == REGION:
        return _drop_province(surface, inside), "Organization"
    if not inside or inside[0].start != start or inside[0].kind not in ("Organization", "Agency"):
        return surface, "Organization"
    parent: LexEntry = inside[0].candidates[0]
    if form not in _BRANCH_FORMS and not surface.endswith(_BRANCH_FORMS):
        return surface, "Organization"
    name = surface
    if parent.type == "Agency" or parent.kind in _BANK_KINDS:
        name = parent.name + surface[len(inside[0].surface) :]
    return name, ("Agency" if parent.type == "Agency" else "Organization")
