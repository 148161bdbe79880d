"""bangfu/views/network.py and bangfu/views/geomap.py: offline pages, escaped text, colours, sizes, layout."""

from __future__ import annotations

import math
import re

import networkx as nx
import pytest
from app_helpers import vis_data
from graph_helpers import FakeGazetteer, sample_extractions

from bangfu.views.geomap import assistance_arcs, map_html
from bangfu.views.network import (
    MECHANISM_COLOURS,
    TYPE_COLOURS,
    defuse,
    layout,
    network_html,
)
from graph.model import KnowledgeGraph

PAYLOAD = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def sample() -> nx.MultiDiGraph:
    kg = KnowledgeGraph(FakeGazetteer())
    for ext in sample_extractions():
        kg.add_extraction(ext)
    g = nx.MultiDiGraph()
    for u, v, k, d in kg.graph.edges(keys=True, data=True):
        if d["type"] not in ("MENTIONED_IN", "PART_OF"):
            g.add_node(u, **kg.graph.nodes[u])
            g.add_node(v, **kg.graph.nodes[v])
            g.add_edge(u, v, key=k, **d)
    return g


def external_refs(page: str) -> list[str]:
    return re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//[^"' >]+""", page)


def test_network_page_is_offline_and_holds_the_graph(sample):
    page = network_html(sample)
    assert external_refs(page) == []
    assert "vis.Network" in page and "vis-network" in page  # the library is inline
    nodes = vis_data(page, "nodes")
    assert {n["id"] for n in nodes} == set(sample.nodes)
    assert {n["label"] for n in nodes} >= {"长沙市", "龙山县", "湘西土家族苗族自治州", "济南市"}


def test_colour_by_type_size_by_degree_label_by_mechanism(sample):
    page = network_html(sample)
    nodes = {n["id"]: n for n in vis_data(page, "nodes")}
    assert nodes["region:430100"]["color"] == TYPE_COLOURS["Region"]
    assert nodes["platform:湘农荟"]["color"] == TYPE_COLOURS["Platform"]
    assert nodes["agency:国家乡村振兴局"]["color"] == TYPE_COLOURS["Agency"]
    # 长沙市 (3 edges) is drawn bigger than 济南市 (1 edge)
    assert nodes["region:430100"]["size"] > nodes["region:370100"]["size"]
    edges = vis_data(page, "edges")
    assists = [e for e in edges if e["from"] == "region:430100" and e["to"] == "region:433130"]
    assert {e["label"] for e in assists} == {"对口帮扶", "消费帮扶"}
    assert {e["color"] for e in assists} == {MECHANISM_COLOURS["对口帮扶"], MECHANISM_COLOURS["消费帮扶"]}
    assert any(e["label"] == "OPERATES" for e in edges)
    named = vis_data(network_html(sample, relation_names={"OPERATES": "运营"}), "edges")
    assert any(e["label"] == "运营" for e in named)
    inferred = [e for e in edges if e["from"] == "region:370000" and e["to"] == "region:620000"]
    assert inferred and inferred[0]["dashes"] is True
    # hover: the name and the evidence count
    assert nodes["region:433130"]["title"].startswith("龙山县\n")
    assert "evidence 4" in nodes["region:433130"]["title"]


def test_document_text_cannot_become_markup():
    g = nx.MultiDiGraph()
    g.add_node("organization:x", label="Organization", name=f"坏{PAYLOAD}{IMG}")
    g.add_node("region:433130", label="Region", name="龙山县")
    g.add_edge(
        "organization:x",
        "region:433130",
        key="ASSISTS|对口帮扶",
        type="ASSISTS",
        mechanism="对口帮扶",
        n_evidence=1,
        sentence=f'{PAYLOAD} <a href="javascript:alert(1)">x</a>',
    )
    page = network_html(g)
    assert PAYLOAD not in page and IMG not in page
    assert "window.__pwned" in page  # still there, as escaped data
    # pyvis renders titles as HTML once one contains "href": ours never do
    assert "popup.innerHTML" not in page
    nodes = vis_data(page, "nodes")
    assert nodes[0]["label"] == f"坏{PAYLOAD}{IMG}"  # shown as text, exactly
    assert defuse("a href b") != "a href b" and "href" not in defuse("href")


