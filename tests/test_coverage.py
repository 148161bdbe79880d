"""Coverage on a hand-built graph holding exactly the sample corpus's three Hunan ASSISTS edges.

长沙市 430100 → 龙山县 433130 (对口帮扶), 湘潭市 430300 → 永顺县 433127 (对口帮扶), 济南市 370100 →
湘西州 433100 (东西部协作): with --list hunan-51, 龙山县 and 永顺县 are covered directly, the other
湘西州 counties on the list through their prefecture, the rest by nobody.
"""

from __future__ import annotations

import networkx as nx
import pytest
from graph_helpers import extraction_a, extraction_b

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lists import OfficialPairing, load_list, load_pairings
from bangfu.knowledge.ontology import edge_key
from bangfu.planner.coverage import CoverageIndex, coverage, entries_from_codes, unpaired
from graph.model import KnowledgeGraph

XIANGXI_ON_LIST = {"吉首市", "泸溪县", "凤凰县", "花垣县", "保靖县", "古丈县"}


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


@pytest.fixture(scope="module")
def hunan(gaz):
    return load_list("hunan-51", gaz)


def _edge(g: nx.MultiDiGraph, helper: str, helped: str, mechanism: str, date: str, status="current"):
    for code, name in ((helper[0], helper[1]), (helped[0], helped[1])):
        g.add_node(f"region:{code}", label="Region", name=name, code=code)
    ev = {"doc": "d1", "date": date, "sentence": f"{helper[1]}{mechanism}{helped[1]}", "start": 0, "end": 9}
    g.add_edge(
        f"region:{helper[0]}",
        f"region:{helped[0]}",
        key=edge_key("ASSISTS", mechanism),
        type="ASSISTS",
        mechanism=mechanism,
        status=status,
        inferred=False,
        evidence=[{**ev, "status": status}],
        first_year=int(date[:4]),
        last_year=int(date[:4]),
    )


def three_edges() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    _edge(g, ("430100", "长沙市"), ("433130", "龙山县"), "对口帮扶", "2022-04-15")
    _edge(g, ("430300", "湘潭市"), ("433127", "永顺县"), "对口帮扶", "2020-08-28")
    _edge(g, ("370100", "济南市"), ("433100", "湘西土家族苗族自治州"), "东西部协作", "2020-08-28")
    return g


def _by_county(results):
    return {r.entry.label: r for r in results}


def _check_hunan(results):
    rows = _by_county(results)
    assert len(rows) == 51
    assert rows["龙山县"].coverage == "direct" and rows["龙山县"].helpers == ["长沙市"]
    assert rows["永顺县"].coverage == "direct" and rows["永顺县"].helpers[0].startswith("湘潭市")
    for name in XIANGXI_ON_LIST:
        assert rows[name].coverage == "prefecture", name
        assert rows[name].helpers == ["济南市"] and rows[name].mechanisms == ["东西部协作"]
        assert rows[name].name_of("prefecture") == "湘西土家族苗族自治州"
    rest = set(rows) - XIANGXI_ON_LIST - {"龙山县", "永顺县"}
    assert len(rest) == 43
    assert {rows[n].coverage for n in rest} == {"none"}
    return rows


def test_hunan_51_on_networkx_graph(gaz, hunan):
    rows = _check_hunan(coverage(three_edges(), hunan.entries, gazetteer=gaz))
    assert rows["龙山县"].evidence_count == 1 and rows["龙山县"].years == "2022"
    assert rows["龙山县"].row()["prefecture"] == "湘西土家族苗族自治州"
    assert rows["龙山县"].row()["province"] == "湖南省"


def test_hunan_51_on_knowledge_graph(gaz, hunan):
    kg = KnowledgeGraph(gaz)
    kg.add_extraction(extraction_a())
    kg.add_extraction(extraction_b())
    assists = [(u, v) for u, v, d in kg.graph.edges(data=True) if d["type"] == "ASSISTS"]
    assert len(assists) == 3
    rows = _check_hunan(coverage(kg, hunan.entries, gazetteer=gaz))
    assert rows["龙山县"].evidence_count == 2  # two documents state it
    assert rows["龙山县"].years == "2020–2022"
    assert rows["永顺县"].helpers == ["湘潭市 (past)"]  # the document's status is shown


def test_unpaired_levels(gaz, hunan):
    results = coverage(three_edges(), hunan.entries, gazetteer=gaz)
    assert len(unpaired(results, "county")) == 49
    assert len(unpaired(results, "prefecture")) == 43
    assert len(unpaired(results, "province")) == 43
    assert "龙山县" not in {r.entry.label for r in unpaired(results)}


