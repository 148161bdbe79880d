"""The benchmark: generate N documents, ingest them, build the store, time the queries; one table.

Why it is shaped this way:
- Every step a user waits on is measured the way the product runs it: ingestion through
  ``bangfu.pipeline.pool.iter_prepared`` (what the build uses), the store through ``FlatMerge`` +
  ``write_tables`` (what ``bangfu build`` does: merge by key, spill to Parquet, COPY FROM), the unpaired
  report through ``bangfu.planner.coverage``, Cypher through the read-only embedded store, search
  through ``bangfu.planner.search``; the last two and the unpaired report on the graph view read back
  from the store (``graph.store.readback.load_view``: entities and relations, no documents).
- Load+extract runs twice: once in one process with nothing kept (throughput per core, and a memory
  peak that shows whether ingestion streams — it must not grow with N), then across ``--workers``
  processes feeding the merge (what ``bangfu build`` does).
- Peak memory is the build's (read, extract, merge, write), taken before the query stages; what the
  query stages add on top (the view read back from the store) is in the row's detail.
- ``run_bench`` is a list of named stages (``STAGES``), one per row of the table, over one ``Run``
  that carries what the stages hand on (the corpus, the graph, the store). A stage that fails, or
  whose input an earlier failure left missing, gets ``n/a`` in its row and in the summary, with the
  reason in the detail column, and the benchmark goes on: the table always has every row.
- The last line, ``bench-summary key=value …``, is for scripts; the table above it is Markdown, so it
  can be pasted into docs/benchmarks.md as printed.
"""

from __future__ import annotations

import math
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, TypeVar

import networkx as nx
import psutil

from bangfu.bench.corpus import CorpusStats, to_traditional, write_corpus
from bangfu.bench.jieba_bench import compare as compare_with_jieba
from bangfu.bench.memory import TreeSampler
from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.pipeline.build import apply_designations
from bangfu.pipeline.pool import DocMeta, Prepare, iter_prepared
from bangfu.planner.coverage import CoverageIndex, entries_from_codes, unpaired
from bangfu.planner.search import SearchIndex
from graph.flat import FlatMerge, Prepared, preparer
from graph.store.embedded import open_store, write_tables
from graph.store.readback import load_view

SUMMARY_KEYS = (
    "docs",
    "extract_mb_s_per_core",
    "build_s",
    "peak_rss_mb",
    "unpaired_ms",
    "cypher_2hop_ms",
    "search_ms",
    "jieba_ratio",
)
ROW_NAMES = (
    "corpus",
    "load+extract, 1 process",
    "load+extract, parallel",
    "store build",
    "build end to end",
    "peak memory",
    "unpaired report",
    "Cypher 2-hop",
    "entity search",
    "extraction vs jieba",
)
NA = "n/a"

# Who else helps the places this helper helps — two ASSISTS hops from a parameter, the shape of an
# analyst's "co-helpers" question; the helpers asked about are the busiest ones (the slowest answers).
CYPHER_2HOP = """MATCH (h:Region {id: $id})-[:ASSISTS]->(t)<-[:ASSISTS]-(o)
WHERE o.id <> $id
RETURN o.id AS other, o.name AS name, count(DISTINCT t) AS shared
ORDER BY shared DESC, other
LIMIT 20"""


# ---------------------------------------------------------------------------------------------- report
@dataclass
class Row:
    step: str
    result: str = NA
    detail: str = ""


