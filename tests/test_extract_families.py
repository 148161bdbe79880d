"""Relation families for real-document wording, each with sentences written for these tests.

Codes: 320000 江苏省, 320200 无锡市, 410000 河南省, 652900 阿克苏地区, 650500 哈密市, 654000 伊犁州,
654300 阿勒泰地区, 654200 塔城地区, 654003 奎屯市, 310000 上海市, 310114 嘉定区, 310113 宝山区,
500101 万州区, 653000 克州, 653023 阿合奇县.
"""

from __future__ import annotations

import pytest
from extract_helpers import assists, extract

from loaders.extract.patterns import find_pattern_names


# ---------------------------------------------------------------------------------- topic subject
def test_the_topic_of_earlier_clauses_is_the_helper_of_a_later_cue():
    ext = extract("根据中央安排，江苏作为较早承担任务的省份之一，负责对口支援伊犁州和奎屯市。")
    assert assists(ext) == {("320000", "654000"), ("320000", "654003")}


def test_a_list_inside_an_adjunct_does_not_stand_between_the_topic_and_its_clause():
    # 按照省委、省政府部署: 省政府 is read in that phrase, not as an actor; 350800 龙岩市, 350200 厦门市
    text = (
        "近年来，龙岩市认真按照省委、省政府部署要求，聚焦山区特色，与厦门开展多领域协作，共建山海协作典范。"
    )
    assert assists(extract(text)) == {("350200", "350800")}


def test_the_place_inside_a_role_after_zuowei_does_not_stand_between():
    # 深圳市作为广东省的经济特区: 广东省 is inside the role 作为 gives the topic; 440300 → 441600 河源市
    assert assists(extract("深圳市作为广东省的经济特区，对口帮扶河源市。")) == {("440300", "441600")}
    # a place opening its own clause after a role is the topic (广州市, 440100), not 深圳市
    text = "深圳市作为牵头城市，广州市对口帮扶河源市。"
    assert assists(extract(text)) == {("440100", "441600")}


def test_a_list_in_a_clause_after_the_adjunct_is_no_part_of_it():
    # 三明市、南平市 open a clause of their own after 按照省委部署，: they stand between 龙岩市 and 与厦门
    text = "近年来，龙岩市按照省委部署，三明市、南平市聚焦山区特色，与厦门开展多领域协作，共建山海协作典范。"
    assert ("350200", "350800") not in assists(extract(text))


def test_no_topic_when_another_place_stands_between():
    # 哈密市 stands between 河南省 and the cue: who 对口支援 阿克苏 is not said
    ext = extract("河南省与哈密市签署合作备忘录，明确对口支援阿克苏地区。")
    assert ("410000", "652900") not in assists(ext)


def test_topic_disagreeing_with_the_roles_table_is_dropped():
    # the subject is a western county and the cue's object an eastern city: the topic rule does not reverse roles
    ext = extract("阿合奇县多年来坚持开放发展，积极对口支援无锡市的企业招工。")
    assert ("653023", "320200") not in assists(ext)


# ---------------------------------------------------------------------------------------- changes
def test_old_and_new_pairings_of_one_helper():
    ext = extract("从2010年起，河南省由支援阿克苏地区调整为对口支援哈密市。")
    assert assists(ext, status="past") == {("410000", "652900")}
    assert assists(ext, status="current") == {("410000", "650500")}


def test_relative_clause_names_the_helpers():
    ext = extract("上海市将原对口支援重庆万州的嘉定、宝山两区调整为负责新的任务。")
    found = assists(ext)
    assert {("310114", "500101"), ("310113", "500101")} <= found
    assert ("310000", "500101") not in found
    assert assists(ext, status="past") >= {("310114", "500101"), ("310113", "500101")}  # 原: ended


# ------------------------------------------------------------------------------------------ lists
def test_a_count_inside_a_list_does_not_end_it():
    ext = extract("江苏省对口支援伊犁州、阿勒泰、塔城3个地区和奎屯市。")
    assert assists(ext) == {("320000", c) for c in ("654000", "654300", "654200", "654003")}


def test_places_listed_after_de_inside_the_named_one():
    ext = extract("无锡市对口支援克州的阿合奇县。")
    assert assists(ext) == {("320200", "653023")}


def test_programme_named_after_a_province_is_no_pairing():
    ext = extract("江苏省对口支援新疆工作前方指挥部召开会议。")
    assert assists(ext) == set()


# ------------------------------------------------------------------------------ regions in the output
def test_ancestors_of_named_places_are_listed_as_not_mentioned():
    ext = extract("衢江区对口帮扶平武县。")
    by_id = {e.id: e for e in ext.entities}
    assert by_id["region:330803"].mentioned and by_id["region:330803"].parent == "region:330800"
    assert by_id["region:330800"].mentioned is False and by_id["region:330000"].mentioned is False
    written = {e["id"]: e for e in ext.to_json()["entities"]}
    assert written["region:330800"]["mentioned"] is False and "mentioned" not in written["region:330803"]


