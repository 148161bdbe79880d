"""Platforms selling a place's products (消费帮扶, 助农): 拼多多助农直播间为黔西南州农产品代言, 来自砀山的
梨膏走红淘宝, X县蜜柚在美团优选销量翻番, 盒马村在X镇揭牌.

The helped side is the place whose products are sold, at the level the text names: a place written
right before its goods or their sales (X县的农产品, X县蜜柚销量…), after 来自/产自, or the place a
platform's sourcing base (盒马村, 直采基地) opens in. The buyers' places (上海市民, 销往北京) and venues
(在北京上线) are not helped, and fairs, rankings and catalogues are no assistance. A sentence naming
two platforms leaves it unsaid which one sells.

A report on one platform names it in its title or in the heading above (快手平台助力农产品上行) and then
writes its places' products without it (紫皮蒜是宾川县特产): the heading's platform sells them, marked
inferred, and only for places below a province (a province's products are the report's scope).
Where the document names the platform's operator (operators.csv: 淘宝 → 阿里巴巴集团), the text credits
the operator, its own company (盒马（中国）有限公司) before the group that owns it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bangfu.knowledge.cues import Cues
from loaders.extract.dominant import dominant
from loaders.extract.families.common import AssistFact, helped_side, is_trap, status_of
from loaders.extract.families.gates import PLATFORM, Need, needs, words
from loaders.extract.links import known_operators
from loaders.extract.mentions import Mention
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_VENUE_BEFORE = ("在", "于", "赴", "到", "来")
_NO_SPAN = '，。；、,;：:“”"（）()'


_GRAMMARS: dict[int, dict[str, re.Pattern[str]]] = {}


def _grammar(cues: Cues) -> dict[str, re.Pattern[str]]:
    """The construction's patterns, built once per cue table from its words (data/lexicons/cues.csv)."""
    if id(cues) not in _GRAMMARS:
        _GRAMMARS[id(cues)] = _build(cues)
    return _GRAMMARS[id(cues)]


def _build(cues: Cues) -> dict[str, re.Pattern[str]]:

    def alt(role: str) -> str:
        return "|".join(map(re.escape, cues.words(role)))

    filler = f"[^{re.escape(_NO_SPAN)}]"
    return {
        # X县的农产品, X州60余种农产品, X县蒜苔销量, X县的蓝莓销往…: the place before its goods or their
        # sales, with no other place between
        # 昌邑的大姜，销量…: the product's clause, then its sales
        "goods_after": re.compile(
            rf"(?:的)?{filler}{{0,8}}?[，,]?(?:{alt('platform_goods')}|{alt('platform_sold')}|{alt('sold_to')})"
        ),
        "origin_before": re.compile(rf"(?:{alt('platform_origin')})$"),
        "buyer_after": re.compile(rf"(?:(?:等|的|各|多)?地?)*(?:{alt('buyer')})"),
        "sold_to_before": re.compile(rf"(?:{alt('sold_to')})(?:了)?(?:周边|全国)?(?:的)?$"),
        # 盒马村在景洪市勐罕镇揭牌, 拼多多直采基地落户X县
        "base_after_platform": re.compile(
            rf"[\u4e00-\u9fff]{{0,6}}?(?:{alt('platform_base')})(?:正式)?(在|于|落户|落地)$"
        ),
        "base_event": re.compile(rf"(?:正式)?(?:{alt('platform_base_event')})"),
        # 勐罕镇小糯玉米盒马村: the place written before the base
        "base_before_platform": re.compile(r"(?:的)?[\u4e00-\u9fff]{0,6}$"),
        "base_word": re.compile(rf"(?:{alt('platform_base')})"),
        "company_sells": re.compile(rf"(?:{alt('company_sells')})"),
        # 以当地硒茶为代表的系列农产品: the goods of the place the report is about
        "local_goods": re.compile(
            rf"(?:{alt('local_place')})(?:的)?{filler}{{0,8}}?(?:{alt('platform_goods')}|{alt('platform_sold')})"
        ),
    }


