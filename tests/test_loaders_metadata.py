"""Title, date, 文号 and source from the text of notices and news pages that are not the samples."""

from __future__ import annotations

import pytest

from loaders.metadata import (
    find_date,
    find_doc_number,
    find_source,
    find_title,
    normalize_date,
    plausible_title,
)
from loaders.read import load_path

NOTICE = """江西省农业农村厅
关于做好秋季农产品产销对接
促进农民持续增收的通知
赣农字〔2023〕17号
各设区市农业农村局，厅机关各处室：
根据《农业农村部关于加强农产品产销衔接的意见》（农市发〔2022〕9号）要求，现将有关事项通知如下。
展销时间：2023年9月20日至10月8日
江西省农业农村厅
2023年9月12日
"""


def test_a_notice_whose_title_is_broken_over_two_lines():
    assert find_title(NOTICE) == "关于做好秋季农产品产销对接促进农民持续增收的通知"


def test_the_notices_own_number_not_the_cited_one():
    assert find_doc_number(NOTICE) == "赣农字〔2023〕17号"
    cited_only = "根据《指导意见》（国办发〔2018〕129号）和发改振兴〔2021〕640号文件精神，现通知如下。"
    assert find_doc_number(cited_only) is None


@pytest.mark.parametrize(
    "line, number",
    [
        ("国发[2021]1号", "国发[2021]1号"),
        ("财农（2021）2号", "财农（2021）2号"),
        ("某省实施方案 赣发改农经〔2022〕318号", "赣发改农经〔2022〕318号"),
        ("  湘扶领办发 〔2020〕 4 号", "湘扶领办发〔2020〕4号"),
    ],
)
def test_document_number_forms(line, number):
    assert find_doc_number(line + "\n正文。") == number


def test_the_signature_date_under_the_issuer_beats_the_event_date():
    assert find_date(NOTICE) == "2023-09-12"


def test_a_labelled_date_comes_first_and_site_dates_do_not_count():
    page = "归档时间:2023-05-06 更新时间：2023-05-07\n标题\n发布时间：2022-11-03 16:40 浏览次数：5\n正文。"
    assert find_date(page) == "2022-11-03"


def test_dates_in_chinese_numerals():
    assert find_date("……特此通知。\n湖南省乡村振兴局\n二〇二二年十二月三十一日\n") == "2022-12-31"
    assert normalize_date("二〇二〇年八月二十八日") == "2020-08-28"
    assert normalize_date("二〇二〇年十月十日") == "2020-10-10"


def test_no_date_rather_than_an_impossible_one():
    assert find_date("2021年13月40日\n") is None
    assert (
        find_date("正文里提到2021年3月1日的活动。") is None
    )  # a date inside a sentence is not the document's


def test_a_news_page_headline_after_its_breadcrumb():
    page = "首页 > 新闻中心 > 工作动态\n江西省秋季农产品展销会圆满落幕\n发布时间：2023-10-09\n来源：江西日报\n正文第一段。"
    assert find_title(page) == "江西省秋季农产品展销会圆满落幕"
    assert find_source(page) == "江西日报"


def test_a_headline_ending_in_a_meeting_is_not_taken_for_an_issuer():
    assert (
        find_title("湖南省召开消费帮扶工作推进会\n会议指出，要抓好落实。") == "湖南省召开消费帮扶工作推进会"
    )


def test_a_text_that_starts_with_its_body_has_no_title():
    assert find_title("入秋以来，为推动农产品稳定销售，各地陆续举办了展销活动。\n一、有序部署") is None


def test_letterhead_is_not_the_title():
    md = "# 江西省农业农村厅文件\n\n赣农字〔2023〕17号\n\n## 关于印发方案的通知\n\n# 江西省秋季农产品展销活动方案\n"
    assert find_title(md) == "江西省秋季农产品展销活动方案"
    assert find_title("江西省农业农村厅文件\n关于印发方案的通知\n各设区市：") == "关于印发方案的通知"


@pytest.mark.parametrize(
    "title, kept",
    [
        ("湖南省消费帮扶工作方案", "湖南省消费帮扶工作方案"),
        ("Microsoft Word - 方案.docx", None),
        ("untitled", None),
        ("无标题", None),
        ("", None),
    ],
)
def test_plausible_title(title, kept):
    assert plausible_title(title) == kept


def test_metadata_of_a_traditional_glossed_file(tmp_path):
    p = tmp_path / "trad.txt"
    p.write_text(
        "關於(guān yú)開展消費(fèi)幫扶的通知\n發布日期：２０２３年２月１日\n各單位：\n現將有關事項通知如下。\n",
        encoding="utf-8",
    )
    doc = load_path(p)
    assert (doc.title, doc.date) == ("关于开展消费帮扶的通知", "2023-02-01")


def test_a_front_matter_title_is_normalized_like_the_text(tmp_path):
    p = tmp_path / "page.md"
    p.write_text("---\ntitle: 甘肅省消費(fèi)幫扶２０２２\n---\n正文。\n", encoding="utf-8")
    assert load_path(p).title == "甘肃省消费帮扶2022"
