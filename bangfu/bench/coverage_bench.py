"""Coverage at scale: all counties of the gazetteer against a synthetic graph of 100,000 ASSISTS edges.

Run: ``.venv/bin/python -m bangfu.bench.coverage_bench [--edges N] [--repeat R] [--seed S]``. Prints the time to
build the index (once per graph) and the coverage query over every county (median and p95 of R runs),
with and without ``as_of``. The figures go into the issue's closing note; this is not a timed test.

Synthetic graph: helpers are random prefectures and provinces, helped units are counties (80%),
prefectures (15%) and provinces (5%) drawn from 70% of the real gazetteer's units (so that some
counties have no helper at their own level or above), each edge with one or two evidence
entries dated 2016–2024 and a status, so the as-of path does real work.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lists import load_pairings
from bangfu.knowledge.ontology import MECHANISMS, edge_key, region_id
from bangfu.planner.coverage import CoverageIndex, entries_from_codes, unpaired


def synthetic_graph(gaz, n_edges: int, seed: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    by_level: dict[str, list[str]] = {}
    for code, region in gaz.by_code.items():
        by_level.setdefault(region.level, []).append(code)
    helpers = by_level["prefecture"] + by_level["province"]
    # documents name some places and not others: 70% of counties and prefectures can be helped at all
    helped_pool = {level: rng.sample(codes, int(0.7 * len(codes))) for level, codes in by_level.items()}
    g = nx.MultiDiGraph()
    for code, region in gaz.by_code.items():
        g.add_node(region_id(code), label="Region", name=region.name, code=code, level=region.level)
    made = 0
    while made < n_edges:
        roll = rng.random()
        level = "county" if roll < 0.8 else "prefecture" if roll < 0.95 else "province"
        helper, helped = rng.choice(helpers), rng.choice(helped_pool[level])
        mechanism = rng.choice(MECHANISMS)
        key = edge_key("ASSISTS", mechanism)
        if helper == helped or g.has_edge(region_id(helper), region_id(helped), key):
            continue
        status = rng.choices(("current", "past", "planned"), weights=(8, 1, 1))[0]
        years = sorted(rng.sample(range(2016, 2025), rng.choice((1, 2))))
        evidence = [
            {
                "doc": f"d{made}-{y}",
                "date": f"{y}-06-01",
                "sentence": "…",
                "start": 0,
                "end": 1,
                "status": status,
            }
            for y in years
        ]
        g.add_edge(
            region_id(helper),
            region_id(helped),
            key=key,
            type="ASSISTS",
            mechanism=mechanism,
            status=status,
            inferred=False,
            evidence=evidence,
            first_year=years[0],
            last_year=years[-1],
        )
        made += 1
    return g


def _timed(fn: Callable[[], Any], repeat: int, *, collect: bool = False) -> tuple[float, float, Any]:
    """Median and p95 in ms. ``collect``: a full garbage collection before each run and none during it
    (timeit's convention), which separates the query's own cost from the collector's pauses over the
    ~10^6 objects a 100k-edge graph holds; both figures are printed."""
    times, result = [], None
    for _ in range(repeat):
        if collect:
            gc.collect()
            gc.disable()
        try:
            started = time.perf_counter()
            result = fn()
            times.append((time.perf_counter() - started) * 1000)
        finally:
            gc.enable()
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return statistics.median(times), p95, result


def _line(label: str, fn: Callable[[], Any], repeat: int) -> Any:
    med, p95, result = _timed(fn, repeat)
    med_q, p95_q, _ = _timed(fn, repeat, collect=True)
    print(
        f"{label:<34} median {med:6.1f} ms, p95 {p95:6.1f} ms   "
        f"(no collector pause: median {med_q:5.1f} ms, p95 {p95_q:5.1f} ms)"
    )
    return result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    gaz = get_gazetteer()
    started = time.perf_counter()
    graph = synthetic_graph(gaz, args.edges, args.seed)
    print(
        f"graph: {graph.number_of_nodes():,} region nodes, {graph.number_of_edges():,} ASSISTS edges "
        f"({time.perf_counter() - started:.1f} s to make)"
    )
    counties = sorted(c for c, r in gaz.by_code.items() if r.level == "county")
    entries = entries_from_codes(gaz, counties)
    pairings = load_pairings()
    n = f"{len(entries):,} counties"

    _line(
        "index build (once per graph)", lambda: CoverageIndex(graph, gaz, pairings), max(3, args.repeat // 4)
    )
    index = CoverageIndex(graph, gaz, pairings)
    started = time.perf_counter()
    index.coverage(entries, as_of=2021)
    print(f"{'first as-of query (makes pairings)':<34} {(time.perf_counter() - started) * 1000:6.1f} ms")
    results = _line(f"coverage, {n}", lambda: index.coverage(entries), args.repeat)
    _line(f"coverage as of 2021, {n}", lambda: index.coverage(entries, as_of=2021), args.repeat)
    _line(
        "coverage + unpaired + row() each",
        lambda: [r.row() for r in unpaired(index.coverage(entries), "prefecture")],
        args.repeat,
    )
    counts: dict[str, int] = {}
    for r in results:
        counts[r.coverage] = counts.get(r.coverage, 0) + 1
    print("coverage: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()
