"""`bangfu docs PATH... [--json] [--max-mb N]`: what the loaders read from each file.

One line per document (id, format, encoding, date, 文号, length, title, path, warnings); with --json
one JSON object per line with the normalized and the original text. Files that cannot be read get
one line each on stderr, and so does a file whose content was already read under another name; the
exit code is non-zero only when nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import sys

from bangfu.cli.read_args import add_max_mb_argument, max_bytes
from loaders.document import Document
from loaders.read import iter_documents


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="read documents and show what was loaded", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
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
    failed = duplicates = 0

    def on_error(path: str, reason: str) -> None:
        nonlocal failed
        failed += 1
        print(f"bangfu docs: {path}: {reason}", file=sys.stderr)

    def on_duplicate(path: str, reason: str) -> None:
        nonlocal duplicates
        duplicates += 1
        print(f"bangfu docs: note: {path}: {reason}", file=sys.stderr)

    count = 0
    limit = max_bytes(args)
    for doc in iter_documents(args.paths, max_bytes=limit, on_error=on_error, on_duplicate=on_duplicate):
        count += 1
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
    tally = f"{count} document(s) read, {failed} file(s) not read"
    print(tally + (f", {duplicates} duplicate(s)" if duplicates else ""), file=sys.stderr)
    return 0 if count else 1
