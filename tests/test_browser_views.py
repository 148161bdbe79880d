"""What a presenter puts on a projector, measured in Debian's chromium on the sample corpus's app.

One app server and one browser for the module (each page load costs a second or two): the map with
province outlines and labels that are large enough and never overlap, the coverage map of the Planner
with its unpaired counties named, every page in both languages. Screenshots at 1920×1080 are written to
tests/artifacts/ (git-ignored; ``BANGFU_ARTIFACTS`` moves them), and the page times are printed
(``pytest -s`` shows them).

Skipped, with the reason, when /usr/bin/chromium is absent (CI installs it: .ci/run).
"""

from __future__ import annotations

import base64
import json
import os
import re
import time
from pathlib import Path

import pytest
from app_helpers import CHROMIUM, ROOT, AppServer, Chromium, shared_sample_store

from app_pages import PAGES, i18n
from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lists import load_list
from bangfu.planner.coverage import CoverageIndex
from graph.store.readback import load_graph

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} is absent: apt-get install -y chromium fonts-noto-cjk to run the browser tests",
)

ARTIFACTS = Path(os.environ.get("BANGFU_ARTIFACTS", ROOT / "tests" / "artifacts"))
MIN_LABEL_PX = 12.0

# the SVG map inside one of the page's iframes: outlines, label sizes on screen, label boxes
MAP_STATE = """
(() => {
  for (const f of document.querySelectorAll('iframe')) {
    const d = f.contentDocument;
    const svg = d && d.querySelector('svg.bangfu-map.%s');
    if (!svg) continue;
    const labels = [...d.querySelectorAll('svg.bangfu-map text')].filter(e => e.getBBox().width > 0);
    const size = e => parseFloat(getComputedStyle(e).fontSize) * e.getScreenCTM().a;
    const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
    return {
      provinces: d.querySelectorAll('path.province').length,
      counties: [...d.querySelectorAll('path.county')].map(p => [p.dataset.code, p.dataset.coverage]),
      arcs: d.querySelectorAll('path.arc').length,
      dashed: d.querySelectorAll('path.arc[stroke-dasharray]').length,
      arrows: d.querySelectorAll('g.arrow').length,
      labels: labels.map(e => ({text: e.textContent, cls: e.getAttribute('class'), px: size(e), box: box(e)})),
      legend: [...d.querySelectorAll('.legendlayer text')].map(e => e.textContent),
      frameWidth: f.clientWidth, svgWidth: svg.getBoundingClientRect().width,
    };
  }
  return null;
})()
"""


def map_state(browser: Chromium, kind: str = "") -> dict:
    return browser.wait_for(MAP_STATE % (kind or "bangfu-map"), timeout=60)


def overlaps(labels: list[dict], slack: float = 1.0) -> list[tuple[str, str]]:
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = a["box"], b["box"]
            if ax0 < bx1 - slack and bx0 < ax1 - slack and ay0 < by1 - slack and by0 < ay1 - slack:
                out.append((a["text"], b["text"]))
    return out


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    sample = shared_sample_store(tmp_path_factory)
    folder = tmp_path_factory.mktemp("browser-views")
    server = AppServer(sample.path, folder / "streamlit.log")
    chrome = None
    try:
        server.wait()
        chrome = Chromium(folder)
        yield server, chrome
    finally:
        if chrome is not None:
            chrome.close()
        server.stop()


def viewport(browser: Chromium, width: int, height: int) -> None:
    browser.call(
        "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False
    )


def open_page(browser: Chromium, url: str, title: str) -> float:
    """Open ``url`` and wait until Streamlit has drawn the page's title; the seconds it took."""
    started = time.perf_counter()
    browser.open(url)
    browser.wait_for(
        f"[...document.querySelectorAll('h1')].some(h => h.innerText.trim() === {json.dumps(title)})",
        timeout=60,
    )
    return time.perf_counter() - started


