"""The user's store as a library: add documents to it, take them out, list what it holds.

Why a module of its own: the CLI (`bangfu add`, `bangfu remove`, `bangfu docs --store`) and the
Documents page must do exactly the same thing to a store, so the page only displays what these
functions report. Each change is read-modify-write: the graph is read back from the store
(graph/store/readback.py, with its per-document bookkeeping), changed with ``KnowledgeGraph``'s exact
``add_extraction`` / ``remove_document``, and written in one atomic swap (graph/store/embedded.py) —
only when something changed, so adding the same document twice leaves the store file untouched.

Two writers would lose one another's change (both read the old store), so a change holds an advisory
lock on a file beside the store for its whole read-modify-write (readers never wait: they see the old
file until the swap).

Documents are matched on what identifies them to a user: a document id (``docs --store`` prints it,
with or without its ``doc:`` prefix), a file path however it is spelled (``./a.txt`` and ``a.txt`` are
the same file), or a folder (every document below it).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from bangfu.knowledge.gazetteer import GazetteerLike
from bangfu.pipeline.build import (
    BuildReport,
    Progress,
    apply_designations,
    merge,
    read_facts,
)
from graph.model import DEFAULT_GAZETTEER, KnowledgeGraph
from graph.store.embedded import write_store
from graph.store.readback import load_graph, read_extractions
from loaders.read import DEFAULT_MAX_BYTES

# called with the stage name before each step of a write (tests kill a build there)
Hook = Callable[[str], None] | None

try:  # POSIX; elsewhere changes are not serialised (one user, one writer)
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

UPLOAD_DIR_NAME = "uploads"


# ---------------------------------------------------------------------------------------------- helpers
def _key(path: str) -> str:
    """A path as a comparable key: absolute, normalised (the same file however it was typed)."""
    return os.path.normcase(os.path.abspath(path))


@contextlib.contextmanager
def store_lock(store: Path) -> Iterator[None]:
    """Hold the store's change lock (``.NAME.lock`` beside it) for one read-modify-write."""
    store.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    with open(store.with_name(f".{store.name}.lock"), "a+b") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def open_library(store: Path, gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER) -> KnowledgeGraph:
    """The store's graph, ready to change; an empty graph when there is no store yet."""
    if not os.path.lexists(store):
        return KnowledgeGraph(gazetteer)
    return load_graph(store, gazetteer=gazetteer)


def _write(kg: KnowledgeGraph, store: Path, report: BuildReport, hook: Hook, started: float) -> None:
    t0 = time.perf_counter()
    write_store(kg, store, hook=hook)
    report.timings["write store"] = time.perf_counter() - t0
    report.written = True
    report.timings["total"] = time.perf_counter() - started


# ---------------------------------------------------------------------------------------------- add
def add_documents(
    paths: list[str],
    store: str | os.PathLike,
    *,
    workers: int = 1,
    max_bytes: int = DEFAULT_MAX_BYTES,
    gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER,
    progress: Progress | None = None,
    hook: Hook = None,
) -> BuildReport:
    """Read the documents below ``paths`` into the store (created when there is none).

    A new document is added; a file the store holds with other content (or facts) replaces its old
    facts; the same document again changes nothing; the same content under a second name, while the
    first file still exists, is reported as a duplicate and not added. The store is rewritten only
    when something was added or replaced.
    """
    store = Path(store)
    started = time.perf_counter()
    with store_lock(store):
        kg = open_library(store, gazetteer)
        report = BuildReport(store, {}, timings={"read store": time.perf_counter() - started})
        held = {d: kg.document(d).get("path") for d in kg.document_ids}  # doc id → its path
        spelled = {_key(p): p for p in held.values() if p}  # the store's spelling of each file
        t0 = time.perf_counter()
        skipped = report.skipped
        for meta, ext in read_facts(paths, skipped, workers=workers, max_bytes=max_bytes, progress=progress):
            report.read += 1
            path = meta["path"] = spelled.get(_key(meta["path"]), meta["path"])
            doc_id = meta["id"]
            earlier = held.get(doc_id)
            if doc_id in held and earlier and _key(earlier) != _key(path) and os.path.exists(earlier):
                report.duplicates.append((path, earlier))
                continue
            old_id = kg.document_for_path(path)
            refused = len(skipped)
            if not merge(kg, meta, ext, skipped):
                if len(skipped) == refused:
                    report.unchanged.append(path)
                continue
            if doc_id in held or (old_id and old_id != doc_id):
                report.replaced.append(path)
            else:
                report.added.append(path)
            if old_id and old_id != doc_id:
                held.pop(old_id, None)
            held[doc_id] = path
            spelled[_key(path)] = path
        report.timings["read + extract + merge"] = time.perf_counter() - t0
        if report.added or report.replaced:
            report.designated = apply_designations(kg)  # regions new to the graph get their lists
            _write(kg, store, report, hook, started)
        report.summary = kg.summary()
    return report