def test_a_short_name_from_common_names():
    ext = extract("无锡市对口支援克州的阿合奇县。")
    assert assists(ext) == {("320200", "653023")}


def test_a_banner_by_the_first_character_of_each_part_of_its_name():
    # 科右前旗 = 科尔沁右翼前旗 (152221), 达茂旗 = 达尔罕茂明安联合旗 (150223); 110115 大兴区
    ext = extract("北京林业大学定点帮扶内蒙古科右前旗。")
    assert assists(ext) == {("北京林业大学", "152221")}  # not 内蒙古, the banner's address
    assert assists(extract("大兴区与达茂旗签订东西部协作结对帮扶协议。")) == {("110115", "150223")}
    assert assists(extract("北京林业大学专家赴科右前旗考察调研。")) == set()  # a visit, the banner known


# ---------------------------------------------------------------------------------------- actions
# 440300 深圳市, 451000 百色市, 451200 河池市, 120114 武清区, 620821 泾川县, 330382 乐清市, 330326 平阳县
def test_giving_toward_places_is_assistance():
    ext = extract("三年来，深圳累计向百色、河池派出挂职干部300余名，并投入帮扶资金。")
    assert assists(ext) == {("440300", "451000"), ("440300", "451200")}


def test_giving_that_is_trade_is_not_assistance():
    ext = extract("深圳每年向百色采购电子元件，向河池输送游客。")
    assert assists(ext) == set()


def test_going_to_a_place_to_help():
    ext = extract("乐清市党政代表团昨日赴平阳县开展山海协作结对帮扶活动。")
    assert assists(ext) == {("330382", "330326")}


def test_going_to_a_place_to_look_is_a_visit():
    ext = extract("乐清市党政代表团昨日赴平阳县考察调研结对帮扶工作情况。")
    assert assists(ext) == set()


def test_going_to_a_county_to_pair_companies_with_its_villages():
    # 村企结对 pairs companies with villages: the county (330328 文成县) is where the activity is held,
    # the villages it names are the helped sides
    assert assists(extract("温州市工商联一行赴文成县开展“万企兴万村”村企结对帮扶活动。")) == set()
    ext = extract("温州市工商联一行赴文成县玉壶镇东头村开展村企结对帮扶活动。")
    assert _assist_ids(ext) == {("温州市工商联", "region:330328:玉壶镇东头村")}


def test_working_in_places_under_a_programme():
    ext = extract("武清区多年来在泾川县扎实开展东西部协作帮扶工作。")
    assert assists(ext) == {("120114", "620821")}


# ------------------------------------------------------------------------------------- list pairs
# 310109 虹口区, 310105 长宁区, 632621 玛沁县, 632623 甘德县, 130821 承德县, 130881 平泉市
def test_respective_lists_pair_in_order():
    ext = extract("上海市虹口、长宁2个区分别与果洛州玛沁、甘德2个县建立结对关系。")
    assert assists(ext) == {("310109", "632621"), ("310105", "632623")}


def test_the_order_of_two_lists_wins_over_an_official_pairing_across_them():
    # 分别 pairs 宁波市 (330200) with 黔西南州 (522300); that 宁波 helps 凉山州 (513400) in another
    # round is not what this sentence says, while 温州市 (330300) → 凉山州 is
    ext = extract("杭州市、宁波市、温州市分别结对帮扶贵州省黔东南州、黔西南州和四川省凉山州。")
    assert assists(ext) == {("330100", "522600"), ("330200", "522300"), ("330300", "513400")}


def test_an_official_pairing_without_lists_in_order_still_stands():
    assert assists(extract("宁波市与凉山州深化东西部协作。")) == {("330200", "513400")}


def test_lists_of_unequal_length_are_not_paired():
    ext = extract("上海市奉贤、青浦2个区分别与果洛州甘德、达日、久治3个县建立结对关系。")
    assert assists(ext) == set()


def test_each_of_a_list_with_one_place():
    ext = extract("上海市虹口、长宁2个区分别与果洛州玛沁县建立结对关系。")
    assert assists(ext) == {("310109", "632621"), ("310105", "632621")}


def test_places_labelled_as_helped_places_of_the_one_other_place():
    # 120114 武清区; 130828 围场, 620826 静宁县
    ext = extract(
        "展会由武清区与河北省围场满族蒙古族自治县、甘肃省静宁县共同主办。展会涵盖武清区以及围场、静宁等对口帮扶地区的名优农产品。"
    )
    assert assists(ext) == {("120114", "130828"), ("120114", "620826")}


