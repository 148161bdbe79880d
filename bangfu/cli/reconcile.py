"""`bangfu reconcile`: the official pairing lists against the documents of a built store.

Four groups (bangfu/planner/reconcile.py): (a) official pairings no document evidences, (b) document
pairings no official list has, (c) pairings the documents and the list date differently (ended,
replaced, not yet started), and (both) the pairings they agree on. Each row carries its first evidence
sentence and the list's row and source; ``--format json`` carries every sentence.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bangfu.cli.lists import emit
from bangfu.cli.store_args import add_store_argument, store_path
from bangfu.cli.unpaired import load_graph
from bangfu.knowledge.lists import ListError, check_programme
from bangfu.planner.reconcile import COLUMNS, counts, reconcile
from graph.store.embedded import StoreError

_HEADINGS = {
    "a": "(a) official pairings no document evidences",
    "b": "(b) document pairings no official list has",
    "c": "(c) documents and list disagree on the years",
    "both": "(both) documents and list agree",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "reconcile",
        help="official pairing lists against the documents (what is missing on each side)",
        description=__doc__,
    )
    p.add_argument(
        "--program", metavar="P", help="one programme (东西部协作, 对口支援, 定点帮扶, 省内对口帮扶)"
    )
    p.add_argument("--as-of", type=int, metavar="YEAR", help="the pairings in force that year")
    p.add_argument(
        "--group", choices=tuple(_HEADINGS), action="append", help="only these groups (repeatable)"
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    add_store_argument(p)  # also accepts a KnowledgeGraph .json (KnowledgeGraph.save)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        programme = check_programme(args.program)
    except ListError as exc:
        print(f"bangfu reconcile: {exc}", file=sys.stderr)
        return 1
    try:
        graph = load_graph(store_path(args))
    except (StoreError, OSError, ValueError) as exc:  # missing/locked store: one line to act on
        print(f"bangfu reconcile: {exc}", file=sys.stderr)
        return 1
    rows = reconcile(graph, as_of=args.as_of, programme=programme)
    shown = [r for r in rows if not args.group or r.row()["group"] in args.group]
    total = counts(rows)
    if args.format == "json":
        payload = {
            "as_of": args.as_of,
            "programme": programme,
            "counts": total,
            "rows": [r.to_json() for r in shown],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    elif args.format == "csv":
        emit([r.row() for r in shown], COLUMNS, "csv")
    else:
        _table([r.row() for r in shown])
    out = sys.stdout if args.format == "table" else sys.stderr
    when = f" as of {args.as_of}" if args.as_of else ""
    which = f", {programme} only" if programme else ""
    summary = ", ".join(
        f"{_HEADINGS[letter].split(' ', 1)[0]} {total[name]}" for name, letter in _GROUP_LETTERS
    )
    print(
        f"reconcile{when}{which}: {summary} (a: official-only, b: documents-only, c: years, both: agree)",
        file=out,
    )
    return 0


_GROUP_LETTERS = (("official-only", "a"), ("documents-only", "b"), ("years", "c"), ("agree", "both"))


def _table(rows: list[dict[str, Any]]) -> None:
    """One section per group, each with its heading and count; groups with no row are skipped."""
    for letter, heading in _HEADINGS.items():
        section = [r for r in rows if r["group"] == letter]
        if not section:
            continue
        print(f"{heading}: {len(section)}")
        emit(section, [c for c in COLUMNS if c != "group"], "table")
        print()
