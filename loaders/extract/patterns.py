"""Names no lexicon has yet, found by the shapes the genre writes them in.

- “X”平台, “X”APP, X电商           → Platform
- “X”公共品牌, “A”“B”等区域公用品牌  → Brand
- “X”活动/行动, X年货节, X丰收节 …  → Campaign
- …协会, …商会, …集团, …有限公司, X公司Y分公司, …银行/分行, …开发区 → Organization or Agency
  (loaders.extract.org_names: the left edge of a name from its form word)

Each pattern returns spans in the normalized text; overlaps with dictionary mentions are settled
by the caller (dictionary names inside a pattern name, such as 湖南省 in 湖南省市场营销协会, give way).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.extract.org_names import find_org_names
from loaders.extract.pattern_words import pattern_words

CJK = r"\u3400-\u9fff"

_WORDS = pattern_words()
GENERIC = _WORDS["generic"]  # a name holding one of these is a description (行业协会, 农村电商)
LEFT_STOPS = _WORDS["left_stop"]  # verbs and function words that come before a name
PLACE_GENERIC = _WORDS["place_generic"]
_Q = '“"「『'
_QE = '”"」』'
_NAME = rf"[{CJK}A-Za-z0-9°·@＋+]"

# quoted name followed by the word that says what it is
_QUOTED_PLATFORM = re.compile(
    rf"[{_Q}]({_NAME}{{2,14}})[{_QE}](?=(?:消费帮扶|消费扶贫|电商|销售|线上|网上|服务)*平台)"
)
_QUOTED_APP = re.compile(rf"[{_Q}]({_NAME}{{2,14}})[{_QE}](APP|App|app|小程序|客户端)")
# a bare "X电商" only as an item of a list or right after a verb of partnership (达漫电商、湘农荟等平台)
_BARE_ECOMMERCE = re.compile(
    rf"(?:^|(?<=[、，,：:；;。（(“\s])|(?<=联合|依托|指导|组织|借助)|(?<=与|和|及|如))"
    rf"([{CJK}A-Za-z0-9]{{2,4}}电商)(?=[、，,。；;）)”等与和及在举开合推]|$)"
)
_ECOMMERCE_ANCHOR = re.compile("电商")
_BRAND_RUN = re.compile(
    rf"((?:[{_Q}]{_NAME}{{2,12}}[{_QE}][{CJK}]{{0,6}}[、，,和及与]?)+)(?:等)?(?:区域)?(?:公共|公用)品牌\Z"
)
_BRAND_ANCHOR = re.compile(r"(?:公共|公用)品牌")
_BRAND_ITEM = re.compile(rf"[{_Q}]({_NAME}{{2,12}})[{_QE}]((?:(?!等)[{CJK}]){{0,6}})")
_QUOTED_CAMPAIGN = re.compile(
    rf"[{_Q}]([^{_Q}{_QE}\n]{{2,24}})[{_QE}][{CJK}]{{0,4}}?"
    rf"(?:活动|行动|专场|年货节|购物节|大赛|系列活动)"
)
# an unquoted festival name only with the marks of a proper name: 中国（龙山）…节, 第五届…博览会, 首届…节
_BARE_FESTIVAL = re.compile(
    rf"((?:中国[（(][{CJK}]{{2,6}}[）)]|中国|第[一二三四五六七八九十\d]+届|首届)[{CJK}（()）]{{0,14}}?"
    rf"(?:节|博览会|展销会|农博会))"
)
_FESTIVAL_MARK = re.compile(r"^中国|^第[一二三四五六七八九十\d]+届|首届|[（(]")
# a place below a county, written right after it: 安化县茶乡花海社区, 保靖县吕洞山镇排捧村; a town's name
# holds no 村 and no conjunction (荍田村、天堂村及黄坭镇树坪村 is three places), and a count is no town
# (我市四镇区, 两镇, 四个镇)
# a town, then a village, after a county; 和/与/及 may not open either (余杭区和台盘乡: a conjunction),
# 和 may stand inside them (仁和街道, 太和镇)
PLACE_AFTER_COUNTY = re.compile(
    rf"^((?:(?![一二三四五六七八九十两几各多全本该每][个镇乡])(?![村及和与])[{CJK}](?:(?![村及与])[{CJK}]){{0,5}}?(?:乡|镇|街道)(?![村镇级]))?(?:(?![及和与])[{CJK}](?:(?![及与])[{CJK}]){{1,5}}?(?:村|社区|安置区|移民新村)(?![村镇级]))?)"
)

# words that end a name scan to the left: verbs and function words that come before a name


@dataclass
class PatternName:
    start: int
    end: int
    name: str  # canonical form (quotes removed)
    type: str  # Platform | Brand | Campaign | Organization | Place
    surface: str


def _trim_left(text: str, start: int, end: int) -> int:
    """Move start right past the last stop word so a name does not swallow the verb before it."""
    span = text[start:end]
    best = 0
    for stop in LEFT_STOPS:
        pos = span.rfind(stop, 0, max(0, len(span) - 3))
        if pos >= 0:
            best = max(best, pos + len(stop))
    return start + best


def _anchored(text: str, anchor: re.Pattern[str], pattern: re.Pattern[str], back: int, ahead: int = 0):
    """Matches of ``pattern`` that end at an ``anchor`` (a suffix such as 有限公司).

    Scanning a whole document with a pattern that may start anywhere costs a regex attempt per
    character; the suffixes are rare, so only the few characters before each one are tried.
    """
    prev_end = 0
    for a in anchor.finditer(text):
        if a.start() < prev_end:
            continue
        lo = max(prev_end, a.start() - back)
        m = pattern.search(text, lo, a.end() + ahead) if ahead else pattern.search(text[lo : a.end()])
        if m is None:
            continue
        if ahead:
            yield m.start(1), m.end(1), m
            prev_end = m.end(1)
        else:
            yield lo + m.start(1), lo + m.end(1), m
            prev_end = lo + m.end(1)


def find_pattern_names(text: str) -> list[PatternName]:
    out: list[PatternName] = []
    for m in _QUOTED_PLATFORM.finditer(text):
        out.append(PatternName(m.start(), m.end(), m.group(1), "Platform", m.group(0)))
    for m in _QUOTED_APP.finditer(text):
        out.append(PatternName(m.start(), m.end(), m.group(1) + "APP", "Platform", m.group(0)))
    for start, end, m in _anchored(text, _ECOMMERCE_ANCHOR, _BARE_ECOMMERCE, back=5, ahead=1):
        if any(g in m.group(1) for g in GENERIC):
            continue
        out.append(PatternName(start, end, m.group(1), "Platform", m.group(1)))
    for base, _end, m in _anchored(text, _BRAND_ANCHOR, _BRAND_RUN, back=200):
        for item in _BRAND_ITEM.finditer(m.group(1)):
            name = item.group(1) + item.group(2)
            out.append(PatternName(base + item.start(), base + item.end(), name, "Brand", item.group(0)))
    for m in _QUOTED_CAMPAIGN.finditer(text):
        out.append(PatternName(m.start(), m.end(), m.group(1), "Campaign", m.group(0)))
    for m in _BARE_FESTIVAL.finditer(text):
        start = _trim_left(text, m.start(1), m.end(1))
        name = text[start : m.end(1)]
        if len(name) >= 6 and _FESTIVAL_MARK.search(name) and "”" not in name:
            out.append(PatternName(start, m.end(1), name, "Campaign", name))
    for n in find_org_names(text):
        out.append(PatternName(n.start, n.end, n.name, n.type, n.surface))
    return out
