"""ASSISTS patterns, one family at a time, in sentences written for these tests (not the samples)."""

from __future__ import annotations

from extract_helpers import assists, extract

HUNAN = "湖南省关于做好对口帮扶工作的通知"


def test_directed_with_parent_chain():
    ext = extract("岳阳市对口帮扶湘西州保靖县，双方签订了产业合作协议。", title=HUNAN)
    assert assists(ext) == {("430600", "433125")}
    rel = next(r for r in ext.relations if r.type == "ASSISTS")
    assert rel.mechanism == "对口帮扶" and rel.inferred is False and rel.status == "current"


def test_respectively_pairs_in_order():
    ext = extract("株洲市、湘潭市分别对口帮扶泸溪县、永顺县。", title=HUNAN)
    assert assists(ext) == {("430200", "433122"), ("430300", "433127")}


def test_many_to_many_without_respectively_is_not_paired_crosswise():
    # no 分别 and no official pairing between these: the text does not say who helps whom
    ext = extract("益阳市、郴州市对口帮扶凤凰县、吉首市。", title=HUNAN)
    assert assists(ext) == set()


def test_many_to_many_without_respectively_keeps_only_the_official_pairs():
    # 株洲→泸溪 and 湘潭→永顺 are on the official list; the crosswise pairs are not invented
    ext = extract("株洲市、湘潭市对口帮扶泸溪县、永顺县。", title=HUNAN)
    assert assists(ext) == {("430200", "433122"), ("430300", "433127")}
    assert all(r.inferred for r in ext.relations if r.type == "ASSISTS")


def test_one_helper_many_helped():
    ext = extract("长沙市对口帮扶龙山县和古丈县。", title=HUNAN)
    assert assists(ext) == {("430100", "433130"), ("430100", "433126")}


def test_passive_helped_first():
    ext = extract("花垣县由长沙县结对帮扶，两地往来频繁。", title=HUNAN)
    assert assists(ext) == {("430121", "433124")}


def test_symmetric_direction_inferred_from_designation_list():
    ext = extract("推动常德市与桑植县建立对口帮扶关系。", title=HUNAN)
    assert assists(ext) == {("430700", "430822")}
    rel = next(r for r in ext.relations if r.type == "ASSISTS")
    assert rel.inferred is True


def test_symmetric_without_a_deciding_role_is_not_guessed():
    ext = extract("推动长沙市与株洲市建立对口帮扶机制。", title=HUNAN)
    assert assists(ext) == set()


def test_symmetric_needs_a_pairing_mechanism():
    ext = extract("推动常德市与桑植县建立长期稳定的供销关系。", title=HUNAN)
    assert assists(ext) == set()


def test_heading_sets_the_mechanism_for_symmetric_wording():
    text = "三、东西部协作\n推动恩施州与杭州市企业建立长期稳定的供销关系。"
    ext = extract(text)
    assert assists(ext) == {("330100", "422800")}
    assert next(r for r in ext.relations if r.type == "ASSISTS").mechanism == "东西部协作"


def test_co_subjects_official_pair_is_inferred_east_to_west():
    ext = extract("福建、宁夏联合举办特色产品推介周活动，吸引游客十万人次。")
    assert assists(ext) == {("350000", "640000")}
    assert all(r.inferred for r in ext.relations if r.type == "ASSISTS")


def test_co_subjects_not_a_pair_yield_nothing():
    ext = extract("河北、吉林鼓励各市县优先采购脱贫地区产品。")
    assert assists(ext) == set()


def test_presence_under_a_pairing_heading():
    ext = extract("二、东西部协作持续深化\n天津利用港口优势，在甘南州建设高原夏菜集散中心。")
    assert assists(ext) == {("120000", "623000")}


def test_products_sold_to_the_helper():
    ext = extract("推动贵州优质特色农产品销往广东。")
    assert assists(ext) == {("440000", "520000")}
    assert next(r for r in ext.relations if r.type == "ASSISTS").mechanism == "东西部协作"


def test_tourism_consumption_in_the_helped_place():
    ext = extract("江苏组织职工疗休养团，扩大省内职工在陕西省脱贫地区旅游消费。")
    assert assists(ext) == {("320000", "610000")}


def test_abbreviation_names_the_pairing():
    ext = extract("闽宁协作二十多年来，两地共建产业项目数百个。")
    assert assists(ext) == {("350000", "640000")}


