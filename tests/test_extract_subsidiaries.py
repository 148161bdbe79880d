"""A company's own units as its report names them (所属甲院、乙公司), and the company behind their
tasks. Sentences of our own; codes: 610728 镇巴县, 451030 西林县, 450000 广西壮族自治区."""

from __future__ import annotations

from extract_helpers import assists, extract

_REPORT = (
    "中国华电定点帮扶工作综述\n"
    "中国华电扎实推进定点帮扶。中国华电制定三年帮扶规划。"
    "指定所属华电西北公司、广西分公司承担陕西镇巴县、广西西林县帮扶任务，两家单位分别投入资金。"
    "中国华电干部到县挂职。"
)


def test_units_named_after_suo_shu_are_organisations_as_written():
    ext = extract(_REPORT)
    names = {e.name: e.type for e in ext.entities}
    assert names.get("华电西北公司") == "Organization"
    assert names.get("广西分公司") == "Organization"


def test_a_place_inside_a_units_name_is_no_actor():
    # 广西 of 广西分公司 is part of the name: 广西 does not help 镇巴县
    assert ("450000", "610728") not in assists(extract(_REPORT))


def test_each_unit_takes_its_task_in_order_and_the_company_holds_both():
    pairs = assists(extract(_REPORT))
    assert ("华电西北公司", "610728") in pairs
    assert ("广西分公司", "451030") in pairs
    assert ("华电西北公司", "451030") not in pairs
    # the company whose report it is (named in the opening, three times) holds its units' tasks
    assert {("中国华电集团有限公司", "610728"), ("中国华电集团有限公司", "451030")} <= pairs


def test_without_suo_shu_a_list_ending_in_gongsi_is_no_list_of_units():
    ext = extract("会议邀请了华电西北公司、广西分公司参加座谈。")
    assert "广西分公司" not in {e.name for e in ext.entities}
