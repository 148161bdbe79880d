"""Every page of app.py under Streamlit's AppTest, on the sample corpus's store (built in a temp folder).

What each test asserts is what the page shows a user: the counts on the Overview, the sample's pairs on
the Network and the Map, 龙山县 covered directly by 长沙市 on the Planner, query results and engine
errors on the Cypher page, a document's marked text on the Documents page, traditional-character search.
"""

from __future__ import annotations

import re

import pytest
from app_helpers import frames, iframe_html, labels, open_page, point_app_at, shared_sample_store

from app_pages.context import gazetteer
from app_pages.tables import WRAP_ROW_PX
from bangfu.knowledge.lists import load_list
from bangfu.planner.coverage import CoverageIndex
from bangfu.views.svgpage import SCRIPT
from graph.store.readback import load_graph

HUNAN_TITLE = "湖南省 2020 年消费扶贫月活动方案"


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    return shared_sample_store(tmp_path_factory)


@pytest.fixture(autouse=True)
def app_on_sample(sample, monkeypatch):
    point_app_at(monkeypatch, sample.path)


def column(frame, name) -> list:
    return list(frame[name])


def find_frame(at, column_name):
    for frame in frames(at):
        if column_name in frame.columns:
            return frame
    raise AssertionError(f"no table with a {column_name!r} column: {[list(f.columns) for f in frames(at)]}")


# ---------------------------------------------------------------------------------------------- overview
def test_overview_shows_counts_documents_and_build(sample):
    at = open_page("overview")
    assert at.title[0].value == "概览"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["文档"] == str(sample.documents)
    assert int(metrics["帮扶关系"]) >= 3 and int(metrics["实体"]) > 10
    by_type = find_frame(at, "类型")
    assert "地区" in column(by_type, "类型")
    by_mechanism = find_frame(at, "帮扶机制")
    assert {"对口帮扶", "东西部协作"} <= set(column(by_mechanism, "帮扶机制"))
    docs = find_frame(at, "标题")
    assert HUNAN_TITLE in column(docs, "标题")
    assert "2020-08-28" in column(docs, "日期")
    assert any("最近构建" in c.value for c in at.caption)


def test_english_switch():
    at = open_page("overview")
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert "Documents" in {m.label for m in at.metric}
    assert "Region" in column(find_frame(at, "type"), "type")
    assert open_page("planner", lang="en").title[0].value == "Planner"  # ?lang=en in the address


@pytest.mark.parametrize(
    "page, title",
    [
        ("overview", "Overview"),
        ("network", "Network"),
        ("map", "Map"),
        ("planner", "Planner"),
        ("cypher", "Cypher"),
        ("documents", "Documents"),
        ("search", "Search"),
    ],
)
def test_every_page_in_english(page, title):
    at = open_page(page, lang="en")
    assert at.title[0].value == title
    assert not at.error


def test_every_page_is_reachable_from_the_sidebar():
    at = open_page("overview")
    titles = {}
    for page in ("network", "map", "planner", "cypher", "documents", "search"):
        at.sidebar.radio(key="page").set_value(page).run()
        assert not at.exception, [e.message for e in at.exception]
        titles[page] = at.title[0].value
    assert titles == {
        "network": "关系网络",
        "map": "地图",
        "planner": "覆盖分析",
        "cypher": "Cypher 查询",
        "documents": "文档",
        "search": "搜索",
    }


# ---------------------------------------------------------------------------------------------- network
def test_network_draws_the_sample_graph_offline():
    at = open_page("network")
    page = iframe_html(at)
    assert {"长沙市", "龙山县", "湘潭市", "永顺县", "济南市"} <= labels(page)
    assert "vis.Network" in page
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert any("节点" in c.value for c in at.caption)
    download = at.get("download_button")[0]
    assert download.proto.label.startswith("下载为 HTML")


def test_network_filters_by_mechanism_and_region():
    at = open_page("network")
    at.multiselect(key="net_mechanisms").set_value(["东西部协作"]).run()
    shown = labels(iframe_html(at))
    assert "济南市" in shown and not shown & {"湘潭市", "长沙市"}
    at.multiselect(key="net_mechanisms").set_value([]).run()
    at.selectbox(key="net_region").set_value("region:370000").run()  # 山东省
    shown = labels(iframe_html(at))
    assert "济南市" in shown and "湘潭市" not in shown


def test_network_node_shows_relations_with_evidence():
    at = open_page("network")
    at.selectbox(key="net_node").set_value("region:430100").run()
    table = find_frame(at, "证据句")
    assert "龙山县" in column(table, "对方")
    assert any("长沙市" in s and "龙山县" in s for s in column(table, "证据句"))