def test_tasks_then_the_places_named():
    # 440300 深圳市 with two counties of 河源 (441622 龙川县, 441623 连平县)
    ext = extract("深圳市承担了两个县的对口帮扶任务，分别为龙川县、连平县。")
    assert assists(ext) == {("440300", "441622"), ("440300", "441623")}


def test_a_bracketed_list_after_a_region_group():
    # 440500 汕头市, 441500 汕尾市
    ext = extract("深圳通过对口帮扶协作粤东地区（汕头、汕尾）推动发展。")
    assert assists(ext) == {("440300", "440500"), ("440300", "441500")}


def test_a_place_naming_an_unknown_institution_does_not_act():
    # 广西院 is an institute, not 广西壮族自治区
    ext = extract("集团指定所属广西院承担镇巴县对口帮扶工作。")
    assert not any(h == "450000" for h, _ in assists(ext))


def test_series_of_pairs_share_their_direction():
    # 宁波 and 丽水 are both eastern; the series' other pair (杭州 → 恩施) gives the direction
    ext = extract("杭州与恩施州，宁波市与丽水市结对。")
    assert assists(ext) == {("330100", "422800"), ("330200", "331100")}


def test_an_old_county_name_keeps_the_list_whole():
    # 平泉县 became 平泉市: the old suffix must not break the list
    ext = extract("东丽区、西青区分别与承德县、平泉县签署协议书。")
    assert assists(ext) == {("120110", "130821"), ("120111", "130881")}


def test_table_rows_under_a_pairing_caption():
    text = "两市区县结对帮扶安排如下\n深圳市 | 赣州市 |\n福田区 | 兴国县 |\n罗湖区 | 宁都县 |\n"
    found = assists(extract(text))
    assert {("440304", "360732"), ("440303", "360730")} <= found


def test_table_rows_without_a_pairing_caption_are_not_pairs():
    text = "两市区县人口对比\n福田区 | 兴国县 |\n罗湖区 | 宁都县 |\n"
    assert assists(extract(text)) == set()


def test_dash_rows_under_a_pairing_caption():
    # one pair a line, 杭州市—恩施州, under a caption naming the pairing (330100 → 422800, 330200 → 522300)
    text = "两市结对情况如下：\n杭州市—恩施州\n宁波市—黔西南州\n"
    assert assists(extract(text)) == {("330100", "422800"), ("330200", "522300")}


def test_dash_rows_under_a_caption_of_something_else_are_not_pairs():
    # a railway's stops, or rows that are sentences of their own under a pairing caption
    assert assists(extract("高铁线路如下：\n杭州市—恩施州\n宁波市—黔西南州\n")) == set()
    text = "两市结对情况如下：\n杭州市—恩施州的高铁今日开通\n"
    assert assists(extract(text)) == set()


def test_a_list_of_helpers_closed_by_deng_di_and_people_of_those_places():
    # A、B等地: the places of the list, 330212 鄞州区 and 330203 海曙区, help 522300 黔西南州; their
    # entrepreneurs (等地企业家) are people of those places, not the places
    found = assists(extract("宁波市鄞州区、海曙区等地对口帮扶黔西南州。"))
    assert found == {("330212", "522300"), ("330203", "522300")}
    assert not assists(extract("宁波市鄞州区、海曙区等地企业家结对帮扶黔西南州。"))


def test_a_counted_list_of_helpers_before_the_cue():
    # 320500 苏州市, 440100 广州市, 520000 贵州省
    ext = extract("国务院新增苏州、广州2个东部城市对口帮扶贵州。")
    assert assists(ext) == {("320500", "520000"), ("440100", "520000")}


# 320400 常州市, 540127 墨竹工卡县, 320200 无锡市, 654025 新源县
def test_two_places_between_which_the_programme_of_the_sentence_built_a_bond():
    # X与Y之间 closing its clause, the sentence naming its programme: the two sides of it
    ext = extract("自1998年开启对口援藏以来，常州与墨竹工卡之间，架起了一座跨越雪域的连心桥。")
    assert assists(ext) == {("320400", "540127")}
    ext = extract("对口援疆工作开展十多年来，无锡与新源县之间结下了深厚情谊。")
    assert assists(ext) == {("320200", "654025")}


def test_what_lies_between_two_places_is_no_pairing():
    # a flight, a distance, or no programme named in the sentence
    assert assists(extract("对口援藏干部返程时，常州与拉萨之间的航班每天两班。")) == set()
    assert assists(extract("常州与墨竹工卡之间，相距四千多公里。")) == set()
    assert assists(extract("对口援疆工作开展以来，无锡与新源县之间相距四千多公里。")) == set()


