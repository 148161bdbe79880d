"""Platforms selling a place's products (消费帮扶, 助农): 拼多多助农直播间为黔西南州农产品代言, 依托832平台
销售广西农副产品.

The helped side is the place whose products are sold, at the level the text names. A sentence must
name one platform, a word of selling (助农, 带货, 直播, 销售, 上行, 农产品 …) and one place — several
places (the buyer's city and the seller's county, a venue and the exhibitors) leave it unsaid which
one is helped, and fairs, rankings and catalogues are no assistance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from loaders.extract.families.common import AssistFact, is_trap, status_of
from loaders.extract.roles import Roles
from loaders.extract.view import SentenceView

_SELLING = re.compile(
    r"助农|带货|直播|农产品|农副产品|特产|销售|销量|上行|热销|走红|代言|推介|上线|卖出|订单|供货|销路"
)
# the place's products: the place is written right before them (黔西南州60余种农产品, 砀山梨膏)
_PRODUCTS_AFTER = re.compile(
    r"(?:的)?[^，。；、]{0,8}?(?:农产品|农副产品|产品|特产|土特产|好物|梨膏|茶叶|大米)"
)
_NOT_SELLING = re.compile(r"博览会|展销会|交易会|会展中心|展馆|榜|目录|名单|评选|获奖|荣获")


def platform_sales(view: SentenceView, roles: Roles) -> Iterator[AssistFact]:
    sentence = view.text[view.start : view.end]
    platforms = {a.entity_id: a for a in view.actors if a.type == "Platform"}
    if len(platforms) != 1 or not _SELLING.search(sentence) or _NOT_SELLING.search(sentence):
        return
    if is_trap(view, view.start, view.end):
        return
    places = [a for a in view.actors if a.type == "Region" and a.code and view.chain_end(a) is a]
    # the most specific places: a province written beside its own county is only the address
    leaves = {
        a.entity_id: a
        for a in places
        if not any(b.code != a.code and roles.covers(a.code, b.code) for b in places)
    }
    if len(leaves) != 1:
        return
    place = next(iter(leaves.values()))
    if not _PRODUCTS_AFTER.match(view.text, place.end, view.end):
        return  # a venue (在北京宣布) or the buyers' city, not the place whose products are sold
    platform = next(iter(platforms.values()))
    status = status_of(view, sentence)
    if status is not None:
        yield AssistFact(
            platform, place, None, "消费帮扶", False, status, 0.7, "platform sells the place's products"
        )