def test_hongjiang_has_no_direct_level(gaz, hunan):
    g = three_edges()
    _edge(g, ("440100", "广州市"), ("431200", "怀化市"), "对口帮扶", "2021-01-01")
    rows = _by_county(coverage(g, hunan.entries, gazetteer=gaz))
    assert rows["洪江区"].coverage == "prefecture"  # 怀化市 covers it; nothing can name it directly
    assert rows["洪江市"].coverage == "prefecture"


def test_official_layer(gaz, hunan):
    rows = _by_county(coverage(three_edges(), hunan.entries, gazetteer=gaz))
    longshan = rows["龙山县"]
    assert any("长沙市→龙山县" in s for s in longshan.official_summary())
    assert longshan.not_official() == []  # 长沙→龙山 and 济南→湘西州 are both on official lists
    luxi = rows["泸溪县"].row()
    assert luxi["coverage"] == "prefecture" and "株洲市→泸溪县" in luxi["official"]


def test_official_only_and_not_in_official(gaz):
    g = nx.MultiDiGraph()
    _edge(g, ("440100", "广州市"), ("433130", "龙山县"), "对口帮扶", "2022-01-01")
    entries = entries_from_codes(gaz, ["433130", "433123", "430524"])
    rows = {r.entry.code: r for r in coverage(g, entries, gazetteer=gaz)}
    assert rows["433130"].coverage == "direct"
    assert [d.helper_name for d in rows["433130"].not_official()] == ["广州市"]
    assert "广州市→龙山县" in rows["433130"].row()["not_in_official"]
    fenghuang = rows["433123"]  # only 济南市→湘西州 (official list), no document
    assert fenghuang.coverage == "official-only" and fenghuang.helpers == ["济南市"]
    assert fenghuang.years == "2016–2020"
    longhui = rows["433130"].index.official_within("430524")
    assert [p.helper for p in longhui] == ["湖南大学"]  # a village pairing: shown, not coverage
    assert rows["430524"].coverage == "none"


def test_as_of(gaz, hunan):
    index = CoverageIndex(three_edges(), gaz)
    rows = _by_county(index.coverage(hunan.entries, as_of=2020))
    assert rows["永顺县"].coverage == "direct"
    assert rows["龙山县"].coverage == "prefecture"  # no 2020 document for 长沙→龙山; 济南→湘西州 is
    rows = _by_county(index.coverage(hunan.entries, as_of=2022))
    assert rows["龙山县"].coverage == "direct"
    assert rows["永顺县"].coverage == "official-only"  # only 衡阳市 (from 2021, official list)
    assert rows["永顺县"].helpers == ["衡阳市"]
    assert rows["凤凰县"].coverage == "none"  # 济南→湘西州 ended 2020 and no 2022 document has it
    rows = _by_county(index.coverage(hunan.entries, as_of=2019))
    assert rows["永顺县"].coverage == "official-only" and rows["永顺县"].helpers == ["湘潭市"]


def test_as_of_excludes_past_and_undated_statements(gaz, hunan):
    g = three_edges()
    _edge(g, ("430200", "株洲市"), ("433122", "泸溪县"), "对口帮扶", "2020-01-01", status="past")
    g.add_edge(
        "region:430700",
        "region:433124",
        key="x",
        type="ASSISTS",
        mechanism="对口帮扶",
        evidence=[{"doc": "u"}],
    )
    g.nodes["region:430700"]["name"] = "常德市"
    index = CoverageIndex(g, gaz)
    rows = _by_county(index.coverage(hunan.entries, as_of=2020))
    assert rows["泸溪县"].helpers == ["济南市"] and rows["泸溪县"].coverage == "prefecture"
    assert rows["花垣县"].coverage == "prefecture"
    rows = _by_county(index.coverage(hunan.entries))
    assert rows["泸溪县"].coverage == "direct" and rows["泸溪县"].helpers == ["株洲市 (past)"]
    assert rows["花垣县"].coverage == "direct" and rows["花垣县"].years == ""


