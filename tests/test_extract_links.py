"""OPERATES, PARTNERS_WITH, PROMOTES, BRAND_OF, ORGANIZES in sentences written for these tests."""

from __future__ import annotations

from extract_helpers import extract, relations


def test_operates_through_qixia():
    ext = extract("中国邮政集团依托旗下“邮乐购”平台开展农产品直播。")
    assert ("中国邮政集团有限公司", "邮乐购") in relations(ext, "OPERATES")


def test_partners_with_a_list_of_platforms():
    ext = extract("贵州省联合拼多多、抖音等电商平台举办年货节。")
    assert {("520000", "拼多多"), ("520000", "抖音")} <= relations(ext, "PARTNERS_WITH")


def test_partners_with_yu_he_zuo():
    ext = extract("湘农荟积极创新模式，与中国农业银行、交通银行合作开展积分换购。")
    assert {("湘农荟", "中国农业银行"), ("湘农荟", "交通银行")} <= relations(ext, "PARTNERS_WITH")


def test_promotes_products_of_named_counties():
    ext = extract("京东上线助农专区，集中推介甘肃定西、云南怒江的特色农产品。")
    promoted = relations(ext, "PROMOTES")
    assert ("京东", "621100") in promoted  # 定西市 via 甘肃定西
    assert ("京东", "533300") in promoted  # 怒江傈僳族自治州


def test_brand_of_place_in_name():
    ext = extract("继续支持“赣南脐橙”“宁夏枸杞”等区域公用品牌。")
    brand_of = relations(ext, "BRAND_OF")
    assert ("宁夏枸杞", "640000") in brand_of
    # 赣南 is a popular name, not an administrative division: no place to attach the brand to
    assert not any(src == "赣南脐橙" for src, _ in brand_of)


def test_brand_of_subject_with_yi():
    ext = extract("郴州市以“林邑红”公共品牌为引领，组织企业开展直播。", title="湖南省消费帮扶")
    assert ("林邑红", "431000") in relations(ext, "BRAND_OF")


def test_organizes_a_campaign():
    ext = extract("省妇联举办“巾帼助农”直播活动。", title="湖南省消费帮扶")
    assert ("湖南省妇联", "巾帼助农") in relations(ext, "ORGANIZES")