def test_network_empty_selection_says_so():
    at = open_page("network")
    at.selectbox(key="net_document").set_value(at.selectbox(key="net_document").options[1])
    at.multiselect(key="net_types").set_value(["Campaign"]).run()
    assert not at.get("iframe")  # no picture of nothing
    assert at.caption[0].value == "当前选择：0 个节点，0 条关系"
    assert [i.value for i in at.info] == ["没有符合筛选条件的关系。"]


# ---------------------------------------------------------------------------------------------- map
def test_map_draws_arcs_between_places():
    at = open_page("map")
    page = iframe_html(at)
    assert page.count('class="arc"') >= 3
    for name in ("长沙市", "龙山县", "济南市"):
        assert name in page
    assert page.count('class="province"') >= 34 + 5  # the country, and the South China Sea inset
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "") and "https://" not in page
    assert re.findall(r"<script[^>]*>(.*?)</script>", page, re.S) == [SCRIPT]  # only the zoom script
    at.multiselect(key="map_mechanisms").set_value(["东西部协作"]).run()
    page = iframe_html(at)
    assert "济南市" in page and "湘潭市" not in page


# ---------------------------------------------------------------------------------------------- planner
def coverage_table(at):
    return find_frame(at, "覆盖")


def test_planner_lists_longshan_covered_directly_by_changsha():
    at = open_page("planner")
    assert at.selectbox(key="plan_list").value == "hunan-51"
    table = coverage_table(at).set_index("县")
    assert table.loc["龙山县", "覆盖"] == "直接帮扶"
    assert "长沙市" in table.loc["龙山县", "帮扶方"]
    assert table.loc["永顺县", "覆盖"] == "直接帮扶" and "湘潭市" in table.loc["永顺县", "帮扶方"]
    assert table.loc["泸溪县", "覆盖"] == "经地市覆盖" and "济南市" in table.loc["泸溪县", "帮扶方"]
    assert (table["覆盖"] == "无帮扶").sum() > 20
    assert len(table) == 51
    # the coverage map paints the same decision for each county the table lists
    page = iframe_html(at)
    painted = dict(re.findall(r'data-code="(\d{6})" data-coverage="([a-z-]+)"', page))
    assert painted["433130"] == "direct" and painted["433122"] == "prefecture"  # 龙山县, 泸溪县
    assert sum(1 for v in painted.values() if v == "none") == (table["覆盖"] == "无帮扶").sum() - 1  # 洪江区
    assert "无帮扶 (" in page and "覆盖情况" in page


def test_planner_filters_downloads_and_shows_evidence():
    at = open_page("planner")
    at.selectbox(key="plan_level").set_value("county").run()  # no direct helper
    table = coverage_table(at)
    assert "龙山县" not in set(table["县"]) and "泸溪县" in set(table["县"])
    at.selectbox(key="plan_level").set_value("all").run()
    at.text_input(key="plan_filter_text").input("龙山").run()
    assert list(coverage_table(at)["县"]) == ["龙山县"]
    downloads = [b.proto.label for b in at.get("download_button")]
    assert "下载 CSV" in downloads and "下载覆盖地图（HTML，离线可用）" in downloads
    options = at.selectbox(key="plan_county").options
    at.selectbox(key="plan_county").select_index(1).run()
    assert options[1] == "龙山县"
    evidence = find_frame(at, "证据句")
    assert "长沙市" in column(evidence, "帮扶方")
    assert any("龙山县" in s for s in column(evidence, "证据句"))


def test_planner_filters_by_programme():
    """东西部协作 only: 龙山县's 长沙市 (省内对口帮扶) drops out, 济南市 reaches it through 湘西州."""
    at = open_page("planner")
    assert "帮扶项目" in coverage_table(at).columns
    at.selectbox(key="plan_programme").set_value("东西部协作").run()
    assert not at.exception, [e.message for e in at.exception]
    table = coverage_table(at).set_index("县")
    assert table.loc["龙山县", "覆盖"] == "经地市覆盖" and table.loc["龙山县", "帮扶方"] == "济南市"
    assert table.loc["龙山县", "帮扶项目"] == "东西部协作"
    at.selectbox(key="plan_programme").set_value("省内对口帮扶").run()
    table = coverage_table(at).set_index("县")
    assert table.loc["龙山县", "帮扶方"] == "长沙市" and table.loc["吉首市", "覆盖"] == "无帮扶"


