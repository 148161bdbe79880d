"""A synthetic corpus of policy documents for the benchmark: realistic in what costs time, seeded.

Why synthetic: the five sample documents are far too few to measure throughput or memory at national
scale, and real crawls cannot ship with the repository. So the benchmark writes N documents that cost
what real ones cost — the same sizes (2–15 KB of text), the same styles and the same traps as the samples
in data/corpus:

- HTML with Jekyll front matter (``<p>`` paragraphs, ``<strong>`` headings, entities, an ``<img>``);
- Markdown converted from PDF (``#`` headings, words split across page breaks: "结\\n\\n合");
- traditional characters (OpenCC s2t) with inline pinyin glosses: 中(zhōng)央, 消費(fèi);
- plain text with a navigation header and "来源:" lines; some files encoded in GBK.

Sentences come from templates in the style of the samples and name real places from the gazetteer
(data/gazetteer/regions.csv, with its aliases and prefecture→county chains such as 湘西州龙山县),
official pairings (the reference east_west_pairings.csv / hunan_internal_pairings.csv) and synthetic
east→west pairings, under headings that set the mechanism. Distractors sit beside them: delegation
visits, friendship cities, lists of provinces, plans (将/拟) and past pairings (曾). Most sentences are
filler prose, as in real documents.

Deterministic: document ``i`` is drawn from ``random.Random(f"{seed}-{i}")`` alone, so a corpus is the
same on every machine and any single document can be regenerated without the others. Generation
streams: one document is in memory at a time.
"""

from __future__ import annotations

import csv
import functools
import random
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import opencc

from bangfu.knowledge.paths import data_dir

GAZETTEER_CSV = data_dir() / "gazetteer" / "regions.csv"
EASTERN_CSV = data_dir() / "gazetteer" / "eastern_partners.csv"
REFERENCE_DIR = data_dir() / "reference"
PAIRING_FILES = ("east_west_pairings.csv", "hunan_internal_pairings.csv")

# style → share of the corpus; the order is the order styles are listed in reports
STYLES: dict[str, float] = {
    "html": 0.25,  # Jekyll front matter + <p> paragraphs (half .html, half .txt like the samples)
    "markdown": 0.20,  # converted from PDF, page-break splits
    "traditional": 0.15,  # OpenCC s2t + pinyin glosses
    "plain": 0.28,
    "gbk": 0.12,  # plain text written in GBK
}
MIN_TEXT_BYTES, MAX_TEXT_BYTES = 2_000, 15_000  # UTF-8 bytes of body text per document
DOCS_PER_FOLDER = 1_000  # a national crawl lives in many folders; no directory of 100k files


# ---------------------------------------------------------------------------------------------- places
@dataclass(frozen=True)
class Place:
    code: str
    name: str
    level: str  # province | prefecture | county
    parent: str | None
    province: str
    aliases: tuple[str, ...] = ()