def shoot(browser: Chromium, name: str, selector: str = "iframe") -> Path:
    """A 1920×1080 screenshot of the viewport with ``selector`` scrolled to its middle."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    viewport(browser, 1920, 1080)
    time.sleep(0.6)
    # centred: Streamlit's header (60 px) stays on top of whatever is scrolled to the top
    browser.evaluate(f"document.querySelector({json.dumps(selector)}).scrollIntoView({{block: 'center'}})")
    time.sleep(0.6)
    data = browser.call("Page.captureScreenshot", format="png")["data"]
    path = ARTIFACTS / f"{name}.png"
    path.write_bytes(base64.b64decode(data))
    print(f"screenshot: {path}")
    return path


def test_map_of_china_with_outlines_arcs_and_readable_labels(app):
    server, browser = app
    viewport(browser, 1400, 1000)
    seconds = open_page(browser, f"{server.url}/?page=map&lang=zh", "地图")
    state = map_state(browser)
    print(f"map page: {seconds:.1f} s")
    assert state["provinces"] >= 30  # the country's outline, province by province
    assert state["arcs"] >= 5 and state["arrows"] == state["arcs"]
    assert 0 < state["dashed"] < state["arcs"]  # the sample states some directions and infers others
    texts = {label["text"] for label in state["labels"]}
    assert {"山东省", "济南市", "甘肃省", "长沙市", "龙山县"} <= texts
    assert {"新疆", "西藏", "黑龙江"} <= texts  # the whole country is in view
    small = [
        (label["text"], round(label["px"], 1)) for label in state["labels"] if label["px"] < MIN_LABEL_PX
    ]
    assert not small, f"labels under {MIN_LABEL_PX} px at 1400×1000: {small}"
    assert not overlaps(state["labels"]), overlaps(state["labels"])
    boxes = {label["text"]: label["box"] for label in state["labels"]}
    assert boxes["山东省"] != boxes["济南市"]
    assert "虚线：方向为推断" in state["legend"] and "对口帮扶" in state["legend"]
    shot = shoot(browser, "map")
    assert shot.stat().st_size > 50_000

    # zooming in keeps the names' pixel size and shows more detail
    before = {label["text"]: label["px"] for label in map_state(browser)["labels"]}
    browser.evaluate(
        "(() => { const f = [...document.querySelectorAll('iframe')].find(f => f.contentWindow.bangfuMap);"
        " f.contentWindow.bangfuMap.zoomAt(480, 400, 3); })()"
    )
    after = {label["text"]: label["px"] for label in map_state(browser)["labels"]}
    assert abs(after["长沙市"] - before["长沙市"]) < 0.5


def test_coverage_map_names_every_unpaired_county(app):
    server, browser = app
    viewport(browser, 1400, 1000)
    seconds = open_page(browser, f"{server.url}/?page=planner&lang=zh", "覆盖分析")
    state = map_state(browser, "coverage-map")
    print(f"planner page: {seconds:.1f} s")
    coverage = dict(state["counties"])
    # hunan-51: every county but 洪江区, a 管理区 with no county code of its own (coded as 怀化市), which
    # the page names under the map instead of painting all of 怀化市
    assert len(coverage) == 50 and "431200" not in coverage
    assert browser.evaluate("document.body.innerText.includes('没有边界数据，未在地图上显示：洪江区')")
    assert coverage["433130"] == "direct"  # 龙山县, 长沙市 helps it
    unpaired = {code for code, cov in coverage.items() if cov == "none"}
    assert len(unpaired) > 20
    named = {label["text"] for label in state["labels"] if label["cls"] == "unpairedlabel"}
    assert len(named) == len(unpaired)
    small = [
        (label["text"], round(label["px"], 1)) for label in state["labels"] if label["px"] < MIN_LABEL_PX
    ]
    assert not small, small
    assert not overlaps(state["labels"]), overlaps(state["labels"])
    assert any(text.startswith("无帮扶") and f"({len(unpaired)})" in text for text in state["legend"])
    shoot(browser, "coverage-map")


# the vis-network picture: label sizes on screen, drawn edge-label boxes against node boxes, the legend
NETWORK_VIEW = """
(() => {
  for (const f of document.querySelectorAll('iframe')) {
    const w = f.contentWindow;
    if (!w || !w.network || !w.network.body || !w.bangfuLabels) continue;
    const net = w.network, s = net.getScale();
    const nodes = Object.values(net.body.nodes).filter(n => !n.id.startsWith('edgeId:'));
    const box = b => [b.left, b.top, b.right, b.bottom];
    const shown = Object.values(net.body.edges).filter(e => e.options.label && e.options.label.trim()
      && e.labelModule.size && e.labelModule.size.width);
    const under = [];
    for (const e of shown) {
      const l = e.labelModule.size;
      const lb = [l.left, l.top, l.left + l.width, l.top + l.height];
      for (const n of nodes) {
        const nb = box(net.getBoundingBox(n.id));
        if (lb[0] < nb[2] && nb[0] < lb[2] && lb[1] < nb[3] && nb[1] < lb[3]) under.push([e.options.label, n.options.label]);
      }
    }
    return {
      labels: nodes.map(n => n.options.label), kinds: net.body.data.nodes.get().map(n => n.title.split('\\n')[1]),
      nodePx: nodes.map(n => n.options.font.size * s), edgePx: shown.map(e => e.options.font.size * s),
      shownEdgeLabels: shown.length, under: under,
      legend: w.document.getElementById('bangfu-legend').innerText,
      frameWidth: f.getBoundingClientRect().width, windowWidth: window.innerWidth,
      sidebar: !!document.querySelector('[data-testid=stSidebar]') &&
        getComputedStyle(document.querySelector('[data-testid=stSidebar]')).display !== 'none',
    };
  }
  return null;
})()
"""


def test_network_for_projectors_labels_legend_and_presenter_mode(app):
    server, browser = app
    viewport(browser, 1400, 1000)
    seconds = open_page(browser, f"{server.url}/?page=network&lang=zh", "关系网络")
    view = browser.wait_for(NETWORK_VIEW, timeout=60)
    print(f"network page: {seconds:.1f} s")
    assert {"长沙市", "龙山县", "湘西州", "济南市"} <= set(view["labels"])
    assert min(view["nodePx"]) >= 13.9 and min(view["edgePx"], default=14) >= MIN_LABEL_PX
    assert view["under"] == [], f"edge labels under nodes: {view['under']}"
    assert view["shownEdgeLabels"] >= 1  # where there is room, the mechanism is written on the edge
    assert "文档" not in view["kinds"]  # documents are not parties: left out by default
    for word in ("图例", "地区", "平台", "对口帮扶", "东西部协作", "虚线：方向为推断"):
        assert word in view["legend"]
    assert view["sidebar"]
    shoot(browser, "network")

    viewport(browser, 1400, 1000)
    started = time.perf_counter()
    browser.open(f"{server.url}/?page=network&lang=zh&present=1")
    present = browser.wait_for(
        f"(() => {{ const v = {NETWORK_VIEW}; return v && !v.sidebar && Math.min(...v.nodePx) > 18.5 ? v : null; }})()",
        timeout=60,
    )
    print(f"network page, presenter mode: {time.perf_counter() - started:.1f} s")
    assert not present["sidebar"] and present["frameWidth"] > 0.9 * present["windowWidth"]
    assert present["under"] == []
    shoot(browser, "network-presenter")


def test_cypher_unpaired_example_agrees_with_the_planner(app, tmp_path_factory):
    server, browser = app
    sample = shared_sample_store(tmp_path_factory)
    gaz = get_gazetteer()
    results = CoverageIndex(load_graph(sample.path), gaz).coverage(load_list("hunan-51", gaz).entries)
    # the documents' answer (the official lists are not in the graph); 洪江区 is coded as its prefecture
    planner = [r for r in results if r.coverage in ("none", "official-only") and r.entry.exact]
    viewport(browser, 1400, 1000)
    seconds = open_page(browser, f"{server.url}/?page=cypher&lang=zh", "Cypher 查询")
    print(f"cypher page: {seconds:.1f} s")
    browser.wait_for(
        "(() => { const b = [...document.querySelectorAll('button')].find(b => b.innerText.trim() === '运行');"
        " if (b) b.click(); return !!b; })()"
    )
    caption = browser.wait_for(
        "[...document.querySelectorAll('[data-testid=stCaptionContainer]')].map(c => c.innerText)"
        ".find(t => /^\\d+ 行$/.test(t.trim()))",
        timeout=30,
    )
    assert caption.strip() == f"{len(planner)} 行" and len(planner) > 20


# text a user should never read: node ids, document hashes, list keys where the list's name exists
INTERNAL_ID = (
    r"(region|agency|organization|platform|brand|campaign|doc):[^\s，。]+|\b[0-9a-f]{16}\b|hunan-51 ·"
)
VISIBLE_TEXT = """
(() => {
  const texts = [];
  const walk = (doc) => {
    const w = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const e = n.parentElement;
      if (!e || !n.textContent.trim()) continue;
      const style = doc.defaultView.getComputedStyle(e);
      if (style.display === 'none' || style.visibility === 'hidden' || e.closest('script,style')) continue;
      if (e.closest('[data-testid=stSidebar]') && e.closest('[data-testid=stSidebarUserContent] .stCaption, [data-testid=stCaptionContainer]')) continue;
      texts.push(n.textContent.trim());
    }
  };
  walk(document);
  for (const f of document.querySelectorAll('iframe')) { try { walk(f.contentDocument); } catch (e) {} }
  return texts;
})()
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_opens_and_shows_no_internal_ids(app, lang):
    server, browser = app
    viewport(browser, 1400, 1000)
    titles = {p: i18n.t(f"page.{p}", lang) for p in PAGES}
    times = {}
    for page, title in titles.items():
        times[page] = open_page(browser, f"{server.url}/?page={page}&lang={lang}", title)
        time.sleep(1.0)  # pictures and tables finish drawing
        texts = browser.evaluate(VISIBLE_TEXT)
        found = [t for t in texts if re.search(INTERNAL_ID, t)]
        if lang == "zh":
            assert not found, f"{page}: internal ids shown: {found[:5]}"
    print(f"page times ({lang}): " + ", ".join(f"{p} {s:.1f} s" for p, s in times.items()))