# 350000 福建省, 652327 吉木萨尔县, 310000 上海市, 540222 江孜县
def test_the_programme_verb_of_xinjiang_and_tibet_names_its_helped_side():
    # 对口援疆/对口援藏 written as a verb: X对口援疆Y, Y是X对口援疆的重点县
    assert assists(extract("2010年起，福建省对口援疆吉木萨尔县。")) == {("350000", "652327")}
    assert assists(extract("吉木萨尔县是福建省对口援疆的重点县。")) == {("350000", "652327")}
    assert assists(extract("上海市对口援藏江孜县已有三十年。")) == {("310000", "540222")}


def test_the_programme_as_a_noun_before_a_place_is_no_pairing():
    # 对口援疆干部 visiting, a meeting held in a place (320000 江苏省 has no official pairing with
    # 江孜县): no helped side named by the verb
    assert assists(extract("福建省对口援疆干部赴吉木萨尔县考察。")) == set()
    assert assists(extract("江苏省对口援藏工作会议在江孜县召开。")) == set()


# ------------------------------------------------------------------------------ province-internal
def test_a_province_internal_programme_gives_the_direction():
    # 440100 广州市 (珠三角) and 441400 梅州市 (粤东西北), written helped first
    ext = extract("梅州市与广州市签订全面对口帮扶协议。")
    assert assists(ext) == {("440100", "441400")}


def test_two_places_on_the_same_side_stay_undirected():
    # 440300 深圳市 and 441300 惠州市 are both 珠三角: nothing says who helps
    ext = extract("深圳市与惠州市签订对口帮扶协议。")
    assert assists(ext) == set()


def test_a_county_of_the_26_mountain_counties_is_helped_inside_zhejiang():
    # 330382 乐清市 and 330326 平阳县
    ext = extract("平阳县和乐清市结对开展山海协作工程。")
    assert assists(ext) == {("330382", "330326")}


# -------------------------------------------------------------------------------------- two-way
def test_two_province_abbreviations_and_liang_sheng():
    # 浙 330000 helps 鄂 420000 (eastern partner), written either way round
    assert assists(extract("浙鄂两省签订东西部扶贫协作协议。")) == {("330000", "420000")}
    assert assists(extract("鄂浙两省深化扶贫协作。")) == {("330000", "420000")}


def test_two_way_without_a_pairing_word_is_friendship():
    assert assists(extract("浙鄂两省交往交流日益密切。")) == set()


def test_two_names_and_liang_shi():
    # 320200 无锡市, 630200 海东市
    assert assists(extract("无锡海东两市东西部协作持续深化。")) == {("320200", "630200")}


def test_with_y_at_a_clause_start_takes_the_topic_as_x():
    # 371500 聊城市, 500243 彭水县 (named in full first)
    text = "重庆彭水苗族土家族自治县地处武陵山区。聊城始终立足彭水所需，与彭水协作共建日益紧密。"
    assert ("371500", "500243") in assists(extract(text))


def test_a_statistic_of_pairings_is_no_pairing():
    assert (
        assists(extract("全省共有企业与村结对，其中省内结对300个，与四川结对200个。", title="浙江省工商联"))
        == set()
    )


def test_idioms_holding_place_names_are_not_places():
    ext = extract("我们以真金白银投入，助力长治久安。")
    assert not any(e.code in ("620400", "140400") for e in ext.entities)


# ------------------------------------------------------------------------------------- platforms
def test_a_platform_selling_a_places_products():
    ext = extract("拼多多助农直播间里，县长为丹寨县的农产品代言。")
    helpers = {h for h, t in assists(ext) if t == "522636"}
    assert helpers == {"拼多多"}


def test_a_platform_launched_in_a_city_is_no_assistance_to_it():
    assert assists(extract("832平台在北京上线开通，各部门共同出席。")) == set()


def test_a_platform_at_a_fair_is_no_assistance():
    assert assists(extract("拼多多在博览会上推介丹寨县的农产品。")) == set()


# ------------------------------------------------------------------------ lists with notes, namesakes
def test_a_namesake_inside_a_prefecture_the_document_names():
    # 南山区: 440305 in 深圳市, 230404 in 鹤岗市; the document is about 深圳市
    text = "深圳市各区与赣州市各县结对帮扶安排如下\n深圳市 | 赣州市 |\n南山区 | 章贡区 |\n"
    assert ("440305", "360702") in assists(extract(text))


def test_bracketed_notes_inside_a_list():
    # 440100 广州市 with 梅州市 441400 (粤东西北) and 清远市 441800, each with a note
    ext = extract("广州市则和梅州市（粤北）、清远市（粤北）结对。")
    assert assists(ext) == {("440100", "441400"), ("440100", "441800")}


def test_the_places_listed_inside_a_province_after_its_name():
    # 上海 districts 310112 闵行区, 310117 松江区 with 云南省's 530500 保山市 and 530800 普洱市: the
    # province is the address of the places after 的, not a helped side of its own
    ext = extract("上海市闵行区、松江区分别对口帮扶云南省的保山市、普洱市。")
    assert assists(ext) == {("310112", "530500"), ("310117", "530800")}
    ext = extract("上海市闵行区对口帮扶云南省的保山市和普洱市。")
    assert assists(ext) == {("310112", "530500"), ("310112", "530800")}


