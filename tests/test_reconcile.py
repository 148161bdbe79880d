"""Reconciliation on hand-built graphs and hand-written official rows: each group and each reason.

The official rows here are written in the test (not read from data/reference), so each case states
exactly what the list says; the graphs hold one ASSISTS edge per case, dated and with a status.
"""

from __future__ import annotations

import networkx as nx
import pytest

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lists import OfficialPairing
from bangfu.knowledge.ontology import edge_key
from bangfu.planner.reconcile import counts, reconcile


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def official(row, helper, helped, helper_code, helped_code, since, until, program, replaces=""):
    return OfficialPairing(
        list_name="test-list",
        row=row,
        helper=helper,
        helped=helped,
        helper_codes=(helper_code,) if helper_code else (),
        helped_codes=(helped_code,),
        helped_exact=True,
        level="",
        since=since,
        until=until,
        until_approx=False,
        program=program,
        source_url=f"https://example.org/list/{row}",
        notes="",
        replaces=replaces,
    )


def edge(g, helper, helped, mechanism, *evidence, helper_label="Region"):
    """``evidence``: (date, status, sentence) triples; a helper without a code is an organisation."""
    (hid, hname), (did, dname) = helper, helped
    helper_id = f"region:{hid}" if helper_label == "Region" else f"organization:{hname}"
    g.add_node(helper_id, label=helper_label, name=hname, code=hid if helper_label == "Region" else None)
    g.add_node(f"region:{did}", label="Region", name=dname, code=did)
    evs = [
        {
            "doc": f"doc{i}",
            "title": f"文件{i}",
            "date": date,
            "status": status,
            "sentence": text,
            "start": 0,
            "end": 5,
        }
        for i, (date, status, text) in enumerate(evidence)
    ]
    g.add_edge(
        helper_id,
        f"region:{did}",
        key=edge_key("ASSISTS", mechanism),
        type="ASSISTS",
        mechanism=mechanism,
        status=evidence[-1][1],
        inferred=False,
        evidence=evs,
    )


INTERNAL = "湖南省内对口帮扶(湘西)"
EAST = "东西部协作(2021调整后)"
EAST_OLD = "东西部扶贫协作(2016-2020)"

CHANGSHA, LONGSHAN = ("430100", "长沙市"), ("433130", "龙山县")
XIANGTAN, HENGYANG, YONGSHUN = ("430300", "湘潭市"), ("430400", "衡阳市"), ("433127", "永顺县")


def by_pair(rows):
    return {(r.helper, r.helped): r for r in rows}


def test_a_official_pairing_no_document_evidences_and_b_both(gaz):
    lists = [
        official(2, "长沙市", "龙山县", "430100", "433130", 1994, None, INTERNAL),
        official(3, "株洲市", "泸溪县", "430200", "433122", 1994, None, INTERNAL),
    ]
    g = nx.MultiDiGraph()
    edge(
        g,
        CHANGSHA,
        LONGSHAN,
        "对口帮扶",
        ("2022-04-15", "current", "我们自己写的一句：长沙市对口帮扶龙山县。"),
    )
    rows = by_pair(reconcile(g, lists, gaz))
    zhuzhou = rows[("株洲市", "泸溪县")]
    assert zhuzhou.group == "official-only" and zhuzhou.note == "no document names this pairing"
    assert (
        zhuzhou.row()["list"] == "test-list:3"
        and zhuzhou.row()["list_source"] == "https://example.org/list/3"
    )
    changsha = rows[("长沙市", "龙山县")]
    assert changsha.group == "agree" and changsha.row()["doc_years"] == "2022"
    assert changsha.row()["sentence"].startswith("我们自己写的一句") and changsha.row()["document"] == "文件0"


def test_a_document_inside_a_listed_pair_evidences_it(gaz):
    """济南市 → 龙山县 in a text is evidence of the list's 济南市 → 湘西州 (龙山县 lies inside)."""
    lists = [official(2, "济南市", "湘西土家族苗族自治州", "370100", "433100", 2016, 2020, EAST_OLD)]
    g = nx.MultiDiGraph()
    edge(
        g, ("370100", "济南市"), LONGSHAN, "东西部协作", ("2019-05-01", "current", "济南市帮扶龙山县的一句。")
    )
    [row] = reconcile(g, lists, gaz)
    assert row.group == "agree" and row.helped == "湘西土家族苗族自治州"


def test_b_document_pairings_no_list_has_and_why(gaz):
    lists = [official(2, "杭州市", "黔东南苗族侗族自治州", "330100", "522600", 2016, None, EAST_OLD)]
    g = nx.MultiDiGraph()
    edge(g, ("430000", "湖南省"), LONGSHAN, "对口帮扶", ("2021-03-01", "current", "省里帮扶龙山县。"))
    edge(
        g,
        ("", "中国石化"),
        ("622926", "东乡族自治县"),
        "定点帮扶",
        ("2021-03-01", "current", "…"),
        helper_label="Organization",
    )
    edge(
        g,
        ("440300", "深圳市"),
        ("522600", "黔东南苗族侗族自治州"),
        "东西部协作",
        ("2021-03-01", "current", "…"),
    )
    edge(g, ("310000", "上海市"), ("654301", "阿勒泰市"), "东西部协作", ("2021-03-01", "current", "…"))
    rows = reconcile(g, lists, gaz)
    assert counts(rows) == {"official-only": 1, "documents-only": 4, "years": 0, "agree": 0}
    kinds = {(r.helper, r.helped): r.kind for r in rows if r.group == "documents-only"}
    assert kinds == {
        ("湖南省", "龙山县"): "local",
        ("中国石化", "东乡族自治县"): "unit",
        ("深圳市", "黔东南苗族侗族自治州"): "other-helper",
        ("上海市", "阿勒泰市"): "new",
    }
    shenzhen = next(r for r in rows if r.helper == "深圳市")
    assert "杭州市 (test-list)" in shenzhen.note and shenzhen.programme == "东西部协作"
    assert shenzhen.row()["group"] == "b" and shenzhen.row()["evidence"] == 1


