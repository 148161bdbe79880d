"""neo4j-admin import CSVs: one nodes file per label, one relationships file per type, and the
command that loads them. The rows come from graph/tables.py, the same rows the stores write, so an
import gives what ``bangfu neo4j push`` gives."""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

import networkx as nx

from bangfu.knowledge.ontology import EDGE_PROPERTIES, NODE_PROPERTIES
from graph.tables import RelGroup, edge_rows, node_rows

_CSV_TYPES = {
    "string": "",
    "int": ":long",
    "float": ":double",
    "bool": ":boolean",
    "string[]": ":string[]",
    "json": "",
}
ARRAY_DELIMITER = "|"


NodePages = Iterable[tuple[str, list[dict[str, Any]]]]  # (label, rows), a label's rows over any pages
EdgePages = Iterable[tuple[RelGroup, list[dict[str, Any]]]]
NODE_HEADER = [
    "id:ID",
    *(f"{p}{_CSV_TYPES[k]}" for p, k in NODE_PROPERTIES.items() if p != "id"),
    ":LABEL",
]
REL_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    *(f"{p}{_CSV_TYPES[k]}" for p, k in EDGE_PROPERTIES.items()),
]


def write_csv(graph: nx.MultiDiGraph, folder: str | os.PathLike) -> list[Path]:
    """neo4j-admin import files: one nodes file per label, one relationships file per type, and
    import.txt with the command that loads them. Ids are unique across labels (they carry a prefix)."""
    return write_csv_rows(node_rows(graph).items(), edge_rows(graph).items(), folder)


def write_csv_rows(nodes: NodePages, edges: EdgePages, folder: str | os.PathLike) -> list[Path]:
    """``write_csv`` from rows as graph/tables.py gives them, a page at a time: a store's pages
    (graph/store/pages.py) are written as they are read, so a national store is exported without
    being held in memory. The files are the same whichever way the rows come; only the order of the
    rows within a file follows the order they came in."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with _Files(out) as files:
        for label, rows in nodes:
            if rows:
                files.rows(
                    f"nodes_{label}.csv",
                    NODE_HEADER,
                    ([*(_csv(r[p]) for p in NODE_PROPERTIES), label] for r in rows),
                )
        for (rel_type, _, _), rows in edges:
            if rows:
                body = (
                    [r["source"], r["target"], rel_type, *(_csv(r[p]) for p in EDGE_PROPERTIES)] for r in rows
                )
                files.rows(f"relationships_{rel_type}.csv", REL_HEADER, body)
    node_files = sorted(name for name in files.names if name.startswith("nodes_"))
    rel_files = sorted(name for name in files.names if name.startswith("relationships_"))
    nodes_args = " ".join(f"--nodes={name}" for name in node_files)
    rels_args = " ".join(f"--relationships={name}" for name in rel_files)
    command = (
        f"neo4j-admin database import full --array-delimiter='{ARRAY_DELIMITER}' "
        f"--overwrite-destination {nodes_args} {rels_args} neo4j\n"
    )
    (out / "import.txt").write_text(
        "# Run from this folder with the Neo4j server stopped (Neo4j 5):\n" + command, encoding="utf-8"
    )
    return [out / name for name in (*node_files, *rel_files)]


class _Files:
    """The CSV files of one export, each opened (with its header) when its first rows come."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._open: dict[str, tuple[TextIO, Any]] = {}

    @property
    def names(self) -> list[str]:
        """The files written, in the order their first rows came."""
        return list(self._open)

    def __enter__(self) -> _Files:
        return self

    def __exit__(self, *exc: object) -> None:
        for handle, _writer in self._open.values():
            handle.close()

    def rows(self, name: str, header: list[str], rows: Iterable[list[str]]) -> None:
        if name not in self._open:
            handle = open(self.folder / name, "w", encoding="utf-8", newline="")
            writer = csv.writer(handle)
            writer.writerow(header)
            self._open[name] = (handle, writer)
        self._open[name][1].writerows(rows)


def _csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, " ") for v in value)
    return str(value)
