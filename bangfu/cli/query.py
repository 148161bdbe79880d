"""`bangfu query "CYPHER"`: run Cypher on the embedded store (default) or on Neo4j (--neo4j).

Read-only unless --write: only statements that read the graph run (MATCH, OPTIONAL MATCH, WITH, UNWIND,
WHERE, RETURN, ORDER BY, SKIP, LIMIT, UNION, and CALL of a few schema functions); file, network, engine
and write statements (LOAD FROM, COPY, INSTALL, ATTACH, CREATE, SET …) are refused with one line.
--write runs the statement unchecked, as the engine takes it. Every query stops after --timeout seconds
and prints at most --limit rows, saying when the result was cut.

Parameters: `--param name=text` passes a string, `--param name:=JSON` a JSON value (number, list,
true/false/null), e.g. --param region=region:433130 --param since:=2021. A $parameter the query uses
and no --param gives is an error; a --param the query does not use is a warning.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from collections.abc import Callable
from typing import Any, TextIO

from bangfu.cli.store_args import add_store_argument, store_path
from graph.store import readonly
from graph.store.embedded import StoreError, open_store
from graph.store.neo4j import Neo4jSettings, Neo4jStoreError, query
from graph.store.result import QueryResult

DEFAULT_LIMIT = 10_000
DEFAULT_TIMEOUT_S = 30.0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "query",
        help="run a Cypher query on the graph",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("cypher", metavar="CYPHER", help="the query ('-' reads it from stdin)")
    p.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="query parameter (repeatable)",
    )
    p.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="output format (default table)"
    )
    p.add_argument(
        "--write",
        action="store_true",
        help="run the statement unchecked: it may change the data and read or write files on this machine",
    )
    p.add_argument(
        "--timeout",
        type=_positive(float),
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help=f"stop a query after this long (default {DEFAULT_TIMEOUT_S:g})",
    )
    p.add_argument(
        "--limit",
        type=_positive(int),
        default=DEFAULT_LIMIT,
        metavar="ROWS",
        help=f"print at most this many rows, and say when there were more (default {DEFAULT_LIMIT})",
    )
    add_store_argument(p)
    p.add_argument("--neo4j", action="store_true", help="query Neo4j instead of the embedded store")
    p.add_argument("--uri", help="Neo4j URI (default $NEO4J_URI or bolt://localhost:7687)")
    p.add_argument("--user", help="Neo4j user (default $NEO4J_USER or neo4j); password from $NEO4J_PASSWORD")
    p.add_argument("--database", help="Neo4j database (default: the server's default)")
    p.set_defaults(func=run)


def _positive(kind: Callable[[str], float]) -> Callable[[str], float]:
    """An argparse type: ``kind(text)`` (int or float), more than 0, or one line saying why not."""

    def parse(text: str) -> float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
        return value

    return parse


def parse_params(items: list[str]) -> dict[str, Any]:
    """``name=text`` → string, ``name:=json`` → decoded JSON."""
    params: dict[str, Any] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise ValueError(f"--param {item!r}: write NAME=VALUE (string) or NAME:=JSON")
        if name.endswith(":"):
            try:
                params[name[:-1]] = json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"--param {item!r}: not JSON ({exc.msg})") from exc
        else:
            params[name] = value
    return params


def run(args: argparse.Namespace) -> int:
    cypher = sys.stdin.read() if args.cypher == "-" else args.cypher
    try:
        params = parse_params(args.param)
    except ValueError as exc:
        print(f"bangfu query: {exc}", file=sys.stderr)
        return 2
    missing, unused = readonly.parameter_gaps(cypher, params)
    if missing:
        given = ", ".join(f"--param {p}=…" for p in missing)
        print(
            f"bangfu query: the query uses {_dollars(missing)} but the command gives no {given}",
            file=sys.stderr,
        )
        return 2
    for name in unused:
        print(
            f"bangfu query: warning: --param {name} is not used by the query (no ${name} in it)",
            file=sys.stderr,
        )
    if args.write:
        print(
            "bangfu query: --write: the statement runs unchecked; it may change the "
            + ("Neo4j database" if args.neo4j else "store")
            + " and read or write files where the engine runs",
            file=sys.stderr,
        )
    try:
        if not args.write:  # refuse before the store is even opened
            readonly.check(cypher, "neo4j" if args.neo4j else "embedded")
        result = _run_neo4j(args, cypher, params) if args.neo4j else _run_embedded(args, cypher, params)
    except (StoreError, Neo4jStoreError, readonly.Refused) as exc:  # refusals, engine, connection
        print(f"bangfu query: {exc}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if result.truncated:
        total = f" of {result.total}" if result.total is not None else " (there are more)"
        print(
            f"bangfu query: the result was cut at {len(result.rows)}{total} rows; --limit ROWS shows more",
            file=sys.stderr,
        )
    {"table": write_table, "json": write_json, "csv": write_csv}[args.format](
        result.columns, result.rows, sys.stdout
    )
    return 0


def _dollars(names: list[str]) -> str:
    return ", ".join(f"${n}" for n in names)


def _run_embedded(args: argparse.Namespace, cypher: str, params: dict[str, Any]) -> QueryResult:
    with open_store(store_path(args), read_only=not args.write) as store:
        return store.query(cypher, params, timeout_ms=int(args.timeout * 1000), limit=args.limit)


def _run_neo4j(args: argparse.Namespace, cypher: str, params: dict[str, Any]) -> QueryResult:
    settings = Neo4jSettings.from_env(args.uri, args.user, args.database)
    return query(cypher, params, settings, write=args.write, timeout_s=args.timeout, limit=args.limit)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def write_table(columns: list[str], rows: list[list[Any]], out: TextIO) -> None:
    """Aligned columns; Chinese characters count double so columns line up in a terminal."""
    if not columns:  # a write without RETURN
        out.write(f"({len(rows)} rows)\n")
        return
    cells = [[_cell(v).replace("\n", " ") for v in row] for row in rows]
    widths = [max([_width(c)] + [_width(r[i]) for r in cells]) for i, c in enumerate(columns)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths, strict=True)).rstrip()

    out.write(line(columns) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write(line(row) + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")


def write_json(columns: list[str], rows: list[list[Any]], out: TextIO) -> None:
    json.dump([dict(zip(columns, row, strict=True)) for row in rows], out, ensure_ascii=False, indent=1)
    out.write("\n")


def write_csv(columns: list[str], rows: list[list[Any]], out: TextIO) -> None:
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
