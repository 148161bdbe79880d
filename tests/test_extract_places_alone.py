"""Towns and villages written without their county, placed under the document's own county; the
document's own region from its publisher; a city's own units listed after 由.

Codes: 330327 苍南县, 330328 文成县, 330303 龙湾区, 442000 中山市, 530600 昭通市 (530624 大关县,
530623 盐津县, 530626 绥江县, 530625 永善县), 530924 镇康县, 532626 丘北县.
"""

from __future__ import annotations

from dataclasses import replace

from extract_helpers import assists, doc_from_text, extract

from loaders.extract.pipeline import extract_document


def _with_source(text: str, title: str | None, source: str):
    return replace(doc_from_text(text, title), source=source)


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


# --------------------------------------------------------------------------- the document's own region
def test_the_publisher_decides_what_my_city_means():
    # the title and the text name the western prefecture more often, but the paper is 中山's
    text = "我市与昭通市深化协作。昭通市、昭通市各县参加。我市由火炬开发区、石岐区、东区、小榄镇分别结对昭通市的大关县、盐津县、绥江县和永善县。"
    ext = extract_document(_with_source(text, "我市镇区结对帮扶昭通四县", "中山日报"))
    pairs = assists(ext)
    assert {("石岐区", "530623"), ("东区", "530626"), ("小榄镇", "530625")} <= pairs
    units = {e.name: e.id for e in ext.entities}
    assert units["石岐区"] == "region:442000:石岐区"
    assert ("530600", "530624") not in pairs  # 我市 never stands for 昭通市


def test_a_paper_named_after_its_citys_old_region_name_is_that_citys():
    # 闽西日报 is 龙岩市's paper (350800): 我市 is 龙岩市, which 厦门市 (350200) helps (福建 山海协作)
    text = "近年来，我市认真按照省委部署，与厦门开展多领域协作，共同打造山海协作典范。"
    ext = extract_document(_with_source(text, "山海协作迈出坚实步伐", "闽西日报"))
    assert assists(ext) == {("350200", "350800")}


def test_a_paper_no_table_or_gazetteer_knows_leaves_my_city_unknown():
    text = "近年来，我市认真按照省委部署，与厦门开展多领域协作，共同打造山海协作典范。"
    ext = extract_document(_with_source(text, "山海协作迈出坚实步伐", "海峡都市报"))
    assert assists(ext) == set()


def test_without_a_publisher_my_city_in_a_list_of_units_is_not_paired_with_itself():
    text = "我市由火炬开发区、石岐区分别结对昭通市的大关县、盐津县。"
    ext = extract(text, title="我市结对帮扶昭通两县")
    # 我市 resolves to the title's 昭通市 here, so its units are 昭通's: nothing pairs 昭通 with itself
    assert not {(a, b) for a, b in assists(ext) if a == b}


def test_my_county_is_the_county_a_page_without_source_names_most():
    text = "中国农业大学自帮扶我县以来，选派干部驻村。临沧市镇康县茶叶远销。镇康县举办培训，我县干部参加。"
    assert ("中国农业大学", "530924") in assists(extract(text))


def test_my_county_stays_unknown_when_two_counties_are_named_alike():
    text = "中国农业大学自帮扶我县以来，选派干部驻村。镇康县、永德县举办培训，镇康县、永德县干部参加。"
    assert not [p for p in assists(extract(text)) if p[0] == "中国农业大学"]


def test_a_count_after_my_city_is_no_town():
    ext = extract_document(_with_source("我市四镇区结对帮扶昭通四县。", None, "中山日报"))
    assert not [e for e in ext.entities if e.name in ("四镇", "四镇区")]


# ------------------------------------------------------------------------------- villages in a list
def test_villages_listed_with_what_each_does_are_in_the_first_ones_county():
    text = "浦江银行结对帮扶丘北县松林村。浦江银行帮助松林村种茶、竹园村养鸡、石门村建冷库。"
    ext = extract(text)
    places = _places(ext)
    assert places["竹园村"].id == "region:532626:竹园村"
    assert {("浦江银行", "竹园村"), ("浦江银行", "石门村")} <= assists(ext)


def test_a_list_item_that_is_no_village_name_stops_the_list():
    ext = extract("浦江银行结对帮扶丘北县松林村。浦江银行帮助松林村种茶、各村养鸡、贫困村脱贫。")
    assert not [n for n in _places(ext) if n in ("各村", "贫困村")]


# ------------------------------------------------------------------------------------- glosses
def test_a_bracketed_note_after_a_place_is_no_actor():
    # 右江 (a district of 百色) and 陆丰 (a city of 汕尾) are inside the names of the areas in the notes
    ext = extract("广州市则和百色市(左右江革命老区)、汕尾市(海陆丰革命老区)结对。")
    pairs = assists(ext)
    assert {("440100", "451000"), ("440100", "441500")} <= pairs
    assert not [p for p in pairs if p[1] in ("451002", "441581")]


def test_full_names_in_brackets_stay_places():
    ext = extract("江苏省对口支援伊犁州（霍城县、伊宁县）。")
    assert {e.code for e in ext.entities if e.mentioned} >= {"654023", "654021"}
