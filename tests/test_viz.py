"""bangfu/views/network.py and bangfu/views/geomap.py: offline pages, escaped text, colours, sizes, layout."""

from __future__ import annotations

import math
import re

import networkx as nx
import pytest
from app_helpers import vis_data
from graph_helpers import FakeGazetteer, sample_extractions

from bangfu.views.boundaries import maritime_lines, outline, outlines
from bangfu.views.coverage_map import COVERAGE_COLOURS, CountyShade, coverage_map_html, drawable
from bangfu.views.geomap import assistance_arcs, map_html
from bangfu.views.labels import Wanted, place, text_width
from bangfu.views.layout import arrange, layout, node_label
from bangfu.views.network import (
    MECHANISM_COLOURS,
    TYPE_COLOURS,
    defuse,
    network_html,
)
from bangfu.views.svgpage import SCRIPT
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
    assert {n["label"] for n in nodes} >= {"长沙市", "龙山县", "湘西州", "济南市"}  # a long name by its alias
    assert next(n for n in nodes if n["id"] == "region:433100")["title"].startswith("湘西土家族苗族自治州\n")


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
    assert inferred and len(inferred[0]["dashes"]) == 2  # a dash pattern
    assert all(e["dashes"] is False for e in assists)  # stated directions are solid
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
    assert nodes[0]["title"].startswith(f"坏{PAYLOAD}{IMG}\n")  # shown as text, exactly
    assert nodes[0]["label"] == "坏<scrip…"  # a long name is cut under the dot
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
    hx, hy = pos["hub"]
    leaves = [math.hypot((pos[f"leaf{i}"][0] - hx) / 1.5, pos[f"leaf{i}"][1] - hy) for i in range(5)]
    assert max(leaves) - min(leaves) < 0.2  # the leaves on an ellipse around the hub, wider than tall
    positions = sorted(pos.values())
    assert all(math.dist(a, b) > 30 for a, b in zip(positions, positions[1:], strict=False))


def page_scripts(page: str) -> list[str]:
    return re.findall(r"<script[^>]*>(.*?)</script>", page, re.S)


def test_map_draws_china_arcs_offline_and_escaped(sample):
    arcs, missing = assistance_arcs(sample)
    pairs = {(a.helper.name, a.helped.name, a.mechanism) for a in arcs}
    assert ("长沙市", "龙山县", "对口帮扶") in pairs and (
        "济南市",
        "湘西土家族苗族自治州",
        "东西部协作",
    ) in pairs
    assert ("国家乡村振兴局", "新宁县", "定点帮扶") in missing  # an agency has no coordinates
    page = map_html(arcs, texts={"helper": "帮扶方", "inferred": "虚线：推断"})
    assert external_refs(page) == []
    assert page_scripts(page) == [SCRIPT]  # zoom and pan: a constant, nothing from the data
    assert page.count('class="arc"') == len(arcs) == page.count('class="pin arrow"')
    assert page.count('class="province"') >= 34  # every province's outline
    assert f'stroke="{MECHANISM_COLOURS["东西部协作"]}"' in page
    assert "帮扶方" in page and ">新疆<" in page and ">黑龙江<" in page  # the whole country, by short name
    inferred = [a for a in arcs if a.inferred]
    assert page.count('stroke-dasharray="8 5"') == len(inferred) and "虚线：推断" in page

    g = nx.MultiDiGraph()
    g.add_node("region:1", label="Region", name=PAYLOAD, lat=28.0, lon=112.0)
    g.add_node("region:2", label="Region", name=IMG, lat=29.0, lon=109.0)
    g.add_edge("region:1", "region:2", type="ASSISTS", mechanism="对口帮扶", n_evidence=1)
    evil = map_html(assistance_arcs(g)[0])
    assert PAYLOAD not in evil and IMG not in evil and "&lt;script&gt;" in evil
    assert page_scripts(evil) == [SCRIPT]


def _pin(page: str, node: str) -> tuple[float, float]:
    found = re.search(rf'data-node="{re.escape(node)}" data-x="([\d.]+)" data-y="([\d.]+)"', page)
    assert found, node
    return float(found.group(1)), float(found.group(2))


def test_a_province_is_drawn_apart_from_its_capital():
    g = nx.MultiDiGraph()
    g.add_node(
        "region:370000", label="Region", name="山东省", code="370000", level="province", lat=36.67, lon=117.02
    )
    g.add_node(
        "region:370100",
        label="Region",
        name="济南市",
        code="370100",
        level="prefecture",
        lat=36.65,
        lon=117.12,
    )
    g.add_node(
        "region:620000", label="Region", name="甘肃省", code="620000", level="province", lat=36.06, lon=103.83
    )
    for helper in ("region:370000", "region:370100"):
        g.add_edge(helper, "region:620000", type="ASSISTS", mechanism="东西部协作", n_evidence=1)
    arcs, _ = assistance_arcs(g)
    page = map_html(arcs)
    shandong, jinan = _pin(page, "region:370000"), _pin(page, "region:370100")
    assert math.dist(shandong, jinan) > 20  # two dots, two arcs, two names
    assert re.search(r'class="placelabel"[^>]*>甘肃省<', page)
    assert not re.search(r'class="provlabel"[^>]*>甘肃<', page)  # a drawn province is not named twice
    assert re.search(r'class="provlabel"[^>]*>青海<', page)  # the others are, by their short names
    # filtered to Shandong, the map zooms to Shandong and Gansu (both ends stay in view), with prefectures
    zoomed = map_html(arcs, focus=["370000"])
    assert math.dist(_pin(zoomed, "region:370000"), _pin(zoomed, "region:370100")) > 2 * math.dist(
        shandong, jinan
    )
    assert 'class="detail"' in zoomed and 'class="border"' in zoomed


