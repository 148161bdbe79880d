"""`bangfu docs PATH... [--json]`: what the loaders read from each file.

One line per document (id, format, date, 文号, length, title, path, warnings); with --json one JSON
object per line with the normalized and the original text. Files that cannot be read get one line
each on stderr; the exit code is non-zero only when nothing could be read.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="read documents and show what was loaded", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    p.add_argument("--json", action="store_true", help="one JSON object per document, with its text")
    p.add_argument("--max-mb", type=float, default=50.0, help="skip files larger than this (default 50)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from loaders.read import iter_documents

    failed = 0

    def on_error(message: str) -> None:
        nonlocal failed
        failed += 1
        print(f"bangfu docs: {message}", file=sys.stderr)

    count = 0
    for doc in iter_documents(args.paths, max_bytes=int(args.max_mb * 1024 * 1024), on_error=on_error):
        count += 1
        if args.json:
            record = doc.summary() | {"source": doc.source, "text": doc.text, "original": doc.original}
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            continue
        warn = f"  warnings: {'; '.join(doc.warnings)}" if doc.warnings else ""
        print(
            f"{doc.id}  {doc.format:<4} {doc.date or '-':<10} {doc.doc_number or '-':<22} "
            f"{len(doc.text):>7}  {doc.title or '(no title)'}  [{doc.path}]{warn}"
        )
    if not args.json:
        print(f"{count} document(s) read, {failed} file(s) not read", file=sys.stderr)
    return 0 if count else 1
