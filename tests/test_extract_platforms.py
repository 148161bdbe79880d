"""The platforms family (消费帮扶, 助农): a platform or its operator selling a place's products, with
sentences written for these tests, and the traps of the genre (venues, fairs, rankings, catalogues,
buyers' cities, goods going elsewhere, two platforms, a heading that sells nothing).

Codes: 522636 丹寨县, 522634 雷山县, 520000 贵州省, 330100 杭州市, 310000 上海市.
"""

from __future__ import annotations

from extract_helpers import assists, extract

DANZHAI, LEISHAN = "522636", "522634"


def _inferred(ext) -> set[tuple[str, str]]:
    names = {e.id: (e.code or e.name) for e in ext.entities}
    return {(names[r.source], names[r.target]) for r in ext.relations if r.type == "ASSISTS" and r.inferred}


# ------------------------------------------------------------------------------ what is sold where
def test_a_places_product_and_its_sales():
    ext = extract("拼多多上的丹寨县蓝莓今年销量翻了一番。")
    assert assists(ext) == {("拼多多", DANZHAI)}


def test_a_product_named_in_its_own_clause_before_its_sales():
    assert assists(extract("在抖音直播间里，雷山县的银球茶，销售额比上月多了三成。")) == {("抖音", LEISHAN)}


def test_places_listed_before_their_products_are_each_helped():
    ext = extract("借助快手直播，丹寨县、雷山县的农产品有了新销路。")
    assert assists(ext) == {("快手", DANZHAI), ("快手", LEISHAN)}


def test_the_place_a_product_comes_from():
    assert assists(extract("来自丹寨县的硒茶在京东热销。")) == {("京东", DANZHAI)}


def test_a_sourcing_base_opening_in_a_town_helps_the_town():
    ext = extract("又一个盒马村在丹寨县龙泉镇揭牌。")
    assert assists(ext) == {("盒马", "龙泉镇")}
    town = next(e for e in ext.entities if e.name == "龙泉镇")
    assert town.parent == f"region:{DANZHAI}"


def test_a_base_settling_in_a_county():
    assert assists(extract("拼多多农产品直采基地落户雷山县。")) == {("拼多多", LEISHAN)}


# ------------------------------------------------------------------------ who sells: the operator
def test_the_operator_named_in_the_document_is_credited():
    ext = extract("阿里巴巴今年推出新的助农计划。丹寨县的蓝莓在淘宝持续热销。")
    assert assists(ext) == {("阿里巴巴集团", DANZHAI)}


def test_the_platforms_own_company_before_the_group_owning_it():
    text = "盒马（中国）有限公司属于阿里巴巴。在盒马门店，雷山县的茶叶十分畅销。"
    assert assists(extract(text)) == {("盒马（中国）有限公司", LEISHAN)}


def test_without_its_operator_the_platform_is_the_helper():
    assert assists(extract("丹寨县的蓝莓在淘宝持续热销。")) == {("淘宝", DANZHAI)}


# ------------------------------------------------------------------- a report on one platform
def test_the_titles_platform_sells_what_a_later_sentence_names():
    ext = extract("快手平台助力农产品上行\n蓝莓是丹寨县特产，以前只在本地卖。\n")
    assert assists(ext) == {("快手", DANZHAI)}
    assert _inferred(ext) == {("快手", DANZHAI)}


def test_the_heading_above_gives_the_platform():
    text = "各地好物上新\n美团优选助力乡村好物拓展销路\n而像雷山县的银球茶，销量同比翻番，受杭州等地消费者青睐。\n"
    ext = extract(text)
    assert assists(ext) == {("美团优选", LEISHAN)}  # 杭州 is where the buyers are


def test_a_provinces_products_under_a_platform_heading_are_its_scope():
    assert assists(extract("快手平台助力农产品上行\n贵州的茶叶品质好，销量逐年增加。\n")) == set()


def test_a_heading_that_sells_nothing_gives_no_platform():
    assert assists(extract("快手公司年度报告\n丹寨县的蓝莓销量增长。\n")) == set()


def test_a_heading_naming_two_platforms_gives_none():
    assert assists(extract("京东与拼多多助力农产品上行\n丹寨县的蓝莓销量增长。\n")) == set()


# ------------------------------------------------------------------------------------------ traps
def test_buyers_city_is_not_helped():
    ext = extract("通过京东平台，上海市民买到了丹寨县的农产品。")
    assert assists(ext) == {("京东", DANZHAI)}


def test_where_the_goods_go_is_not_helped():
    ext = extract("依托拼多多，丹寨县的蓝莓销往杭州等地。")
    assert assists(ext) == {("拼多多", DANZHAI)}


def test_a_meeting_venue_is_not_helped():
    assert assists(extract("美团优选在杭州召开助农大会，发布农产品上行计划。")) == set()


def test_a_launch_in_a_city_is_not_help_to_it():
    assert assists(extract("拼多多在杭州上线新的助农频道。")) == set()


def test_a_ranking_is_no_assistance():
    assert assists(extract("丹寨县蓝莓登上拼多多农产品热销榜。")) == set()


def test_a_catalogue_is_no_assistance():
    assert assists(extract("丹寨县的二十款农产品入选832平台采购目录。")) == set()


def test_two_platforms_leave_the_seller_unsaid():
    assert assists(extract("丹寨县的农产品在淘宝和京东都有销售。")) == set()


def test_a_store_opening_is_no_base():
    assert assists(extract("盒马鲜生门店在杭州开业。")) == set()


def test_a_negated_sale_is_none():
    assert assists(extract("丹寨县的蓝莓还没有在拼多多销售。")) == set()


# ------------------------------------------------------------------------ a company's 消费帮扶
def test_a_company_buying_a_places_products():
    ext = extract("中国石化今年采购丹寨县农产品两百万元。")
    assert assists(ext) == {("中国石油化工集团有限公司", DANZHAI)}


def test_a_companys_local_goods_are_those_of_the_place_the_report_is_about():
    text = "雷山县今年茶叶丰收。雷山县的茶农忙着采摘。国家电网有限公司工会组织员工购买当地的农产品，助力茶农增收。"
    assert assists(extract(text)) == {("国家电网有限公司", LEISHAN)}


def test_local_goods_in_a_report_on_two_places_name_neither():
    text = "丹寨县和雷山县都产茶。丹寨县、雷山县茶农增收。中国石化购买当地农产品。"
    assert assists(extract(text)) == set()


def test_a_company_named_after_the_place_is_its_own_buyer():
    text = "丹寨县今年茶叶丰收。丹寨县山韵食品有限公司按保底价收购当地的农产品，帮助茶农销售。"
    assert assists(extract(text)) == set()


def test_a_companys_own_sales_elsewhere_are_no_assistance():
    assert assists(extract("中国石化总部位于北京，产品销往全国。")) == set()
