"""`bangfu add PATH... [--store PATH]`: read new or changed files into the existing store.

A new document is added, a file the store already holds with other content replaces its old facts,
the same document again changes nothing (the store file is not rewritten), and the same content under
a second name is reported and not added. The store is created when there is none. Unreadable files
get one line each; the exit code is 1 when no document could be read.
"""

from __future__ import annotations

import argparse
import sys
import time

from bangfu.cli.build import add_reading_arguments, reading_options, write_summary, write_time
from bangfu.cli.errors import describe
from bangfu.cli.store_args import add_store_argument, store_path
from bangfu.pipeline.library import add_documents
from graph.store.embedded import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help="add new or changed documents to the store", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    add_store_argument(p)
    add_reading_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = store_path(args)
    started = time.perf_counter()
    try:
        report = add_documents(args.paths, store, **reading_options(args))
    except (StoreError, RuntimeError, OSError) as exc:
        print(f"bangfu add: {describe(exc)}", file=sys.stderr)
        return 1
    out = sys.stdout
    out.write(f"store      {report.store} ({'rewritten' if report.written else 'not changed'})\n")
    out.write(f"added      {len(report.added)}\n")
    out.write(f"replaced   {len(report.replaced)}\n")
    for path in report.replaced:
        out.write(f"  {path}\n")
    out.write(f"unchanged  {len(report.unchanged)}\n")
    if report.duplicates:
        out.write(f"duplicates {len(report.duplicates)} (same content the store holds under another name)\n")
        for path, earlier in report.duplicates:
            out.write(f"  {path}: same content as {earlier}\n")
    write_summary(report, out)
    write_time(report, started, out)
    if not report.read:
        print(
            f"bangfu add: no document read from {' '.join(args.paths)}; {store} is unchanged", file=sys.stderr
        )
        return 1
    return 0