def test_unresolved_entries_stay_in_the_report(gaz, tmp_path):
    path = tmp_path / "l.csv"
    path.write_text("龙山\n不存在县\n", encoding="utf-8")
    results = coverage(three_edges(), load_list(path, gaz).entries, gazetteer=gaz, pairings=[])
    assert [r.coverage for r in results] == ["ambiguous", "unresolved"]
    assert [r.coverage for r in unpaired(results, "province")] == ["ambiguous", "unresolved"]
    assert "could be: " in results[0].entry.note and "龙山县 433130 (湖南省)" in results[0].entry.note


def test_json_carries_the_evidence(gaz, hunan):
    rows = _by_county(coverage(three_edges(), hunan.entries, gazetteer=gaz, pairings=load_pairings()))
    data = rows["龙山县"].to_json()
    [direct] = [lc for lc in data["levels"] if lc["via"] == "direct"]
    assert direct["documents"][0]["evidence"][0]["sentence"] == "长沙市对口帮扶龙山县"
    assert direct["documents"][0]["official"] is True
    assert [lc["via"] for lc in data["levels"]] == ["direct", "prefecture", "province"]


def _official(helper: str, helper_code: str, helped: str, helped_code: str) -> OfficialPairing:
    return OfficialPairing(
        list_name="test",
        row=1,
        helper=helper,
        helped=helped,
        helper_codes=(helper_code,),
        helped_codes=(helped_code,),
        helped_exact=True,
        level="county",
        since=None,
        until=None,
        until_approx=False,
        program="对口帮扶",
        source_url="",
        notes="",
    )


def test_a_helper_inside_the_listed_helper_is_official_and_not_the_other_way(gaz):
    """The list pairs 江苏省 with 龙山县: a document naming 苏州市 (inside 江苏省) agrees with it. A list
    pairing only 苏州市 says nothing of what 江苏省 as a whole does."""
    g = nx.MultiDiGraph()
    _edge(g, ("320500", "苏州市"), ("433130", "龙山县"), "对口帮扶", "2022-01-01")
    entries = entries_from_codes(gaz, ["433130"])
    province_listed = [_official("江苏省", "320000", "龙山县", "433130")]
    [row] = coverage(g, entries, gazetteer=gaz, pairings=province_listed)
    assert row.coverage == "direct" and row.not_official() == []

    g = nx.MultiDiGraph()
    _edge(g, ("320000", "江苏省"), ("433130", "龙山县"), "对口帮扶", "2022-01-01")
    city_listed = [_official("苏州市", "320500", "龙山县", "433130")]
    [row] = coverage(g, entries, gazetteer=gaz, pairings=city_listed)
    assert [d.helper_name for d in row.not_official()] == ["江苏省"]


def test_programme_filter_keeps_one_programmes_pairings(gaz):
    """A county covered by 对口援疆 and by a document's 东西部协作 pairing: each programme sees only its own
    pairings, official and documented alike; a document pairing an official row has is in that row's
    programme whatever its mechanism (济南市 → 龙山县 written 对口帮扶 is 东西部协作)."""
    g = nx.MultiDiGraph()
    _edge(g, ("370100", "济南市"), ("433130", "龙山县"), "对口帮扶", "2019-05-01")
    _edge(g, ("430100", "长沙市"), ("433130", "龙山县"), "对口帮扶", "2022-04-15")
    _edge(g, ("110000", "北京市"), ("653121", "疏附县"), "东西部协作", "2022-04-15")
    entries = entries_from_codes(gaz, ["433130", "653121", "433122"])
    index = CoverageIndex(g, gaz)
    by = {r.entry.code: r for r in index.coverage(entries)}
    assert by["433130"].programmes == ["东西部协作", "省内对口帮扶"]
    east = {r.entry.code: r for r in index.coverage(entries, programme="东西部协作")}
    assert east["433130"].helpers == ["济南市"] and east["433130"].coverage == "direct"
    assert east["653121"].helpers == ["北京市"]  # a document pairing no list has: its mechanism's programme
    # 泸溪县: not 株洲市 (省内对口帮扶), only the 东西部协作 list's 济南市 → 湘西州
    assert east["433122"].coverage == "official-only" and east["433122"].helpers == ["济南市"]
    aid = {r.entry.code: r for r in index.coverage(entries, programme="对口支援")}
    assert aid["653121"].coverage == "official-only" and aid["653121"].helpers == ["广东省"]
    assert aid["653121"].row()["programmes"] == "对口支援"
    assert aid["433130"].coverage == "none"
    internal = {r.entry.code: r for r in index.coverage(entries, programme="省内对口帮扶")}
    assert internal["433130"].helpers == ["长沙市"] and internal["433122"].helpers == ["株洲市"]