@dataclass
class Report:
    n_docs: int
    workers: int
    rows: dict[str, Row] = field(default_factory=dict)
    summary: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rows = {name: Row(name) for name in ROW_NAMES}
        self.summary = {key: NA for key in SUMMARY_KEYS}
        self.summary["docs"] = str(self.n_docs)

    def set(self, name: str, result: str, detail: str = "") -> None:
        self.rows[name] = Row(name, result, detail)

    def set_latency(self, name: str, key: str, times_ms: list[float], detail: str, digits: int = 1) -> None:
        """A latency row (median and p95) and its summary key (the median)."""
        med, p95 = percentiles(times_ms)
        self.set(name, f"{med:.{digits}f} ms median, {p95:.{digits}f} ms p95", detail)
        self.summary[key] = f"{med:.2f}"

    def na(self, name: str, why: str) -> None:
        self.rows[name] = Row(name, NA, why)

    def table(self) -> str:
        lines = ["| step | result | detail |", "|---|---|---|"]
        for r in self.rows.values():
            lines.append(f"| {r.step} | {r.result} | {r.detail.replace('|', '/')} |")
        return "\n".join(lines)

    def summary_line(self) -> str:
        return "bench-summary " + " ".join(f"{k}={self.summary[k]}" for k in SUMMARY_KEYS)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


@contextmanager
def _step(report: Report, name: str, log: TextIO) -> Iterator[None]:
    """Run one step; a failure becomes n/a in its row (with the reason) and the benchmark goes on."""
    try:
        yield
    except Exception as exc:  # noqa: BLE001 — any failure of a component is a row, not a crash
        report.na(name, f"failed: {_one_line(exc)}")
        if os.environ.get("BANGFU_BENCH_DEBUG"):
            traceback.print_exc(file=log)


# ---------------------------------------------------------------------------------------------- timing
def percentiles(times_ms: list[float]) -> tuple[float, float]:
    """Median and 95th percentile (nearest rank) of a list of milliseconds."""
    ordered = sorted(times_ms)
    p95 = ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]
    return statistics.median(ordered), p95


T = TypeVar("T")


def timed_ms(fn: Callable[[], T], repeat: int, warmup: int = 1) -> tuple[list[float], T | None]:
    """Times of ``repeat`` calls after ``warmup`` untimed ones, and the last call's result."""
    result = None
    for _ in range(warmup):
        result = fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times, result


def _mb(n_bytes: float) -> float:
    return n_bytes / 1e6


def rss_peaks_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale
    return own / 2**20, child / 2**20


def machine() -> str:
    """One line naming the machine the numbers come from."""
    mem = f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM"
    cpu = platform.processor() or platform.machine()
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


# ---------------------------------------------------------------------------------------------- steps
@dataclass
class Ingested:
    docs: int = 0
    text_bytes: int = 0
    errors: int = 0
    wall: float = 0.0
    consumed: float = 0.0  # of ``wall``, the time the consumer spent with the results (the merge)
    first_error: str = ""


def ingest(
    corpus: Path,
    workers: int,
    consume: Callable[[DocMeta, Any], None] | None = None,
    prepare: Prepare | None = None,
) -> Ingested:
    """Run ``iter_prepared`` over the corpus (the Extractions themselves without ``prepare``) and
    ``consume`` each result, timing both.

    With workers, extraction and ``consume`` overlap (the pool works ahead while this process merges),
    so the honest rate is over ``wall``; ``consumed`` says how much of it this process spent merging.
    """
    out = Ingested()

    def on_error(path: str, reason: str) -> None:
        out.errors += 1
        out.first_error = out.first_error or f"{Path(path).name}: {reason}"

    started = time.perf_counter()
    for meta, ext in iter_prepared([corpus], prepare, workers, on_error=on_error):
        out.docs += 1
        out.text_bytes += meta.text_bytes
        if consume is not None:
            t0 = time.perf_counter()
            consume(meta, ext)
            out.consumed += time.perf_counter() - t0
    out.wall = time.perf_counter() - started
    return out


class IngestionFailed(RuntimeError):
    """Most documents could not be read or extracted: the figures would describe the failure."""


def _check_ingested(ing: Ingested, n_docs: int, *, raise_: bool = True) -> bool:
    """True when at least 90% of the corpus came through (the generator writes nothing unreadable)."""
    ok = ing.docs >= 0.9 * n_docs
    if not ok and raise_:
        raise IngestionFailed(_ingest_detail(ing, n_docs))
    return ok


