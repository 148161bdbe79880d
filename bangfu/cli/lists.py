"""`bangfu lists [NAME]`: the reference lists shipped in data/reference, with counts and sources.

Without NAME: one line per list (designation lists and official pairings), its programme(s), how many
rows it holds of how many it should, and what is known to be missing, then the rows per programme. With
NAME: the list's rows with their codes. ``--program P`` keeps the pairing lists and rows of one programme.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse

from bangfu.cli.query import write_csv, write_json, write_table
from bangfu.knowledge.lists import (
    ListError,
    ListInfo,
    catalog,
    check_programme,
    list_info,
    list_rows,
    programme_of,
)
from bangfu.knowledge.sources import citation, repost_only, row_sources


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lists", help="name the reference lists shipped (counts, sources)", description=__doc__
    )
    p.add_argument("name", nargs="?", help="show the rows of one list")
    p.add_argument(
        "--program", metavar="P", help="only the pairings of one programme (东西部协作, 对口支援 …)"
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        programme = check_programme(args.program)
        info = list_info(args.name) if args.name else None
    except ListError as exc:
        print(f"bangfu lists: {exc}", file=sys.stderr)
        return 1
    if info is not None:
        rows = _in_programme(list_rows(info), programme)
        if not rows:
            what = "not shipped" if info.path is None else f"no rows of {programme}"
            print(f"{info.name}: {info.title} — {what}. {info.note}")
            return 0
        rows = [{**r, "source": citation(r.get("source_url", ""), r.get("notes", ""))} for r in rows]
        emit(rows, list(rows[0]), args.format)
        return 0
    infos = [i for i in catalog() if programme is None or i.kind == "pairings"]
    summary = [_summary(i, _in_programme(list_rows(i), programme)) for i in infos]
    summary = [s for s in summary if programme is None or s["rows"]]
    if args.format == "table":
        columns = ["name", "kind", "programme", "rows", "of", "status", "sources", "repost_only", "file"]
        emit(summary, columns, "table")
        print()
        for s in summary:
            print(f"{s['name']}: {s['title']}. {s['note']}".rstrip())
        print()
        for line in _per_programme(summary):
            print(line)
        return 0
    emit(summary, list(summary[0]), args.format)
    return 0


def _in_programme(rows: list[dict[str, str]], programme: str | None) -> list[dict[str, str]]:
    """A pairing list's rows of one programme (a designation list's rows have none: all or nothing)."""
    if programme is None:
        return rows
    return [r for r in rows if "program" in r and programme_of(r["program"]) == programme]


def _programmes(rows: list[dict[str, str]]) -> Counter[str]:
    return Counter(programme_of(r["program"]) for r in rows if "program" in r)


def _per_programme(summary: list[dict[str, Any]]) -> list[str]:
    """``东西部协作: 111 rows (east-west 78, east-west-2021 31, hunan-internal 2)``, one line each."""
    total: Counter[str] = Counter()
    parts: dict[str, list[str]] = {}
    for s in summary:
        for name, n in s["by_programme"].items():
            total[name] += n
            parts.setdefault(name, []).append(f"{s['name']} {n}")
    return [f"{name}: {n} rows ({', '.join(parts[name])})" for name, n in total.most_common()]


def _summary(info: ListInfo, rows: list[dict[str, str]]) -> dict[str, Any]:
    urls = {r.get("source_url", "") for r in rows} - {""}
    hosts = sorted({urlparse(u).netloc for u in urls})
    reposts = sum(repost_only(row_sources(r.get("source_url", ""), r.get("notes", ""))) for r in rows)
    by_programme = _programmes(rows)
    return {
        "name": info.name,
        "kind": info.kind,
        "programme": " / ".join(by_programme) if info.kind == "pairings" else "—",
        "by_programme": dict(by_programme.most_common()),
        "rows": len(rows),
        "of": info.expected if info.expected is not None else "",
        "status": info.status,
        "sources": f"{len(urls)} urls / {len(hosts)} sites" if urls else "—",
        "repost_only": reposts,
        "file": info.file or "(missing)",
        "title": info.title,
        "note": info.note,
        "source": info.source,
    }


# ---------------------------------------------------------------------------------------------- output
def _clip(value: Any, limit: int = 36) -> Any:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> None:
    """Print dict rows the way `bangfu query` prints results; long table cells are clipped (csv and json
    carry them whole)."""
    values = [[r.get(c, "") for c in columns] for r in rows]
    if fmt == "table":
        values = [[_clip(v) for v in row] for row in values]
    {"table": write_table, "json": write_json, "csv": write_csv}[fmt](list(columns), values, sys.stdout)