def test_labels_never_overlap_and_optional_ones_give_way():
    crowd = [Wanted(f"地点{i}", 100 + i * 4, 100, 16, radius=7) for i in range(6)]
    crowd += [Wanted("省名", 110, 100, 14, optional=True, centred=True)]
    placed = place(crowd, 400, 300)
    boxes = [p.box for p in placed]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    assert {p.text for p in placed} >= {f"地点{i}" for i in range(6)}  # every place is named
    assert "省名" not in {p.text for p in placed}  # the optional name had no room and gave way
    assert any(p.leader for p in placed)  # some are set apart, with a leader line
    assert text_width("龙山县", 16) == 48 and text_width("ab", 10) == 12


def test_outlines_cover_the_gazetteer():
    provinces, counties = outlines("province"), outlines("county")
    assert len(provinces) == 34 and len(outlines("prefecture")) == 333
    assert len(counties) >= 2830
    longshan = outline("433130")
    assert longshan is not None and longshan.name == "龙山县" and longshan.parent == "433100"
    x0, y0, x1, y1 = longshan.bbox()
    assert x0 < longshan.label[0] < x1 and y0 < longshan.label[1] < y1 and 109 < x0 < 110
    assert maritime_lines() and all(len(line) >= 2 for line in maritime_lines())
    # 山东省's label point is deep in Shandong and away from 济南
    assert math.dist(provinces["370000"].label, (117.02, 36.67)) > 1.0


def test_coverage_map_colours_counties_and_names_the_unpaired():
    shades = [
        CountyShade("433130", "龙山县", "direct", "长沙市"),
        CountyShade("433122", "泸溪县", "prefecture", "济南市"),
        CountyShade("433127", "永顺县", "none"),
        CountyShade("431200", "洪江区", "none"),  # coded as its prefecture: no county outline
        CountyShade("433125", PAYLOAD, "none"),
    ]
    names = {"direct": "直接帮扶", "prefecture": "经地市覆盖", "none": "无帮扶"}
    page = coverage_map_html(shades, title="测试名单", names=names)
    painted = dict(re.findall(r'data-code="(\d{6})" data-coverage="([a-z-]+)"', page))
    assert painted == {"433130": "direct", "433122": "prefecture", "433127": "none", "433125": "none"}
    assert f'fill="{COVERAGE_COLOURS["direct"]}"' in page and 'fill="url(#hatch)"' in page
    assert page.count('class="unpairedlabel"') == 2 and ">永顺县<" in page
    assert "无帮扶 (2)" in page and "直接帮扶 (1)" in page
    assert PAYLOAD not in page and page_scripts(page) == [SCRIPT]
    assert drawable(shades)[1] == [shades[3]]


def test_a_village_is_drawn_at_its_county():
    g = nx.MultiDiGraph()
    g.add_node("region:430100", label="Region", name="长沙市", lat=28.2, lon=112.9)
    g.add_node("region:433130", label="Region", name="龙山县", lat=29.5, lon=109.4)
    g.add_node("region:433130:某村", label="Region", name="某村", parent="region:433130")
    g.add_edge("region:430100", "region:433130:某村", type="ASSISTS", mechanism="结对帮扶")
    arcs, missing = assistance_arcs(g)
    assert not missing and (arcs[0].helped.lon, arcs[0].helped.lat) == (109.4, 29.5)


def test_network_has_a_legend_steady_labels_and_no_documents(sample):
    g = sample.copy()
    g.add_node("doc:d1", label="Document", name="某文档")
    g.add_edge("region:430100", "doc:d1", type="MENTIONED_IN")
    words = {"legend": "图例", "inferred": "虚线：推断", "other": "其他关系"}
    page = network_html(g, texts=words, type_names={"Region": "地区", "Platform": "平台"})
    assert "doc:d1" not in {n["id"] for n in vis_data(page, "nodes")}  # documents are left out
    assert "doc:d1" in {n["id"] for n in vis_data(network_html(g, documents=True), "nodes")}
    legend = re.search(r'<div id="bangfu-legend">(.*?)</div>\s*<script>', page, re.S).group(1)
    for word in ("图例", "地区", "平台", "对口帮扶", "东西部协作", "虚线：推断", "其他关系"):
        assert word in legend
    assert MECHANISM_COLOURS["对口帮扶"] in legend and TYPE_COLOURS["Platform"] in legend
    assert "文档" not in legend and "Document" not in legend
    assert "const NODE_PX = 14, EDGE_PX = 13;" in page  # names kept at 14 px on screen at every zoom
    assert "const NODE_PX = 20," in network_html(sample, node_px=20)


def test_layout_keeps_names_apart():
    g = nx.Graph()
    for i in range(12):  # pairs of long names, the commonest piece
        g.add_node(f"a{i}", name=f"某某省某某市某某{i}")
        g.add_node(f"b{i}", name=f"某某县某某乡{i}")
        g.add_edge(f"a{i}", f"b{i}")
    pos, factor = arrange(g, label_px=14)
    boxes = []
    for n, (x, y) in pos.items():
        half = text_width(node_label(g.nodes[n], n), 14 * factor) / 2
        boxes.append((x - half, y, x + half, y + 14 * factor * 1.3))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
    assert node_label({"name": "湘西土家族苗族自治州", "aliases": ["湘西州"]}, "x") == "湘西州"
    assert node_label({"name": "中国供销电子商务有限公司"}, "x") == "中国供销电子商…"