def test_places_after_a_province_and_outside_it_are_not_its_list():
    # 510100 成都市 lies in 四川, not in 云南省: after 的 it is no place of 云南's list
    ext = extract("上海市闵行区对口帮扶云南省的成都市。")
    assert ("310112", "510100") not in assists(ext)


def test_one_list_shares_the_direction_the_roles_table_gives_some_of_it():
    # 广州市 → 梅州市 is decided (珠三角 → 粤东西北); 龙岩市 (福建) is not, but stands in the same list
    ext = extract("广州市与梅州市、龙岩市建立对口合作结对关系。")
    assert assists(ext) == {("440100", "441400"), ("440100", "350800")}


def test_the_pairing_in_a_since_clause_and_its_helper_after_it():
    # 330100 杭州市 → 532622 砚山县
    ext = extract("自2018年对口砚山县开展结对帮扶以来，杭州市持续投入帮扶资金。")
    assert assists(ext) == {("330100", "532622")}


def test_a_units_official_pairing_named_in_one_sentence():
    # 北京大学 → 弥渡县 (532925) is on the 中央单位定点帮扶 list; 复旦大学 → 弥渡县 is not
    assert assists(extract("北京大学与弥渡县的情谊因定点帮扶而深厚。")) == {("北京大学", "532925")}
    assert assists(extract("复旦大学与弥渡县的情谊因定点帮扶而深厚。")) == set()


def test_counted_places_inside_the_helped_one_are_a_group():
    ext = extract("十所高校分别联系帮扶大理州10个县市。")
    assert assists(ext) == set()


def test_the_one_acting_for_a_province_is_the_helper():
    # 440300 深圳市 acts for 广东省; 450000 广西壮族自治区
    assert assists(extract("2016年以来，由深圳市代表广东省对口帮扶广西。")) == {("440300", "450000")}


def test_a_statement_without_subject_in_a_report_on_one_helper():
    # 440000 广东省 is written before 援疆 three times; 650500 哈密市
    text = (
        "广东援疆成效显著。广东援疆干部扎根边疆。广东援疆资金持续投入。从1998年起对口支援哈密，情谊绵延至今。"
    )
    ext = extract(text)
    assert ("440000", "650500") in assists(ext)
    assert all(r.inferred for r in ext.relations if r.target == "region:650500")


def test_no_document_helper_when_two_helpers_share_the_report():
    text = (
        "广东援疆成效显著。山东援疆干部扎根边疆。广东援疆资金持续投入。山东援疆项目落地。"
        "从1998年起对口支援哈密，情谊绵延至今。"
    )
    assert not any(t == "650500" for _, t in assists(extract(text)))


# ------------------------------------------------------------------------------------ helped first
def test_under_the_helpers_assistance_the_helped_side_after():
    # 330100 杭州市 helps 422800 恩施州
    assert assists(extract("在杭州市的帮扶下，恩施州正加快发展。")) == {("330100", "422800")}
    assert assists(extract("在杭州市大力支援下，恩施州正加快发展。")) == {("330100", "422800")}


def test_the_helped_side_before_under_the_helpers_assistance():
    # Y在X的帮扶下: 530822 墨江县 helped by 310117 松江区; 522630 台江县 by 330110 余杭区
    assert assists(extract("墨江县在上海市松江区的帮扶下，于2019年脱贫摘帽。")) == {("310117", "530822")}
    assert assists(extract("近年来，台江县在余杭区大力帮扶下，特色产业蓬勃发展。")) == {("330110", "522630")}


def test_no_place_before_under_the_helpers_assistance_no_pair():
    # a person before 在, a place in another clause, or the helper's own town: none is the helped side
    assert assists(extract("村民张大姐在余杭区的帮扶下开起了网店。")) == set()
    assert assists(extract("台江县召开会议，会上在余杭区的帮扶下成立合作社。")) == set()
    assert assists(extract("余杭区仁和街道在余杭区的帮扶下发展。")) == set()


def test_thanks_for_x_helping_y():
    assert assists(extract("感谢杭州市对恩施州的帮扶。")) == {("330100", "422800")}


# 国家电网 → 长阳 (420528) is not on the shipped lists: these name the pairing themselves
def test_a_helper_as_the_helpers_role_of_the_place_after_zuowei():
    # X作为Y的定点帮扶单位: X helps Y; 作为Y的…单位，X…: the subject of the next clause does
    grid = "国家电网有限公司"
    assert assists(extract("国家电网公司作为长阳县的定点帮扶单位，持续投入帮扶资金。")) == {(grid, "420528")}
    assert assists(extract("作为长阳县的定点帮扶单位，国家电网公司持续投入帮扶资金。")) == {(grid, "420528")}
    assert assists(extract("长阳县作为国家电网公司的定点帮扶县，得到大力支持。")) == {(grid, "420528")}


