"""The app in a real browser: `streamlit run app.py` on a free port, Debian's headless chromium driven over
the DevTools protocol (the `websockets` package; no browser download, no selenium).

- The Network page draws vis-network's canvas with the sample graph's nodes; a screenshot is saved in
  the test's temporary folder.
- A document whose entity name and evidence carry ``<script>``/``onerror`` payloads: nothing runs, in
  the page or in the pyvis iframe, on any page that shows them.

Skipped, with the reason, when /usr/bin/chromium is absent (CI installs it: .ci/run).
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import subprocess
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from app_helpers import PWN_SCRIPT, AppServer, build_planted_store, shared_sample_store

CHROMIUM = os.environ.get("BANGFU_CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} is absent: apt-get install -y chromium fonts-noto-cjk to run the browser tests",
)

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--window-size=1400,1600",
]


class Chromium:
    """Headless chromium with one page, driven by DevTools protocol commands over a websocket."""

    def __init__(self, workdir: Path) -> None:
        from websockets.sync.client import connect

        profile = workdir / "chromium-profile"
        profile.mkdir(parents=True)
        self._log = open(workdir / "chromium.log", "wb")  # noqa: SIM115 - closed in close()
        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                raise RuntimeError(f"chromium did not start (see {workdir / 'chromium.log'})")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            target = next(t for t in json.load(r) if t["type"] == "page")
        self._stack = contextlib.ExitStack()
        self.ws = self._stack.enter_context(
            connect(target["webSocketDebuggerUrl"], max_size=None, open_timeout=10)
        )
        self._ids = itertools.count(1)
        self.call("Page.enable")
        self.call("Runtime.enable")

    def call(self, method: str, **params: Any) -> dict:
        msg_id = next(self._ids)
        self.ws.send(json.dumps({"id": msg_id, "method": method, "params": params}))
        while True:
            reply = json.loads(self.ws.recv(timeout=60))
            if reply.get("id") == msg_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("text", "evaluation failed"))
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60.0) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.evaluate(expression)
            except RuntimeError:  # the page is between documents (navigation): try again
                value = None
            if value:
                return value
            time.sleep(0.25)
        raise TimeoutError(f"timed out waiting for: {expression[:120]}")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)

    def screenshot(self, path: Path) -> Path:
        data = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        stack = getattr(self, "_stack", None)
        if stack is not None:
            stack.close()
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log.close()


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


# JavaScript run in the app's page: the vis-network iframe (same origin: srcdoc) and what it drew
NETWORK_STATE = """
(() => {
  for (const f of document.querySelectorAll('iframe')) {
    const w = f.contentWindow;
    if (!w || !w.network || !w.network.body) continue;
    const canvas = w.document.querySelector('#mynetwork canvas');
    if (!canvas || !canvas.width) return null;
    const ctx = canvas.getContext('2d');
    const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < pixels.length; i += 4 * 7) if (pixels[i] > 0) inked++;
    const positions = w.network.getPositions();
    return {
      labels: w.network.body.data.nodes.get().map(n => n.label),
      drawn: Object.keys(positions).length,
      width: canvas.width, height: canvas.height, inked: inked,
    };
  }
  return null;
})()
"""

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
        assert any("<img" in label for label in state["labels"])  # the payload is there, as text
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
