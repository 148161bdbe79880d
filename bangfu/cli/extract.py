"""`bangfu extract PATH...`: one JSON object of facts per document, one per line.

Each object holds doc, entities, relations (each with evidence: sentence, start, end in the original
text), groups (statements about counted or unnamed places) and unresolved (names that were ambiguous
or lacked context: reported, never guessed). Unreadable files get one line each on stderr, and so
does a file whose content was already read under another name; a tally closes stderr, and the exit
code is 1 when no document could be read (as `bangfu docs`).
"""

from __future__ import annotations

import argparse
import json
import sys

from bangfu.cli.errors import Tally
from bangfu.cli.read_args import add_max_mb_argument, max_bytes
from loaders.extract.pipeline import extract_document
from loaders.read import iter_documents


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract entities and relations (JSON lines)", description=__doc__)
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (read recursively)")
    add_max_mb_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    tally = Tally("extract")
    limit = max_bytes(args)
    reading = iter_documents(args.paths, limit, on_error=tally.on_error, on_duplicate=tally.on_duplicate)
    for doc in reading:
        record = extract_document(doc).to_json()  # "unresolved": names reported, not guessed
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        tally.read += 1
    return tally.close()