def test_zuowei_with_no_helpers_role_names_no_pairing():
    # a partner, a cadre, or a meeting's host: no helper's role after 的
    assert assists(extract("国家电网公司作为长阳县的合作伙伴，持续投入资金。")) == set()
    assert assists(extract("张某作为长阳县的定点帮扶干部，驻村三年。")) == set()
    assert assists(extract("国家电网公司作为长阳县定点帮扶工作会议的主办方发言。")) == set()


def test_zhutui_is_said_of_a_helper_as_zhuli_is():
    # X…，助推Y…: the topic helps Y (清华大学 → 532926 南涧县, 441900 东莞市 → 530600 昭通市)
    ext = extract("清华大学联动多家直属单位共同参与，助推南涧县定点帮扶工作落实。")
    assert assists(ext) == {("清华大学", "532926")}
    assert assists(extract("东莞市持续加大投入，助推昭通市脱贫摘帽。")) == {("441900", "530600")}


def test_zhutui_of_no_place_or_by_no_helper_is_no_pairing():
    assert assists(extract("三江县举办展销会，助推产业扶贫。")) == set()
    assert assists(extract("展销会的举办，助推了三江县的产业扶贫。")) == set()


# ------------------------------------------------------------------------------ units as helpers
def test_a_unit_working_in_places_after_an_adjunct_naming_an_agency():
    # 国家能源集团 acts; 国务院国资委 stands inside 按照…要求; 513428 普格县, 513429 布拖县
    ext = extract("2024年，国家能源集团按照国务院国资委工作要求，在四川普格和布拖2县落实定点帮扶各项工作。")
    assert {t for h, t in assists(ext)} == {"513428", "513429"}
    assert {h for h, t in assists(ext)} == {"国家能源投资集团有限责任公司"}


def test_a_units_tasks_named_after_a_phrase_of_place():
    ext = extract(
        "中国移动在“三区三州”地区承担了两个定点扶贫县任务，分别为青海果洛地区玛沁县以及新疆洛浦县。"
    )
    assert {t for _, t in assists(ext)} == {"632621", "653224"}


def test_an_institute_named_by_its_short_form_after_its_full_name():
    # 区域·发展·研究院 → 区发院, written after the full name with no 简称 note; 530823 景东县
    text = "浙江大学区域发展研究院成立于2015年。区发院多次派出专家赴景东县开展帮扶工作。"
    assert assists(extract(text)) == {("浙江大学区域发展研究院", "530823")}


def test_a_short_form_of_no_institute_or_of_two_is_no_actor():
    # the short form alone; or two institutes whose names give one short form
    assert assists(extract("区发院多次派出专家赴景东县开展帮扶工作。")) == set()
    two = "浙江大学区域发展研究院和复旦大学区域发展研究院都成立于2015年。区发院多次派出专家赴景东县开展帮扶工作。"
    assert assists(extract(two)) == set()


def test_a_full_name_starting_inside_a_short_name_wins():
    # 则和龙岩市: 和龙 (和龙市, 吉林) must not hide 龙岩市 (350800)
    ext = extract("广州市则和龙岩市结对。")
    assert {e.code for e in ext.entities if e.mentioned} == {"440100", "350800"}


# ---------------------------------------------------------------------------------------- villages
def test_a_village_named_under_its_county_once_is_found_alone_later():
    # 532622 砚山县; the village keeps its county
    text = "砚山县石头寨村是结对村。杭州市帮助石头寨村发展养蜂。"
    ext = extract(text)
    assert ("330100", "532622:石头寨村") in {(h, t.removeprefix("region:")) for h, t in _assist_ids(ext)}


def test_villages_in_a_list_after_a_county_keep_the_county_even_when_a_town_opens_with_a_county_name():
    # 大竹镇 opens with 大竹 (大竹县, another county): inside this list it is a town of 万源市 (511781)
    ext = extract("舟山市普陀区还与万源市草坝镇寨坝村、大竹镇营盘村签订了帮扶协议。")
    helped = {t for _, t in _assist_ids(ext)}
    assert helped == {"region:511781:草坝镇寨坝村", "region:511781:大竹镇营盘村"}


