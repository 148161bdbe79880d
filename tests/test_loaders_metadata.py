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

NOTICE = """湖南省人民政府办公厅
关于继续大力实施消费帮扶巩固拓展
脱贫攻坚成果的实施意见
湘政办发〔2021〕5号
各市州人民政府，省政府各厅委、各直属机构：
根据《国务院办公厅关于深入开展消费扶贫的指导意见》（国办发〔2018〕129号）精神，现提出以下意见。
活动时间：2021年3月1日至3月31日
湖南省人民政府办公厅
2021年2月26日
"""


def test_a_notice_whose_title_is_broken_over_two_lines():
    assert find_title(NOTICE) == "关于继续大力实施消费帮扶巩固拓展脱贫攻坚成果的实施意见"


def test_the_notices_own_number_not_the_cited_one():
    assert find_doc_number(NOTICE) == "湘政办发〔2021〕5号"
    cited_only = "根据《指导意见》（国办发〔2018〕129号）和发改振兴〔2021〕640号文件精神，现通知如下。"
    assert find_doc_number(cited_only) is None


@pytest.mark.parametrize(
    "line, number",
    [
        ("国发[2021]1号", "国发[2021]1号"),
        ("财农（2021）2号", "财农（2021）2号"),
        ("湖南省实施意见 湘发改西开〔2021〕726号", "湘发改西开〔2021〕726号"),
        ("  湘扶领办发 〔2020〕 4 号", "湘扶领办发〔2020〕4号"),
    ],
)
def test_document_number_forms(line, number):
    assert find_doc_number(line + "\n正文。") == number


def test_the_signature_date_under_the_issuer_beats_the_event_date():
    assert find_date(NOTICE) == "2021-02-26"


def test_a_labelled_date_comes_first_and_site_dates_do_not_count():
    page = "归档时间:2022-04-13 更新时间：2022-04-14\n标题\n发布时间：2021-10-11 09:13 浏览次数：5\n正文。"
    assert find_date(page) == "2021-10-11"


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
    page = "首页 > 新闻中心 > 工作动态\n湖南省消费帮扶新春行动结硕果\n发布时间：2022-04-15\n来源：湖南日报\n正文第一段。"
    assert find_title(page) == "湖南省消费帮扶新春行动结硕果"
    assert find_source(page) == "湖南日报"


def test_a_headline_ending_in_a_meeting_is_not_taken_for_an_issuer():
    assert (
        find_title("湖南省召开消费帮扶工作推进会\n会议指出，要抓好落实。") == "湖南省召开消费帮扶工作推进会"
    )


def test_a_text_that_starts_with_its_body_has_no_title():
    assert find_title("2023年春节以来，为深入贯彻落实有关决策部署，开展了新春行动。\n一、有序部署") is None


def test_letterhead_is_not_the_title():
    md = "# 湖南省扶贫开发领导小组办公室文件\n\n湘扶领办发〔2020〕4号\n\n## 关于印发方案的通知\n\n# 湖南省消费扶贫月活动方案\n"
    assert find_title(md) == "湖南省消费扶贫月活动方案"
    assert (
        find_title("湖南省扶贫开发领导小组办公室文件\n关于印发方案的通知\n各市州：") == "关于印发方案的通知"
    )


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
