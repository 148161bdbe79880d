"""app_pages/selection.py: the Network and Map filters on the hand-built sample graph."""

from __future__ import annotations

import pytest
from graph_helpers import FakeGazetteer, sample_extractions

from app_pages.selection import (
    Selection,
    documents_of,
    filter_regions,
    relations_of,
    select,
    within,
    year_bounds,
)
from graph.model import KnowledgeGraph


@pytest.fixture(scope="module")
def g():
    kg = KnowledgeGraph(FakeGazetteer())
    for ext in sample_extractions():
        kg.add_extraction(ext)
    return kg.graph


def pairs(sub) -> set[tuple[str, str, str]]:
    return {
        (sub.nodes[u]["name"], sub.nodes[v]["name"], d.get("mechanism") or d["type"])
        for u, v, d in sub.edges(data=True)
    }


def test_everything_but_structure_by_default(g):
    sub = select(g, Selection())
    kinds = {d["type"] for _, _, d in sub.edges(data=True)}
    assert "ASSISTS" in kinds and "PROMOTES" in kinds
    assert not kinds & {"PART_OF", "MENTIONED_IN"}
    assert not any(sub.nodes[n]["label"] == "Document" for n in sub)
    with_structure = select(g, Selection(structure=True))
    assert any(d["type"] == "PART_OF" for _, _, d in with_structure.edges(data=True))


def test_mechanism_and_relation_filters(g):
    east_west = pairs(select(g, Selection(relations=("ASSISTS",), mechanisms=("东西部协作",))))
    assert east_west == {
        ("济南市", "湘西土家族苗族自治州", "东西部协作"),
        ("山东省", "甘肃省", "东西部协作"),
        ("青岛市", "甘肃省", "东西部协作"),
    }
    promotes = select(g, Selection(relations=("PROMOTES",)))
    assert {d["type"] for _, _, d in promotes.edges(data=True)} == {"PROMOTES"}


def test_region_keeps_edges_with_an_end_inside(g):
    shandong = pairs(select(g, Selection(region="region:370000")))
    assert ("济南市", "湘西土家族苗族自治州", "东西部协作") in shandong  # the helper is in 山东
    assert not any(a == "长沙市" for a, _, _ in shandong)
    xiangxi = pairs(select(g, Selection(region="region:433100", relations=("ASSISTS",))))
    assert ("长沙市", "龙山县", "对口帮扶") in xiangxi and ("湘潭市", "永顺县", "对口帮扶") in xiangxi
    assert within(g, "region:433130", "region:430000") and not within(g, "region:433130", "region:370000")


def test_types_years_and_documents(g):
    regions_only = select(g, Selection(types=("Region",)))
    assert {regions_only.nodes[n]["label"] for n in regions_only} == {"Region"}
    assert year_bounds(g) == (2020, 2023)
    in_2020 = pairs(select(g, Selection(relations=("ASSISTS",), years=(2020, 2020), include_undated=False)))
    assert ("湘潭市", "永顺县", "对口帮扶") in in_2020
    assert ("长沙市", "龙山县", "消费帮扶") not in in_2020  # only 2023
    assert ("山东省", "甘肃省", "东西部协作") not in in_2020  # undated, left out
    undated = pairs(select(g, Selection(relations=("ASSISTS",), years=(2020, 2020))))
    assert ("山东省", "甘肃省", "东西部协作") in undated
    one_doc = pairs(select(g, Selection(document="d009")))
    assert ("国家乡村振兴局", "新宁县", "定点帮扶") in one_doc and (
        "湘潭市",
        "永顺县",
        "对口帮扶",
    ) not in one_doc


def test_filter_regions_and_details(g):
    regions = filter_regions(g)
    assert regions[0][2] == "province" and ("region:433100", "湘西土家族苗族自治州", "prefecture") in regions
    rows = relations_of(g, "region:430100")
    assert {r["other"] for r in rows} == {"龙山县"}
    assert len([r for r in rows if r["mechanism"] == "对口帮扶"]) == 2  # one row per evidence sentence
    assert all(r["direction"] == "→" for r in rows)
    assert documents_of(g, ["region:430100"]) == ["a000", "b003", "d009"]
