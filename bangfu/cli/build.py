"""`bangfu build [PATH...] [--store PATH] [--replace]`: read every document, extract, write a new store.

The full rebuild: the store is replaced by what PATH holds. A build that read no document, or fewer
than it skipped (a mistyped or empty folder), leaves an existing store that holds documents as it was
and exits 1; ``--replace`` writes it anyway. `bangfu add` and `bangfu remove` change a store one
document at a time.

`--facts FILE...` builds from facts files (`bangfu extract --out`, one per shard of a corpus extracted
on several machines) instead of documents: no extraction, the same store. `--files-from LIST` reads
the files and folders a list names.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any, TextIO

from bangfu.cli.errors import describe
from bangfu.cli.read_args import (
    ListError,
    add_files_from_argument,
    add_max_mb_argument,
    add_workers_argument,
    listed_paths,
    max_bytes,
)
from bangfu.cli.store_args import add_store_argument, store_path
from bangfu.pipeline.build import RefusedReplace, build_store, default_workers
from graph.store.embedded import StoreError

DEFAULT_CORPUS = "data/corpus"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="build the graph store from documents", description=__doc__)
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=f"files or folders (default {DEFAULT_CORPUS} unless --files-from or --facts is given)",
    )
    add_store_argument(p)
    add_files_from_argument(p)
    p.add_argument(
        "--facts",
        nargs="+",
        metavar="FILE",
        help="build from facts files written by `bangfu extract` (.jsonl or .jsonl.gz) instead of documents",
    )
    add_reading_arguments(p)
    p.add_argument(
        "--all-regions",
        action="store_true",
        help="add every gazetteer region, not only those mentioned and their ancestors",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace the store even when this build read nothing or fewer documents than it skipped",
    )
    p.set_defaults(func=run)


def add_reading_arguments(p: argparse.ArgumentParser) -> None:
    """How build and add read files: size limit, worker processes, progress bar."""
    add_max_mb_argument(p)
    add_workers_argument(p)
    p.add_argument("--quiet", action="store_true", help="no progress bar")


def reading_options(args: argparse.Namespace) -> dict[str, Any]:
    """The keyword arguments of ``build_store`` / ``add_documents`` that ``add_reading_arguments`` set."""
    return {
        "workers": args.workers or default_workers(),
        "max_bytes": max_bytes(args),
        "progress": None if args.quiet else ProgressBar(),
    }


class ProgressBar:
    """A one-line bar on stderr when it is a terminal; a line per 10% otherwise (logs stay short)."""

    def __init__(self, stream: TextIO | None = None, width: int = 30) -> None:
        self.stream, self.width = stream or sys.stderr, width  # sys.stderr as it is now, not at import
        self.tty = self.stream.isatty()
        self._last_decile = -1

    def __call__(self, done: int, total: int | None, item: str) -> None:
        total = max(total or 0, done, 1)
        if self.tty:
            filled = int(self.width * done / total)
            name = item[-40:]
            self.stream.write(f"\r[{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} {name:<40}")
            if done >= total:
                self.stream.write("\n")
            self.stream.flush()
            return
        decile = 10 * done // total
        if decile != self._last_decile:
            self._last_decile = decile
            self.stream.write(f"{done}/{total} documents\n")


def sources(args: argparse.Namespace) -> list[str]:
    """The documents to read: PATH and the --files-from list, data/corpus when neither is given and
    no facts files are; ListError for a list that cannot be read, ValueError for both documents and
    facts files (a store is built from one or the other)."""
    paths = [*args.paths, *listed_paths(args)]
    if args.facts and paths:
        raise ValueError("give documents (PATH, --files-from) or --facts, not both")
    return paths or ([] if args.facts else [DEFAULT_CORPUS])


def run(args: argparse.Namespace) -> int:
    store = store_path(args)
    started = time.perf_counter()
    try:
        paths = sources(args)
    except (ListError, ValueError) as exc:
        print(f"bangfu build: {exc}", file=sys.stderr)
        return 2
    try:
        report = build_store(
            paths,
            store,
            all_regions=args.all_regions,
            replace=args.replace,
            facts=args.facts,
            **reading_options(args),
        )
    except RefusedReplace as exc:
        for path, reason in exc.report.skipped if exc.report else []:
            print(f"bangfu build: {path}: {reason}", file=sys.stderr)
        print(f"bangfu build: {describe(exc)}", file=sys.stderr)
        return 1
    except (StoreError, RuntimeError, OSError) as exc:
        print(f"bangfu build: {describe(exc)}", file=sys.stderr)
        return 1
    out = sys.stdout
    out.write(f"store      {report.store}\n")
    write_summary(report, out)
    write_time(report, started, out)
    if not report.read:
        print(f"bangfu build: no document read from {' '.join(args.facts or paths)}", file=sys.stderr)
        return 0 if args.replace else 1
    return 0


def write_summary(report: Any, out: TextIO) -> None:
    """The store's counts and the files skipped, as build, add and remove print them."""
    s = report.summary
    out.write(f"documents  {s['documents']}\n")
    out.write("entities   " + (", ".join(f"{k} {v}" for k, v in s["entities"].items()) or "none") + "\n")
    out.write("relations  " + (", ".join(f"{k} {v}" for k, v in s["relations"].items()) or "none") + "\n")
    if report.designated:
        out.write(f"lists      {report.designated} regions carry the designation lists they are on\n")
    if s.get("groups"):
        out.write(f"groups     {s['groups']} statements about unnamed places\n")
    out.write(f"skipped    {len(report.skipped)}\n")
    for path, reason in report.skipped:
        out.write(f"  {path}: {reason}\n")


def write_time(report: Any, started: float, out: TextIO) -> None:
    out.write(
        f"time       {time.perf_counter() - started:.2f} s ("
        + ", ".join(f"{k} {v:.2f} s" for k, v in report.timings.items() if k != "total")
        + ")\n"
    )