def _rate(ing: Ingested, cores: int) -> tuple[str, float]:
    mb_s = _mb(ing.text_bytes) / ing.wall if ing.wall else 0.0
    docs_s = ing.docs / ing.wall if ing.wall else 0.0
    per_core = f" ({mb_s / cores:.2f} MB/s per process)" if cores > 1 else ""
    return f"{docs_s:,.0f} docs/s, {mb_s:.2f} MB/s{per_core}", mb_s


def _ingest_detail(ing: Ingested, n_docs: int) -> str:
    parts = [
        f"{ing.docs:,} of {n_docs:,} documents, {_mb(ing.text_bytes):.1f} MB normalized text in {ing.wall:.1f} s"
    ]
    if ing.errors:
        parts.append(f"{ing.errors} skipped (first: {ing.first_error[:80]})")
    return "; ".join(parts)


def _top_helpers(graph: nx.MultiDiGraph, k: int) -> list[str]:
    """The Region helpers with the most ASSISTS edges out: the heaviest 2-hop starting points."""
    counts: dict[str, int] = {}
    for u, _v, d in graph.edges(data=True):
        if d.get("type") == "ASSISTS" and graph.nodes[u].get("label") == "Region":
            counts[u] = counts.get(u, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))[:k]


def _search_queries(graph: nx.MultiDiGraph, rng: random.Random, n: int) -> list[str]:
    """What people type: whole names, the first characters of a name, traditional forms, codes."""
    names = sorted(
        str(a.get("name"))
        for _, a in graph.nodes(data=True)
        if a.get("label") != "Document" and a.get("name")
    )
    if not names:
        return ["龙山", "湘西", "长沙市"]
    picked = [rng.choice(names) for _ in range(n)]
    queries = []
    for i, name in enumerate(picked):
        kind = i % 4
        if kind == 0:
            queries.append(name)
        elif kind == 1:
            queries.append(name[:2])
        elif kind == 2:
            queries.append(name[:1])
        else:
            queries.append(to_traditional(name))
    return queries


# ---------------------------------------------------------------------------------------------- stages
@dataclass
class Run:
    """What one benchmark run's stages share: its settings and what each stage hands to the next."""

    n_docs: int
    workers: int
    seed: int
    repeat: int
    corpus_dir: Path
    store_path: Path
    log: TextIO
    report: Report = field(init=False)
    rng: random.Random = field(init=False)
    stats: CorpusStats | None = None
    parallel: Ingested | None = None  # the ingestion that fed the merge
    flat: FlatMerge | None = None  # set only once ingestion brought the corpus through
    built_store: bool = False
    build_peak: tuple[float, float] | None = None  # (main, largest worker) MB once the store is written
    sampler: TreeSampler | None = None  # this process and its workers, sampled through the build
    view: nx.MultiDiGraph | None = None  # the graph read back from the store, for the query stages
    view_s: float = 0.0

    @property
    def spill(self) -> Path:
        return self.store_path.parent / "spill"

    def graph(self) -> nx.MultiDiGraph:
        """The store's entities and relations (read once, on the first query stage that asks)."""
        if self.view is None:
            t0 = time.perf_counter()
            self.view = load_view(self.store_path)
            self.view_s = time.perf_counter() - t0
        return self.view

    def __post_init__(self) -> None:
        self.report = Report(self.n_docs, self.workers)
        self.rng = random.Random(self.seed)

    @property
    def processes(self) -> str:
        return f"{self.workers} process{'es' if self.workers > 1 else ''}"


def stage_corpus(run: Run) -> None:
    """Write the synthetic corpus (bangfu/bench/corpus.py)."""
    run.log.write(f"bench: writing {run.n_docs:,} documents to {run.corpus_dir}\n")
    stats = run.stats = write_corpus(run.corpus_dir, run.n_docs, run.seed)
    styles = ", ".join(f"{k} {v}" for k, v in sorted(stats.styles.items()))
    run.report.set(
        "corpus",
        f"{stats.documents:,} docs, {_mb(stats.text_bytes):.1f} MB text",
        f"{_mb(stats.file_bytes):.1f} MB on disk, written in {stats.seconds:.1f} s; {styles}; "
        f"{stats.sentences['assists']:,} assistance sentences, "
        f"{stats.sentences['distractors']:,} distractors",
    )


