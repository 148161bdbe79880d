"""From files to a store: read, extract, merge, write — with a report of what was skipped and why.

Reading and extraction run through ``bangfu.pipeline.pool.iter_prepared`` (ordered, streamed, across
worker processes). An unreadable file, a failed extraction or facts outside the ontology are reported
and the build goes on; only the store write itself is all-or-nothing (graph/store/embedded.py swaps the
file atomically).

Why a full build can refuse to write: it replaces the whole store, so a typo in its folder (nothing
read, one path skipped) or an empty folder would otherwise swap a user's library for an empty graph.
``build_store`` keeps an existing store that holds documents (or that is not a store at all, e.g. a
mistyped ``--store``) when the build read no document or fewer than it skipped, unless ``replace``.
Adding and removing single documents is bangfu/pipeline/library.py.

Why a full build does not make a ``KnowledgeGraph``: the graph keeps every document's facts in Python
(2 GB at 10,000 documents). ``build_store`` merges into a ``graph.flat.FlatMerge`` instead, which keeps
one aggregate per entity and spills the rest to Parquet files beside the store (removed afterwards, or
by the next build when this one was killed), then bulk-loads them; the store it writes is the one the
graph would have given. ``build_graph`` is the in-memory path, for callers that want the graph itself.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bangfu.knowledge.gazetteer import GazetteerLike
from bangfu.knowledge.lists import designations_by_code
from bangfu.pipeline.pool import DocMeta, Prepare, iter_prepared
from graph.flat import FlatMerge, preparer
from graph.model import DEFAULT_GAZETTEER, KnowledgeGraph, document_meta
from graph.store.embedded import StoreError, open_store, scratch_folder, write_flat
from loaders.extract.facts import Extraction
from loaders.facts_file import count_records, read_facts_file
from loaders.read import DEFAULT_MAX_BYTES, Duplicates, list_files

Progress = Callable[[int, int | None, str], None]  # (done, total or None, current item)


class RefusedReplace(StoreError):
    """A full build that would replace an existing store with less than the user asked for; ``report``
    says what the build read and skipped (set by ``build_store``)."""

    report: BuildReport | None = None


@dataclass
class BuildReport:
    """What a build, an add or a remove did. ``summary`` describes the store as written (or as it is,
    when nothing changed); the lists name what changed, each document by its path (or id)."""

    store: Path | None
    summary: dict[str, Any]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    designated: int = 0  # regions annotated with the designation lists they are on
    read: int = 0  # documents read from the paths given
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # a changed file: its old facts gave way
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, path the store has it under)
    removed: list[tuple[str, str]] = field(default_factory=list)  # (doc id, path or title)
    not_found: list[str] = field(default_factory=list)  # remove targets the store does not hold
    written: bool = False


def default_workers() -> int:
    """One worker per core, at most 8 (extraction is CPU work; more processes only add memory)."""
    return max(1, min(8, os.cpu_count() or 1))


def read_facts(
    paths: list[str],
    skipped: list[tuple[str, str]],
    *,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[tuple[dict, Extraction]]:
    """(document metadata, Extraction) for every document below ``paths``, in file order.

    Files that cannot be read or extracted go to ``skipped`` as (path, reason). ``total``: how many
    files there are, when the caller has counted them already.
    """
    for meta, ext in _counted(paths, skipped, progress, total, None, workers, max_bytes):
        yield meta.as_meta(), ext


def read_prepared(
    paths: list[str],
    skipped: list[tuple[str, str]],
    prepare: Prepare,
    *,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[Any]:
    """``read_facts`` with each document's facts as ``prepare`` made them in the worker that extracted
    it (``bangfu.pipeline.pool.iter_prepared``); facts it refuses go to ``skipped`` too."""
    for _meta, prepared in _counted(paths, skipped, progress, total, prepare, workers, max_bytes):
        yield prepared


def _counted(
    paths: list[str],
    skipped: list[tuple[str, str]],
    progress: Progress | None,
    total: int | None,
    prepare: Prepare | None,
    workers: int,
    max_bytes: int,
) -> Iterator[tuple[DocMeta, Any]]:
    """The pool's results with progress reported per file and failures put in ``skipped``."""
    if total is None:
        total = count_files(paths)
    done = 0
    report = progress or (lambda *_: None)

    def on_error(path: str, reason: str) -> None:
        nonlocal done
        skipped.append((path, reason))
        done += 1
        report(done, max(total, done), path)

    for meta, item in iter_prepared(paths, prepare, workers, max_bytes=max_bytes, on_error=on_error):
        done += 1
        report(done, max(total, done), meta.path)
        yield meta, item
    report(max(total, done), max(total, done), "")


def read_facts_files(
    files: list[str],
    skipped: list[tuple[str, str]],
    *,
    progress: Progress | None = None,
    total: int | None = None,
) -> Iterator[tuple[dict, Extraction]]:
    """(document metadata, Extraction) for every record of the facts files ``bangfu extract`` wrote, in
    order: the shards of a corpus extracted elsewhere. A bad line goes to ``skipped`` as
    (FILE:LINE, reason); a document id met again (the same content in two shards) is skipped the same
    way, naming where it was first read, as reading the documents themselves would."""
    report = progress or (lambda *_: None)
    duplicates = Duplicates()
    done = 0
    total = total if total is not None else sum(count_records(f) for f in files)
    for name in files:
        for ext in read_facts_file(name, lambda where, reason: skipped.append((where, reason))):
            done += 1
            meta = document_meta(ext)  # never raises: read_facts_file refuses a record without doc.id
            report(done, max(total, done), meta["path"] or meta["id"])
            if again := duplicates.check(meta["id"], meta["path"] or name):
                skipped.append((meta["path"] or name, again))
                continue
            yield meta, ext
    report(max(total, done), max(total, done), "")