def test_a_town_written_after_its_county_and_de_is_named_without_de():
    # 330108 滨江区 长河街道, 422823 巴东县 溪丘湾乡: 的 (or a side and 的) joins the county to its town
    ext = extract("滨江区的长河街道与巴东县的溪丘湾乡结对。")
    assert _assist_ids(ext) == {("长河街道", "region:422823:溪丘湾乡")}
    names = {e.name for e in ext.entities}
    assert {"长河街道", "溪丘湾乡"} <= names and not any(n.startswith("的") for n in names)
    ext = extract("杭州市余杭区结对帮扶巴东县北部的溪丘湾乡。")
    assert {e.name for e in ext.entities} >= {"溪丘湾乡"}
    assert ("330110", "region:422823:溪丘湾乡") in _assist_ids(ext)


def test_what_follows_a_county_and_de_is_no_town_unless_it_is_named_as_one():
    # 的乡镇, 的重镇, 的特色小镇: no town's name after 的
    for text in ("巴东县的乡镇干部赴杭州培训。", "巴东县的特色小镇吸引游客。", "巴东县的贫困村全部出列。"):
        assert not any(e.level in ("township", "village") for e in extract(text).entities), text


def test_a_town_with_he_inside_its_name_after_its_county():
    # 仁和街道 (余杭区 330110), 太和镇: 和 inside a name is no conjunction; 522630 台江县 台盘乡
    ext = extract("余杭区仁和街道与台江县台盘乡结成携手奔小康对子。")
    assert _assist_ids(ext) == {("仁和街道", "region:522630:台盘乡")}
    assert "太和镇" in {e.name for e in extract("萧山区太和镇结对帮扶台江县台盘乡。").entities}


def test_he_opening_what_follows_a_county_is_a_conjunction():
    # 余杭区和台盘乡: 和 joins two places; 和台盘乡 is no town of 余杭区
    ext = extract("余杭区和台江县台盘乡结成携手奔小康对子。")
    assert not any(e.name.startswith("和") for e in ext.entities)


def _assist_ids(ext):
    names = {e.id: (e.code or e.name) for e in ext.entities}
    return {(names[r.source], r.target) for r in ext.relations if r.type == "ASSISTS"}


def test_a_bank_branch_in_the_press_short_form_and_a_federation():
    found = find_pattern_names("建行温州分行与苍南县结对，温州市工商联也参与。")
    # the branch reads the bank's own name; the text's short form stays its surface
    assert {(p.name, p.surface) for p in found} >= {
        ("中国建设银行温州分行", "建行温州分行"),
        ("温州市工商联", "温州市工商联"),
    }
    assert not find_pattern_names("大家在农行大厦集合。")


def test_towns_paired_around_their_agreement():
    # 东莞市虎门镇 (a town of a city with no counties) · 松桃县长兴堡镇 (长兴 is no mention of 长兴县 here)
    ext = extract("会议举行了东莞市虎门镇·铜仁市松桃苗族自治县长兴堡镇对口结对协议签约仪式。")
    assert _assist_ids(ext) == {("虎门镇", "region:520628:长兴堡镇")}


# ------------------------------------------------------------------------------------------- traps
TRAPS = (
    "甘肃省代表团赴天津市考察学习东西部协作工作经验。",  # a visit
    "临夏州党政代表团一行到青岛市参观考察，双方就对口帮扶工作进行座谈。",  # a visit with talks
    "第五届消费帮扶博览会在广州市举办，来自贵州省、云南省的企业参展。",  # a fair and its exhibitors
    "2023年全国消费帮扶典型案例名单公布，湖南省湘西州、贵州省毕节市入选。",  # a ranking
    "四川省向广东省输送清洁电力，助力粤港澳大湾区发展。",  # trade the other way
    "江苏省与陕西省举行经贸合作洽谈会。",  # a trade meeting
    "山东省和甘肃省的干部互派挂职。",  # cadre exchange
    "习近平总书记强调，要深化东西部协作和定点帮扶工作。",  # a programme, no pair
)


def test_traps_state_no_pairing():
    for sentence in TRAPS:
        assert assists(extract(sentence)) == set(), sentence


# ------------------------------------------------------------------------ helped first, possessive
@pytest.mark.parametrize(
    ("sentence", "pairs"),
    [
        ("永顺县得到衡阳市的大力帮扶。", {("430400", "433127")}),
        ("永顺县接受衡阳市对口帮扶以来，面貌一新。", {("430400", "433127")}),
        ("陇南市是青岛市的对口协作地区。", {("370200", "621200")}),
        ("青岛市的对口帮扶地区陇南市脱贫摘帽。", {("370200", "621200")}),
        ("青岛对口支援的策勒县实现脱贫。", {("370200", "653225")}),
        ("在山东省的倾力支持下，甘肃省发展加快。", {("370000", "620000")}),
        ("江苏省南京市与陕西省商洛市结成东西部协作对子。", {("320100", "611000")}),
        ("中国华能定点帮扶的阿合奇县实现脱贫摘帽。", {("中国华能集团有限公司", "653023")}),
    ],
)
def test_the_helped_side_written_first_or_possessed(sentence, pairs):
    assert assists(extract(sentence)) == pairs


