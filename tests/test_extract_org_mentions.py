"""Helpers that are organisations and platforms are found as entities, with their canonical names.

Sentences of our own: central enterprises by their short names, units named after their parents,
universities, ministries, banks and branches, chambers, zones, platforms, the unit behind a 第一书记 —
and the descriptions that must stay no entity (有关企业, 爱心企业, 农村电商, 这家公司).
"""

from __future__ import annotations

import pytest
from extract_helpers import assists, extract

from loaders.extract.org_names import find_org_names
from loaders.extract.patterns import find_pattern_names


def _entities(text: str, types: tuple[str, ...] = ("Organization", "Agency", "Platform")) -> dict:
    """name → (type, aliases) of the entities of those types the extraction finds in ``text``."""
    return {e.name: (e.type, sorted(e.aliases)) for e in extract(text).entities if e.type in types}


# ------------------------------------------------------------------------- central enterprises
@pytest.mark.parametrize(
    "text, name, written",
    [
        ("国家能源集团今年在山区县新建了光伏电站。", "国家能源投资集团有限责任公司", "国家能源集团"),
        ("中国华能派出干部驻县挂职。", "中国华能集团有限公司", "中国华能"),
        ("华能集团捐资修建乡村小学。", "中国华能集团有限公司", "华能集团"),
        ("中国能建把帮扶资金用在产业上。", "中国能源建设集团有限公司", "中国能建"),
        ("中国移动为偏远村庄架设基站。", "中国移动通信集团有限公司", "中国移动"),
        ("中石化的加油站里卖起了当地土特产。", "中国石油化工集团有限公司", "中石化"),
        ("国家电网公司连续多年选派挂职干部。", "国家电网有限公司", "国家电网公司"),
    ],
)
def test_central_enterprises_by_their_short_names(text: str, name: str, written: str) -> None:
    found = _entities(text)
    assert found[name][0] == "Organization"
    assert written in found[name][1]


def test_a_short_name_read_inside_a_common_word_is_no_enterprise() -> None:
    # 全国网上… holds 国网, 集中核查 holds 中核, 中国电子商务 holds 中国电子: none names a company
    found = _entities("全国网上销售渠道集中核查后，中国电子商务发展报告发布。")
    assert found == {}


# ---------------------------------------------------------------------- units under a parent
@pytest.mark.parametrize(
    "text, name",
    [
        ("记者联系上中国石化湖北石油分公司，该公司表示将继续采购。", "中国石化湖北石油分公司"),
        (
            "集团指定中国水利水电建设工程咨询集团西南勘测设计研究院有限公司负责规划。",
            "中国水利水电建设工程咨询集团西南勘测设计研究院有限公司",
        ),
        ("清华大学公共管理学院的师生来到村里调研。", "清华大学公共管理学院"),
        ("中国移动通信集团湖南有限公司发布了帮扶成果。", "中国移动通信集团湖南有限公司"),
    ],
)
def test_a_unit_keeps_its_whole_name(text: str, name: str) -> None:
    found = _entities(text)
    assert name in found and found[name][0] == "Organization"


def test_a_unit_name_does_not_swallow_the_sentence_before_it() -> None:
    names = {n.surface for n in find_org_names("今年他主动对接中国石化湖北石油分公司。")}
    assert names == {"中国石化湖北石油分公司"}


# ------------------------------------------------------------------------------------- banks
def test_a_branch_written_with_the_bank_short_name_reads_the_bank_name() -> None:
    found = _entities("农行株洲分行与建行岳阳分行各帮一个村。")
    assert found["中国农业银行株洲分行"] == ("Organization", ["农行株洲分行"])
    assert found["中国建设银行岳阳分行"] == ("Organization", ["建行岳阳分行"])


def test_a_branch_of_the_central_bank_is_an_agency() -> None:
    found = _entities("人民银行衡阳市中心支行组织金融机构对接农户。")
    assert found["中国人民银行衡阳市中心支行"][0] == "Agency"