def count_files(paths: list[str]) -> int:
    """How many files a build below ``paths`` will read (for progress and for sizing its spill)."""
    return sum(1 for _ in list_files(paths))


def merge(
    kg: KnowledgeGraph | FlatMerge, meta: dict, ext: Extraction, skipped: list[tuple[str, str]]
) -> bool:
    """``kg.add_extraction``, with facts outside the ontology reported instead of raised."""
    try:
        return kg.add_extraction(ext, meta)
    except ValueError as exc:
        skipped.append((meta["path"], f"facts refused: {exc}"))
        return False


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
    for meta, ext in read_facts(paths, skipped, workers=workers, max_bytes=max_bytes, progress=progress):
        merge(kg, meta, ext, skipped)
    return kg, skipped


def apply_designations(kg: KnowledgeGraph | FlatMerge, by_code: dict[str, list[str]] | None = None) -> int:
    """Put the designation lists each Region is on (湖南51个脱贫县 …) on its node as ``designations``, so
    Cypher can filter by list — every county of a list, mentioned by a document or not (``hold_region``),
    so that Cypher's "counties of the list nobody helps" are the planner's. ``by_code`` defaults to
    bangfu.knowledge.lists's shipped lists; returns how many nodes were annotated. A shipped list that
    cannot be read is an error, not "0 designations"."""
    if by_code is None:
        by_code = designations_by_code()
    count = 0
    for code, names in sorted(by_code.items()):
        nid = f"region:{code}"
        if names and kg.hold_region(nid):
            kg.annotate(nid, designations=sorted(set(names)))
            count += 1
    return count


def stored_documents(store: str | os.PathLike) -> int | None:
    """How many documents the store holds: None when there is no file, StoreError when the file is
    there but is no readable store."""
    if not os.path.lexists(store):
        return None
    with open_store(store) as s:
        return int(s.query("MATCH (d:Document) RETURN count(d)", timeout_ms=None).rows[0][0])


def held_documents(store: str | os.PathLike) -> int | None:
    """``stored_documents`` for a build about to replace ``store``: RefusedReplace when the file there
    is no store (a mistyped ``--store`` must not overwrite a document)."""
    try:
        return stored_documents(store)
    except StoreError as exc:
        raise RefusedReplace(
            f"not replacing {store}: it cannot be opened as a store ({exc}); --replace overwrites it"
        ) from exc


def check_replace(store: str | os.PathLike, held: int | None, read: int, skipped: int) -> None:
    """Refuse (RefusedReplace, one line naming the store) to swap a store that holds ``held``
    documents for a build that read nothing or fewer documents than it skipped."""
    if held and (read == 0 or read < skipped):
        raise RefusedReplace(
            f"not replacing {store} ({held} documents): this build read {read} document(s) and skipped "
            f"{skipped}; the store is unchanged (--replace replaces it anyway)"
        )


def build_store(
    paths: list[str],
    store: str | os.PathLike,
    *,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    all_regions: bool = False,
    progress: Progress | None = None,
    hook: Callable[[str], None] | None = None,
    replace: bool = False,
    facts: list[str] | None = None,
) -> BuildReport:
    """Build the graph from ``paths`` and write it to ``store`` atomically.

    ``facts``: facts files (``bangfu extract``'s output, loaders/facts_file.py) merged as they are,
    instead of reading and extracting documents — the last step of a corpus extracted in shards.

    Unless ``replace``, raises RefusedReplace before writing anything when the build would lose what
    the store holds (see ``check_replace``); the exception's ``report`` has what was read and skipped.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    held = None if replace else held_documents(store)  # before the work: a wrong --store fails at once
    target = Path(store)
    with scratch_folder(target, "spill") as spill:
        total = sum(count_records(f) for f in facts) if facts else count_files(paths)
        flat = FlatMerge(spill, all_regions=all_regions, expected_documents=total)
        skipped: list[tuple[str, str]] = []
        if facts:
            for meta, ext in read_facts_files(facts, skipped, progress=progress, total=total):
                merge(flat, meta, ext, skipped)
        else:
            prepare = preparer(flat.n_buckets)
            for doc in read_prepared(
                paths, skipped, prepare, workers=workers, max_bytes=max_bytes, progress=progress, total=total
            ):
                flat.add_prepared(doc)
        timings["read + extract + merge"] = time.perf_counter() - started
        read = flat.document_count
        report = BuildReport(target, flat.summary(), skipped, timings, read=read)
        if not replace:
            try:
                check_replace(store, held, read, len(skipped))
            except RefusedReplace as exc:
                exc.report = report  # the caller still shows what was skipped
                raise
        t0 = time.perf_counter()
        report.designated = apply_designations(flat)
        timings["designations"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        write_flat(flat, target, hook=hook)
        timings["write store"] = time.perf_counter() - t0
    timings["total"] = time.perf_counter() - started
    report.summary, report.written = flat.summary(), True
    return report