def stage_ingest_alone(run: Run) -> None:
    """Load + extract in one process with nothing kept: throughput per core, and whether memory streams."""
    name = "load+extract, 1 process"
    run.log.write("bench: load+extract in 1 process\n")
    ing = ingest(run.corpus_dir, 1)
    _check_ingested(ing, run.n_docs)
    result, mb_s = _rate(ing, 1)
    own, _child = rss_peaks_mb()
    run.report.set(name, result, _ingest_detail(ing, run.n_docs) + f"; peak RSS {own:.0f} MB")
    run.report.summary["extract_mb_s_per_core"] = f"{mb_s:.2f}"


def stage_ingest_into_graph(run: Run) -> None:
    """Load + extract across the workers, feeding the merge by key: what ``bangfu build`` does."""
    name = "load+extract, parallel"
    run.log.write(f"bench: load+extract+merge in {run.workers} process(es)\n")
    shutil.rmtree(run.spill, ignore_errors=True)
    run.spill.mkdir(parents=True)
    flat = FlatMerge(run.spill, expected_documents=run.n_docs)
    run.sampler = TreeSampler().start()
    run.sampler.phase("read+extract+merge")

    def merge(_meta: DocMeta, doc: Prepared) -> None:
        flat.add_prepared(doc)

    # as ``bangfu build`` does: the workers prepare each document's rows, this process merges them
    ing = ingest(run.corpus_dir, run.workers, merge, preparer(flat.n_buckets))
    if not _check_ingested(ing, run.n_docs, raise_=False):
        run.sampler.stop()
        raise IngestionFailed(_ingest_detail(ing, run.n_docs))  # a graph of a few documents: no later row
    run.flat, run.parallel = flat, ing
    result, _ = _rate(ing, run.workers)
    run.report.set(
        name,
        result,
        f"{run.processes}, feeding the merge; "
        + _ingest_detail(ing, run.n_docs)
        + f" (of which {ing.consumed:.1f} s merging by key and spilling in the main process)",
    )


def stage_store(run: Run) -> None:
    """Designations + the store write on top of the merge: the store build and the build end to end."""
    flat, ing = run.flat, run.parallel
    assert flat is not None and ing is not None
    run.log.write("bench: writing the store\n")
    try:
        sampler = run.sampler or TreeSampler().start()
        t0 = time.perf_counter()
        designated = apply_designations(flat)
        t_designate = time.perf_counter() - t0
        sampler.phase("buckets merged")
        tables = flat.finish()
        t_finish = time.perf_counter() - t0 - t_designate
        sampler.phase("COPY FROM")
        info = write_tables(tables, run.store_path)
        t_copy = time.perf_counter() - t0 - t_designate - t_finish
        sampler.stop()
        run.sampler = sampler
    finally:
        shutil.rmtree(run.spill, ignore_errors=True)
    run.built_store = True
    run.build_peak = rss_peaks_mb()
    t_write = t_finish + t_copy
    build_s = ing.consumed + t_designate + t_write
    assists = flat.summary()["relations"].get("ASSISTS", 0)
    run.report.set(
        "store build",
        f"{build_s:.1f} s",
        f"merge {ing.consumed:.1f} s + designations {t_designate:.1f} s ({designated} regions) + "
        f"write {t_write:.1f} s (buckets merged {t_finish:.1f} s, COPY FROM {t_copy:.1f} s); "
        f"{info.nodes:,} nodes, {info.edges:,} edges ({assists:,} ASSISTS); "
        f"store {_mb(_size(run.store_path)):.1f} MB",
    )
    run.report.summary["build_s"] = f"{build_s:.2f}"
    total = ing.wall + t_designate + t_write
    run.report.set(
        "build end to end",
        f"{total:.1f} s",
        f"read+extract ({run.processes}) + merge + write "
        f"for {ing.docs:,} documents; {ing.docs / total:,.0f} docs/s",
    )