def test_planner_reconciliation_tab_groups_the_sample_pairs():
    """株洲市→泸溪县: on a list, in no document; 长沙市→龙山县: both agree, with its sentence and source."""
    at = open_page("planner")
    tabs = [tab.label for tab in at.tabs]
    assert tabs == ["县覆盖", "官方名单核对"]
    metrics = {m.label: int(m.value) for m in at.metric}
    assert metrics["名单有、文档未见"] > 100 and metrics["两者一致"] >= 2
    table = find_frame(at, "原因")
    zhuzhou = table[(table["帮扶方"] == "株洲市") & (table["受帮扶方"] == "泸溪县")]
    assert list(zhuzhou["分组"]) == ["名单有、文档未见"]
    at.multiselect(key="rec_groups").set_value(["agree"]).run()
    table = find_frame(at, "原因")
    assert set(table["分组"]) == {"两者一致"} and "长沙市" in set(table["帮扶方"])
    options = at.selectbox(key="rec_pick").options
    pick = next(i for i, o in enumerate(options) if o == "长沙市 → 龙山县")
    at.selectbox(key="rec_pick").select_index(pick).run()
    assert not at.exception, [e.message for e in at.exception]
    sentences = find_frame(at, "证据句")
    assert any("龙山县" in s for s in column(sentences, "证据句"))
    [sources] = [f for f in frames(at) if {"名单（行）", "来源网址"} <= set(f.columns)]
    assert column(sources, "名单（行）")[0].startswith("hunan-internal:")
    assert column(sources, "来源网址")[0].startswith("https://")
    # site · title as the list row gives it; a news page in the row's notes: not marked as repost only
    assert column(sources, "来源（网站 · 标题）")[0] == "albertsrl.com · 人民日报 2018"


def test_planner_upload_mixed_names_lists_unresolved_rows():
    at = open_page("planner")
    at.selectbox(key="plan_list").set_value("__upload__").run()
    body = "县\n龙山\n湘西州永顺县\n433122\n不存在县\n".encode()
    at.file_uploader(key="plan_upload").set_value(("my-list.csv", body, "text/csv")).run()
    assert not at.exception, [e.message for e in at.exception]
    table = coverage_table(at).set_index("县")
    assert table.loc["龙山县", "覆盖"] == "直接帮扶"
    assert table.loc["永顺县", "覆盖"] == "直接帮扶"
    assert table.loc["泸溪县", "覆盖"] == "经地市覆盖"
    assert at.warning and "1 行" in at.warning[0].value
    problems = find_frame(at, "原文")
    assert "不存在县" in column(problems, "原文")


# ---------------------------------------------------------------------------------------------- cypher
def run_cypher(at, query: str, params: str = "{}"):
    at.text_area(key="cy_query").input(query)
    at.text_input(key="cy_params").input(params)
    at.button(key="cy_run").click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_cypher_example_runs_and_draws_its_nodes():
    at = open_page("cypher")
    at.selectbox(key="cy_example").set_value("partners").run()
    assert "$helper" in at.text_area(key="cy_query").value
    at.button(key="cy_run").click().run()
    table = find_frame(at, "helped")
    assert "龙山县" in column(table, "helped") and list(table.columns) == [
        "helped",
        "mechanism",
        "since",
        "evidence",
    ]
    assert at.get("download_button")[0].proto.label == "下载 CSV"


def test_cypher_unpaired_example_names_the_planners_counties():
    at = open_page("cypher")
    assert at.selectbox(key="cy_example").value == "unpaired"  # the first example
    at.button(key="cy_run").click().run()
    table = find_frame(at, "county")
    kg = load_graph()
    results = CoverageIndex(kg, gazetteer()).coverage(load_list("hunan-51", gazetteer()).entries)
    # the documents' answer: nobody, or only an official list (those lists are not in the graph);
    # 洪江区 is coded as its prefecture (a 管理区 has no county code) and carries no designation
    planner = {r.entry.code for r in results if r.coverage in ("none", "official-only") and r.entry.exact}
    assert set(table["code"]) == planner and len(planner) > 20
    assert set(table["province"]) == {"湖南省"}


def test_cypher_cells_show_names_and_nothing_for_null():
    at = open_page("cypher")
    run_cypher(
        at, "MATCH (p:Platform) OPTIONAL MATCH (o)-[:OPERATES]->(p) RETURN p.id AS platform, o AS operator"
    )
    table = frames(at)[0]
    cells = [str(v) for v in table.to_numpy().ravel()]
    assert "None" not in cells and "" in cells  # a platform without an operator
    assert not any(c.startswith(("platform:", "organization:", "agency:")) for c in cells)  # names, not ids
    at.selectbox(key="cy_example").set_value("paths").run()
    at.button(key="cy_run").click().run()
    places = column(find_frame(at, "places"), "places")
    assert places and all(p.startswith("长沙市 → ") and p.endswith(" → 永顺县") for p in places)