@dataclass
class Places:
    """The gazetteer as the generator needs it: places by level and province, and who is eastern."""

    by_code: dict[str, Place]
    provinces: list[Place] = field(default_factory=list)
    prefectures: list[Place] = field(default_factory=list)
    counties: list[Place] = field(default_factory=list)
    eastern: set[str] = field(default_factory=set)  # province codes of eastern partners
    counties_of: dict[str, list[Place]] = field(default_factory=dict)  # province code → counties
    prefectures_of: dict[str, list[Place]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p in sorted(self.by_code.values(), key=lambda p: p.code):
            {"province": self.provinces, "prefecture": self.prefectures, "county": self.counties}.get(
                p.level, []
            ).append(p)
            if p.level == "county":
                self.counties_of.setdefault(p.province, []).append(p)
            elif p.level == "prefecture":
                self.prefectures_of.setdefault(p.province, []).append(p)

    @functools.cached_property
    def mainland(self) -> list[Place]:
        """Provinces with counties: the 31 that policy documents on 帮扶 list (not 香港, 澳门, 台湾)."""
        return [p for p in self.provinces if p.code in self.counties_of] or self.provinces

    @functools.cached_property
    def western(self) -> list[Place]:
        """Provinces that are not eastern partners (the helped side of 东西部协作), computed once."""
        return [p for p in self.provinces if p.code not in self.eastern and p.code in self.counties_of]


@functools.cache
def load_places(path: Path = GAZETTEER_CSV, eastern_path: Path = EASTERN_CSV) -> Places:
    """Places from the gazetteer's CSV (read directly: the corpus must not change with the matcher)."""
    by_code: dict[str, Place] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["level"] not in ("province", "prefecture", "county"):
                continue
            aliases = tuple(a for a in (row.get("aliases") or "").split("|") if a)
            by_code[row["code"]] = Place(
                row["code"], row["name"], row["level"], row["parent"] or None, row["province"], aliases
            )
    eastern = {"110000", "120000", "310000", "320000", "330000", "350000", "370000", "440000"}
    with eastern_path.open(encoding="utf-8", newline="") as fh:
        eastern |= {
            by_code[r["code"]].province
            for r in csv.DictReader(fh)
            if r.get("role") == "eastern" and r["code"] in by_code
        }
    return Places(by_code, eastern=eastern & set(by_code))


@functools.cache
def load_reference_pairings() -> tuple[tuple[str, str, str], ...]:
    """(helper, helped, mechanism) as the official lists write them; one-to-one rows only."""
    out: list[tuple[str, str, str]] = []
    for name in PAIRING_FILES:
        with (REFERENCE_DIR / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                helper, helped = row.get("helper") or "", row.get("helped") or ""
                if not helper or not helped or any(c in helper + helped for c in "/、，,?"):
                    continue
                mechanism = "东西部协作" if "东西部" in (row.get("program") or "") else "对口帮扶"
                out.append((helper, helped, mechanism))
    return tuple(out)


# ---------------------------------------------------------------------------------------------- text
CENTRAL_UNITS = (
    "国家发展改革委",
    "国家乡村振兴局",
    "财政部",
    "教育部",
    "农业农村部",
    "商务部",
    "中国农业银行",
    "中国建设银行",
    "国家电网有限公司",
    "中国移动通信集团有限公司",
    "中国石油天然气集团有限公司",
    "中国华能集团有限公司",
)
PRODUCTS = (
    "茶叶",
    "腊肉",
    "猕猴桃",
    "脐橙",
    "黄桃",
    "油茶",
    "中药材",
    "牛肉",
    "马铃薯",
    "核桃",
    "蜂蜜",
    "香菇",
)
PAIR_ABBREVIATIONS = ("闽宁", "沪滇", "苏陕", "京蒙", "粤桂", "鲁渝", "津甘", "浙川")

# {H} helper, {T} helped, {a} {b} amounts, {k} counts, {p} product
ASSISTS_TEMPLATES: dict[str, tuple[str, ...]] = {
    "东西部协作": (
        "{H}与{T}深化东西部协作，共建产业园区{k}个，带动脱贫人口{m}人稳定就业。",
        "{H}对口协作{T}以来，累计投入财政援助资金{a}亿元，实施协作项目{k}个。",
        "在东西部协作框架下，{H}帮扶{T}建设了一批{p}特色产业基地。",
    ),
    "对口帮扶": (
        "{H}对口帮扶{T}，选派{k}名干部挂职，年内落实帮扶资金{b}万元。",
        "{H}持续做好对口帮扶{T}工作，全年实施帮扶项目{k}个。",
    ),
    "对口支援": ("{H}对口支援{T}，援建学校、医院等民生项目{k}个，投入资金{a}亿元。",),
    "结对帮扶": (
        "{H}与{T}结对帮扶，双方签订结对帮扶协议，开展劳务协作培训{k}期。",
        "{H}结对帮扶{T}，帮助引进企业{k}家。",
    ),
    "携手奔小康": ("深入实施“携手奔小康”行动，{H}与{T}结成帮扶对子，互派干部{k}人次。",),
    "消费帮扶": (
        "{H}通过消费帮扶采购{T}农副产品{b}万元，帮助销售{p}等特色产品。",
        "{H}组织预算单位采购{T}扶贫产品，帮销金额达{b}万元。",
    ),
}
DESIGNATED_TEMPLATES = (
    "{U}定点帮扶{T}，直接投入帮扶资金{b}万元，引进帮扶资金{a}亿元。",
    "{U}深入开展定点帮扶{T}工作，培训基层干部和技术人员{m}人次。",
)
SEPARATE_TEMPLATE = "{Hs}分别对口帮扶{Ts}。"
STATUS_TEMPLATES = (
    ("{H}将与{T}建立对口帮扶关系，推动产业、人才、劳务全方位合作。", "planned"),
    ("{H}拟对口支援{T}，相关协议正在商签。", "planned"),
    ("此前{H}曾对口帮扶{T}，2021年起帮扶关系调整为{H2}。", "past"),
)
ABBREVIATION_TEMPLATE = "深化{X}协作，推动产业梯度转移和劳务输出，{X}两地产业合作迈上新台阶。"
DISTRACTORS = (
    "{A}党政代表团赴{B}考察学习，双方就产业合作召开座谈会。",
    "{B}代表团到{A}学习考察乡村振兴工作经验。",
    "{A}与{B}缔结友好城市关系，已有{k}年。",
    "{A}、{B}两地文旅部门联合推出{k}条精品旅游线路。",
    "{P1}、{P2}、{P3}等地印发工作通知，{P4}、{P5}制定实施方案。",
    "{A}召开巩固拓展脱贫攻坚成果工作推进会。",
    "{B}的{p}销往{A}等地，深受消费者欢迎。",
    "{A}举办{p}产销对接会，{B}等地企业参加。",
)
FILLER = (
    "各地区、各部门积极响应，加大消费帮扶工作力度，持续巩固拓展脱贫攻坚成果。",
    "坚持政府引导、市场主导、社会参与，推动形成长效机制。",
    "充分发挥各级预算单位带动作用，鼓励干部职工采购脱贫地区农副产品。",
    "广泛动员民营企业、社会组织和公民个人参与，营造全社会参与的良好氛围。",
    "加强产销对接，拓宽销售渠道，提升脱贫地区产品质量和市场竞争力。",
    "依托电商平台开展直播带货活动，助力脱贫地区特色产品走出大山。",
    "建立健全工作调度机制，定期通报工作进展，确保各项任务落地见效。",
    "各级各部门要结合工作实际，认真抓好落实，及时总结推广好经验好做法。",
    "加大宣传力度，通过报纸、电视、网络等媒体广泛宣传先进典型。",
    "推动脱贫地区农产品标准化生产、品牌化经营，提高产品附加值。",
    "统筹用好各类帮扶资源，推动巩固拓展脱贫攻坚成果同乡村振兴有效衔接。",
    "据不完全统计，活动期间累计采购、帮助销售脱贫地区产品和服务{a}亿元。",
    "截至目前，已组织开展各类产销对接活动{k}场次，签约金额{b}万元。",
    "加强冷链物流、仓储等流通基础设施建设，降低农产品流通成本。",
    "严格落实“四个不摘”要求，保持主要帮扶政策总体稳定。",
    "坚持以人民为中心的发展思想，把增加脱贫群众收入作为根本要求。",
    "进一步完善利益联结机制，带动脱贫人口和农村低收入人口增收致富。",
    "压实工作责任，明确责任分工，形成上下联动、协同推进的工作格局。",
    "鼓励金融机构创新金融产品，加大对脱贫地区产业发展的信贷支持。",
    "深入开展“以购代捐”“以买代帮”活动，持续扩大消费帮扶规模。",
)
HEADINGS_BY_MECHANISM = {
    "东西部协作": "深化东西部协作",
    "对口帮扶": "扎实开展对口帮扶",
    "对口支援": "做好对口支援工作",
    "定点帮扶": "持续抓好定点帮扶",
    "结对帮扶": "推进结对帮扶",
    "携手奔小康": "深入实施携手奔小康行动",
    "消费帮扶": "大力实施消费帮扶",
}
OTHER_HEADINGS = ("总体要求", "主要目标", "工作措施", "保障措施", "加强组织领导", "强化督促检查")
CN_NUMBERS = "一二三四五六七八九十"
TITLES = (
    "{P}关于深化东西部协作和对口帮扶工作的通知",
    "{P}扎实推进巩固拓展脱贫攻坚成果同乡村振兴有效衔接",
    "{P}消费帮扶新春行动工作情况通报",
    "关于印发《{P}{y}年消费帮扶工作要点》的通知",
    "{P}对口支援工作综述",
)

# pinyin of characters the glossed samples gloss, written after the traditional form (as in 002_…)
PINYIN = {
    "中": "zhōng",
    "費": "fèi",
    "下": "xià",
    "大": "dà",
    "一": "yī",
    "開": "kāi",
    "知": "zhī",
    "生": "shēng",
    "工": "gōng",
    "村": "cūn",
    "體": "tǐ",
    "物": "wù",
    "資": "zī",
    "東": "dōng",
    "協": "xié",
    "幫": "bāng",
    "對": "duì",
    "產": "chǎn",
    "農": "nóng",
    "縣": "xiàn",
    "銷": "xiāo",
    "貧": "pín",
    "興": "xīng",
    "鄉": "xiāng",
    "作": "zuò",
    "助": "zhù",
}


@functools.cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def to_traditional(text: str) -> str:
    """Simplified → traditional characters (OpenCC s2t): how the traditional documents are written."""
    return _s2t().convert(text)


def _gloss(text: str, rng: random.Random, rate: float) -> str:
    """Insert pinyin glosses after some glossable characters; a few in full-width brackets or NFD."""
    out: list[str] = []
    for ch in text:
        out.append(ch)
        py = PINYIN.get(ch)
        if py and rng.random() < rate:
            roll = rng.random()
            if roll < 0.08:
                out.append(f"（{py}）")
            elif roll < 0.12:
                out.append(f"({unicodedata.normalize('NFD', py)})")
            else:
                out.append(f"({py})")
    return "".join(out)


# ---------------------------------------------------------------------------------------------- drawing
class _Doc:
    """Draws the sentences of one document from its own random stream."""

    def __init__(self, places: Places, pairings: tuple[tuple[str, str, str], ...], rng: random.Random):
        self.places, self.pairings, self.rng = places, pairings, rng
        self.home = rng.choice(places.mainland) if places.mainland else None
        self.counts: Counter[str] = Counter()

    # -- names
    def _short(self, p: Place) -> str:
        if p.aliases and p.level != "county" and self.rng.random() < 0.25:
            return p.aliases[0]  # 湘西州, 陇南 — the abbreviations documents use
        return p.name

    def county_name(self, c: Place) -> str:
        """A county as documents write it: bare, or after its prefecture (湘西州龙山县) or province."""
        roll = self.rng.random()
        parent = self.places.by_code.get(c.parent or "")
        if parent is not None and parent.level == "prefecture" and roll < 0.45:
            return self._short(parent) + c.name
        if roll < 0.55:
            return self.places.by_code[c.province].name + c.name
        return c.name

    def helped(self) -> str:
        rng = self.rng
        western = self.places.western
        if not western:
            return rng.choice(self.places.counties).name
        prov = self.home if self.home is not None and self.home.code not in self.places.eastern else None
        prov = prov if prov is not None and rng.random() < 0.6 else rng.choice(western)
        if rng.random() < 0.8 and self.places.counties_of.get(prov.code):
            return self.county_name(rng.choice(self.places.counties_of[prov.code]))
        prefs = self.places.prefectures_of.get(prov.code)
        return self._short(rng.choice(prefs)) if prefs else prov.name

    def helper(self) -> str:
        rng = self.rng
        eastern = sorted(self.places.eastern) or [p.code for p in self.places.provinces]
        prov = rng.choice(eastern)
        prefs = self.places.prefectures_of.get(prov)
        roll = rng.random()
        if prefs and roll < 0.6:
            return self._short(rng.choice(prefs))
        counties = self.places.counties_of.get(prov)
        if counties and roll < 0.9:
            c = rng.choice(counties)
            parent = self.places.by_code.get(c.parent or "")
            return (parent.name if parent is not None else "") + c.name
        return self.places.by_code[prov].name

    def pair(self, mechanism: str) -> tuple[str, str, str]:
        if self.pairings and self.rng.random() < 0.3:
            return self.rng.choice(self.pairings)
        return self.helper(), self.helped(), mechanism

    def any_place(self) -> str:
        return self._short(self.rng.choice(self.places.prefectures or self.places.counties))

    def numbers(self) -> dict[str, object]:
        rng = self.rng
        return {
            "a": f"{rng.uniform(0.5, 30):.1f}",
            "b": rng.randint(50, 9_000),
            "k": rng.randint(2, 60),
            "m": rng.randint(100, 20_000),
            "p": rng.choice(PRODUCTS),
        }

    # -- sentences
    def assists(self, mechanism: str) -> str:
        rng = self.rng
        self.counts["assists"] += 1
        if mechanism == "定点帮扶":
            return rng.choice(DESIGNATED_TEMPLATES).format(
                U=rng.choice(CENTRAL_UNITS), T=self.helped(), **self.numbers()
            )
        roll = rng.random()
        if roll < 0.06:
            n = rng.randint(2, 4)
            hs = "、".join(self.helper() for _ in range(n))
            ts = "、".join(self.helped() for _ in range(n))
            return SEPARATE_TEMPLATE.format(Hs=hs, Ts=ts)
        if roll < 0.12:
            template, _status = rng.choice(STATUS_TEMPLATES)
            self.counts["status"] += 1
            h, t, _ = self.pair(mechanism)
            return template.format(H=h, T=t, H2=self.helper())
        if roll < 0.15:
            x = rng.choice(PAIR_ABBREVIATIONS)
            return ABBREVIATION_TEMPLATE.format(X=x)
        h, t, mech = self.pair(mechanism)
        templates = ASSISTS_TEMPLATES.get(mech) or ASSISTS_TEMPLATES["对口帮扶"]
        return rng.choice(templates).format(H=h, T=t, **self.numbers())

    def distractor(self) -> str:
        self.counts["distractors"] += 1
        pool = self.places.mainland
        drawn = self.rng.sample(pool, 5) if len(pool) >= 5 else self.rng.choices(pool, k=5)
        provinces = [self._short(p) for p in drawn]
        return self.rng.choice(DISTRACTORS).format(
            A=self.any_place(),
            B=self.helped(),
            **dict(zip(("P1", "P2", "P3", "P4", "P5"), provinces, strict=True)),
            **self.numbers(),
        )

    def filler(self) -> str:
        return self.rng.choice(FILLER).format(**self.numbers())

    def sentence(self, mechanism: str | None) -> str:
        roll = self.rng.random()
        if mechanism and roll < 0.2:
            return self.assists(mechanism)
        if roll < 0.3:
            return self.distractor()
        return self.filler()

    def sections(self, target_bytes: int) -> Iterator[tuple[str, list[str]]]:
        """(heading, paragraphs) until the body reaches ``target_bytes`` of UTF-8 text."""
        rng = self.rng
        size = 0
        for n in range(40):
            if size >= target_bytes:
                return
            if n % 2 == 0 or rng.random() < 0.3:
                mechanism = rng.choice(list(HEADINGS_BY_MECHANISM) + ["定点帮扶", "东西部协作"])
                heading = HEADINGS_BY_MECHANISM[mechanism]
            else:
                mechanism, heading = None, rng.choice(OTHER_HEADINGS)
            heading = f"{CN_NUMBERS[n % 10]}、{heading}"
            paragraphs = []
            for _ in range(rng.randint(1, 3)):
                para = "".join(self.sentence(mechanism) for _ in range(rng.randint(3, 8)))
                paragraphs.append(para)
                size += len(para.encode("utf-8"))
            size += len(heading.encode("utf-8"))
            yield heading, paragraphs


# ---------------------------------------------------------------------------------------------- styles
def _header(doc: _Doc, rng: random.Random) -> tuple[str, str, str | None]:
    prov = doc.home.name if doc.home is not None else "湖南省"
    year = rng.randint(2016, 2024)
    title = rng.choice(TITLES).format(P=prov, y=year)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    number = None
    if rng.random() < 0.5:
        abbr = (doc.home.aliases[0][:1] if doc.home is not None and doc.home.aliases else "湘") or "湘"
        number = f"{abbr}{rng.choice(('发改振兴', '乡振发', '扶领办发', '政办发'))}〔{year}〕{rng.randint(1, 900)}号"
    return title, date, number


def render(style: str, doc: _Doc, rng: random.Random, target_bytes: int) -> str:
    """The document's text in one style (encoding is applied by the caller)."""
    title, date, number = _header(doc, rng)
    sections = list(doc.sections(target_bytes))
    source = f"{doc.home.name if doc.home else ''}乡村振兴局网站"
    if style == "html":
        lines = [
            "---",
            "layout: post",
            f'title: "{title}"',
            f"date: {date} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00 +0800",
            "categories: xiangcunzhenxing",
            "tags: 乡村振兴新闻",
            "---",
        ]
        if rng.random() < 0.3:
            lines.append(
                '<p><center><img src="https://example.org/a.jpg" alt=" " width="550" /></center></p>'
            )
        if number:
            lines.append(f"<p>{number}</p>")
        for heading, paragraphs in sections:
            lines.append(f" <p><strong>{heading}</strong></p>")
            lines += [f" <p>{p.replace('“', '&ldquo;', 1)}</p>" for p in paragraphs]
        return "\n".join(lines) + "\n"
    if style == "markdown":
        parts = ["", f"# {title}", ""]
        if number:
            parts += [number, ""]
        for heading, paragraphs in sections:
            parts += [f"## {heading}", ""]
            for p in paragraphs:
                parts += [_page_break(p, rng), ""]
        parts += [source, "", date.replace("-", "年", 1).replace("-", "月") + "日", ""]
        return "\n".join(parts)
    lines = []
    if style == "traditional":
        lines.append("首页 政策资讯")
    else:
        lines.append(f"归档时间:{date}")
    lines.append(f"{title} {number or ''}".rstrip())
    lines.append(f"编稿时间: {date} 来源: {source} 浏览量:{rng.randint(1, 999)}次")
    for heading, paragraphs in sections:
        lines.append(heading)
        lines += paragraphs
    text = "\n".join(lines) + "\n"
    if style == "traditional":
        text = _gloss(to_traditional(text).replace("，", ","), rng, rate=0.25)
    return text


def _page_break(paragraph: str, rng: random.Random) -> str:
    """Split a long paragraph where a PDF page ended: mid-word, with a blank line between."""
    if len(paragraph) < 200 or rng.random() < 0.5:
        return paragraph
    cut = rng.randint(60, len(paragraph) - 20)
    while cut < len(paragraph) - 1 and not _cjk(paragraph[cut - 1]) and not _cjk(paragraph[cut]):
        cut += 1
    return paragraph[:cut] + "\n\n" + paragraph[cut:]


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


# ---------------------------------------------------------------------------------------------- corpus
@dataclass
class CorpusStats:
    """What was written: files by style, bytes on disk, bytes of text, sentences of each kind."""

    root: Path
    documents: int = 0
    file_bytes: int = 0
    text_bytes: int = 0  # UTF-8 bytes of the text as written (before any loader normalizes it)
    styles: Counter[str] = field(default_factory=Counter)
    sentences: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


def _style_of(rng: random.Random) -> str:
    return rng.choices(list(STYLES), weights=list(STYLES.values()))[0]


def document(i: int, seed: int = 0, places: Places | None = None) -> tuple[str, str, bytes, Counter[str]]:
    """Document ``i`` of the corpus ``seed``: (relative path, style, file bytes, sentence counts)."""
    rng = random.Random(f"{seed}-{i}")
    places = places or load_places()
    doc = _Doc(places, load_reference_pairings(), rng)
    style = _style_of(rng)
    # sizes skew small, as real notices do: most 3–8 KB, a tail up to 15 KB
    target = int(min(MAX_TEXT_BYTES, max(MIN_TEXT_BYTES, rng.lognormvariate(8.7, 0.45))))
    text = render(style, doc, rng, int(target * 0.9))
    if style == "gbk":
        try:
            data = text.encode("gbk")
        except UnicodeEncodeError:  # a rare place-name character GBK lacks: GB18030 is its superset
            data = text.encode("gb18030")
    else:
        data = text.encode("utf-8")
    ext = "html" if style == "html" and rng.random() < 0.5 else "md" if style == "markdown" else "txt"
    rel = f"{i // DOCS_PER_FOLDER:03d}/{i:06d}_{style}.{ext}"
    return rel, style, data, doc.counts


def iter_corpus(n_docs: int, seed: int = 0) -> Iterator[tuple[str, str, bytes, Counter[str]]]:
    """Documents 0..n-1, one at a time."""
    places = load_places()
    for i in range(n_docs):
        yield document(i, seed, places)


def write_corpus(root: str | Path, n_docs: int, seed: int = 0) -> CorpusStats:
    """Write ``n_docs`` documents below ``root`` (created); returns what was written."""
    import time

    started = time.perf_counter()
    root = Path(root)
    stats = CorpusStats(root)
    made: set[Path] = set()
    for rel, style, data, counts in iter_corpus(n_docs, seed):
        path = root / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(data)
        stats.documents += 1
        stats.file_bytes += len(data)
        stats.text_bytes += len(data) if style != "gbk" else len(data.decode("gb18030").encode("utf-8"))
        stats.styles[style] += 1
        stats.sentences.update(counts)
    stats.seconds = time.perf_counter() - started
    return stats


def main(argv: list[str] | None = None) -> None:
    """``python -m bangfu.bench.corpus DIR --docs N [--seed S]``: write a corpus to look at."""
    import argparse

    parser = argparse.ArgumentParser(description="write the benchmark's synthetic corpus")
    parser.add_argument("dir")
    parser.add_argument("--docs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    s = write_corpus(args.dir, args.docs, args.seed)
    print(
        f"{s.documents} documents, {s.file_bytes / 1e6:.1f} MB on disk, {s.text_bytes / 1e6:.1f} MB of text "
        f"in {s.seconds:.1f} s; styles {dict(s.styles)}; sentences {dict(s.sentences)}"
    )


if __name__ == "__main__":
    main()
