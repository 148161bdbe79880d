"""`bangfu lists [NAME]`: the reference lists shipped in data/reference, with counts and sources.

Without NAME: one line per list (designation lists and official pairings), how many rows it holds of
how many it should, and what is known to be missing. With NAME: the list's rows with their codes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "lists", help="name the reference lists shipped (counts, sources)", description=__doc__
    )
    p.add_argument("name", nargs="?", help="show the rows of one list")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bangfu.knowledge.lists import ListError, catalog, list_info, list_rows

    if args.name:
        try:
            info = list_info(args.name)
        except ListError as exc:
            print(f"bangfu lists: {exc}", file=sys.stderr)
            return 1
        rows = list_rows(info)
        if not rows:
            print(f"{info.name}: {info.title} — not shipped. {info.note}")
            return 0
        emit(rows, list(rows[0]), args.format)
        return 0
    summary = [_summary(info, list_rows(info)) for info in catalog()]
    if args.format == "table":
        emit(summary, ["name", "kind", "rows", "of", "status", "sources", "file"], "table")
        print()
        for s in summary:
            print(f"{s['name']}: {s['title']}. {s['note']}".rstrip())
        return 0
    emit(summary, list(summary[0]), args.format)
    return 0


def _summary(info: Any, rows: list[dict[str, str]]) -> dict[str, Any]:
    urls = {r.get("source_url", "") for r in rows} - {""}
    hosts = sorted({urlparse(u).netloc for u in urls})
    return {
        "name": info.name,
        "kind": info.kind,
        "rows": len(rows),
        "of": info.expected if info.expected is not None else "",
        "status": info.status,
        "sources": f"{len(urls)} urls / {len(hosts)} sites" if urls else "—",
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
    from bangfu.cli.query import write_csv, write_json, write_table

    values = [[r.get(c, "") for c in columns] for r in rows]
    if fmt == "table":
        values = [[_clip(v) for v in row] for row in values]
    {"table": write_table, "json": write_json, "csv": write_csv}[fmt](list(columns), values, sys.stdout)
