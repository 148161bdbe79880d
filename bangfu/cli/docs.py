"""`bangfu docs PATH... [--json] [--max-mb N]`: what the loaders read from each file;
`bangfu docs --store [PATH]`: the documents a store holds.

With PATH: one line per document (id, format, encoding, date, 文号, length, title, path, warnings);
with --json one JSON object per line with the normalized and the original text. Files that cannot be
read get one line each on stderr, and so does a file whose content was already read under another
name; the exit code is non-zero only when nothing could be read.

With --store (no PATH): one line per document in the store (id, date, facts it states, title, path;
--json: one object each), so `bangfu remove ID` can name one.
"""

from __future__ import annotations

import argparse
import json
import sys

from bangfu.cli.errors import Tally
from bangfu.cli.read_args import add_max_mb_argument, max_bytes
from bangfu.cli.store_args import store_path
from bangfu.pipeline.library import store_documents
from graph.store.embedded import StoreError
from loaders.document import Document
from loaders.read import iter_documents


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="read documents and show what was loaded", description=__doc__)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (read recursively)")
    p.add_argument(
        "--store",
        nargs="?",
        const="",
        metavar="PATH",
        help="list the documents of this store instead (default: $BANGFU_STORE or data/store/bangfu.lbdb)",
    )
    p.add_argument("--json", action="store_true", help="one JSON object per document, with its text")
    add_max_mb_argument(p)
    p.set_defaults(func=run)


def _line(doc: Document) -> str:
    fmt = doc.format if not doc.encoding or doc.encoding == "utf-8" else f"{doc.format}/{doc.encoding}"
    warn = f"  warnings: {'; '.join(doc.warnings)}" if doc.warnings else ""
    return (
        f"{doc.id}  {fmt:<12} {doc.date or '-':<10} {doc.doc_number or '-':<22} "
        f"{len(doc.text):>7}  {doc.title or '(no title)'}  [{doc.path}]{warn}"
    )


def run(args: argparse.Namespace) -> int:
    if args.store is not None:
        if args.paths:
            print(
                "bangfu docs: give PATH... to read files or --store to list a store, not both",
                file=sys.stderr,
            )
            return 2
        return run_store(args)
    if not args.paths:
        print("bangfu docs: give PATH... (files or folders) or --store", file=sys.stderr)
        return 2
    tally = Tally("docs")
    limit = max_bytes(args)
    reading = iter_documents(args.paths, limit, on_error=tally.on_error, on_duplicate=tally.on_duplicate)
    for doc in reading:
        tally.read += 1
        if args.json:
            record = doc.summary() | {
                "source": doc.source,
                "encoding": doc.encoding,
                "text": doc.text,
                "original": doc.original,
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            print(_line(doc))
    return tally.close()


def run_store(args: argparse.Namespace) -> int:
    """The store's documents, oldest first (undated last), so a library reads like a list of sources."""
    store = store_path(args)
    try:
        rows = store_documents(store)
    except StoreError as exc:
        print(f"bangfu docs: {exc}", file=sys.stderr)
        return 1
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["path"] or "", r["id"]))
    for r in rows:
        if args.json:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            date = (r["date"] or "-")[:10]
            print(
                f"{r['id']}  {date:<10} {r['facts']:>5} facts  {r['title'] or '(no title)'}  [{r['path'] or '-'}]"
            )
    print(f"bangfu docs: {len(rows)} document(s) in {store}", file=sys.stderr)
    return 0
