"""Sources a person can cite: every shipped row's page has a site and a title, and a row whose pages
are all reposts or aggregators says so."""

from __future__ import annotations

import csv

import pytest

from bangfu.knowledge.lists import catalog, list_rows, load_pairings
from bangfu.knowledge.paths import data_dir
from bangfu.knowledge.sources import KINDS, citation, repost_only, row_sources, source


def _shipped_rows():
    for info in catalog():
        for i, row in enumerate(list_rows(info), start=2):
            yield info.name, i, row


def test_every_source_url_of_a_shipped_row_has_a_title():
    untitled = {row["source_url"] for _, _, row in _shipped_rows() if row.get("source_url")}
    untitled = {u for u in untitled if not source(u).title}
    assert not untitled


def test_sites_table_names_publishers_only():
    with open(data_dir() / "reference" / "source_sites.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and all(r["kind"] in KINDS[:2] and r["publisher"] and r["source"] for r in rows)
    assert source("https://www.linxia.gov.cn/a.html").kind == "official"  # any gov.cn site
    assert source("http://hnrb.voc.com.cn/x").publisher == "湖南日报/华声在线"
    assert source("http://some-mirror.example/x").kind == "repost"


@pytest.mark.parametrize(
    "url,notes,marked",
    [
        ("http://xzqh.info/lt/read.php?fpage=128&tid=69347", "forum repost", True),
        # a repost with a news page in its notes: the news page can be cited
        ("http://www.riril.cn/i20262.htm", "see (http://news.cctv.com/2018/08/18/x.shtml)", False),
        ("http://www.hunan.gov.cn/xxgk/wjk/szfwj/201804/t20180426_5001309.html", "", False),
        # a bare address in the notes counts too
        ("https://www.jctt100.cn/shengwen.html", "since 1996 (nm.people.com.cn/BIG5/n2/2024/x.html)", False),
    ],
)
def test_repost_only_rows_are_marked(url, notes, marked):
    assert repost_only(row_sources(url, notes)) is marked
    assert citation(url, notes).endswith("[repost only]") is marked


def test_the_2010_xinjiang_list_is_a_forum_repost_and_says_so():
    shufu = next(p for p in load_pairings(["duikou-zhiyuan"]) if p.helped_codes == ("653121",))
    data = shufu.to_json()
    assert data["repost_only"] and data["source"].startswith("xzqh.info · 2010 新一轮对口援疆名单")
    official = next(p for p in load_pairings(["hunan-internal"]) if p.helper == "株洲市")
    assert not official.to_json()["repost_only"]
    assert official.to_json()["source"] == "xx.rednet.cn · 红网 2021-07-19：株洲—泸溪对口帮扶"