@pytest.mark.parametrize(
    "text, name",
    [
        ("长沙银行为茶农发放贴息贷款。", "长沙银行"),
        ("浏阳农商银行与三个村结成对子。", "浏阳农商银行"),
        ("醴陵农村商业银行推出助农贷款。", "醴陵农村商业银行"),
        ("岳阳县农村信用合作联社设立服务点。", "岳阳县农村信用合作联社"),
        ("中国工商银行长沙韶山路支行开展金融知识宣传。", "中国工商银行长沙韶山路支行"),
    ],
)
def test_banks_and_branches_by_their_shape(text: str, name: str) -> None:
    assert name in _entities(text)


@pytest.mark.parametrize("text", ["银行业金融机构加大信贷投放。", "村民办了银行卡。", "全省十大银行参与。"])
def test_bank_words_that_name_no_bank(text: str) -> None:
    assert not [n for n in find_org_names(text) if "银行" in n.surface]


# -------------------------------------------------------------------- universities, agencies
@pytest.mark.parametrize(
    "text, name",
    [
        ("北大在帮扶县开设了乡村振兴讲堂。", "北京大学"),
        ("中国地质大学(武汉)派出专家团队。", "中国地质大学（武汉）"),
        ("哈工大与县里签订了人才培养协议。", "哈尔滨工业大学"),
        ("吉首医学院的毕业生回乡行医。", "吉首医学院"),
    ],
)
def test_universities(text: str, name: str) -> None:
    assert _entities(text)[name][0] == "Organization"


def test_a_university_word_in_a_common_phrase_is_no_university() -> None:
    assert not find_org_names("一位刚毕业的大学生回到家乡创业，大学城里也在招聘。")


@pytest.mark.parametrize(
    "text, name",
    [
        ("国家发展和改革委员会派员督导。", "国家发展改革委"),
        ("原农业部在当地建设了示范基地。", "农业农村部"),
        ("中联部的同志到村里走访。", "中央对外联络部"),
        ("九三学社中央组织专家义诊。", "九三学社中央"),
        ("中国贸促会举办了对接会。", "中国贸促会"),
    ],
)
def test_central_agencies_with_their_short_and_old_names(text: str, name: str) -> None:
    assert _entities(text)[name][0] == "Agency"


def test_a_local_party_department_written_with_its_place() -> None:
    found = _entities("中共衡阳市雁峰区委统战部组织企业家座谈。")
    assert found["衡阳市雁峰区委统战部"] == ("Agency", ["中共衡阳市雁峰区委统战部"])
    assert not _entities("区委统战部组织企业家座谈。")  # whose 区委: the text's own district, unknown here


def test_a_municipality_district_department_is_named_with_its_municipality() -> None:
    # written short and in full, one body: 北辰区 alone would not say which city's
    found = _entities("北辰区委组织部与天津市北辰区委组织部是同一个部门。")
    assert list(found) == ["天津市北辰区委组织部"]
    assert found["天津市北辰区委组织部"][1] == ["北辰区委组织部", "天津市北辰区委组织部"]


# --------------------------------------------------------- chambers, utilities, press, others
@pytest.mark.parametrize(
    "text, name",
    [
        ("醴陵市总商会号召会员企业认购茶叶。", "醴陵市总商会"),
        ("湖南省浙江商会组织会员到村考察。", "湖南省浙江商会"),
        ("株洲市工商联牵头组织民营企业。", "株洲市工商联"),
        ("国网浏阳市供电公司为村里改造了电网。", "国网浏阳市供电公司"),
        ("衡阳日报社开设了助农专栏。", "衡阳日报社"),
        ("湖南日报报业集团的记者随队采访。", "湖南日报报业集团"),
        ("四川航空公司开通了直达航线。", "四川航空公司"),
        ("湘潭市中心医院派出医疗队。", "湘潭市中心医院"),
        ("长沙市望城区鑫达食品有限公司收购了村里的辣椒。", "长沙市望城区鑫达食品有限公司"),
        ("京东物流(湖南)有限公司在县城建了仓库。", "京东物流(湖南)有限公司"),
    ],
)
def test_organisations_by_their_shape(text: str, name: str) -> None:
    assert _entities(text)[name][0] == "Organization"


