"""The app in a real browser: `streamlit run app.py` on a free port, Debian's headless chromium driven over
the DevTools protocol (the `websockets` package; no browser download, no selenium).

- The Network page draws vis-network's canvas with the sample graph's nodes; a screenshot is saved in
  the test's temporary folder.
- A document whose entity name and evidence carry ``<script>``/``onerror`` payloads: nothing runs, in
  the page or in the pyvis iframe, on any page that shows them.

Skipped, with the reason, when /usr/bin/chromium is absent (CI installs it: .ci/run).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from app_helpers import (
    CHROMIUM,
    NETWORK_STATE,
    PWN_SCRIPT,
    AppServer,
    Chromium,
    build_planted_store,
    shared_sample_store,
)

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} is absent: apt-get install -y chromium fonts-noto-cjk to run the browser tests",
)


@pytest.fixture
def browser(tmp_path):
    chrome = Chromium(tmp_path)
    yield chrome
    chrome.close()


def serve(store: Path, tmp_path: Path):
    server = AppServer(store, tmp_path / "streamlit.log")
    try:
        server.wait()
    except BaseException:
        server.stop()
        raise
    return server


PWNED = """
(() => {
  const frames = [...document.querySelectorAll('iframe')].map(f => {
    try { return f.contentWindow.__pwned; } catch (e) { return 'cross-origin'; }
  });
  return {page: window.__pwned === undefined ? null : window.__pwned, frames: frames};
})()
"""


def test_network_page_draws_the_sample_graph(browser, tmp_path, tmp_path_factory):
    sample = shared_sample_store(tmp_path_factory)
    server = serve(sample.path, tmp_path)
    try:
        browser.open(f"{server.url}/?page=network")
        state = browser.wait_for(
            f"(() => {{ const s = {NETWORK_STATE}; return s && s.inked > 200 ? s : null; }})()"
        )
        browser.evaluate("document.querySelector('iframe').scrollIntoView()")
        time.sleep(0.5)
        shot = browser.screenshot(tmp_path / "network.png")
    finally:
        server.stop()
    assert {"长沙市", "龙山县", "湘潭市", "永顺县", "济南市"} <= set(state["labels"])
    assert state["drawn"] == len(state["labels"]) >= 5
    assert state["width"] > 300 and state["height"] > 300
    assert shot.stat().st_size > 10_000
    print(f"screenshot: {shot}")  # pytest -s shows where it is


def test_planted_script_does_not_run(browser, tmp_path):
    store = build_planted_store(tmp_path / "planted")
    server = serve(store, tmp_path)
    seen: dict[str, Any] = {}
    try:
        browser.open(f"{server.url}/?page=network")
        state = browser.wait_for(NETWORK_STATE)
        assert any("<img" in title for title in state["titles"])  # the payload is there, as text
        time.sleep(1.0)
        seen["network"] = browser.evaluate(PWNED)

        browser.open(f"{server.url}/?page=documents")
        browser.wait_for("document.body.innerText.includes('长沙市对口帮扶龙山县')")
        time.sleep(1.0)
        seen["documents"] = browser.evaluate(PWNED)
        assert browser.evaluate(f"document.body.innerText.includes({json.dumps(PWN_SCRIPT)})")

        browser.open(f"{server.url}/?page=search&q=恶意平台")
        browser.wait_for("document.body.innerText.includes('onerror')")
        time.sleep(1.0)
        seen["search"] = browser.evaluate(PWNED)

        browser.open(f"{server.url}/?page=cypher")
        browser.wait_for("document.body.innerText.includes('Cypher')")
        seen["cypher"] = browser.evaluate(PWNED)
        browser.screenshot(tmp_path / "planted-documents.png")
    finally:
        server.stop()
    for page, result in seen.items():
        assert result["page"] is None, f"a planted script ran in the {page} page"
        assert all(v is None for v in result["frames"]), (
            f"a planted script ran in an iframe of {page}: {result}"
        )