def test_abbreviation_written_by_the_helped_side_first_is_the_same_pairing():
    # 宁夏 writes 宁闽, 云南 writes 滇沪: the direction is the programme's, not the order of the characters
    assert assists(extract("宁闽协作二十多年来，两地共建产业项目数百个。")) == {("350000", "640000")}
    assert assists(extract("滇沪协作深入推进，两地互派干部。")) == {("310000", "530000")}


def test_city_pair_abbreviation_names_the_cities_pairing():
    # 莞铜 (东莞 → 铜仁, the 2021 round): the press writes 东莞 as 莞, as in 莞城
    ext = extract("莞铜协作|石碣镇赴江口县开展结对交流活动")
    assert ("441900", "520600") in assists(ext)


def test_city_pair_abbreviation_in_a_park_name_is_not_a_pairing():
    assert assists(extract("莞铜产业园今年新入驻企业十二家。")) == set()


def test_abbreviation_in_a_place_or_park_name_is_not_a_pairing():
    ext = extract("游客在闽宁镇参观葡萄酒庄，闽宁产业园同日开园。")
    assert assists(ext) == set()


def test_plan_and_past_are_kept_with_status():
    ext = extract("湘潭市曾对口帮扶永顺县。衡阳市将对口帮扶永顺县。", title=HUNAN)
    assert assists(ext, "past") == {("430300", "433127")}
    assert assists(ext, "planned") == {("430400", "433127")}
    assert assists(ext, "current") == set()


def test_negation_yields_nothing():
    ext = extract("岳阳市未对口帮扶龙山县。", title=HUNAN)
    assert assists(ext) == set()


def test_delegation_visit_is_not_assistance():
    ext = extract("长沙市党政代表团赴龙山县考察对口帮扶工作。", title=HUNAN)
    assert assists(ext) == set()


def test_friendship_is_not_assistance():
    ext = extract("苏州市与铜仁市建立友好城市关系，开展协作交流。")
    assert assists(ext) == set()


def test_counted_helped_side_is_a_group_fact():
    ext = extract("六是开展携手奔小康行动。推动岳阳5个县市区对5个贫困县开展结对帮扶。", title=HUNAN)
    assert assists(ext) == set()
    assert [(g.helper, g.helped) for g in ext.groups] == [("region:430600", "5个贫困县")]


def test_unnamed_helped_side_is_a_group_fact():
    ext = extract("浙江组织机关食堂优先采购对口支援地区农副产品。")
    assert [(g.helper, g.helped, g.mechanism) for g in ext.groups] == [
        ("region:330000", "对口支援地区", "对口支援")
    ]


def test_non_region_helper_designated_assistance():
    ext = extract("中国工商银行定点帮扶四川省通江县，捐赠帮扶资金2000万元。")
    assert assists(ext) == {("中国工商银行", "511921")}
    assert next(r for r in ext.relations if r.type == "ASSISTS").mechanism == "定点帮扶"


def test_own_province_behind_wo_sheng():
    ext = extract(
        "我省长沙市对口帮扶古丈县。我省与江苏省建立劳务协作机制。", title="湖南省乡村振兴局工作简报"
    )
    assert ("430100", "433126") in assists(ext)


def test_symmetric_with_province_prefixes_on_both_sides():
    ext = extract("2021年以来，山东省济南市与甘肃省临夏州深化东西部协作，签订协作协议。")
    assert assists(ext) == {("370100", "622900")}


def test_helped_is_the_target_of_a_pairing():
    ext = extract("龙山县是长沙市对口帮扶县，两地交流密切。", title=HUNAN)
    assert assists(ext) == {("430100", "433130")}


def test_pairing_that_ended_and_its_replacement():
    ext = extract("2021年起，湘潭市不再对口帮扶永顺县，永顺县改由衡阳市对口帮扶。", title=HUNAN)
    assert assists(ext, "past") == {("430300", "433127")}
    assert assists(ext, "current") == {("430400", "433127")}


def test_county_to_county_under_xieshou():
    ext = extract("广东省佛山市南海区与四川省凉山州布拖县开展携手奔小康行动。")
    assert assists(ext) == {("440605", "513429")}
    assert next(r for r in ext.relations if r.type == "ASSISTS").mechanism == "携手奔小康"


def test_energy_flow_is_not_assistance():
    ext = extract("贵州向广东输送电力，支援广东经济发展。")
    assert assists(ext) == set()


def test_continuing_pairing_is_current_not_planned():
    ext = extract("长沙市将继续对口帮扶龙山县。", title=HUNAN)
    assert assists(ext, "current") == {("430100", "433130")}


