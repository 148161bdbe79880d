"""`bangfu unpaired --list NAME|FILE`: the counties of a list that nobody helps (at the level asked).

Coverage comes from the graph a build wrote (``--store``); the official pairing lists are shown beside
it, never mixed in: ``official-only`` means only an official list pairs the county. Rows whose name
could not be resolved are always printed too (coverage ``unresolved``/``ambiguous``, with candidates):
a planner's list never loses a county silently.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bangfu.cli.errors import describe
from bangfu.cli.lists import emit
from bangfu.cli.store_args import add_store_argument, store_path
from bangfu.knowledge.lists import ListError, RegionList, check_programme, load_list
from bangfu.planner.coverage import CountyCoverage, CoverageIndex, unpaired
from graph.model import KnowledgeGraph
from graph.store.embedded import StoreError
from graph.store.readback import load_graph as read_store

COLUMNS = (
    "county",
    "code",
    "prefecture",
    "province",
    "coverage",
    "helpers",
    "mechanisms",
    "programmes",
    "years",
    "evidence",
    "official",
    "not_in_official",
    "note",
)
_TABLE_COLUMNS = (*COLUMNS[:11], "note")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "unpaired", help="counties on a list with no helper (coverage report)", description=__doc__
    )
    p.add_argument(
        "--list", required=True, dest="list_name", metavar="NAME|FILE", help="e.g. hunan-51, or a CSV/XLSX"
    )
    p.add_argument(
        "--level",
        choices=("county", "prefecture", "province"),
        default="county",
        help="report counties covered below this level (county: no direct helper; default)",
    )
    p.add_argument("--as-of", type=int, metavar="YEAR", help="count only pairings in force that year")
    p.add_argument(
        "--program",
        metavar="P",
        help="count only the pairings of one programme (东西部协作, 对口支援, 定点帮扶, 省内对口帮扶)",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--all", action="store_true", help="print every county of the list, covered or not")
    add_store_argument(p)  # also accepts a KnowledgeGraph .json (KnowledgeGraph.save)
    p.set_defaults(func=run)


def load_graph(path: Path) -> KnowledgeGraph:
    """The built graph: read back from the embedded store, or a KnowledgeGraph JSON file."""
    if path.suffix == ".json":
        try:
            return KnowledgeGraph.load(path)
        except ValueError as exc:  # not JSON, or not a graph: name the file
            raise ValueError(f"{path}: not a graph file written by KnowledgeGraph.save ({exc})") from exc
    return read_store(path)


def run(args: argparse.Namespace) -> int:
    try:
        programme = check_programme(args.program)
        region_list = load_list(args.list_name)
    except ListError as exc:
        print(f"bangfu unpaired: {describe(exc)}", file=sys.stderr)
        return 1
    try:
        graph = load_graph(store_path(args))
    except (StoreError, OSError, ValueError) as exc:  # missing/locked store: one line to act on
        print(f"bangfu unpaired: {describe(exc)}", file=sys.stderr)
        return 1
    results = CoverageIndex(graph).coverage(region_list.entries, as_of=args.as_of, programme=programme)
    shown = results if args.all else unpaired(results, args.level)
    rows = [r.row() for r in shown]
    if args.format == "json":
        payload = {
            "list": region_list.name,
            "title": region_list.title,
            "level": args.level,
            "as_of": args.as_of,
            "programme": programme,
            "counties": len(region_list.entries),
            "shown": len(shown),
            "coverage": _counts(results),
            "rows": [r.to_json() for r in shown],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    else:
        emit(rows, COLUMNS if args.format == "csv" else _TABLE_COLUMNS, args.format)
    summary = _summary_line(region_list, results, shown, args)
    out = sys.stdout if args.format == "table" else sys.stderr
    print(f"\n{summary}" if args.format == "table" else summary, file=out)
    for r in (x for x in results if not x.entry.code):
        print(f"  row {r.entry.row} {r.entry.raw!r}: {r.coverage} — {r.entry.note}", file=out)
    return 0


def _counts(results: list[CountyCoverage]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in results:
        counts[r.coverage] = counts.get(r.coverage, 0) + 1
    return counts


def _summary_line(
    region_list: RegionList,
    results: list[CountyCoverage],
    shown: list[CountyCoverage],
    args: argparse.Namespace,
) -> str:
    counts = ", ".join(f"{k} {v}" for k, v in _counts(results).items())
    when = f" as of {args.as_of}" if args.as_of else ""
    when += f", {args.program} only" if args.program else ""
    what = "all rows" if args.all else f"{len(shown)} below {args.level} level"
    line = f"{region_list.name}: {len(results)} rows{when} ({counts}); shown: {what}."
    if region_list.note:
        line += f" {region_list.note}"
    return line