def stage_unpaired(run: Run) -> None:
    """The unpaired-county report over every county of the gazetteer."""
    graph = run.graph()
    gaz = get_gazetteer()
    counties = sorted(c for c, r in gaz.by_code.items() if r.level == "county")
    entries = entries_from_codes(gaz, counties)
    t0 = time.perf_counter()
    index = CoverageIndex(graph)
    index_ms = (time.perf_counter() - t0) * 1000

    def report_rows() -> int:
        return len([r.row() for r in unpaired(index.coverage(entries), "county")])

    times, n_unpaired = timed_ms(report_rows, run.repeat)
    assists = sum(1 for *_e, d in graph.edges(data=True) if d.get("type") == "ASSISTS")
    run.report.set_latency(
        "unpaired report",
        "unpaired_ms",
        times,
        f"{len(entries):,} counties against {assists:,} ASSISTS edges, {n_unpaired:,} unpaired "
        f"(coverage + unpaired + rows, {run.repeat} runs); index built once in {index_ms:.0f} ms, "
        f"on the graph read back from the store in {run.view_s:.1f} s",
    )


def stage_cypher(run: Run) -> None:
    """Cypher 2-hop on the embedded store, opened read-only as analysts open it."""
    starts = _top_helpers(run.graph(), 10) or ["region:430000"]
    t0 = time.perf_counter()
    with open_store(run.store_path) as store:
        open_ms = (time.perf_counter() - t0) * 1000
        cycle = iter(range(10**9))

        def two_hop() -> int:
            node = starts[next(cycle) % len(starts)]
            return len(store.query(CYPHER_2HOP, {"id": node}).rows)

        times, _ = timed_ms(two_hop, max(run.repeat, 2 * len(starts)), warmup=len(starts))
    run.report.set_latency(
        "Cypher 2-hop",
        "cypher_2hop_ms",
        times,
        f"co-helpers of the {len(starts)} busiest helpers, {len(times)} runs; store opened read-only "
        f"in {open_ms:.0f} ms",
    )


def stage_search(run: Run) -> None:
    """Entity search: names, prefixes and traditional forms over every entity of the graph."""
    graph = run.graph()
    t0 = time.perf_counter()
    index = SearchIndex.from_graph(graph)
    index_ms = (time.perf_counter() - t0) * 1000
    queries = _search_queries(graph, run.rng, max(40, run.repeat * 2))
    times = []
    index.search(queries[0])  # the first call loads OpenCC
    for q in queries:
        t0 = time.perf_counter()
        index.search(q)
        times.append((time.perf_counter() - t0) * 1000)
    run.report.set_latency(
        "entity search",
        "search_ms",
        times,
        f"{len(queries)} queries (names, 2- and 1-character prefixes, traditional forms) over "
        f"{len(index):,} entities; index built once in {index_ms:.0f} ms",
        digits=2,
    )


def stage_memory(run: Run) -> None:
    """The build's memory peak (ingestion and merge across the workers, the buckets' merge, the store
    write), sampled over this process and its workers together (bangfu/bench/memory.py), and what
    the query stages reached after it on the graph read back from the store."""
    end_own, child = rss_peaks_mb()
    own, child = run.build_peak or (end_own, child)
    parallel = run.workers > 1 and run.parallel is not None
    bound = own + (child * run.workers if parallel else 0)
    if run.sampler is None:  # the build did not run: only the processes' own peaks are known
        peak, detail = bound, f"main process {own:.0f} MB"
    else:
        sampled = run.sampler.peak
        peak = sampled.total
        phases = "; ".join(
            f"{name} {total:.0f} (main {main:.0f} + workers {kids:.0f})"
            for name, (total, main, kids) in sampled.by_phase.items()
            if name != "start"
        )
        # (the children's ru_maxrss is left out: any child forked later, such as platform's
        # ``uname`` call, inherits this process's resident pages into its own peak)
        detail = (
            f"build, {run.sampler.measure} of this process and its workers summed every 50 ms, "
            f"largest in each phase, MB: {phases}; this process's own peak (ru_maxrss): {own:.0f}"
        )
    if run.build_peak is not None:
        detail += f"; the query stages after it (graph view read back from the store): main {end_own:.0f} MB"
    run.report.set("peak memory", f"{peak:.0f} MB", detail)
    run.report.summary["peak_rss_mb"] = f"{peak:.0f}"


