"""Resolution rules: context decides ambiguous names; what nothing decides is reported, not guessed."""

from __future__ import annotations

from extract_helpers import codes_of, extract


def _region_codes(ext) -> set[str]:
    return {e.code for e in ext.entities if e.type == "Region" and e.code}


def test_short_county_name_in_its_home_province():
    ext = extract("湖南省各地积极组织采购，龙山百合、安化黑茶销量大增。", title="湖南省消费帮扶工作情况")
    assert {"433130", "430923"} <= _region_codes(ext)
    assert "220402" not in _region_codes(ext)  # 龙山区 in 辽源, Jilin


def test_ambiguous_short_name_resolved_by_the_documents_province():
    ext = extract(
        "吉林省辽源市积极开展消费帮扶。龙山区组织企业参加展销会。", title="吉林省辽源市消费帮扶简报"
    )
    assert "220402" in _region_codes(ext)
    assert "433130" not in _region_codes(ext)


def test_short_county_name_without_context_is_reported_not_guessed():
    ext = extract("本报记者 安宁 报道：各地积极开展消费帮扶活动。")
    assert "530181" not in _region_codes(ext)  # 安宁市, Yunnan: here a reporter's name
    assert any(u["surface"] == "安宁" for u in ext.unresolved)


def test_province_then_county_chain():
    ext = extract("天猫推介了吉林汪清、河北灵寿的特色农产品。")
    assert {"222424", "130126", "220000", "130000"} <= _region_codes(ext)


def test_prefecture_abbreviation_with_zhou():
    ext = extract("恩施州积极推进东西部协作。")
    assert "422800" in _region_codes(ext)


def test_provincial_department_qualified_by_home_province():
    ext = extract("省教育厅、团省委联合开展直播助农活动。", title="湖南省消费帮扶新春行动")
    names = {e.name for e in ext.entities if e.type == "Agency"}
    assert "湖南省教育厅" in names
    assert "共青团湖南省委" in names


def test_provincial_department_without_home_is_reported():
    ext = extract("省教育厅组织高校开展采购。")
    assert not any(e.type == "Agency" and e.name.endswith("教育厅") for e in ext.entities)
    assert any("教育厅" in u["surface"] for u in ext.unresolved)


def test_doc_number_abbreviation_sets_home_province():
    ext = extract("省商务厅牵头开展网上年货节。", doc_number="鄂商务发〔2022〕3号")
    assert "湖北省商务厅" in {e.name for e in ext.entities if e.type == "Agency"}


def test_village_below_the_county_that_precedes_it():
    ext = extract("芒果云超市走进安化县茶乡花海社区开展直播。", title="湖南省消费帮扶")
    place = [e for e in ext.entities if e.type == "Region" and e.level == "village"]
    assert [(p.name, p.parent) for p in place] == [("茶乡花海社区", "region:430923")]


def test_lexicon_alias_links_to_canonical_name():
    ext = extract("各级预算单位在扶贫832平台采购农副产品，芒果扶贫云超市同步上线。")
    names = {e.name for e in ext.entities if e.type == "Platform"}
    assert {"832平台", "芒果云超市"} <= names
    assert [(e.name, e.aliases) for e in ext.entities] == [
        ("832平台", ["扶贫832"]),
        ("芒果云超市", ["芒果扶贫云超市"]),
    ]
    assert codes_of(ext) == {}  # no place is read into the platforms' names


def test_pattern_finds_unknown_platform_and_brand():
    ext = extract(
        "县农业农村局依托“武陵优品”平台，推广“龙山百合”等区域公用品牌。", title="湖南省龙山县工作简报"
    )
    by_type = {(e.type, e.name) for e in ext.entities}
    assert ("Platform", "武陵优品") in by_type
    assert ("Brand", "龙山百合") in by_type


def test_words_that_hold_a_place_name_are_not_places():
    ext = extract("推进易地扶贫搬迁安置区建设，创建乡村振兴示范县。")
    assert _region_codes(ext) == set()


def test_one_character_province_abbreviation_only_in_its_contexts():
    ext = extract("浙江组织“送客入川”旅游包机。川菜馆生意兴隆。")
    sichuan = [e for e in ext.entities if e.code == "510000"]
    assert len(sichuan) == 1 and sichuan[0].aliases == ["川"]


def test_pattern_organisation_written_short_is_qualified_and_generic_ones_dropped():
    ext = extract(
        "由省市场营销协会牵头评选优质农产品。鼓励家乡籍商会组织会员采购。请工商、建设、农业等十大银行开设消费帮扶专区。",
        title="湖南省农产品展销活动方案",
    )
    assert [(e.name, e.aliases) for e in ext.entities if e.type == "Organization"] == [
        ("湖南省市场营销协会", ["省市场营销协会"])
    ]
