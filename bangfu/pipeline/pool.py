"""Ingestion at corpus scale: files → (document metadata, Extraction), streamed, across processes.

Why this module: reading, normalizing and extracting are pure CPU work per document, so a corpus of
tens of thousands of files should use every core; and a national corpus does not fit in memory, so
nothing here may hold every document. ``iter_extractions(paths, workers)`` therefore

- lists the files (paths only, ``loaders.read.list_files``: the same files and order as
  ``iter_documents``) and reads each with ``loaders.read.load_path``, handing them to worker processes in small batches;
- keeps a bounded window of batches in flight (``workers × 4``), so memory stays flat in N;
- yields results in file order whatever the finishing order, so a build is the same with 1 or 8
  workers (stable node order, stable reports);
- returns only the small things across the process boundary: a ``DocMeta`` (no text, no offsets) and
  the document's ``Extraction`` — never the Document with its two texts and offset map — or, with
  ``iter_prepared``, what a ``prepare`` step made of the Extraction in the worker (a merge's rows);
- reports unreadable files and failed extractions through ``on_error(path, reason)`` in file order,
  and goes on.

Worker processes are forked where the platform forks (Linux): the gazetteer, lexicons and automaton
the parent has loaded are shared copy-on-write instead of being rebuilt per worker; elsewhere the
initializer builds them once per worker. ``workers=1`` runs in this process with no pool at all.

The build command (bangfu/pipeline/build.py) and the benchmark (bench/) both use it.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from loaders.document import Document
from loaders.errors import LoadError
from loaders.extract.facts import Compact, Extraction
from loaders.extract.mentions import get_matcher
from loaders.extract.pipeline import extract_document
from loaders.read import DEFAULT_MAX_BYTES, Duplicates, OnError, list_files, load_path

DEFAULT_BATCH = 8  # files per task: amortises inter-process overhead, keeps the order window short
IN_FLIGHT_PER_WORKER = 4
# Extraction and the merge allocate many small containers that live until the document is done (or
# until the end), so CPython's cyclic collector, started every 700 allocations, mostly walks objects
# that are not garbage: at 50,000 the main process of a pooled build spends 22% less CPU per document
# (bangfu/bench/scaling.py), the workers 3% less, for a few MB more before a collection.
GC_GEN0_THRESHOLD = 50_000


@dataclass(frozen=True)
class DocMeta(Compact):
    """What the graph and reports need of a Document, without its texts (cheap to send between
    processes). ``text_bytes`` is the UTF-8 size of the normalized text: the throughput unit."""

    id: str
    path: str
    format: str
    title: str | None = None
    date: str | None = None
    doc_number: str | None = None
    source: str | None = None
    chars: int = 0
    text_bytes: int = 0
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def as_meta(self) -> dict[str, Any]:
        """The document fields ``KnowledgeGraph.add_extraction`` keeps."""
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "date": self.date,
            "doc_number": self.doc_number,
        }

    @classmethod
    def of(cls, doc: Document) -> DocMeta:
        text = doc.text or ""
        return cls(
            id=doc.id,
            path=str(doc.path),
            format=doc.format,
            title=doc.title,
            date=doc.date,
            doc_number=doc.doc_number,
            source=doc.source,
            chars=len(text),
            text_bytes=len(text.encode("utf-8")),
            warnings=tuple(doc.warnings),
        )


# ---------------------------------------------------------------------------------------------- work
Item = tuple[str, Any, Any]  # ("doc", DocMeta, Extraction) | ("error", path, reason)


Prepare = Callable[[Extraction, dict[str, Any]], Any]  # (facts, document fields) -> what is sent on


def _process(files: list[str], max_bytes: int, prepare: Prepare | None = None) -> list[Item]:
    """Read, normalize and extract ``files`` (in this process), and ``prepare`` each extraction when
    given; results and errors in file order."""
    out: list[Item] = []
    for path in files:
        try:
            doc = load_path(path, max_bytes)
        except LoadError as exc:
            out.append(("error", exc.path, exc.reason))
            continue
        try:
            ext = extract_document(doc)
        except Exception as exc:  # one bad document must not stop a corpus
            out.append(("error", path, f"extraction failed: {type(exc).__name__}: {exc}"))
            continue
        meta = DocMeta.of(doc)
        if prepare is None:
            out.append(("doc", meta, ext))
            continue
        try:
            out.append(("doc", meta, prepare(ext, meta.as_meta())))
        except ValueError as exc:  # facts outside the ontology: reported as a merge would report them
            out.append(("error", meta.path, f"facts refused: {exc}"))
    return out


def warm_up() -> None:
    """Load the gazetteer, lexicons and automaton now (once per process, not inside a timed batch),
    and space the collector's passes for this allocation pattern (``GC_GEN0_THRESHOLD``).

    A failure here is not hidden: without them no document could be extracted."""
    gen0, gen1, gen2 = gc.get_threshold()
    gc.set_threshold(max(GC_GEN0_THRESHOLD, gen0), gen1, gen2)
    get_matcher()


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers share the parent's loaded gazetteer); the platform default elsewhere."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def iter_extractions(
    paths: Iterable[str | os.PathLike],
    workers: int = 1,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: OnError | None = None,
    batch: int = DEFAULT_BATCH,
    skip_ids: Callable[[str], bool] | None = None,
    on_duplicate: OnError | None = None,
) -> Iterator[tuple[DocMeta, Extraction]]:
    """(DocMeta, Extraction) for every readable document below ``paths``, in file order.

    ``workers > 1`` reads and extracts in that many processes; the answer is the same as with one.
    A document whose content id was already read (the same content under two names) is yielded once
    and the second name reported, as ``loaders.read.iter_documents`` does.
    ``on_error(path, reason)`` hears of every file that could not be read or extracted, and of the
    second name of the same content unless ``on_duplicate`` is given (as ``iter_documents``).
    ``skip_ids`` is not consulted before extraction (ids are content hashes, known only once read);
    it filters what is yielded, e.g. documents an incremental build already holds.
    """
    return _iter_items(paths, workers, None, max_bytes, on_error, batch, skip_ids, on_duplicate)


def iter_prepared(
    paths: Iterable[str | os.PathLike],
    prepare: Prepare | None,
    workers: int = 1,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: OnError | None = None,
    batch: int = DEFAULT_BATCH,
) -> Iterator[tuple[DocMeta, Any]]:
    """``iter_extractions`` with each Extraction replaced by ``prepare(ext, meta.as_meta())``, made in
    the worker that extracted it: a merge's share of the work that needs none of its state
    (graph.flat.prepare) leaves the one merging process. ``prepare`` must be picklable where workers
    are not forked; a ValueError from it is reported as "facts refused: …" and the rest goes on.
    ``prepare`` None yields the Extractions themselves (as ``iter_extractions`` does with its defaults)."""
    return _iter_items(paths, workers, prepare, max_bytes, on_error, batch, None, None)


def _iter_items(
    paths: Iterable[str | os.PathLike],
    workers: int,
    prepare: Prepare | None,
    max_bytes: int,
    on_error: OnError | None,
    batch: int,
    skip_ids: Callable[[str], bool] | None,
    on_duplicate: OnError | None,
) -> Iterator[tuple[DocMeta, Any]]:
    report = on_error or (lambda _path, _reason: None)
    report_again = on_duplicate or report
    duplicates = Duplicates()

    def emit(items: list[Item]) -> Iterator[tuple[DocMeta, Any]]:
        for kind, a, b in items:
            if kind == "error":
                report(a, b)
            elif again := duplicates.check(a.id, a.path):
                report_again(a.path, again)
            elif not (skip_ids and skip_ids(a.id)):
                yield a, b

    # paths only: a few MB at 100,000 files; a folder that cannot be listed is reported, not skipped
    files = list(list_files(paths, on_error=report))
    if workers <= 1 or len(files) <= batch:
        warm_up()
        for start in range(0, len(files), batch):
            yield from emit(_process(files[start : start + batch], max_bytes, prepare))
        return

    warm_up()  # in the parent, before the fork: workers inherit the loaded data
    batches = (files[i : i + batch] for i in range(0, len(files), batch))
    window: deque[Future[list[Item]]] = deque()
    limit = workers * IN_FLIGHT_PER_WORKER
    with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(), initializer=warm_up) as pool:
        try:
            for chunk in batches:
                window.append(pool.submit(_process, chunk, max_bytes, prepare))
                if len(window) >= limit:
                    yield from emit(window.popleft().result())
            while window:
                yield from emit(window.popleft().result())
        finally:
            for fut in window:  # a consumer that stops early must not wait for the whole corpus
                fut.cancel()
