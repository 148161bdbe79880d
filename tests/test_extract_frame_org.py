"""The document's own helper when it is an organisation (a bank's or a company's report on its 帮扶
work), and the sentences about its helped villages that do not name it. Sentences of our own."""

from __future__ import annotations

from extract_helpers import assists, extract

REPORT = (
    "今年以来，锦江农商银行扎实推进定点帮扶工作，助力乡村振兴。"
    "锦江农商银行选派驻村干部2名。锦江农商银行全年投入帮扶资金50万元。"
    "聚焦帮扶村需求，在古蔺县石屏镇青龙村、白果村，支持产业路建设。"
)


def test_the_banks_report_pairs_it_with_the_villages_of_an_unnamed_sentence():
    pairs = assists(extract(REPORT))
    assert ("锦江农商银行", "石屏镇青龙村") in pairs
    assert ("锦江农商银行", "白果村") in pairs


def test_an_organisation_named_once_is_no_frame():
    text = (
        "今年以来，锦江农商银行扎实推进定点帮扶工作。全市各单位积极参与。"
        "聚焦帮扶村需求，在古蔺县石屏镇青龙村，支持产业路建设。"
    )
    assert not [p for p in assists(extract(text)) if p[1] == "石屏镇青龙村"]


def test_another_organisation_in_the_sentence_leaves_the_helper_open():
    text = REPORT.replace("支持产业路建设", "中国石化支持产业路建设")
    pairs = assists(extract(text))
    assert ("锦江农商银行", "石屏镇青龙村") not in pairs


def test_without_a_word_making_the_villages_its_own_no_pair():
    # the villages are where a meeting took place, not the bank's helped villages
    text = REPORT.replace(
        "聚焦帮扶村需求，在古蔺县石屏镇青龙村、白果村，支持产业路建设。",
        "在古蔺县石屏镇青龙村召开现场会，支持产业路建设。",
    )
    assert not [p for p in assists(extract(text)) if p[1] == "石屏镇青龙村"]