def test_a_province_before_a_city_is_not_part_of_the_canonical_name() -> None:
    found = _entities("湖南省株洲市工商联与两个村结对。")
    assert found["株洲市工商联"] == ("Organization", ["湖南省株洲市工商联"])
    # 广东 + 潮州 (a city of 广东) drops its province; 湖南 + 潮州 is a company's 字号 and stays
    assert "湖南潮州菜餐饮有限公司" in _entities("湖南潮州菜餐饮有限公司开业。")


# ------------------------------------------------------------------------------------ zones
@pytest.mark.parametrize(
    "text, name",
    [
        ("长沙高新区对口帮扶一个西部县。", "长沙高新区"),
        ("株洲经开区与西部一个县结对。", "株洲经开区"),
        ("湘潭高新技术产业开发区派出干部。", "湘潭高新技术产业开发区"),
        ("岳阳经济技术开发区组织企业招聘。", "岳阳经济技术开发区"),
    ],
)
def test_a_development_zone_is_an_entity_of_its_own(text: str, name: str) -> None:
    assert _entities(text)[name][0] == "Organization"


def test_a_zone_helps_in_its_own_name_not_its_city() -> None:
    ext = extract("长沙高新区对口帮扶龙山县。")
    assert not [pair for pair in assists(ext) if pair[0] == "430100"]  # 长沙市 is not the helper


def test_generic_zone_words_are_no_zone() -> None:
    assert not find_org_names("各地开发区和两市共建产业园区加快建设，株洲市产业园区也在招商。")
    # 新建 here is the verb, not 南昌市新建区
    assert not find_org_names("公司出资建设产业园区，还新建农业产业园区。")


# ------------------------------------------------------------------------------ 第一书记, 工作队
def test_the_unit_that_posts_a_first_secretary_or_a_work_team() -> None:
    found = _entities("衡阳市人社局派驻石桥村第一书记，湘潭县农业农村局驻村工作队也到了。")
    assert found["衡阳市人社局"][0] == "Agency"
    assert found["湘潭县农业农村局"][0] == "Agency"


def test_a_posting_without_its_unit_names_no_unit() -> None:
    assert not _entities("有关单位派驻第一书记，县委组织部选派工作队。")


# -------------------------------------------------------------------------------- platforms
@pytest.mark.parametrize(
    "text, name",
    [
        ("美团优选上线了县里的特色农产品。", "美团优选"),
        ("盒马鲜生门店开卖山区土鸡蛋。", "盒马"),
        ("脱贫地区农副产品网络销售平台的订单持续增长。", "832平台"),
        ("县长走进快手直播间推介脐橙。", "快手"),
    ],
)
def test_platforms(text: str, name: str) -> None:
    assert _entities(text, ("Platform",))[name][0] == "Platform"


def test_a_box_company_with_its_bracketed_country_is_one_organisation() -> None:
    found = _entities("盒马（中国）有限公司与合作社签订了采购协议。")
    assert "盒马（中国）有限公司" in found


# ------------------------------------------------------------------------------- negatives
@pytest.mark.parametrize(
    "text",
    [
        "有关企业和爱心企业积极参与帮扶。",
        "各帮扶单位要落实责任。",
        "农村电商发展迅速，电商企业纷纷入驻。",
        "这家公司去年招收了二十名脱贫劳动力。",
        "据该公司负责人介绍，订单已排到年底。",
        "6家省级电力公司派出了技术人员。",
        "金华公司的员工也来了。",
        "村民合作社与家家合作社都分到了红利。",
        "纺织科技有限公司的厂房已经建成。",
        "一所人民医院和一所学校医院都在扩建。",
    ],
)
def test_descriptions_are_no_organisation(text: str) -> None:
    assert _entities(text) == {}, text


def test_pattern_names_give_their_canonical_name_and_surface() -> None:
    found = {(p.name, p.surface, p.type) for p in find_pattern_names("交行常德分行在村里设立金融服务站。")}
    assert ("交通银行常德分行", "交行常德分行", "Organization") in found
