"""From files to a store: read, extract, merge, write — with a report of what was skipped and why.

Reading and extraction run through ``bangfu.pipeline.pool.iter_extractions`` (ordered, streamed, across
worker processes). An unreadable file, a failed extraction or facts outside the ontology are reported
and the build goes on; only the store write itself is all-or-nothing (graph/store/embedded.py swaps the
file atomically).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bangfu.knowledge.gazetteer import GazetteerLike
from bangfu.knowledge.lists import designations_by_code
from bangfu.pipeline.pool import iter_extractions
from graph.model import DEFAULT_GAZETTEER, KnowledgeGraph
from graph.store.embedded import write_store
from loaders.read import DEFAULT_MAX_BYTES, list_files

Progress = Callable[[int, int | None, str], None]  # (done, total or None, current item)


@dataclass
class BuildReport:
    store: Path | None
    summary: dict[str, Any]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    designated: int = 0  # regions annotated with the designation lists they are on


def default_workers() -> int:
    """One worker per core, at most 8 (extraction is CPU work; more processes only add memory)."""
    return max(1, min(8, os.cpu_count() or 1))


def build_graph(
    paths: list[str],
    *,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER,
    all_regions: bool = False,
    progress: Progress | None = None,
) -> tuple[KnowledgeGraph, list[tuple[str, str]]]:
    """Read and extract every document below ``paths`` into a new KnowledgeGraph.

    Returns the graph and the skipped files with their reasons.
    """
    kg = KnowledgeGraph(gazetteer, all_regions=all_regions)
    skipped: list[tuple[str, str]] = []
    total = sum(1 for _ in list_files(paths))
    done = 0
    report = progress or (lambda *_: None)

    def on_error(path: str, reason: str) -> None:
        nonlocal done
        skipped.append((path, reason))
        done += 1
        report(done, max(total, done), path)

    for meta, ext in iter_extractions(paths, workers, max_bytes=max_bytes, on_error=on_error):
        done += 1
        report(done, max(total, done), meta.path)
        try:
            kg.add_extraction(ext, meta.as_meta())
        except ValueError as exc:  # facts outside the ontology: report, keep the rest
            skipped.append((meta.path, f"facts refused: {exc}"))
    report(max(total, done), max(total, done), "")
    return kg, skipped


def apply_designations(kg: KnowledgeGraph, by_code: dict[str, list[str]] | None = None) -> int:
    """Put the designation lists each Region is on (湖南51个脱贫县 …) on its node as ``designations``, so
    Cypher can filter by list. ``by_code`` defaults to bangfu.knowledge.lists's shipped lists; returns how
    many nodes were annotated. A shipped list that cannot be read is an error, not "0 designations"."""
    if by_code is None:
        by_code = designations_by_code()
    count = 0
    for nid, data in list(kg.graph.nodes(data=True)):
        names = by_code.get(data.get("code") or "") if data["label"] == "Region" else None
        if names and nid.count(":") == 1:
            kg.annotate(nid, designations=sorted(set(names)))
            count += 1
    return count


def build_store(
    paths: list[str],
    store: str | os.PathLike,
    *,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    all_regions: bool = False,
    progress: Progress | None = None,
    hook: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the graph from ``paths`` and write it to ``store`` atomically."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    kg, skipped = build_graph(
        paths, workers=workers, max_bytes=max_bytes, all_regions=all_regions, progress=progress
    )
    timings["read + extract + merge"] = time.perf_counter() - started
    t0 = time.perf_counter()
    designated = apply_designations(kg)
    timings["designations"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_store(kg, store, hook=hook)
    timings["write store"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - started
    return BuildReport(Path(store), kg.summary(), skipped, timings, designated)