def test_two_names_written_together_then_their_programme():
    # 320500 苏州市 (苏南) helps 321300 宿迁市 (苏北)
    assert assists(extract("苏州宿迁南北合作共建园区成果丰硕。")) == {("320500", "321300")}
    assert assists(extract("苏州宿迁两地人口众多。")) == set()


def test_buying_a_places_products_is_consumption_assistance():
    # 310000 上海市 buys from 530000 云南省; a trade flow the other way (销往) is the seller's, see presence
    ext = extract("上海市累计采购云南农产品超过一百亿元。")
    assert assists(ext) == {("310000", "530000")}
    assert {r.mechanism for r in ext.relations if r.type == "ASSISTS"} <= {"消费帮扶", "东西部协作"}


def test_buying_without_products_named_is_nothing():
    assert assists(extract("上海市采购云南设备。")) == set()


def test_debris_of_a_gloss_is_no_organisation():
    assert not [p for p in find_pattern_names("报(bào)社与o)集团签约") if p.name.startswith("o")]


def test_a_place_set_before_the_clause_of_its_helper():
    # 在新疆图木舒克 (659003)，东莞 (441900) …助力: the roles table agrees (广东 is eastern)
    ext = extract("在新疆图木舒克，东莞从产业再造入手，助力打造产业强磁场。")
    assert assists(ext) == {("441900", "659003")}
    assert all(r.inferred for r in ext.relations if r.type == "ASSISTS")


def test_a_place_set_before_a_visit_is_no_pairing():
    assert assists(extract("在新疆图木舒克，东莞代表团考察对口援疆项目。")) == set()


# ------------------------------------------------------------------- the document's helper, chained
_FRAME = "浙江援疆干部扎根边疆。浙江援疆资金用于民生。浙江对口援疆成效显著。"


def test_subjectless_clauses_after_an_earlier_object_keep_the_documents_helper():
    ext = extract(_FRAME + "从2000年起对口支援和田，到2010年至今倾力支援阿克苏地区及兵团第一师。")
    assert {("330000", "653200"), ("330000", "652900")} <= assists(ext)


def test_a_place_before_the_cue_that_no_cue_governs_blocks_the_documents_helper():
    # 江苏省 is a subject of its own here: who supports 阿克苏 is not the document's 浙江
    ext = extract(_FRAME + "江苏省代表团到访，倾力支援阿克苏地区。")
    assert ("330000", "652900") not in assists(ext)


def test_sending_people_to_a_place_to_give_support():
    ext = extract("2019年，杭州市选派医疗专家到宁陕县开展医疗卫生支援。")
    assert ("330100", "610923") in assists(ext)


def test_sending_people_on_a_study_visit_is_no_support():
    ext = extract("2019年，苏州市选派青年干部到铜仁市开展考察学习。")
    assert ("320500", "520600") not in assists(ext)


def test_a_new_area_in_a_table_row_under_a_pairing_caption_is_the_helper():
    text = "深圳市与赣州市区县结对帮扶安排\n福田区 | 兴国县 |\n翠湖新区 | 安远县 |\n"
    pairs = assists(extract(text))
    assert ("翠湖新区", "360726") in pairs
    assert ("440304", "360732") in pairs


def test_a_new_area_after_han_is_named_without_it():
    ext = extract("深圳市各区(含翠湖新区)与赣州市各县建立结对关系。")
    assert "翠湖新区" in {e.name for e in ext.entities}
    assert "含翠湖新区" not in {e.name for e in ext.entities}


def test_parallel_clauses_in_one_list_are_separate_pairs():
    # 长沙市帮扶龙山县、湘潭市帮扶永顺县: 湘潭市 opens the second clause; it is not helped by 长沙市
    pairs = assists(extract("长沙市帮扶龙山县、湘潭市帮扶永顺县。"))
    assert pairs == {("430100", "433130"), ("430300", "433127")}


def test_a_task_over_a_counted_set_pairs_the_places_it_names():
    ext = extract("中国华能承担了阿合奇县、横山区等3个县的定点扶贫任务。")
    assert {("中国华能集团有限公司", "653023"), ("中国华能集团有限公司", "610803")} <= assists(ext)


def test_a_new_pairing_after_an_ended_one_keeps_the_subject():
    ext = extract("深圳市不再对口帮扶河源市，改为帮扶汕尾市。")
    assert assists(ext, status="past") == {("440300", "441600")}
    assert assists(ext, status="current") == {("440300", "441500")}


def test_taking_over_ends_the_earlier_helpers_pairing():
    ext = extract("天津市接棒北京市对口帮扶承德市。")
    assert assists(ext, status="current") == {("120000", "130800")}
    assert assists(ext, status="past") == {("110000", "130800")}