# a platform among the actors, or a consumption word: the heading's platform and a company sell only
# in a sentence that has one
@needs(alternatives=(Need(actors=(PLATFORM,)), Need((words(roles=("consumption",)),))))
def platform_sales(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    found = False
    for fact in _platform_sales(view, roles):
        found = True
        yield fact
    if not found:
        yield from _company_sales(view, roles)


def _platform_sales(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    sentence = view.text[view.start : view.end]
    platforms = {a.entity_id: a for a in view.actors if a.type == "Platform"}
    inferred = False
    if not platforms:
        framed = _heading_platform(view)
        if framed is None:
            return
        platforms, inferred = {framed.entity_id: framed}, True
    if len(platforms) != 1:
        return
    if view.cues.any_in("not_selling", sentence) or is_trap(view, view.start, view.end):
        return
    platform = next(iter(platforms.values()))
    grammar = _grammar(view.cues)
    helped = [] if inferred else _base_places(view, grammar, platform)
    if not helped and view.cues.any_in("consumption", sentence):
        helped = _goods_places(view, roles, grammar)
    if inferred:
        helped = [p for p in helped if p.code is None or not p.code.endswith("0000")]
    if not helped:
        return
    status = status_of(view, sentence)
    if status is None:
        return
    helper = _credited(view, platform)
    why = (
        "the heading's platform sells the place's products"
        if inferred
        else "platform sells the place's products"
    )
    for place in {p.entity_id: p for p in helped}.values():
        yield AssistFact(helper, place, None, "消费帮扶", inferred, status, 0.6 if inferred else 0.7, why)


def _places(view: SentenceView, roles: Roles) -> list[Mention]:
    """The most specific places of the sentence: a province written beside its own county is only the
    address, and a place inside a name (a brand, a company) is none."""
    places = [a for a in view.actors if a.type == "Region" and view.chain_end(a) is a]
    codes = [(a, _code(a)) for a in places]
    return [
        a
        for a, code in codes
        if code and not any(other != code and roles.covers(code, other) for _b, other in codes)
    ]


def _code(m: Mention) -> str | None:
    return m.code or (m.candidates[0] if m.candidates and isinstance(m.candidates[0], str) else None)


def _goods_places(view: SentenceView, roles: Roles, grammar: dict[str, re.Pattern[str]]) -> list[Mention]:
    """Places whose goods the sentence sells: written before the goods (or a list of places before
    them), or after 来自; never the buyers' places, the places goods go to, or a venue."""
    text = view.text
    out: list[Mention] = []
    for place in _places(view, roles):
        lo = view.chain_start(place)
        clause_lo, _ = view.clause_bounds(lo)
        before = text[clause_lo:lo]
        run = view.run_after(lo, max_gap=0)
        last = run[-1] if run and place in run else place
        if grammar["sold_to_before"].search(before) or grammar["buyer_after"].match(text, last.end):
            continue
        if grammar["origin_before"].search(before):
            out.append(place)
            continue
        if before.endswith(_VENUE_BEFORE):
            continue
        goods = grammar["goods_after"].match(text, last.end, view.end)
        if goods and not any(last.end <= a.start < goods.end() and a.type == "Region" for a in view.actors):
            out.append(place)
    return out


def _base_places(view: SentenceView, grammar: dict[str, re.Pattern[str]], platform: Mention) -> list[Mention]:
    """盒马村在X镇揭牌, 拼多多直采基地落户X县, X县的盒马村: the place a platform's base opens in."""
    text = view.text
    for place in view.actors:
        if place.type != "Region" or view.chain_end(place) is not place:
            continue
        lo = view.chain_start(place)
        if lo >= platform.end:
            link = grammar["base_after_platform"].match(text[platform.end : lo])
            if link and (link.group(1) not in ("在", "于") or grammar["base_event"].match(text, place.end)):
                return [place]
        elif place.end <= platform.start and grammar["base_before_platform"].match(
            text[place.end : platform.start]
        ):
            if grammar["base_word"].match(text, platform.end) and grammar["base_event"].search(
                text, platform.end, view.end
            ):
                return [place]
    return []


_HEADING_SELLS = re.compile(r"助农|助力|带货|上行|销售|销路|消费帮扶|消费扶贫|电商扶贫")


def _heading_platform(view: SentenceView) -> Mention | None:
    """The one platform of the innermost heading (or the title) that says it sells: 快手平台助力农产品上行."""
    document = view.document
    if document is None:
        return None
    spans = [(h.start, h.end) for h in reversed(view.sentence.headings)]
    if document.title is not None and document.title[1] <= view.start:
        spans.append(document.title)
    for start, end in spans:
        named = {a.entity_id: a for a in document.actors_within(start, end) if a.type == "Platform"}
        if len(named) == 1 and _HEADING_SELLS.search(view.text, start, end):
            return next(iter(named.values()))
        if named:
            return None
    return None


def _credited(view: SentenceView, platform: Mention) -> Mention:
    """The platform's operator where the document names it (在阿里巴巴的带动下 … 走红淘宝), its own
    company before a group that owns it; else the platform."""
    document = view.document
    if document is None:
        return platform
    named = [
        document.named[op]
        for op, p in known_operators()
        if p == platform.name and op in document.named and document.named[op].type != "Platform"
    ]
    own = [m for m in named if platform.name in m.name]
    chosen = own or named
    return chosen[0] if len({m.entity_id for m in chosen}) == 1 else platform


def _company_sales(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    """A company doing 消费帮扶: X公司采购Y县农产品, X公司…选择以当地硒茶为代表的农产品…助农 (当地 the
    place the document names most). A company named after the helped place (Y县某某食品有限公司) is
    its own buyer, not a helper."""
    companies = {a.entity_id: a for a in view.actors if a.type == "Organization" and not helped_side(a)}
    if len(companies) != 1:
        return
    sentence = view.text[view.start : view.end]
    if not view.cues.any_in("consumption", sentence) or view.cues.any_in("not_selling", sentence):
        return
    if is_trap(view, view.start, view.end):
        return
    company = next(iter(companies.values()))
    grammar = _grammar(view.cues)
    helped: list[Mention] = []
    verb = grammar["company_sells"].search(view.text, company.end, view.end)
    if verb:
        helped = [p for p in _goods_places(view, roles, grammar) if p.start >= verb.end()]
    if not helped and grammar["local_goods"].search(view.text, company.end, view.end):
        main = _main_place(view)
        helped = [main] if main is not None else []
    home = [m for m in view.inner if m.container is company and m.start == company.start]
    helped = [p for p in helped if not any(roles.related(_code(h) or "", _code(p) or "") for h in home)]
    status = status_of(view, sentence)
    if status is None:
        return
    for place in {p.entity_id: p for p in helped}.values():
        yield AssistFact(
            company, place, None, "消费帮扶", False, status, 0.65, "company sells the place's products"
        )


def _main_place(view: SentenceView) -> Mention | None:
    """The place the document names most: at least twice, and twice as often as any other."""
    if view.document is None:
        return None
    return dominant(view.document.places_named, 2)
