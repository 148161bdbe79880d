"""`bangfu remove ID|PATH... [--store PATH]`: take documents and the facts only they state out of the store.

A document is named by its id (as `bangfu docs --store` prints it), by its file's path, or by a folder
(every document below it). Facts other documents also state stay, with their evidence. A name that
matches no document gets one line and the exit code 1; the others are removed all the same.
"""

from __future__ import annotations

import argparse
import sys
import time

from bangfu.cli.build import write_summary, write_time
from bangfu.cli.errors import describe
from bangfu.cli.store_args import add_store_argument, store_path
from bangfu.pipeline.library import remove_documents
from graph.store.embedded import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remove", help="remove documents and their facts from the store", description=__doc__)
    p.add_argument("targets", nargs="+", metavar="ID|PATH", help="document ids, files or folders")
    add_store_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    store = store_path(args)
    started = time.perf_counter()
    try:
        report = remove_documents(args.targets, store)
    except (StoreError, OSError) as exc:
        print(f"bangfu remove: {describe(exc)}", file=sys.stderr)
        return 1
    for target in report.not_found:
        print(
            f"bangfu remove: no document {target!r} in {store} (`bangfu docs --store` lists them)",
            file=sys.stderr,
        )
    out = sys.stdout
    out.write(f"store      {report.store} ({'rewritten' if report.written else 'not changed'})\n")
    out.write(f"removed    {len(report.removed)}\n")
    for doc_id, where in report.removed:
        out.write(f"  {doc_id}  {where}\n")
    write_summary(report, out)
    write_time(report, started, out)
    return 1 if report.not_found else 0