def test_cypher_nodes_and_paths_become_a_graph():
    at = open_page("cypher")
    at.selectbox(key="cy_example").set_value("paths").run()
    at.button(key="cy_run").click().run()
    assert not at.error, at.error[0].value
    assert {"长沙市", "永顺县"} <= labels(iframe_html(at))


def test_cypher_refuses_writes_and_shows_engine_errors():
    at = open_page("cypher")
    run_cypher(at, "CREATE (n:Agency {id: 'agency:x', name: 'x'})")
    assert at.error and "CREATE" in at.error[0].value and "只读" in at.error[0].value
    run_cypher(at, "MATCH (n) RETURN n.no_such_property")
    assert at.error and "no_such_property" in at.error[0].value and "Traceback" not in at.error[0].value
    run_cypher(at, "MATCH (n RETURN n")
    assert at.error
    run_cypher(at, "RETURN 1", params="[1]")
    assert at.error and "JSON" in at.error[0].value


def test_cypher_row_limit():
    at = open_page("cypher")
    at.number_input(key="cy_limit").set_value(2)
    run_cypher(at, "MATCH (n) RETURN n.id AS id ORDER BY id")
    assert len(frames(at)[0]) == 2
    assert any("前 2 行" in c.value for c in at.caption)


# ---------------------------------------------------------------------------------------------- documents
def test_documents_page_shows_a_document_with_its_facts():
    at = open_page("documents")
    pick = at.selectbox(key="doc_pick")
    pick.select_index(next(i for i, label in enumerate(pick.options) if HUNAN_TITLE in label)).run()
    relations = find_frame(at, "证据句")
    assert "湘潭市" in column(relations, "主体") and "永顺县" in column(relations, "对象")
    # evidence sentences wrap over tall rows instead of being cut to one line
    table = next(df for df in at.dataframe if "证据句" in df.value.columns)
    assert table.proto.row_height == WRAP_ROW_PX and WRAP_ROW_PX >= 3 * 20
    entities = find_frame(at, "别名")
    assert "湘西土家族苗族自治州" in column(entities, "名称")
    body = at.html[0].proto.body  # the sample file is there to read: its text with the evidence shaded
    assert "background:#FFF1B8" in body and "湘潭市" in body
    # written in Markdown (a PDF turned into text): also shown formatted, its headings as headings
    assert [tab.label for tab in at.tabs] == ["排版视图", "标注视图（证据与实体）"]
    assert any(m.value.lstrip().startswith("#") and "湘潭市" in m.value for m in at.markdown)
    # the chooser names documents by title and date, never by their internal id
    assert any(label == f"{HUNAN_TITLE} · 2020-08-28" for label in pick.options)
    assert not any(
        re.search(r"[0-9a-f]{16}", label.split(" · ")[-1]) for label in pick.options if "·" in label
    )


def test_search_finds_traditional_names_and_shows_details():
    at = open_page("search")
    at.text_input(key="search_query").input("龍山縣").run()
    hits = find_frame(at, "匹配")
    assert column(hits, "名称")[0] == "龙山县"
    facts = find_frame(at, "内容")
    assert "433130" in column(facts, "内容")
    relations = find_frame(at, "证据句")
    assert "长沙市" in column(relations, "对方")
    at.text_input(key="search_query").input("湘西州").run()
    assert column(find_frame(at, "匹配"), "名称")[0] == "湘西土家族苗族自治州"
    at.text_input(key="search_query").input("没有这个地方").run()
    assert at.info and "没有找到" in at.info[0].value


# ---------------------------------------------------------------------------------------------- store problems
def test_missing_store_says_how_to_build(monkeypatch, tmp_path):
    point_app_at(monkeypatch, tmp_path / "nothing.lbdb")
    at = open_page("overview")
    assert at.warning and "bangfu build" in at.code[0].value
    docs = open_page("documents")  # still usable: uploading creates the store
    assert docs.get("file_uploader")


def test_unreadable_store_is_one_line_not_a_traceback(monkeypatch, tmp_path):
    junk = tmp_path / "junk.lbdb"
    junk.write_bytes(b"this is not a database" * 100)
    point_app_at(monkeypatch, junk)
    at = open_page("overview")
    assert at.error and "junk.lbdb" in at.error[0].value
