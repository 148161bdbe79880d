"""`bangfu query "CYPHER"`: run Cypher on the embedded store (default) or on Neo4j (--neo4j).

Read-only unless --write. Parameters: `--param name=text` passes a string, `--param name:=JSON` a JSON
value (number, list, true/false/null), e.g. --param region=region:433130 --param since:=2021.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import unicodedata
from typing import Any, TextIO

from bangfu.cli.store_args import add_store_argument, store_path


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
    p.add_argument("--write", action="store_true", help="allow queries that change the data")
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="embedded store: stop a query after this long (default 30)",
    )
    add_store_argument(p)
    p.add_argument("--neo4j", action="store_true", help="query Neo4j instead of the embedded store")
    p.add_argument("--uri", help="Neo4j URI (default $NEO4J_URI or bolt://localhost:7687)")
    p.add_argument("--user", help="Neo4j user (default $NEO4J_USER or neo4j); password from $NEO4J_PASSWORD")
    p.add_argument("--database", help="Neo4j database (default: the server's default)")
    p.set_defaults(func=run)


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
    try:
        result = _run_neo4j(args, cypher, params) if args.neo4j else _run_embedded(args, cypher, params)
    except Exception as exc:  # engine and connection errors: one line, non-zero exit
        from graph.store.embedded import StoreError
        from graph.store.neo4j import Neo4jStoreError

        if not isinstance(exc, StoreError | Neo4jStoreError):
            raise
        print(f"bangfu query: {exc}", file=sys.stderr)
        return 1
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    {"table": write_table, "json": write_json, "csv": write_csv}[args.format](
        result.columns, result.rows, sys.stdout
    )
    return 0


def _run_embedded(args: argparse.Namespace, cypher: str, params: dict[str, Any]):
    from graph.store.embedded import open_store

    with open_store(store_path(args), read_only=not args.write) as store:
        return store.query(cypher, params, timeout_ms=int(args.timeout * 1000) if args.timeout else None)


def _run_neo4j(args: argparse.Namespace, cypher: str, params: dict[str, Any]):
    from graph.store.neo4j import Neo4jSettings, query

    return query(cypher, params, Neo4jSettings.from_env(args.uri, args.user, args.database), write=args.write)


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
