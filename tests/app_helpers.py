"""Stores for the app's tests, built into a temporary folder (never the developer's data/).

``sample_store`` builds the sample corpus (data/corpus) as `bangfu build` does: the real loaders,
gazetteer and extraction. When that build fails, every test that needs the store fails with it: a
broken build must not be hidden behind a stand-in store.

``planted_store`` holds a document whose entity names and evidence carry script payloads: the app must
show them as text.
"""

from __future__ import annotations

import base64
import contextlib
import itertools
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graph_helpers import FakeGazetteer

from bangfu.pipeline.build import build_store
from graph.model import KnowledgeGraph
from graph.store.embedded import STORE_ENV, write_store
from loaders.extract.facts import Entity, Evidence, Extraction, Relation

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
CORPUS = ROOT / "data" / "corpus"
PWN_SCRIPT = "<script>window.__pwned=1</script>"
PWN_IMG = '<img src=x onerror="window.__pwned=1">'


@dataclass
class SampleStore:
    path: Path
    documents: int


def build_sample_store(folder: Path) -> SampleStore:
    path = folder / "bangfu.lbdb"
    report = build_store([str(CORPUS)], path)
    assert not report.skipped, f"sample files the build skipped: {report.skipped}"
    return SampleStore(path, report.summary["documents"])


def planted_extraction(doc_path: str) -> tuple[Extraction, str]:
    """A document whose text, entity names and evidence carry script payloads."""
    text = f"恶意平台{PWN_IMG}推介龙山县农产品。{PWN_SCRIPT}长沙市对口帮扶龙山县。"
    s1 = f"恶意平台{PWN_IMG}推介龙山县农产品。"
    s2 = f"{PWN_SCRIPT}长沙市对口帮扶龙山县。"
    a, b = text.index(s1), text.index(s2)
    platform = f"platform:恶意平台{PWN_IMG}"
    return Extraction(
        doc={"id": "pwn0", "path": doc_path, "title": f"标题{PWN_SCRIPT}", "date": "2023-01-01"},
        entities=[
            Entity(platform, "Platform", f"恶意平台{PWN_IMG}", aliases=[f"恶意平台{PWN_IMG}"]),
            Entity("region:433130", "Region", "龙山县", "433130", ["龙山县"], "county", "region:433100"),
            Entity("region:430100", "Region", "长沙市", "430100", ["长沙市"], "prefecture", "region:430000"),
        ],
        relations=[
            Relation("PROMOTES", platform, "region:433130", Evidence(s1, a, a + len(s1))),
            Relation("ASSISTS", "region:430100", "region:433130", Evidence(s2, b, b + len(s2)), "对口帮扶"),
        ],
    ), text


def build_planted_store(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = folder / "planted.txt"
    ext, text = planted_extraction(str(doc))
    doc.write_text(text, encoding="utf-8")
    kg = KnowledgeGraph(FakeGazetteer())
    kg.add_extraction(ext)
    path = folder / "planted.lbdb"
    write_store(kg, path)
    return path


# ---------------------------------------------------------------------------------------------- a server
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class AppServer:
    """`streamlit run app.py` on a free port, headless, against ``store``; stopped by ``stop``."""

    def __init__(self, store: Path, log: Path, address: str | None = "127.0.0.1") -> None:
        """``address=None`` passes no --server.address: the server binds where the config says."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, STORE_ENV: str(store), "PYTHONPATH": str(ROOT)}
        self._log = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(APP),
                "--server.headless",
                "true",
                "--server.port",
                str(self.port),
                *(["--server.address", address] if address else []),
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )

    def wait(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise TimeoutError(f"streamlit did not answer on {self.url} within {timeout} s")

    def stop(self) -> None:
        stop_process(self.proc)
        self._log.close()


def stop_process(proc: subprocess.Popen) -> None:
    """Terminate a process this test started; kill it when it does not exit in 10 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(5)


# ---------------------------------------------------------------------------------------------- AppTest
_SAMPLE: dict[str, SampleStore] = {}


def shared_sample_store(tmp_path_factory: Any) -> SampleStore:
    """One sample store per test session, whichever module asks first."""
    if "sample" not in _SAMPLE:
        _SAMPLE["sample"] = build_sample_store(tmp_path_factory.mktemp("sample-store"))
    return _SAMPLE["sample"]


def point_app_at(monkeypatch: Any, store: Path) -> None:
    """Make the app (run in this process by AppTest) read ``store``."""
    from app_pages import context

    monkeypatch.setenv(STORE_ENV, str(store))
    context.gazetteer.clear()
    context.forget()


def open_page(page: str, lang: str = "zh", timeout: float = 120) -> Any:
    """Run app.py on ``page`` (as ``?page=…&lang=…`` would) and return the AppTest."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params["page"] = page
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def iframe_html(at: Any, index: int = 0) -> str:
    return at.get("iframe")[index].proto.srcdoc


def vis_data(page: str, name: str) -> list[dict]:
    """The nodes or edges array pyvis wrote into a page (``new vis.DataSet([...])``), as Python."""
    found = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert found, f"no {name} DataSet in the page"
    return json.loads(found.group(1))


def labels(page: str) -> set[str]:
    """The node labels a network page draws (long names are cut: ``names`` has them whole)."""
    return {n["label"] for n in vis_data(page, "nodes")}


def names(page: str) -> set[str]:
    """The whole names of a network page's nodes (the first line of each tooltip)."""
    return {n["title"].split("\n", 1)[0] for n in vis_data(page, "nodes")}


def frames(at: Any) -> list[Any]:
    """The dataframes the page shows, as pandas frames."""
    return [df.value for df in at.dataframe]


# ---------------------------------------------------------------------------------------------- chromium
CHROMIUM = os.environ.get("BANGFU_CHROMIUM", "/usr/bin/chromium")
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
        stop_process(self.proc)
        self._log.close()


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
      titles: w.network.body.data.nodes.get().map(n => n.title),
      drawn: Object.keys(positions).length,
      width: canvas.width, height: canvas.height, inked: inked,
    };
  }
  return null;
})()
"""
