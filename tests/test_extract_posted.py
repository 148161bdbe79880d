"""A unit posting its 第一书记 or 驻村工作队 to a place helps that place. Sentences of our own.

Codes: 433130 龙山县, 622926 东乡族自治县."""

from __future__ import annotations

from extract_helpers import assists, extract


def test_the_unit_posting_a_first_secretary_to_a_village_helps_it():
    pairs = assists(extract("国家电网派驻龙山县里耶镇岩冲村第一书记带领村民种茶。"))
    assert ("国家电网有限公司", "里耶镇岩冲村") in pairs


def test_a_provincial_department_stationed_in_a_village_helps_it():
    pairs = assists(extract("湖南省财政厅驻龙山县岩冲村帮扶工作队走访农户。"))
    assert ("湖南省财政厅", "岩冲村") in pairs


def test_the_team_posted_then_sent_into_a_county():
    pairs = assists(extract("中国石化选派的驻村工作队进驻东乡县开展帮扶。"))
    assert ("中国石油化工集团有限公司", "622926") in pairs


def test_a_cadre_exchange_without_a_posted_word_is_no_posting():
    assert assists(extract("湖南省财政厅选派干部到龙山县挂职副县长。")) == set()


def test_a_first_secretary_visiting_a_city_is_no_posting():
    assert assists(extract("国家电网第一书记来到长沙市参观学习。")) == set()
