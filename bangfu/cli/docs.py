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


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("docs", help="read documents and show what was loaded", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    p.add_argument("--json", action="store_true", help="one JSON object per document, with its text")
    p.add_argument(
        "--max-mb", type=float, default=50.0, metavar="N", help="skip files larger than N MB (default 50)"
    )
    p.set_defaults(func=run)


def _line(doc) -> str:
    fmt = doc.format if not doc.encoding or doc.encoding == "utf-8" else f"{doc.format}/{doc.encoding}"
    warn = f"  warnings: {'; '.join(doc.warnings)}" if doc.warnings else ""
    return (
        f"{doc.id}  {fmt:<12} {doc.date or '-':<10} {doc.doc_number or '-':<22} "
        f"{len(doc.text):>7}  {doc.title or '(no title)'}  [{doc.path}]{warn}"
    )


def run(args: argparse.Namespace) -> int:
    from loaders.read import iter_documents

    if args.max_mb <= 0:
        print("bangfu docs: --max-mb must be positive", file=sys.stderr)
        return 2
    failed = duplicates = 0

    def on_error(message: str) -> None:
        nonlocal failed
        failed += 1
        print(f"bangfu docs: {message}", file=sys.stderr)

    def on_duplicate(message: str) -> None:
        nonlocal duplicates
        duplicates += 1
        print(f"bangfu docs: note: {message}", file=sys.stderr)

    count = 0
    max_bytes = int(args.max_mb * 1024 * 1024)
    for doc in iter_documents(args.paths, max_bytes=max_bytes, on_error=on_error, on_duplicate=on_duplicate):
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
