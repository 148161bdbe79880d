"""How a build scales with worker processes, and where the next bottleneck stands.

Run: ``.venv/bin/python -m bangfu.bench.scaling [--docs 2000] [--workers 1 2] [--dir DIR]``

Why this script beside ``bangfu bench``: a build is workers extracting and one process merging, so
its speed on a bigger machine is the smaller of two rates — the workers' extraction (grows with
cores) and the main process's merge by key (does not). Both are measured here on the same corpus:

- per worker count: the wall time of read + extract + merge as ``bangfu build`` runs it (the pool
  feeding ``graph.flat.FlatMerge``), documents per second, the speed-up over one worker, and the CPU
  seconds of the workers and of the main process (``os.times``: the workers' CPU is counted when the
  pool is shut down, so it is whole);
- the merge alone: facts already extracted (``bangfu extract``'s lines, loaders/facts_file.py) merged
  into a FlatMerge in this process, i.e. what ``bangfu build --facts`` does per document — the
  ceiling of one merging process whatever the number of cores;
- the projection for 16 cores: min(16 × one core's extraction rate, the main process's rate with a
  pool: receiving every result and merging it).

On a shared machine wall times stretch with the load (the load average is printed); CPU seconds do
not, which is why the projection is made from CPU seconds per document.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bangfu.bench.corpus import write_corpus
from bangfu.pipeline.build import merge
from bangfu.pipeline.pool import iter_extractions, iter_prepared, warm_up
from graph.flat import FlatMerge, preparer
from graph.model import document_meta
from loaders.extract.facts import Extraction


@dataclass(frozen=True)
class Row:
    workers: int
    docs: int
    wall_s: float
    worker_cpu_s: float  # CPU seconds of the worker processes (0 with one worker: it is this process)
    main_cpu_s: float

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.wall_s if self.wall_s else 0.0


def timed_build(corpus: Path, workers: int, scratch: Path) -> Row:
    """Read + extract + merge as ``bangfu build`` does (no store write): the workers extract and
    prepare (graph.flat.prepare), this process merges what they prepared."""
    folder = scratch / f"spill-{workers}"
    folder.mkdir(parents=True, exist_ok=True)
    flat = FlatMerge(folder, expected_documents=10_000)
    skipped: list[tuple[str, str]] = []
    docs = 0
    before = os.times()
    started = time.perf_counter()
    prepare = preparer(flat.n_buckets)
    for _meta, doc in iter_prepared([corpus], prepare, workers, on_error=lambda p, r: skipped.append((p, r))):
        flat.add_prepared(doc)
        docs += 1
    wall = time.perf_counter() - started
    after = os.times()
    shutil.rmtree(folder, ignore_errors=True)
    children = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    main = (after.user - before.user) + (after.system - before.system)
    return Row(workers, docs, wall, children, main)


def merge_only(extractions: list[Extraction], scratch: Path) -> float:
    """CPU seconds of this process merging facts already made (``bangfu build --facts``'s work)."""
    folder = scratch / "spill-merge"
    folder.mkdir(parents=True, exist_ok=True)
    flat = FlatMerge(folder, expected_documents=10_000)
    skipped: list[tuple[str, str]] = []
    started = time.process_time()
    for ext in extractions:
        merge(flat, document_meta(ext), ext, skipped)
    seconds = time.process_time() - started
    shutil.rmtree(folder, ignore_errors=True)
    return seconds


def report(rows: list[Row], merge_s: float, docs: int, cores: int, out=sys.stdout) -> None:
    base = rows[0]
    out.write(f"load average {os.getloadavg()[0]:.1f} (2-core machine shared with other work when above 2)\n")
    out.write(
        "| workers | wall s | docs/s | speed-up | workers' CPU s | main CPU s |\n|---|---|---|---|---|---|\n"
    )
    for row in rows:
        out.write(
            f"| {row.workers} | {row.wall_s:.1f} | {row.docs_per_s:.0f} | {row.docs_per_s / base.docs_per_s:.2f}× "
            f"| {row.worker_cpu_s:.1f} | {row.main_cpu_s:.1f} |\n"
        )
    one = next((r for r in rows if r.workers == 1), None)
    pooled = next((r for r in rows if r.workers > 1), None)
    merge_rate = docs / merge_s if merge_s else 0.0
    out.write(
        f"merge alone (facts already extracted, `bangfu build --facts`): {merge_s:.2f} CPU s, "
        f"{merge_rate:.0f} docs/s in one process\n"
    )
    if one is None or pooled is None or not one.main_cpu_s or not pooled.main_cpu_s:
        return
    extract_cpu = max(one.main_cpu_s - merge_s, 1e-9)
    per_core = docs / extract_cpu
    # with a pool the main process also receives every result (unpickling): its CPU per document is
    # the ceiling of a pooled build, lower than the merge alone
    main_rate = docs / pooled.main_cpu_s
    projected = min(cores * per_core, main_rate)
    bound = "the main process" if main_rate < cores * per_core else "extraction"
    out.write(
        f"extraction: {extract_cpu:.2f} CPU s, {per_core:.0f} docs/s per core; main process with "
        f"{pooled.workers} workers: {1000 * pooled.main_cpu_s / docs:.2f} ms per document (receive + merge), "
        f"{main_rate:.0f} docs/s at most\n"
        f"projected at {cores} cores: {projected:.0f} docs/s ({bound} bounds it: {cores} × {per_core:.0f} "
        f"extracting vs {main_rate:.0f} received and merged); shards extracted apart and merged with "
        f"--facts: {merge_rate:.0f} docs/s for the merge\n"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--cores", type=int, default=16, help="the machine to project to")
    parser.add_argument("--dir", type=Path, help="keep the corpus here (default: a temporary folder)")
    args = parser.parse_args(argv)
    base = args.dir or Path(tempfile.mkdtemp(prefix="bangfu-scaling-"))
    try:
        corpus = base / "corpus"
        if not corpus.exists():
            write_corpus(corpus, args.docs)
        warm_up()
        rows = [timed_build(corpus, workers, base) for workers in sorted(set(args.workers))]
        # the merge alone takes Extractions, as ``bangfu build --facts`` reads them (not timed)
        kept = [ext for _meta, ext in iter_extractions([corpus], max(args.workers))]
        report(rows, merge_only(kept, base), len(kept), args.cores)
    finally:
        if args.dir is None:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
