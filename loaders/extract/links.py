"""The relations around assistance: OPERATES, PARTNERS_WITH, PROMOTES, BRAND_OF, ORGANIZES.

- OPERATES       X依托/借助旗下“Y”平台, X组织所属“Y”, X运营的Y, 由X运营的Y
- PARTNERS_WITH  X联合Y(、Z)(等平台), X…与Y、Z合作, 相关市县联合P举办<events naming places>
- PROMOTES       P (platform or company) 推介/上线/销售 … 吉林汪清、河北灵寿…农副产品
- BRAND_OF       a brand whose name holds one place (安化黑茶 → 安化县), or X以“B”公共品牌 (X a place)
- ORGANIZES      X 举办/开展/发起 … campaign
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from bangfu.knowledge.paths import data_dir
from loaders.extract.mentions import Mention
from loaders.extract.view import SentenceView

ORGS = ("Organization", "Agency")
SELLERS = ("Platform", "Organization")


@dataclass
class Link:
    type: str
    source: Mention
    target: Mention
    confidence: float
    reason: str


_OWNS = re.compile(r"^(?:依托|借助|通过|利用|组织|发挥|联合)?(?:其)?(?:旗下|所属|自有|下属)(?:的)?[“\"]?$")
_OPERATED_BY = re.compile(r"^(?:运营|打造|开发|搭建|创办|主办)的(?:[“\"])?$")


@functools.cache
def known_operators() -> frozenset[tuple[str, str]]:
    """(operator, platform) pairs that public records state (data/lexicons/operators.csv)."""
    with open(data_dir() / "lexicons" / "operators.csv", encoding="utf-8", newline="") as f:
        return frozenset((row["operator"], row["platform"]) for row in csv.DictReader(f))


_ON_PLATFORM = re.compile(r"^(?:在|通过|依托|于)$")
_LAUNCH = re.compile(r"^(?:上|上线|开设|开通|推出|搭建|设立|运营)")


def operates(view: SentenceView) -> Iterator[Link]:
    """X依托旗下“Y”平台, 由X运营的Y, and X在Y上线…专区 where public records say X runs Y."""
    yield from _owner_wording(view)
    actors = view.actors
    for i, owner in enumerate(actors[:-1]):
        target = actors[i + 1]
        if target.type != "Platform" or (owner.name, target.name) not in known_operators():
            continue
        if _ON_PLATFORM.match(view.between(owner.end, target.start)) and _LAUNCH.match(
            view.text[target.end : target.end + 4]
        ):
            yield Link("OPERATES", owner, target, 0.85, "X在Y上线 with a known operator")


def _owner_wording(view: SentenceView) -> Iterator[Link]:
    actors = view.actors
    for i, owner in enumerate(actors):
        if owner.type not in ORGS + ("Platform",):
            continue
        for target in actors[i + 1 : i + 3]:
            if target.type != "Platform" or target.entity_id == owner.entity_id:
                continue
            gap = view.between(owner.end, target.start)
            if _OWNS.match(gap) or _OPERATED_BY.match(gap):
                yield Link("OPERATES", owner, target, 0.9, "owner before platform")
                break
    # 由X运营的Y
    for i, target in enumerate(actors):
        if target.type != "Platform" or i == 0:
            continue
        owner = actors[i - 1]
        if owner.type in ORGS and view.text[owner.start - 1 : owner.start] == "由":
            if _OPERATED_BY.match(view.between(owner.end, target.start)):
                yield Link("OPERATES", owner, target, 0.9, "由X运营的Y")


_ALLY = re.compile(r"^(?:积极|主动|共同)?(?:联合|携手)$")
_WITH = re.compile(r"与$")
_COOPERATE = re.compile(r"^(?:等[\u4e00-\u9fff]{0,6})?(?:开展|深化|达成)?(?:战略)?合作")
_VAGUE = re.compile(r"(?:相关|有关|各)(?:市县|市州|县市区|县|地区|地方|单位|部门)$")


def partners(view: SentenceView) -> Iterator[Link]:
    actors = view.actors
    text = view.text
    for _i, ally in enumerate(actors):
        if ally.type not in SELLERS:
            continue
        before = text[max(view.start, ally.start - 6) : ally.start]
        if not _ALLY.search(before.lstrip('“"')) and not before.rstrip('“"').endswith(("联合", "携手")):
            continue
        # the run of partners starting at this one: 联合京东、淘宝等电商平台
        run = view.run_after(ally.start, max_gap=0)
        run = [m for m in run if m.type in SELLERS] or [ally]
        if ally is not run[0]:
            continue
        lead = text[view.start : ally.start].rstrip('“"')
        lead = lead[:-2] if lead.endswith(("联合", "携手")) else lead
        subject = _nearest_actor(view, ally.start, lead)
        if subject is not None:
            for partner in run:
                if partner.entity_id != subject.entity_id:
                    yield Link("PARTNERS_WITH", subject, partner, 0.85, "X联合Y")
        elif _VAGUE.search(lead):
            # 相关市县联合P举办…衡阳市…活动和中国（龙山）…节: the places the events name
            _, hi = view.clause_bounds(run[-1].end)
            named = [
                m
                for m in view.actors + view.inner
                if run[-1].end <= m.start < view.end and m.type == "Region"
            ]
            for place in named:
                for partner in run:
                    yield Link("PARTNERS_WITH", partner, place, 0.7, "vague subject, places of the events")
    # X…与Y、Z合作
    for _i, first in enumerate(actors):
        if first.type not in SELLERS or text[first.start - 1 : first.start] != "与":
            continue
        run = [m for m in view.run_after(first.start, max_gap=0) if m.type in SELLERS]
        if not run or not _COOPERATE.match(text[run[-1].end : run[-1].end + 12]):
            continue
        subject = view.subject() or _nearest_actor(view, first.start - 1, text[view.start : first.start - 1])
        if subject is None or subject in run:
            continue
        for partner in run:
            yield Link("PARTNERS_WITH", subject, partner, 0.85, "X与Y合作")


def _nearest_actor(view: SentenceView, pos: int, lead: str) -> Mention | None:
    """The actor just before a verb, when nothing but adverbs stands between."""
    before = [a for a in view.actors if a.end <= pos]
    if not before:
        return None
    last = before[-1]
    gap = view.text[last.end : pos]
    gap = gap.rstrip('“"')
    if gap.endswith(("联合", "携手")):
        gap = gap[:-2]
    if len(gap) <= 4 and not re.search(r"[，,。；;、]", gap):
        return last
    return None


_PROMOTE = re.compile(r"推介|推广|帮销|展销|销售|汇集|上线|直播|带货|代言")
_PRODUCTS = re.compile(r"^[^，,。；;]{0,30}?(?:产品|农产品|农副产品|特产|好物|土特产|年货|山货)")


def promotes(view: SentenceView) -> Iterator[Link]:
    subject = view.subject()
    if subject is None or subject.type not in SELLERS:
        return
    text = view.text
    verb = _PROMOTE.search(text, subject.end, view.end)
    if verb is None:
        return
    places = [a for a in view.actors if a.start >= verb.start() and a.type == "Region"]
    for place in places:
        nxt = [a for a in view.actors if a.start >= place.end]
        if nxt and nxt[0].start == place.end and nxt[0].type == "Region" and nxt[0].via == "chain":
            continue  # 吉林汪清: the county, not the province, is the origin
        if _PRODUCTS.match(text[place.end : view.end]):
            yield Link("PROMOTES", subject, place, 0.8, "seller promotes products of a place")


_BRAND_BY = re.compile(r"^以[“\"]?$")


def brand_of(view: SentenceView, brands: list[Mention], inner_of) -> Iterator[Link]:
    for brand in brands:
        if not (view.start <= brand.start < view.end):
            continue
        places = [p for p in inner_of(brand) if p.type == "Region"]
        codes = {p.code for p in places}
        if len(codes) == 1:
            yield Link("BRAND_OF", brand, places[0], 0.85, "place in the brand's name")
            continue
        if places:
            continue
        subject = view.subject()
        if (
            subject is not None
            and subject.type == "Region"
            and _BRAND_BY.match(view.between(subject.end, brand.start))
        ):
            yield Link("BRAND_OF", brand, subject, 0.8, "X以“B”公共品牌")


_ORGANIZE = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,8}?)(?:举办|主办|承办|组织开展|牵头开展|开展|发起|启动|推出|上线|组织)(?:了)?[“\"]?$"
)


def organizes(view: SentenceView, campaigns: list[Mention]) -> Iterator[Link]:
    for campaign in campaigns:
        if not (view.start <= campaign.start < view.end):
            continue
        before = [
            a for a in view.actors if a.end <= campaign.start and a.type in ORGS + ("Platform", "Region")
        ]
        if not before:
            continue
        organizer = before[-1]
        gap = view.between(organizer.end, campaign.start)
        if re.search(r"[，,。；;、]", gap) or not _ORGANIZE.match(gap):
            continue
        yield Link("ORGANIZES", organizer, campaign, 0.8, "X举办/开展 campaign")