def test_c_years_disagree_ended_replaced_before_start_said_ended(gaz):
    lists = [
        official(2, "湘潭市", "永顺县", "430300", "433127", 1994, 2020, INTERNAL),
        official(3, "衡阳市", "永顺县", "430400", "433127", 2021, None, INTERNAL),
        official(4, "杭州市", "黔东南州", "330100", "522600", 2016, 2020, EAST_OLD),
        official(5, "佛山市", "黔东南州", "440600", "522600", 2021, None, EAST, replaces="杭州市→黔东南州"),
        official(6, "长沙市", "龙山县", "430100", "433130", 1994, None, INTERNAL),
    ]
    g = nx.MultiDiGraph()
    edge(g, XIANGTAN, YONGSHUN, "对口帮扶", ("2022-06-01", "current", "湘潭市仍在帮扶永顺县。"))
    edge(g, HENGYANG, YONGSHUN, "对口帮扶", ("2019-06-01", "current", "衡阳市帮扶永顺县。"))
    edge(
        g,
        ("330100", "杭州市"),
        ("522600", "黔东南州"),
        "东西部协作",
        ("2022-01-01", "current", "杭州市协作黔东南州。"),
    )
    edge(g, CHANGSHA, LONGSHAN, "对口帮扶", ("2021-01-01", "past", "长沙市曾经帮扶龙山县。"))
    rows = by_pair(r for r in reconcile(g, lists, gaz) if r.group == "years")
    assert rows[("湘潭市", "永顺县")].kind == "ended"
    assert "2022: current evidence after 2020" in rows[("湘潭市", "永顺县")].note
    assert rows[("衡阳市", "永顺县")].kind == "before-start"
    hangzhou = rows[("杭州市", "黔东南州")]
    assert hangzhou.kind == "replaced" and "taken over by 佛山市 (2021–)" in hangzhou.note
    assert [p.helper for p in hangzhou.others] == ["佛山市"]
    assert rows[("长沙市", "龙山县")].kind == "said-ended"
    assert set(rows) == {
        ("湘潭市", "永顺县"),
        ("衡阳市", "永顺县"),
        ("杭州市", "黔东南州"),
        ("长沙市", "龙山县"),
    }


def test_another_row_of_the_same_pair_explains_the_years(gaz):
    """上海→云南 2016–2020 and 2021–: evidence of 2022 agrees with the second and does not count against
    the first (which no document then evidences in its own years)."""
    lists = [
        official(2, "上海市", "云南省", "310000", "530000", 2016, 2020, EAST_OLD),
        official(3, "上海市", "云南省", "310000", "530000", 2021, None, EAST),
    ]
    g = nx.MultiDiGraph()
    edge(g, ("310000", "上海市"), ("530000", "云南省"), "东西部协作", ("2022-01-01", "current", "沪滇协作。"))
    first, second = reconcile(g, lists, gaz)[:2]
    assert (first.official.row, first.group) == (2, "official-only")
    assert "another row" in first.note
    assert (second.official.row, second.group) == (3, "agree")


def test_as_of_and_programme(gaz):
    lists = [
        official(2, "湘潭市", "永顺县", "430300", "433127", 1994, 2020, INTERNAL),
        official(3, "衡阳市", "永顺县", "430400", "433127", 2021, None, INTERNAL),
        official(4, "广东省", "疏附县", "440000", "653121", 2010, None, "对口援疆"),
    ]
    g = nx.MultiDiGraph()
    edge(g, XIANGTAN, YONGSHUN, "对口帮扶", ("2022-06-01", "current", "湘潭市仍在帮扶永顺县。"))
    edge(g, HENGYANG, YONGSHUN, "对口帮扶", ("2022-06-01", "current", "衡阳市帮扶永顺县。"))
    in_2022 = by_pair(reconcile(g, lists, gaz, as_of=2022))
    # the list ended 湘潭→永顺 in 2020, a 2022 text has it current: reported for 2022
    assert in_2022[("湘潭市", "永顺县")].group == "years"
    assert in_2022[("衡阳市", "永顺县")].group == "agree"
    in_2015 = by_pair(reconcile(g, lists, gaz, as_of=2015))
    assert ("衡阳市", "永顺县") not in in_2015  # not yet in force, and no text of 2015 has it
    assert in_2015[("广东省", "疏附县")].group == "official-only"
    aid = reconcile(g, lists, gaz, programme="对口支援")
    assert [(r.helper, r.group) for r in aid] == [("广东省", "official-only")]
    internal = reconcile(g, lists, gaz, programme="省内对口帮扶")
    assert {r.helper for r in internal} == {"湘潭市", "衡阳市"}


def test_a_pair_two_lists_carry_is_reported_once(gaz):
    a = official(2, "济南市", "湘西州", "370100", "433100", 2016, 2020, EAST_OLD)
    b = OfficialPairing(**{**a.__dict__, "list_name": "other-list", "row": 11})
    rows = reconcile(nx.MultiDiGraph(), [a, b], gaz)
    assert [(r.official.list_name, r.group) for r in rows] == [("test-list", "official-only")]