# ---------------------------------------------------------------------------------------------- remove
def resolve(documents: dict[str, str | None], target: str) -> list[str]:
    """The ids of ``documents`` (id → path) that ``target`` names: an id (``doc:`` prefix optional),
    a file path, or a folder (every document below it). Empty when it names none."""
    doc_id = target.removeprefix("doc:")
    if doc_id in documents:
        return [doc_id]
    key = _key(target)
    same = [d for d, p in documents.items() if p and _key(p) == key]
    if same:
        return same
    below = key.rstrip(os.sep) + os.sep
    return [d for d, p in documents.items() if p and _key(p).startswith(below)]


def remove_documents(
    targets: list[str],
    store: str | os.PathLike,
    *,
    gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER,
    hook: Hook = None,
) -> BuildReport:
    """Take the documents ``targets`` name out of the store, each with the facts only it states.

    Targets that name no document are listed in ``not_found``; the others are removed all the same.
    StoreError when there is no store.
    """
    store = Path(store)
    started = time.perf_counter()
    with store_lock(store):
        kg = load_graph(store, gazetteer=gazetteer)
        report = BuildReport(store, {}, timings={"read store": time.perf_counter() - started})
        documents = {d: kg.document(d).get("path") for d in kg.document_ids}
        chosen: dict[str, None] = {}
        for target in targets:
            found = resolve(documents, target)
            if not found:
                report.not_found.append(target)
            chosen.update(dict.fromkeys(found))
        for doc_id in chosen:
            meta = kg.document(doc_id)
            kg.remove_document(doc_id)
            report.removed.append((doc_id, meta.get("path") or meta.get("title") or ""))
        if report.removed:
            _write(kg, store, report, hook, started)
        report.summary = kg.summary()
    return report


# ---------------------------------------------------------------------------------------------- list
def store_documents(store: str | os.PathLike) -> list[dict[str, Any]]:
    """What the store holds, one dict per document: id, path, title, date, doc_number, entities and
    facts (the relations and group statements it states). StoreError when there is no store."""
    rows = []
    for ext in read_extractions(store):
        meta = ext.doc
        rows.append(
            {
                "id": meta["id"],
                "path": meta.get("path"),
                "title": meta.get("title"),
                "date": meta.get("date"),
                "doc_number": meta.get("doc_number"),
                "entities": len(ext.entities),
                "facts": len(ext.relations) + len(ext.groups),
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------- uploads
def upload_dir(store: Path) -> Path:
    """Uploaded files are kept beside the store, so a document can be shown again later."""
    return store.parent / UPLOAD_DIR_NAME


def keep_uploads(files: Iterable[tuple[str, bytes]], folder: Path) -> list[Path]:
    """Write (name, content) pairs under their own base names; a different file of the same name gets
    a suffix from its content, so an upload never overwrites another document's file."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for name, data in files:
        target = folder / (Path(name).name or "upload")
        if target.exists() and target.read_bytes() != data:
            digest = hashlib.sha256(data).hexdigest()[:8]
            target = folder / f"{target.stem}-{digest}{target.suffix}"
        target.write_bytes(data)
        saved.append(target)
    return saved