def test_comma_separated_statements_do_not_chain_into_lists():
    ext = extract("福州市对口帮扶固原市，厦门市对口帮扶临夏州，泉州市与固原市原州区结对。")
    pairs = assists(ext)
    assert {("350100", "640400"), ("350200", "622900")} <= pairs
    assert ("350100", "350200") not in pairs  # 厦门市 is the next statement's helper, not a helped place


def test_symmetric_pairing_with_a_list_on_the_other_side():
    ext = extract("东西部协作方面，北京市与内蒙古自治区、河北省张家口市等地深化协作。")
    assert {("110000", "150000"), ("110000", "130700")} <= assists(ext)


def test_unit_and_places_signing_an_agreement_unit_helps():
    ext = extract("国家电网公司与湖北省长阳县、巴东县签订帮扶协议。")
    assert assists(ext) == {("国家电网有限公司", "422823"), ("国家电网有限公司", "420528")}


def test_helped_first_with_a_bank_branch():
    ext = extract("龙山县与中国工商银行湖南省分行签订结对帮扶协议。")
    assert assists(ext) == {("中国工商银行湖南省分行", "433130")}


def test_township_pairing_below_counties():
    ext = extract("长沙市岳麓区与龙山县里耶镇建立镇镇结对关系。", title=HUNAN)
    assert assists(ext) == {("430104", "里耶镇")}
    assert next(r for r in ext.relations if r.type == "ASSISTS").mechanism == "结对帮扶"


def test_own_county_behind_wo_xian_from_the_source_line():
    from extract_helpers import doc_from_text

    from loaders.extract.pipeline import extract_document

    doc = doc_from_text("会议指出，济南市长清区与我县结对帮扶以来，累计投入帮扶资金1.2亿元。")
    doc.source = "湖南省龙山县人民政府"
    ext = extract_document(doc)
    assert assists(ext) == {("370113", "433130")}


def test_dui_form_helper_before_dui():
    ext = extract("杭州市对恩施州开展全方位对口帮扶，援建项目120个。")
    assert assists(ext) == {("330100", "422800")}


def test_target_of_with_de():
    ext = extract("保靖县是岳阳市的对口帮扶县。", title=HUNAN)
    assert assists(ext) == {("430600", "433125")}


def test_zone_named_after_a_pairing_is_not_a_pairing():
    ext = extract("粤桂合作特别试验区今年新签约项目30个。")
    assert assists(ext) == set()


def test_passive_with_a_province_prefixed_helper():
    ext = extract("2021年起，宝鸡市由江苏省盐城市结对帮扶。")
    assert assists(ext) == {("320900", "610300")}


def test_plan_for_next_year():
    ext = extract("常州市计划明年对口帮扶榆林市横山区。")
    assert assists(ext, "planned") == {("320400", "610803")}


def test_example_is_not_a_fact():
    ext = extract("例如，无锡市对口帮扶铜川市，带动了当地产业发展。")
    assert assists(ext) == set()


def test_abbreviation_in_a_title():
    ext = extract("苏陕协作谱新篇\n两省持续深化合作。")
    assert assists(ext) == {("320000", "610000")}


def test_counted_districts_to_counted_counties_is_a_group():
    ext = extract("上海市对口帮扶云南省，上海市16个区结对帮扶云南省74个贫困县。")
    assert assists(ext) == {("310000", "530000")}
    assert [(g.helper, g.helped, g.mechanism) for g in ext.groups] == [
        ("region:310000", "云南省74个贫困县", "结对帮扶")
    ]


def test_pairs_listed_with_dashes_under_a_pairing_heading():
    ext = extract(
        "二、省内对口帮扶关系\n长沙市—龙山县；株洲市—泸溪县；\n三、工作要求\n长沙市—株洲市城际铁路开通。",
        title=HUNAN,
    )
    assert assists(ext) == {("430100", "433130"), ("430200", "433122")}
    assert all(r.inferred for r in ext.relations if r.type == "ASSISTS")


def test_table_rows_under_a_pairing_heading():
    ext = extract("东西部协作结对关系\n帮扶方\t受援方\n杭州市\t恩施州\n宁波市\t延边州")
    assert assists(ext) == {("330100", "422800"), ("330200", "222400")}


def test_replacement_helper_takes_over_the_place_just_named():
    ext = extract("原由湘潭市对口帮扶的永顺县，调整为衡阳市对口帮扶。", title=HUNAN)
    assert assists(ext, "past") == {("430300", "433127")}
    assert assists(ext, "current") == {("430400", "433127")}
