"""The Cypher page in a real browser refuses LOAD FROM: typed into the editor and run as a user would
(`streamlit run app.py`, Debian's headless chromium over the DevTools protocol), the page shows one
refusal naming the clause, no table of rows, and nothing of the file it aimed at.

Skipped, with the reason, when /usr/bin/chromium is absent (CI installs it: .ci/run).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from app_helpers import CHROMIUM, AppServer, Chromium, shared_sample_store

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"{CHROMIUM} is absent: apt-get install -y chromium fonts-noto-cjk to run the browser tests",
)

SECRET = "机密字样乙"

TYPE_INTO_EDITOR = """
(() => {
  const area = [...document.querySelectorAll('textarea')].find(t => t.getAttribute('aria-label') === 'Cypher 语句');
  if (!area) return false;
  area.focus();
  area.select();
  return true;
})()
"""

PAGE_STATE = """
(() => ({
  text: document.body.innerText,
  alerts: [...document.querySelectorAll('[data-testid="stAlert"]')]
    .map(a => a.innerText),
  tables: document.querySelectorAll('[data-testid="stDataFrame"]').length,
}))()
"""


def test_cypher_page_refuses_load_from(tmp_path, tmp_path_factory):
    secret = tmp_path / "secret.csv"
    secret.write_text(f"{SECRET},1\n", encoding="utf-8")
    statement = f"LOAD FROM '{secret}' (header=false) RETURN *"
    sample = shared_sample_store(tmp_path_factory)
    server = AppServer(sample.path, tmp_path / "streamlit.log")
    browser = None
    try:
        server.wait()
        browser = Chromium(tmp_path)
        browser.open(f"{server.url}/?page=cypher")
        browser.wait_for(TYPE_INTO_EDITOR)
        browser.call("Input.insertText", text=statement)
        browser.evaluate("document.activeElement.blur()")  # Streamlit takes a text area's value on blur
        browser.wait_for(f"document.querySelector('textarea').value === {json.dumps(statement)}")
        time.sleep(1.0)
        browser.evaluate(
            "[...document.querySelectorAll('button')].find(b => b.innerText.trim() === '运行').click()"
        )
        browser.wait_for("document.body.innerText.includes('已拒绝')")
        time.sleep(1.0)  # anything else the run would draw
        state = browser.evaluate(PAGE_STATE)
        browser.screenshot(tmp_path / "cypher-refused.png")
    finally:
        if browser is not None:
            browser.close()
        server.stop()
    refusals = [a for a in state["alerts"] if "已拒绝" in a]
    assert len(refusals) == 1 and "LOAD FROM" in refusals[0] and "\n" not in refusals[0].strip()
    assert state["tables"] == 0
    assert SECRET not in state["text"]
