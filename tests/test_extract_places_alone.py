"""Towns and villages written without their county, placed under the document's own county.

Codes: 330327 苍南县, 330328 文成县, 330303 龙湾区.
"""

from __future__ import annotations

from extract_helpers import assists, extract


def _places(ext):
    return {e.name: e for e in ext.entities if e.id.startswith("region:") and e.id.count(":") == 2}


def test_a_village_named_by_its_town_is_placed_under_the_documents_county():
    ext = extract(
        "苍南县推进山海协作。苍南县各乡镇积极对接。鹿城农商银行、瓯海供电公司分别与石岭镇松风村签订结对帮扶协议。"
    )
    places = _places(ext)
    assert "石岭镇松风村" in places
    assert places["石岭镇松风村"].id == "region:330327:石岭镇松风村"
    assert assists(ext) >= {("鹿城农商银行", "石岭镇松风村"), ("瓯海供电公司", "石岭镇松风村")}


def test_no_county_of_its_own_no_place():
    # two counties named as often as each other: which one holds 石岭镇 is not said
    ext = extract(
        "苍南县与文成县交流经验。苍南县、文成县干部座谈。鹿城农商银行与石岭镇松风村签订结对帮扶协议。"
    )
    assert "石岭镇松风村" not in _places(ext)


def test_words_ending_in_a_town_word_are_no_towns():
    ext = extract("苍南县召开会议。苍南县推动城乡村庄整治，鼓励返乡青年创业，建设美丽家乡新村。")
    assert not [name for name in _places(ext) if "乡" in name or "镇" in name]


def test_a_list_of_villages_after_a_county_splits_at_its_conjunctions():
    ext = extract("苍南县召开会议。帮扶资金投向苍南县桥墩镇花溪村、竹溪村及矾山镇福德社区。")
    names = set(_places(ext))
    assert {"桥墩镇花溪村", "竹溪村", "矾山镇福德社区"} <= names
    assert not [n for n in names if "及" in n]


def test_orgs_listed_with_respective_and_one_village():
    # 分别与 licenses one pair per organisation even when only one place stands in the sentence
    ext = extract("苍南县召开会议，苍南县各部门参加。瓯海农商银行、龙湾建设集团分别与桥墩镇花溪村结对。")
    assert ("瓯海农商银行", "桥墩镇花溪村") in assists(ext)
