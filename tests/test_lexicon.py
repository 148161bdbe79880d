"""The entity lexicons (data/lexicons) and the provincial department patterns."""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lexicon import LEXICON_FILES, Lexicon, get_lexicon, norm
from bangfu.knowledge.ontology import ENTITY_TYPES
from bangfu.knowledge.paths import data_dir

LEX_DIR = data_dir() / "lexicons"


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    return get_lexicon()


def _rows(name: str) -> list[dict[str, str]]:
    with (LEX_DIR / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _one(lex: Lexicon, surface: str):
    found = lex.lookup(surface)
    assert len(found) == 1, (surface, found)
    return found[0]


# -------------------------------------------------------------------------------------- the data
@pytest.mark.parametrize("name", [*LEXICON_FILES, "provincial_agency_patterns"])
def test_every_row_has_a_source_a_known_type_and_a_scope(name: str) -> None:
    provinces = {r.code for r in get_gazetteer().by_code.values() if r.level == "province"}
    rows = _rows(name)
    assert rows
    for r in rows:
        assert r["source"].strip(), r
        assert r["type"] in ENTITY_TYPES and r["type"] != "Region", r
        assert r["kind"], r
        if "scope" in r:
            assert r["scope"] == "national" or r["scope"] in provinces, r


def test_one_type_per_file() -> None:
    expected = {
        "agencies": "Agency",
        "organizations": "Organization",
        "universities": "Organization",
        "platforms": "Platform",
        "brands": "Brand",
        "campaigns": "Campaign",
    }
    for name, type_ in expected.items():
        assert {r["type"] for r in _rows(name)} == {type_}


def test_canonical_names_are_unique_per_type(lex: Lexicon) -> None:
    seen = defaultdict(set)
    for e in lex.all_entries():
        assert e.name not in seen[e.type], e
        seen[e.type].add(e.name)


def test_no_surface_names_two_types(lex: Lexicon) -> None:
    types = defaultdict(set)
    for surface, e in lex.surfaces():
        types[norm(surface)].add(e.type)
    clashes = {s: t for s, t in types.items() if len(t) > 1}
    assert clashes == {}


def test_no_surface_names_two_entries(lex: Lexicon) -> None:
    entries = defaultdict(set)
    for surface, e in lex.surfaces():
        entries[norm(surface)].add(e.name)
    assert {s: n for s, n in entries.items() if len(n) > 1} == {}


def test_central_bodies_are_broad() -> None:
    agencies = _rows("agencies")
    kinds = defaultdict(int)
    for r in agencies:
        kinds[r["kind"]] += 1
    assert kinds["ministry"] >= 26  # 国务院组成部门
    assert kinds["state_bureau"] >= 15  # 部委管理的国家局
    assert kinds["mass_org"] >= 10
    soes = [r for r in _rows("organizations") if r["kind"] == "soe"]
    assert len(soes) >= 97
    universities = _rows("universities")
    assert sum("教育部直属高校" in r["source"] for r in universities) >= 75


def test_central_enterprises_are_named_by_their_registered_names() -> None:
    """国家能源投资集团有限责任公司, not 国家能源集团: the short forms the press uses are aliases."""
    central = [r for r in _rows("organizations") if r["kind"] in ("soe", "financial_group", "insurer")]
    for r in central:
        registered = r["name"].endswith(("有限公司", "有限责任公司", "股份公司", "（集团）公司", "总局"))
        assert registered or r["name"] in ("中国出口信用保险公司",), r["name"]
        short = [a for a in r["aliases"].split("|") if a]
        assert r["name"] in ("中国冶金地质总局", "中国煤炭地质总局") or short, r["name"]


# ------------------------------------------------------------------------------------ look-ups
@pytest.mark.parametrize(
    "surface, name, type_",
    [
        ("国家发展和改革委员会", "国家发展改革委", "Agency"),
        ("国家发改委", "国家发展改革委", "Agency"),
        ("广电总局", "国家广播电视总局", "Agency"),
        ("工信部", "工业和信息化部", "Agency"),
        ("住建部", "住房和城乡建设部", "Agency"),
        ("国务院扶贫开发领导小组办公室", "国务院扶贫办", "Agency"),
        ("国家乡村振兴局", "国家乡村振兴局", "Agency"),
        ("中华全国妇女联合会", "全国妇联", "Agency"),
        ("全国供销合作总社", "中华全国供销合作总社", "Agency"),
        ("中央网信办", "中央网信办", "Agency"),
        ("中国残联", "中国残联", "Agency"),
        ("工商银行", "中国工商银行", "Organization"),
        ("工行", "中国工商银行", "Organization"),
        ("联通集团", "中国联合网络通信集团有限公司", "Organization"),
        ("中国供销电子商务公司", "中国供销电子商务有限公司", "Organization"),
        ("阿里巴巴", "阿里巴巴集团", "Organization"),
        ("国家电网", "国家电网有限公司", "Organization"),
        ("国家能源集团", "国家能源投资集团有限责任公司", "Organization"),
        ("中国华能", "中国华能集团有限公司", "Organization"),
        ("华能集团", "中国华能集团有限公司", "Organization"),
        ("中国能建", "中国能源建设集团有限公司", "Organization"),
        ("中国移动", "中国移动通信集团有限公司", "Organization"),
        ("中国石化", "中国石油化工集团有限公司", "Organization"),
        ("中石化", "中国石油化工集团有限公司", "Organization"),
        ("北大", "北京大学", "Organization"),
        ("中国地质大学(武汉)", "中国地质大学（武汉）", "Organization"),
        ("美团优选", "美团优选", "Platform"),
        ("盒马鲜生", "盒马", "Platform"),
        ("脱贫地区农副产品网络销售平台", "832平台", "Platform"),
        ("交通部", "交通运输部", "Agency"),
        ("中联部", "中央对外联络部", "Agency"),
        ("九三学社中央", "九三学社中央", "Agency"),
        ("淘宝网", "淘宝", "Platform"),
        ("天猫商城", "天猫", "Platform"),
        ("抖音电商", "抖音", "Platform"),
        ("扶贫832", "832平台", "Platform"),
        ("“832”平台", "832平台", "Platform"),
        ("“扶贫832”销售平台", "832平台", "Platform"),
        ("芒果扶贫云超市", "芒果云超市", "Platform"),
        ("“江苏工会”APP", "江苏工会APP", "Platform"),
        ("湖南消费帮扶公共服务平台", "湖南省消费扶贫公共服务平台", "Platform"),
        ("“潇湘”茶", "潇湘茶", "Brand"),
        ("宁夏枸杞", "宁夏枸杞", "Brand"),
        ("消费帮扶新春行动", "消费帮扶新春行动", "Campaign"),
        # provincial departments, generated for every province
        ("湖南省卫健委", "湖南省卫生健康委员会", "Agency"),
        ("湖南省发展和改革委员会", "湖南省发展改革委", "Agency"),
        ("湖南省妇女联合会", "湖南省妇联", "Agency"),
        ("共青团湖南省委", "共青团湖南省委", "Agency"),
        ("甘肃省教育厅", "甘肃省教育厅", "Agency"),
        ("广西壮族自治区商务厅", "广西壮族自治区商务厅", "Agency"),
        ("北京市发改委", "北京市发展改革委", "Agency"),
    ],
)
def test_lookup(lex: Lexicon, surface: str, name: str, type_: str) -> None:
    e = _one(lex, surface)
    assert (e.name, e.type) == (name, type_)


def test_lookup_ignores_quotes_spaces_and_width(lex: Lexicon) -> None:
    assert _one(lex, " 天猫 ").name == "天猫"
    assert _one(lex, "江苏工会ＡＰＰ").name == "江苏工会APP"
    assert lex.lookup("不存在的单位") == []


def test_surfaces_include_quoted_and_plain_forms(lex: Lexicon) -> None:
    by_surface = {s: e.name for s, e in lex.surfaces()}
    assert by_surface["“832”平台"] == "832平台"
    assert by_surface["832平台"] == "832平台"
    assert by_surface["湖南省卫健委"] == "湖南省卫生健康委员会"


def test_scope(lex: Lexicon) -> None:
    assert _one(lex, "湘农荟").scope == "430000"
    assert _one(lex, "淘宝").scope == "national"
    assert _one(lex, "湖南省教育厅").scope == "430000"


# ------------------------------------------------------------------------ provincial departments
@pytest.fixture(scope="module")
def hunan():
    return get_gazetteer().by_code["430000"]


@pytest.mark.parametrize(
    "surface, name",
    [
        ("省教育厅", "湖南省教育厅"),
        ("教育厅", "湖南省教育厅"),  # only provinces have a 教育厅
        ("湖南省教育厅", "湖南省教育厅"),
        ("湖南教育厅", "湖南省教育厅"),
        ("省卫健委", "湖南省卫生健康委员会"),
        ("省卫生健康委", "湖南省卫生健康委员会"),
        ("省发改委", "湖南省发展改革委"),
        ("省发展和改革委员会", "湖南省发展改革委"),
        ("团省委", "共青团湖南省委"),
        ("省妇联", "湖南省妇联"),
        ("省扶贫办", "湖南省扶贫办"),
        ("省扶贫开发领导小组办公室", "湖南省扶贫办"),
        ("省直机关工委", "湖南省直机关工委"),
        ("省国资委", "湖南省国资委"),
        ("省工商联", "湖南省工商联"),
        ("省总工会", "湖南省总工会"),
        ("省乡村振兴局", "湖南省乡村振兴局"),
        ("省商务厅", "湖南省商务厅"),
        ("省财政厅", "湖南省财政厅"),
        ("省政府", "湖南省人民政府"),
    ],
)
def test_qualify_in_a_hunan_document(lex: Lexicon, hunan, surface: str, name: str) -> None:
    e = lex.qualify(surface, hunan)
    assert e is not None and e.name == name and e.type == "Agency" and e.scope == "430000"


@pytest.mark.parametrize(
    "surface", ["扶贫办", "妇联", "发改委", "总工会", "国资委", "市扶贫办", "县教育局", "省"]
)
def test_qualify_refuses_what_a_city_or_county_may_have(lex: Lexicon, hunan, surface: str) -> None:
    assert lex.qualify(surface, hunan) is None


def test_qualify_other_provinces(lex: Lexicon) -> None:
    gaz = get_gazetteer()
    guangxi, beijing, longshan = gaz.by_code["450000"], gaz.by_code["110000"], gaz.by_code["433130"]
    assert lex.qualify("自治区教育厅", guangxi).name == "广西壮族自治区教育厅"
    assert lex.qualify("团省委", guangxi) is None  # a 自治区 has a 团区委
    assert lex.qualify("市发改委", beijing).name == "北京市发展改革委"
    assert lex.qualify("教育厅", beijing) is None  # municipalities have a 教委, not a 教育厅
    assert lex.qualify("省教育厅", longshan).name == "湖南省教育厅"  # a county's province


def test_provincial_stems(lex: Lexicon) -> None:
    stems = set(lex.provincial_stems())
    assert {"省教育厅", "教育厅", "团省委", "省卫健委", "省扶贫办", "自治区商务厅", "省直机关工委"} <= stems
    assert not {"扶贫办", "妇联", "发改委"} & stems  # also a city's or a county's
    assert all(len(s) >= 2 for s in stems)


def test_provincial_departments_exist_for_every_province(lex: Lexicon) -> None:
    by_scope = defaultdict(set)
    for e in lex.all_entries():
        if e.scope != "national" and e.kind == "department":
            by_scope[e.scope].add(e.name)
    provinces = [r for r in get_gazetteer().by_code.values() if r.level == "province"]
    assert len(by_scope) == len(provinces) - 3  # not 台湾, 香港, 澳门
    assert "新疆维吾尔自治区卫生健康委员会" in by_scope["650000"]


# ------------------------------------------------------------------------------------- loading
def test_cached(lex: Lexicon) -> None:
    assert get_lexicon() is lex  # loaded once per process (its load time: bangfu/bench/load_bench.py)


def test_unknown_type_is_refused(tmp_path) -> None:
    for name in (*LEXICON_FILES, "provincial_agency_patterns"):
        (tmp_path / f"{name}.csv").write_text(
            (LEX_DIR / f"{name}.csv").read_text(encoding="utf-8"), encoding="utf-8"
        )
    with (tmp_path / "brands.csv").open("a", encoding="utf-8") as f:
        f.write("某品牌,Product,,national,public_brand,test\n")
    with pytest.raises(ValueError, match="unknown type"):
        Lexicon(tmp_path)