JIEBA_SAMPLE = 1000  # documents: jieba segments about 1.5 MB/s, the whole of a large corpus would take hours


def stage_jieba(run: Run) -> None:
    """Extraction against jieba's segmentation of the same documents, in turn in this process: a
    ratio, which the load of a shared machine moves far less than a rate. Last, so that jieba's
    dictionary (≈ 100 MB) is not in the peak memory above."""
    files = sorted(str(p) for p in run.corpus_dir.rglob("*") if p.is_file())[:JIEBA_SAMPLE]
    result = compare_with_jieba(files, rounds=2)
    run.report.set("extraction vs jieba", result.result(), result.detail())
    run.report.summary["jieba_ratio"] = f"{result.ratio:.2f}"


def _needs_corpus(run: Run) -> str | None:
    return None if run.stats is not None else "no corpus"


def _needs_graph(run: Run) -> str | None:
    return None if run.flat is not None else "no graph (ingestion failed)"


def _needs_store(run: Run) -> str | None:
    return None if run.built_store else "no store"


@dataclass(frozen=True)
class Stage:
    """One row of the table (``row``), what it needs of the stages before it, and the work."""

    row: str
    run: Callable[[Run], None]
    needs: Callable[[Run], str | None] = lambda _run: None
    also: tuple[str, ...] = ()  # further rows the stage fills (n/a with it when it cannot run)


STAGES: tuple[Stage, ...] = (
    Stage("corpus", stage_corpus),
    Stage("load+extract, 1 process", stage_ingest_alone, _needs_corpus),
    Stage("load+extract, parallel", stage_ingest_into_graph, _needs_corpus),
    Stage("store build", stage_store, _needs_graph, also=("build end to end",)),
    Stage("unpaired report", stage_unpaired, _needs_graph),
    Stage("Cypher 2-hop", stage_cypher, _needs_store),
    Stage("entity search", stage_search, _needs_graph),
    Stage("peak memory", stage_memory),
    Stage("extraction vs jieba", stage_jieba, _needs_corpus),
)


# ---------------------------------------------------------------------------------------------- main
def run_bench(
    n_docs: int,
    workers: int | None = None,
    *,
    keep: str | os.PathLike | None = None,
    seed: int = 0,
    repeat: int = 21,
    out: TextIO | None = None,
    log: TextIO | None = None,
) -> Report:
    """Run every stage and print the table and the summary line to ``out``.

    ``keep``: write the corpus and the store there (and leave them) instead of a temporary folder.
    Progress goes to ``log`` so ``out`` stays machine-readable.
    """
    out, log = out or sys.stdout, log or sys.stderr
    workers = max(1, workers or os.cpu_count() or 1)
    base = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bangfu-bench-"))
    run = Run(n_docs, workers, seed, repeat, base / "corpus", base / "store" / "bench.lbdb", log)
    if keep and run.corpus_dir.exists():
        shutil.rmtree(run.corpus_dir)
    try:
        for stage in STAGES:
            why_not = stage.needs(run)
            if why_not:
                for row in (stage.row, *stage.also):
                    run.report.na(row, why_not)
                continue
            with _step(run.report, stage.row, log):
                stage.run(run)
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    _print(run, out)
    return run.report


def _print(run: Run, out: TextIO) -> None:
    out.write(f"bangfu bench: {run.n_docs:,} documents, {run.workers} worker(s), seed {run.seed}\n")
    out.write(f"machine: {machine()}\n\n")
    out.write(run.report.table() + "\n\n")
    out.write(run.report.summary_line() + "\n")
    out.flush()


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size if path.exists() else 0
