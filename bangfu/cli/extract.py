"""`bangfu extract PATH...`: one JSON object of facts per document, one per line.

Each object holds doc, entities, relations (each with evidence: sentence, start, end in the original
text), groups (statements about counted or unnamed places) and unresolved (names that were ambiguous
or lacked context: reported, never guessed). Unreadable files get one line each on stderr, and so
does a file whose content was already read under another name; a tally closes stderr, and the exit
code is 1 when no document could be read (as `bangfu docs`).

The output is a facts file: `bangfu build --facts FILE...` merges such files into a store without
extracting again, so a corpus split over machines is extracted shard by shard (`--files-from SHARD`,
`--out facts-K.jsonl.gz`) and merged once. `--workers` extracts in that many processes; the lines
are the same, in the same order, as with one.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import os
import sys
from typing import TextIO

from bangfu.cli.errors import Tally, describe
from bangfu.cli.read_args import (
    ListError,
    add_files_from_argument,
    add_max_mb_argument,
    add_workers_argument,
    listed_paths,
    max_bytes,
)
from bangfu.pipeline.build import default_workers
from bangfu.pipeline.pool import iter_extractions
from loaders.facts_file import facts_line


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="extract entities and relations (JSON lines)", description=__doc__)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (read recursively)")
    add_files_from_argument(p)
    add_max_mb_argument(p)
    add_workers_argument(p)
    p.add_argument(
        "--out", metavar="FILE", help="write the lines to FILE (.gz: compressed) instead of stdout"
    )
    p.set_defaults(func=run)


@contextlib.contextmanager
def _output(path: str | None):
    """stdout, or FILE written under a temporary name and renamed once complete (a killed run leaves
    no half facts file that a merge would take for a whole shard)."""
    if not path:
        yield sys.stdout
        return
    tmp = f"{path}.partial"
    raw = gzip.open(tmp, "wb") if path.endswith(".gz") else open(tmp, "wb")
    out: TextIO = io.TextIOWrapper(raw, encoding="utf-8")
    try:
        yield out
        out.close()
        os.replace(tmp, path)
    except BaseException:
        out.close()
        with contextlib.suppress(FileNotFoundError):
            os.remove(tmp)
        raise


def run(args: argparse.Namespace) -> int:
    tally = Tally("extract")
    try:
        paths = [*args.paths, *listed_paths(args)]
    except ListError as exc:
        print(f"bangfu extract: {exc}", file=sys.stderr)
        return 1
    if not paths:
        print("bangfu extract: no PATH and no --files-from list: nothing to read", file=sys.stderr)
        return 1
    workers = args.workers or default_workers()
    reading = iter_extractions(
        paths, workers, max_bytes=max_bytes(args), on_error=tally.on_error, on_duplicate=tally.on_duplicate
    )
    try:
        with _output(args.out) as out:
            for _meta, ext in reading:  # "unresolved": names reported, not guessed
                out.write(facts_line(ext))
                tally.read += 1
    except OSError as exc:
        print(f"bangfu extract: {describe(exc)}", file=sys.stderr)
        return 1
    return tally.close()
