"""From files to a store: read, extract, merge, write — with a report of what was skipped and why.

The loaders and the extraction pipeline are imported when a build runs, not when this module is
imported: the graph, its stores and their tests work on hand-built facts even where those stages are
missing or broken. An unreadable file or an extraction that fails is reported and the build goes on;
only the store write itself is all-or-nothing (graph/store/embedded.py swaps the file atomically).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.model import DEFAULT_GAZETTEER, KnowledgeGraph
from graph.store.embedded import write_store

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Progress = Callable[[int, int | None, str], None]  # (done, total or None, current item)


@dataclass
class BuildReport:
    store: Path | None
    summary: dict[str, Any]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    reused: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    designated: int = 0  # regions annotated with the designation lists they are on


def count_files(paths: Iterable[str | os.PathLike]) -> int:
    """Files below ``paths`` (for a progress total; the loaders decide which of them they read)."""
    total = 0
    for p in map(Path, paths):
        if p.is_dir():
            total += sum(1 for f in p.rglob("*") if f.is_file() and not f.name.startswith("."))
        elif p.exists():
            total += 1
    return total


def build_graph(
    paths: list[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    previous: KnowledgeGraph | None = None,
    gazetteer: Any = DEFAULT_GAZETTEER,
    all_regions: bool = False,
    progress: Progress | None = None,
) -> tuple[KnowledgeGraph, list[tuple[str, str]], int]:
    """Read and extract every document below ``paths`` into a new KnowledgeGraph.

    With ``previous`` (an earlier build's graph), a document whose content id it already holds keeps
    its facts instead of being extracted again. Returns the graph, the skipped files with reasons,
    and how many documents were reused.
    """
    iter_documents, extract = _stages()
    kg = KnowledgeGraph(gazetteer, all_regions=all_regions)
    skipped: list[tuple[str, str]] = []
    total = count_files(paths)
    done = reused = 0
    report = progress or (lambda *_: None)

    def on_error(message: Any, *rest: Any) -> None:
        nonlocal done
        path, reason = _split_error(message, rest)
        skipped.append((path, reason))
        done += 1
        report(done, total, path)

    for doc in iter_documents(paths, max_bytes=max_bytes, on_error=on_error):
        done += 1
        report(done, max(total, done), doc.path)
        if previous is not None and doc.id in previous.document_ids:
            kg.add_extraction(previous.extraction(doc.id), _meta(doc))
            reused += 1
            continue
        try:
            ext = extract(doc)
        except Exception as exc:  # one bad document must not stop a corpus build
            skipped.append((doc.path, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        try:
            kg.add_extraction(ext, _meta(doc))
        except ValueError as exc:  # facts outside the ontology: report, keep the rest
            skipped.append((doc.path, f"facts refused: {exc}"))
    report(max(total, done), max(total, done), "")
    return kg, skipped, reused


def apply_designations(kg: KnowledgeGraph, by_code: dict[str, list[str]] | None = None) -> int:
    """Put the designation lists each Region is on (湖南51个脱贫县 …) on its node as ``designations``, so
    Cypher can filter by list. ``by_code`` defaults to graph.reference's shipped lists; returns how many
    nodes were annotated (0 when the reference lists are not available)."""
    if by_code is None:
        try:
            from graph.reference import designations_by_code

            by_code = designations_by_code()
        except (ImportError, OSError, ValueError):
            return 0
    count = 0
    for nid, data in list(kg.graph.nodes(data=True)):
        names = by_code.get(data.get("code") or "") if data["label"] == "Region" else None
        if names and nid.count(":") == 1:
            kg.annotate(nid, designations=sorted(set(names)))
            count += 1
    return count


def _meta(doc: Any) -> dict[str, Any]:
    """The document fields the graph keeps, from the loader (which knows them best)."""
    return {k: getattr(doc, k, None) for k in ("id", "path", "title", "date", "doc_number")}


def _stages() -> tuple[Callable[..., Iterable[Any]], Callable[[Any], Any]]:
    """The loaders' reader and the extraction pipeline, or one clear error naming what is missing."""
    try:
        from loaders.read import iter_documents
    except ImportError as exc:
        raise RuntimeError(f"the document loaders cannot be loaded: {exc}") from exc
    try:
        from loaders.extract.pipeline import extract_document
    except ImportError as exc:
        raise RuntimeError(f"the extraction pipeline cannot be loaded: {exc}") from exc
    return iter_documents, extract_document


def _split_error(message: Any, rest: tuple) -> tuple[str, str]:
    """The loaders report ``on_error(message)`` ("path: reason") or ``on_error(path, reason)``."""
    if rest:
        return str(message), " ".join(str(r) for r in rest)
    text = str(message)
    path, sep, reason = text.partition(": ")
    return (path, reason) if sep else ("?", text)


def build_store(
    paths: list[str],
    store: str | os.PathLike,
    *,
    incremental: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    all_regions: bool = False,
    progress: Progress | None = None,
    hook: Callable[[str], None] | None = None,
) -> BuildReport:
    """Build the graph from ``paths`` and write it to ``store`` atomically."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    previous = None
    if incremental and Path(store).exists():
        from graph.store.readback import load_graph

        previous = load_graph(store)
        timings["read previous"] = time.perf_counter() - started
    t0 = time.perf_counter()
    kg, skipped, reused = build_graph(
        paths, max_bytes=max_bytes, previous=previous, all_regions=all_regions, progress=progress
    )
    designated = apply_designations(kg)
    timings["read + extract + merge"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    write_store(kg, store, hook=hook)
    timings["write store"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - started
    return BuildReport(Path(store), kg.summary(), skipped, reused, timings, designated)