def test_physics_off_with_positions_from_the_layout():
    g = nx.MultiDiGraph()
    n = 300
    for i in range(n):
        g.add_node(f"region:{i}", label="Region", name=f"地{i}")
    for i in range(1, n):
        g.add_edge(
            f"region:{i // 2}", f"region:{i}", key="ASSISTS|对口帮扶", type="ASSISTS", mechanism="对口帮扶"
        )
    page = network_html(g)
    assert '"enabled": false' in page.split("var options = ", 1)[1][:400]
    nodes = vis_data(page, "nodes")
    assert all(isinstance(x["x"], float) and isinstance(x["y"], float) for x in nodes)
    assert len({(x["x"], x["y"]) for x in nodes}) == n  # nobody on top of anybody
    moving = network_html(g, physics=True)
    assert '"enabled": true' in moving.split("var options = ", 1)[1][:400]


def test_layout_is_deterministic_finite_and_uses_coordinates():
    g = nx.MultiDiGraph()
    g.add_node("west", lat=30.0, lon=100.0)
    g.add_node("east", lat=30.0, lon=120.0)
    g.add_node("north", lat=40.0, lon=110.0)
    g.add_node("free")
    for u, v in (("free", "east"), ("west", "east"), ("north", "east"), ("west", "north")):
        g.add_edge(u, v)
    first, second = layout(g), layout(g)
    assert first == second
    assert all(math.isfinite(v) for xy in first.values() for v in xy)
    assert first["west"][0] < first["east"][0]  # east stays to the right
    assert first["north"][1] < first["west"][1]  # north stays up (vis-network's y grows downward)
    assert layout(nx.MultiDiGraph()) == {}


def test_layout_packs_pieces_close_and_spaces_edges():
    g = nx.Graph()
    g.add_edges_from(("hub", f"leaf{i}") for i in range(5))  # a star
    for i in range(30):
        g.add_edge(f"a{i}", f"b{i}")  # thirty pairs
    g.add_node("alone")
    pos = layout(g, spacing=100.0)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert width < 4 * height and height < 2 * width  # compact and wide, not a ring of far-flung pieces
    edge = math.dist(pos["a0"], pos["b0"])
    assert 90 <= edge <= 110
    leaves = [math.dist(pos["hub"], pos[f"leaf{i}"]) for i in range(5)]
    assert max(leaves) - min(leaves) < 1e-6  # the leaves on a circle around the hub
    positions = sorted(pos.values())
    assert all(math.dist(a, b) > 30 for a, b in zip(positions, positions[1:], strict=False))


def test_map_draws_arcs_offline_and_escaped(sample):
    arcs, missing = assistance_arcs(sample)
    pairs = {(a.helper.name, a.helped.name, a.mechanism) for a in arcs}
    assert ("长沙市", "龙山县", "对口帮扶") in pairs and (
        "济南市",
        "湘西土家族苗族自治州",
        "东西部协作",
    ) in pairs
    assert ("国家乡村振兴局", "新宁县", "定点帮扶") in missing  # an agency has no coordinates
    page = map_html(arcs, backdrop=[("湖南省", 112.98, 28.11)], texts={"helper": "帮扶方"})
    assert external_refs(page) == []
    assert "<script" not in page
    assert page.count('class="arc"') == len(arcs)
    assert f'stroke="{MECHANISM_COLOURS["东西部协作"]}"' in page
    assert "湖南省" in page and "帮扶方" in page
    # a backdrop seat that is also a drawn place is not written twice
    assert map_html(arcs, backdrop=[("甘肃省", 103.83, 36.06)]).count(">甘肃省<") == 1

    g = nx.MultiDiGraph()
    g.add_node("region:1", label="Region", name=PAYLOAD, lat=28.0, lon=112.0)
    g.add_node("region:2", label="Region", name=IMG, lat=29.0, lon=109.0)
    g.add_edge("region:1", "region:2", type="ASSISTS", mechanism="对口帮扶", n_evidence=1)
    evil = map_html(assistance_arcs(g)[0])
    assert PAYLOAD not in evil and IMG not in evil and "&lt;script&gt;" in evil


def test_a_village_is_drawn_at_its_county():
    g = nx.MultiDiGraph()
    g.add_node("region:430100", label="Region", name="长沙市", lat=28.2, lon=112.9)
    g.add_node("region:433130", label="Region", name="龙山县", lat=29.5, lon=109.4)
    g.add_node("region:433130:某村", label="Region", name="某村", parent="region:433130")
    g.add_edge("region:430100", "region:433130:某村", type="ASSISTS", mechanism="结对帮扶")
    arcs, missing = assistance_arcs(g)
    assert not missing and (arcs[0].helped.lon, arcs[0].helped.lat) == (109.4, 29.5)
