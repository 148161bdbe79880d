"""The user's store as a library: add documents to it, take them out, list what it holds.

Why a module of its own: the CLI (`bangfu add`, `bangfu remove`, `bangfu docs --store`) and the
Documents page must do exactly the same thing to a store, so the page only displays what these
functions report.

Why a change rewrites the store through the build's merge: the store after ``add`` or ``remove`` must
be the one ``bangfu build`` gives for the same documents, and in memory that does not grow with the
library. So a change streams the stored documents' facts out of the store a page at a time
(graph/store/readback.py ``read_extractions``), leaves out those removed or replaced, puts the new
documents after them, merges all by key with ``graph.flat.FlatMerge`` and loads the result by COPY FROM
in one atomic swap (graph/store/embedded.py ``write_flat``) — exactly ``bangfu build``'s path. Reading
the whole store back into a ``KnowledgeGraph`` (what this module did before) took 1.9 GB to add 10
documents to a store of 10,000 (docs/benchmarks.md, "Adding to a library"). The per-document
bookkeeping is the store's own: each document's mentions, evidence and group statements name it.
The store is rewritten only when something changed, so adding the same document twice leaves the
store file untouched; "the same" is ``graph.model.fingerprint`` equality, as for the graph.

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
import json
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
from graph.flat import FlatMerge
from graph.model import DEFAULT_GAZETTEER, check_facts, document_meta, fingerprint
from graph.store.embedded import open_store, scratch_folder, write_flat
from graph.store.readback import built_with_all_regions, read_extractions, store_index, store_summary
from loaders.extract.facts import Extraction
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


def _digest(meta: dict, ext: Extraction) -> str:
    """The document's facts as the graph compares them (``graph.model.fingerprint``), hashed: what
    "unchanged" means, kept in 64 characters per document."""
    return hashlib.sha256(fingerprint(meta, ext).encode("utf-8")).hexdigest()


class _Arrivals:
    """The documents an add read, spilled as JSON lines until the stored ones have been merged (they
    come after them, as files given after a folder would in a build)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file = open(path, "w", encoding="utf-8")  # closed by ``read`` or ``close``

    def write(self, meta: dict, ext: Extraction) -> None:
        self._file.write(json.dumps({"meta": meta, "facts": ext.to_json()}, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self._file.close()

    def read(self) -> Iterator[tuple[dict, Extraction]]:
        self.close()
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                yield record["meta"], Extraction.from_json(record["facts"])


def _rewrite(
    store: Path,
    spill: Path,
    *,
    keep: Callable[[str], bool],
    arrivals: Iterable[tuple[dict, Extraction]],
    gazetteer: GazetteerLike | None | object,
    report: BuildReport,
    hook: Hook,
    expected: int,
) -> None:
    """The store written anew from its documents that ``keep`` (by id) and then ``arrivals``, merged
    by key as ``bangfu build`` merges (graph/flat.py) and swapped in atomically; ``report`` gets the
    summary, the designations and the timings."""
    t0 = time.perf_counter()
    all_regions = False
    stored = os.path.lexists(store)
    if stored:
        with open_store(store) as s:
            all_regions = built_with_all_regions(s)
    (spill / "merge").mkdir()
    flat = FlatMerge(spill / "merge", gazetteer, all_regions=all_regions, expected_documents=expected)
    if stored:
        for ext in read_extractions(store, folder=spill / "read"):
            if keep(ext.doc["id"]):
                merge(flat, ext.doc, ext, report.skipped)
    for meta, ext in arrivals:
        merge(flat, meta, ext, report.skipped)
    report.timings["merge"] = time.perf_counter() - t0
    report.designated = apply_designations(flat)  # regions new to the graph get their lists
    t0 = time.perf_counter()
    write_flat(flat, store, hook=hook)
    report.timings["write store"] = time.perf_counter() - t0
    report.summary, report.written = flat.summary(), True


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
    when something was added or replaced, and then it is the store ``bangfu build`` makes of the
    documents it keeps followed by the new ones.
    """
    store = Path(store)
    started = time.perf_counter()
    with store_lock(store), scratch_folder(store, "spill") as spill:
        index = store_index(store) if os.path.lexists(store) else {}
        held = {doc_id: doc["path"] for doc_id, doc in index.items()}  # doc id → its path
        by_path = {p: d for d, p in held.items() if p}
        spelled = {_key(p): p for p in held.values() if p}  # the store's spelling of each file
        report = BuildReport(store, {}, timings={"read store": time.perf_counter() - started})
        t0 = time.perf_counter()
        arrivals = _Arrivals(spill / "arrivals.jsonl")
        outcomes: list[tuple[str, str, str]] = []  # (doc id, path, added|replaced|same id) in read order
        same_id: dict[str, str] = {}  # doc id the store holds too → digest of the facts read now
        dropped: set[str] = set()  # stored documents whose facts give way
        skipped = report.skipped
        for meta, ext in read_facts(paths, skipped, workers=workers, max_bytes=max_bytes, progress=progress):
            report.read += 1
            path = meta["path"] = spelled.get(_key(meta["path"]), meta["path"])
            doc_id = meta["id"]
            earlier = held.get(doc_id)
            if doc_id in held and earlier and _key(earlier) != _key(path) and os.path.exists(earlier):
                report.duplicates.append((path, earlier))
                continue
            try:
                check_facts(ext)
                meta = document_meta(ext, meta)
            except ValueError as exc:
                skipped.append((path, f"facts refused: {exc}"))
                continue
            old_id = by_path.get(path)
            if doc_id in held:  # unchanged or replaced: known once its stored facts are read
                same_id[doc_id] = _digest(meta, ext)
                outcomes.append((doc_id, path, "same id"))
            else:
                outcomes.append((doc_id, path, "replaced" if old_id else "added"))
            if old_id and old_id != doc_id:  # the file changed: its old facts give way
                dropped.add(old_id)
                held.pop(old_id, None)
            arrivals.write(meta, ext)
            held[doc_id] = path
            by_path[path] = doc_id
            spelled[_key(path)] = path
        unchanged = _unchanged(store, same_id, spill)
        dropped |= set(same_id) - unchanged
        for doc_id, path, outcome in outcomes:
            if doc_id in unchanged:
                report.unchanged.append(path)
            elif outcome == "added":
                report.added.append(path)
            else:
                report.replaced.append(path)
        report.timings["read + extract"] = time.perf_counter() - t0
        if report.added or report.replaced:
            _rewrite(
                store,
                spill,
                keep=lambda d: d not in dropped,
                arrivals=((m, e) for m, e in arrivals.read() if m["id"] not in unchanged),
                gazetteer=gazetteer,
                report=report,
                hook=hook,
                expected=len(held),
            )
        else:
            arrivals.close()
            report.summary = store_summary(store) if os.path.lexists(store) else _EMPTY
    report.timings["total"] = time.perf_counter() - started
    return report


_EMPTY: dict[str, Any] = {"documents": 0, "entities": {}, "relations": {}, "groups": 0}


def _unchanged(store: Path, same_id: dict[str, str], spill: Path) -> set[str]:
    """The documents read again whose facts are the stored ones (digests compared)."""
    if not same_id:
        return set()
    return {
        ext.doc["id"]
        for ext in read_extractions(store, documents=same_id, folder=spill / "compare")
        if _digest(document_meta(ext), ext) == same_id[ext.doc["id"]]
    }


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
    """Take the documents ``targets`` name out of the store, each with the facts only it states: the
    store is then the one ``bangfu build`` makes of the documents left.

    Targets that name no document are listed in ``not_found``; the others are removed all the same.
    StoreError when there is no store.
    """
    store = Path(store)
    started = time.perf_counter()
    with store_lock(store):
        index = store_index(store)
        report = BuildReport(store, {}, timings={"read store": time.perf_counter() - started})
        documents = {d: doc["path"] for d, doc in index.items()}
        chosen: dict[str, None] = {}
        for target in targets:
            found = resolve(documents, target)
            if not found:
                report.not_found.append(target)
            chosen.update(dict.fromkeys(found))
        for doc_id in chosen:
            doc = index[doc_id]
            report.removed.append((doc_id, doc["path"] or doc["title"] or ""))
        if report.removed:
            with scratch_folder(store, "spill") as spill:
                _rewrite(
                    store,
                    spill,
                    keep=lambda d: d not in chosen,
                    arrivals=(),
                    gazetteer=gazetteer,
                    report=report,
                    hook=hook,
                    expected=len(index) - len(chosen),
                )
        else:
            report.summary = store_summary(store)
    report.timings["total"] = time.perf_counter() - started
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
