"""The benchmark: generate N documents, ingest them, build the store, time the queries; one table.

Why it is shaped this way:
- Every step a user waits on is measured the way the product runs it: ingestion through
  ``bangfu.pipeline.pool.iter_extractions`` (what the build uses), the store through ``KnowledgeGraph`` +
  ``write_store``, the unpaired report through ``graph.coverage``, Cypher through the read-only
  embedded store, search through ``graph.search``.
- Load+extract runs twice: once in one process with nothing kept (throughput per core, and a memory
  peak that shows whether ingestion streams — it must not grow with N), then across ``--workers``
  processes feeding the graph build (what ``bangfu build`` does).
- A component that is not there yet (or fails) gets ``n/a`` in its row and in the summary, with the
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
from typing import Any, TextIO

from bangfu.bench.corpus import CorpusStats, write_corpus

SUMMARY_KEYS = (
    "docs",
    "extract_mb_s_per_core",
    "build_s",
    "peak_rss_mb",
    "unpaired_ms",
    "cypher_2hop_ms",
    "search_ms",
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


def timed_ms(fn: Callable[[], Any], repeat: int, warmup: int = 1) -> tuple[list[float], Any]:
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
    try:
        import psutil

        mem = f"{psutil.virtual_memory().total / 2**30:.1f} GiB RAM"
    except ImportError:
        mem = "RAM unknown"
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


def ingest(corpus: Path, workers: int, consume: Callable[[Any, Any], None] | None = None) -> Ingested:
    """Run ``iter_extractions`` over the corpus and ``consume`` each result, timing both.

    With workers, extraction and ``consume`` overlap (the pool works ahead while this process merges),
    so the honest rate is over ``wall``; ``consumed`` says how much of it this process spent merging.
    """
    from bangfu.pipeline.pool import iter_extractions

    out = Ingested()

    def on_error(path: str, reason: str) -> None:
        out.errors += 1
        out.first_error = out.first_error or f"{Path(path).name}: {reason}"

    started = time.perf_counter()
    for meta, ext in iter_extractions([corpus], workers, on_error=on_error):
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


def _top_helpers(graph: Any, k: int) -> list[str]:
    """The Region helpers with the most ASSISTS edges out: the heaviest 2-hop starting points."""
    counts: dict[str, int] = {}
    for u, _v, d in graph.edges(data=True):
        if d.get("type") == "ASSISTS" and graph.nodes[u].get("label") == "Region":
            counts[u] = counts.get(u, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))[:k]


def _search_queries(graph: Any, rng: random.Random, n: int) -> list[str]:
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
            from bangfu.bench.corpus import _s2t

            queries.append(_s2t().convert(name))
    return queries


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
    """Run the whole benchmark and print the table and the summary line to ``out``.

    ``keep``: write the corpus and the store there (and leave them) instead of a temporary folder.
    Progress goes to ``log`` so ``out`` stays machine-readable.
    """
    out, log = out or sys.stdout, log or sys.stderr
    workers = max(1, workers or os.cpu_count() or 1)
    report = Report(n_docs, workers)
    rng = random.Random(seed)
    base = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="bangfu-bench-"))
    corpus_dir, store_path = base / "corpus", base / "store" / "bench.lbdb"
    if keep and corpus_dir.exists():
        shutil.rmtree(corpus_dir)
    kg: Any = None
    built_store = False
    try:
        # -- corpus
        log.write(f"bench: writing {n_docs:,} documents to {corpus_dir}\n")
        stats: CorpusStats | None = None
        with _step(report, "corpus", log):
            stats = write_corpus(corpus_dir, n_docs, seed)
            styles = ", ".join(f"{k} {v}" for k, v in sorted(stats.styles.items()))
            report.set(
                "corpus",
                f"{stats.documents:,} docs, {_mb(stats.text_bytes):.1f} MB text",
                f"{_mb(stats.file_bytes):.1f} MB on disk, written in {stats.seconds:.1f} s; {styles}; "
                f"{stats.sentences['assists']:,} assistance sentences, "
                f"{stats.sentences['distractors']:,} distractors",
            )

        missing = ""
        # -- load + extract, one process, nothing kept
        name1 = "load+extract, 1 process"
        if missing:
            report.na(name1, missing)
        elif stats is not None:
            with _step(report, name1, log):
                log.write("bench: load+extract in 1 process\n")
                ing1 = ingest(corpus_dir, 1)
                _check_ingested(ing1, n_docs)
                result, mb_s = _rate(ing1, 1)
                own, _child = rss_peaks_mb()
                report.set(name1, result, _ingest_detail(ing1, n_docs) + f"; peak RSS {own:.0f} MB")
                report.summary["extract_mb_s_per_core"] = f"{mb_s:.2f}"

        # -- load + extract across K processes, feeding the graph (the build)
        nameK = "load+extract, parallel"
        merge_s = 0.0
        ingK: Ingested | None = None
        if missing:
            report.na(nameK, missing)
        elif stats is not None:
            with _step(report, nameK, log):
                from graph.model import KnowledgeGraph

                log.write(f"bench: load+extract+merge in {workers} process(es)\n")
                kg = KnowledgeGraph()

                def merge(meta: Any, ext: Any) -> None:
                    kg.add_extraction(ext, meta.as_meta())

                ingK = ingest(corpus_dir, workers, merge)
                if not _check_ingested(ingK, n_docs, raise_=False):
                    kg = None  # a graph of a few documents would make every later row meaningless
                    raise IngestionFailed(_ingest_detail(ingK, n_docs))
                merge_s = ingK.consumed
                result, _ = _rate(ingK, workers)
                report.set(
                    nameK,
                    result,
                    f"{workers} process{'es' if workers > 1 else ''}, feeding the graph; "
                    + _ingest_detail(ingK, n_docs)
                    + f" (of which {merge_s:.1f} s merging into the graph in the main process)",
                )

        # -- store build: merge (above) + designations + write
        if kg is None:
            report.na("store build", missing or "no graph (ingestion failed)")
            report.na("build end to end", missing or "no graph (ingestion failed)")
        else:
            with _step(report, "store build", log):
                from graph.store.embedded import write_store

                log.write("bench: writing the store\n")
                t0 = time.perf_counter()
                designated = 0
                try:
                    from bangfu.pipeline.build import apply_designations

                    designated = apply_designations(kg)
                except ImportError:
                    pass
                t_designate = time.perf_counter() - t0
                info = write_store(kg, store_path)
                t_write = time.perf_counter() - t0 - t_designate
                built_store = True
                build_s = merge_s + t_designate + t_write
                s = kg.summary()
                assists = s["relations"].get("ASSISTS", 0)
                report.set(
                    "store build",
                    f"{build_s:.1f} s",
                    f"merge {merge_s:.1f} s + designations {t_designate:.1f} s ({designated} regions) + "
                    f"write {t_write:.1f} s; {info.nodes:,} nodes, {info.edges:,} edges "
                    f"({assists:,} ASSISTS); store {_mb(_size(store_path)):.1f} MB",
                )
                report.summary["build_s"] = f"{build_s:.2f}"
                assert ingK is not None
                total = ingK.wall + t_designate + t_write
                report.set(
                    "build end to end",
                    f"{total:.1f} s",
                    f"read+extract ({workers} process{'es' if workers > 1 else ''}) + merge + write "
                    f"for {ingK.docs:,} documents; {ingK.docs / total:,.0f} docs/s",
                )

        # -- unpaired-county report over every county of the gazetteer
        if kg is None:
            report.na("unpaired report", missing or "no graph")
        else:
            with _step(report, "unpaired report", log):
                from bangfu.knowledge.gazetteer import get_gazetteer
                from bangfu.planner.coverage import CoverageIndex, entries_from_codes, unpaired

                gaz = get_gazetteer()
                counties = sorted(c for c, r in gaz.by_code.items() if r.level == "county")
                entries = entries_from_codes(gaz, counties)
                t0 = time.perf_counter()
                index = CoverageIndex(kg.graph)
                index_ms = (time.perf_counter() - t0) * 1000

                def report_rows() -> int:
                    return len([r.row() for r in unpaired(index.coverage(entries), "county")])

                times, n_unpaired = timed_ms(report_rows, repeat)
                med, p95 = percentiles(times)
                assists = sum(1 for *_e, d in kg.graph.edges(data=True) if d.get("type") == "ASSISTS")
                report.set(
                    "unpaired report",
                    f"{med:.1f} ms median, {p95:.1f} ms p95",
                    f"{len(entries):,} counties against {assists:,} ASSISTS edges, {n_unpaired:,} unpaired "
                    f"(coverage + unpaired + rows, {repeat} runs); index built once in {index_ms:.0f} ms",
                )
                report.summary["unpaired_ms"] = f"{med:.2f}"

        # -- Cypher 2-hop on the embedded store (read-only, as analysts open it)
        if not built_store:
            report.na("Cypher 2-hop", missing or "no store")
        else:
            with _step(report, "Cypher 2-hop", log):
                from graph.store.embedded import open_store

                starts = _top_helpers(kg.graph, 10) or ["region:430000"]
                t0 = time.perf_counter()
                with open_store(store_path) as store:
                    open_ms = (time.perf_counter() - t0) * 1000
                    cycle = iter(range(10**9))

                    def two_hop() -> int:
                        node = starts[next(cycle) % len(starts)]
                        return len(store.query(CYPHER_2HOP, {"id": node}).rows)

                    times, _ = timed_ms(two_hop, max(repeat, 2 * len(starts)), warmup=len(starts))
                med, p95 = percentiles(times)
                report.set(
                    "Cypher 2-hop",
                    f"{med:.1f} ms median, {p95:.1f} ms p95",
                    f"co-helpers of the {len(starts)} busiest helpers, {len(times)} runs; store opened read-only "
                    f"in {open_ms:.0f} ms",
                )
                report.summary["cypher_2hop_ms"] = f"{med:.2f}"

        # -- entity search
        if kg is None:
            report.na("entity search", missing or "no graph")
        else:
            with _step(report, "entity search", log):
                from bangfu.planner.search import SearchIndex

                t0 = time.perf_counter()
                index = SearchIndex.from_graph(kg)
                index_ms = (time.perf_counter() - t0) * 1000
                queries = _search_queries(kg.graph, rng, max(40, repeat * 2))
                times = []
                index.search(queries[0])  # the first call loads OpenCC
                for q in queries:
                    t0 = time.perf_counter()
                    index.search(q)
                    times.append((time.perf_counter() - t0) * 1000)
                med, p95 = percentiles(times)
                report.set(
                    "entity search",
                    f"{med:.2f} ms median, {p95:.2f} ms p95",
                    f"{len(queries)} queries (names, 2- and 1-character prefixes, traditional forms) over "
                    f"{len(index):,} entities; index built once in {index_ms:.0f} ms",
                )
                report.summary["search_ms"] = f"{med:.2f}"
        # -- memory: the peaks over every step above (ingestion passes, graph, store, indexes)
        own, child = rss_peaks_mb()
        parallel = workers > 1 and ingK is not None
        peak = own + (child * workers if parallel else 0)
        detail = f"main process {own:.0f} MB"
        if parallel and child:
            detail += f" + {workers} workers × {child:.0f} MB (the largest worker; an upper bound: forked pages are shared)"
        report.set("peak memory", f"{peak:.0f} MB", detail)
        report.summary["peak_rss_mb"] = f"{peak:.0f}"
    finally:
        if not keep:
            shutil.rmtree(base, ignore_errors=True)

    out.write(f"bangfu bench: {n_docs:,} documents, {workers} worker(s), seed {seed}\n")
    out.write(f"machine: {machine()}\n\n")
    out.write(report.table() + "\n\n")
    out.write(report.summary_line() + "\n")
    out.flush()
    return report


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())
    return path.stat().st_size if path.exists() else 0
