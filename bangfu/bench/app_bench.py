"""Page times of the app, printed: every page on the sample corpus and on a 2,000-node graph.

Run: ``.venv/bin/python -m bangfu.bench.app_bench [--nodes 2000] [--no-browser]``. Not a timed test: the
figures go into the closing note.

- Script time per page under Streamlit's AppTest: *first render* with every cache empty (it includes
  reading the store back into the graph and building the search index), then *warm* (the next visitor).
- When /usr/bin/chromium is installed: the time from opening ``?page=network`` in headless chromium
  until vis-network's canvas is drawn, on a fresh server (first render) and on a reload.

The 2,000-node graph: real gazetteer counties (with their coordinates) helped by prefectures,
provinces, agencies and platforms through every mechanism, spread over 200 synthetic documents, each
fact with an evidence sentence that really is at its span.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # tests/app_helpers.py: sample store, server, chromium

from app_helpers import (  # noqa: E402
    CHROMIUM,
    NETWORK_STATE,
    AppServer,
    Chromium,
    build_sample_store,
    point_app_at,
)

from app_pages import PAGES  # noqa: E402
from bangfu.knowledge.gazetteer import get_gazetteer  # noqa: E402
from bangfu.knowledge.ontology import MECHANISMS  # noqa: E402
from graph.model import KnowledgeGraph  # noqa: E402
from graph.store.embedded import write_store  # noqa: E402
from loaders.extract.facts import Entity, Evidence, Extraction, Relation  # noqa: E402


class _Env:
    """Just enough of pytest's monkeypatch for ``point_app_at`` outside pytest."""

    def setenv(self, name: str, value: str) -> None:
        os.environ[name] = value

    def setattr(self, obj: object, name: str, value: object) -> None:
        setattr(obj, name, value)


def synthetic_store(folder: Path, nodes: int, seed: int = 7) -> tuple[Path, int, int]:
    """A store whose fact graph has about ``nodes`` nodes; returns (path, nodes, fact edges)."""
    rng = random.Random(seed)
    gaz = get_gazetteer()
    by_level: dict[str, list] = {}
    for region in gaz.by_code.values():
        by_level.setdefault(region.level, []).append(region)
    n_actors = nodes // 10
    helpers = rng.sample(by_level["prefecture"], n_actors // 2) + rng.sample(by_level["province"], 20)
    others = [("Agency", f"帮扶机关{i}") for i in range(n_actors // 2)]
    others += [("Platform", f"电商平台{i}") for i in range(n_actors - n_actors // 2)]
    counties = rng.sample(by_level["county"], nodes - len(helpers) - len(others))

    def region(r) -> Entity:
        return Entity(
            f"region:{r.code}",
            "Region",
            r.name,
            r.code,
            [r.name],
            r.level,
            f"region:{r.parent}" if r.parent else None,
        )

    def other(label: str, name: str) -> Entity:
        return Entity(f"{label.lower()}:{name}", label, name, aliases=[name])

    kg = KnowledgeGraph(gaz)
    per_doc = max(1, (nodes * 5 // 2) // 200)
    for d in range(200):
        text, entities, relations = [], {}, []
        for i in range(per_doc):
            k = d * per_doc + i  # every county once before any twice: the graph has the nodes asked for
            county = counties[k] if k < len(counties) else rng.choice(counties)
            if rng.random() < 0.7:
                h = rng.choice(helpers)
                helper, rel, mech = region(h), "ASSISTS", rng.choice(MECHANISMS)
            else:
                label, name = rng.choice(others)
                helper = other(label, name)
                rel, mech = ("ASSISTS", "定点帮扶") if label == "Agency" else ("PROMOTES", None)
            helped = region(county)
            sentence = f"{helper.name}{mech or '推介'}{helped.name}。"
            start = sum(len(s) for s in text)
            text.append(sentence)
            entities[helper.id], entities[helped.id] = helper, helped
            relations.append(
                Relation(rel, helper.id, helped.id, Evidence(sentence, start, start + len(sentence)), mech)
            )
        year = 2016 + d % 9
        kg.add_extraction(
            Extraction(
                doc={
                    "id": f"bench{d:03d}",
                    "path": f"bench/{d:03d}.txt",
                    "title": f"文档{d}",
                    "date": f"{year}-06-01",
                },
                entities=list(entities.values()),
                relations=relations,
            )
        )
    path = folder / "bench.lbdb"
    write_store(kg, path)
    facts = [(u, v) for u, v, a in kg.graph.edges(data=True) if a["type"] not in ("PART_OF", "MENTIONED_IN")]
    fact_nodes = {n for edge in facts for n in edge}
    return path, len(fact_nodes), len(facts)


def page_times(store: Path) -> dict[str, tuple[float, float]]:
    """(first render, warm) seconds of each page under AppTest."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    out = {}
    point_app_at(_Env(), store)
    for page in PAGES:
        timings = []
        for cold in (True, False):
            if cold:
                st.cache_data.clear()
                st.cache_resource.clear()
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
            at.query_params["page"] = page
            started = time.perf_counter()
            at.run()
            timings.append(time.perf_counter() - started)
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].message}")
        out[page] = (timings[0], timings[1])
    return out


def browser_times(store: Path, workdir: Path) -> tuple[float, float, int]:
    """Seconds until the Network canvas is drawn: fresh server, then a reload; and the nodes drawn."""
    server = AppServer(store, workdir / "streamlit.log")
    chrome = None
    try:
        server.wait()
        chrome = Chromium(workdir)
        ready = f"(() => {{ const s = {NETWORK_STATE}; return s && s.inked > 200 ? s : null; }})()"
        times = []
        state = None
        for _ in range(2):
            started = time.perf_counter()
            chrome.open(f"{server.url}/?page=network")
            time.sleep(0.2)  # let the old page go before polling the new one
            state = chrome.wait_for(ready, timeout=600)
            times.append(time.perf_counter() - started)
        chrome.screenshot(workdir / "network.png")
        return times[0], times[1], len(state["labels"]) if state else 0
    finally:
        if chrome is not None:
            chrome.close()
        server.stop()


def main() -> None:
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no runtime" notes of AppTest's bare runs
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    browser = not args.no_browser and Path(CHROMIUM).exists()
    with tempfile.TemporaryDirectory(prefix="bangfu-app-bench-") as tmp:
        tmp_path = Path(tmp)
        sample = build_sample_store(tmp_path)
        started = time.perf_counter()
        big, n_nodes, n_edges = synthetic_store(tmp_path, args.nodes)
        print(
            f"synthetic store: {n_nodes} nodes, {n_edges} fact edges (written in {time.perf_counter() - started:.1f} s)"
        )
        source = "data/corpus, real pipeline" if sample.real else "hand-written facts of data/corpus"
        stores = [
            (f"sample corpus ({sample.documents} documents, {source})", sample.path),
            (f"{n_nodes}-node graph", big),
        ]
        for title, store in stores:
            print(f"\n{title}")
            print(f"  {'page':<10} {'first render':>13} {'warm':>8}")
            for page, (cold, warm) in page_times(store).items():
                print(f"  {page:<10} {cold:>11.2f} s {warm:>6.2f} s")
            if browser:
                work = tmp_path / f"browser-{len(title)}"
                work.mkdir()
                first, again, drawn = browser_times(store, work)
                print(
                    f"  browser, network canvas drawn ({drawn} nodes): first {first:.2f} s, reload {again:.2f} s"
                )
        if not browser:
            print("\n(browser times skipped: no chromium or --no-browser)")


if __name__ == "__main__":
    main()
