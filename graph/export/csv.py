"""neo4j-admin import CSVs: one nodes file per label, one relationships file per type, and the
command that loads them. The rows come from graph/tables.py, the same rows the stores write, so an
import gives what ``bangfu neo4j push`` gives."""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

import networkx as nx

from bangfu.knowledge.ontology import EDGE_PROPERTIES, NODE_PROPERTIES
from graph.tables import edge_rows, node_rows

_CSV_TYPES = {
    "string": "",
    "int": ":long",
    "float": ":double",
    "bool": ":boolean",
    "string[]": ":string[]",
    "json": "",
}
ARRAY_DELIMITER = "|"


def write_csv(graph: nx.MultiDiGraph, folder: str | os.PathLike) -> list[Path]:
    """neo4j-admin import files: one nodes file per label, one relationships file per type, and
    import.txt with the command that loads them. Ids are unique across labels (they carry a prefix)."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    node_header = [
        "id:ID",
        *(f"{p}{_CSV_TYPES[k]}" for p, k in NODE_PROPERTIES.items() if p != "id"),
        ":LABEL",
    ]
    for label, rows in node_rows(graph).items():
        if not rows:
            continue
        body = [[*(_csv(r[p]) for p in NODE_PROPERTIES), label] for r in rows]
        written.append(_write_rows(out / f"nodes_{label}.csv", node_header, body))
    rel_header = [
        ":START_ID",
        ":END_ID",
        ":TYPE",
        *(f"{p}{_CSV_TYPES[k]}" for p, k in EDGE_PROPERTIES.items()),
    ]
    by_type: dict[str, list[list[str]]] = {}
    for (rel_type, _, _), rows in edge_rows(graph).items():
        by_type.setdefault(rel_type, []).extend(
            [r["source"], r["target"], rel_type, *(_csv(r[p]) for p in EDGE_PROPERTIES)] for r in rows
        )
    for rel_type, body in sorted(by_type.items()):
        written.append(_write_rows(out / f"relationships_{rel_type}.csv", rel_header, body))
    nodes = " ".join(f"--nodes={p.name}" for p in written if p.name.startswith("nodes_"))
    rels = " ".join(f"--relationships={p.name}" for p in written if p.name.startswith("relationships_"))
    command = (
        f"neo4j-admin database import full --array-delimiter='{ARRAY_DELIMITER}' "
        f"--overwrite-destination {nodes} {rels} neo4j\n"
    )
    (out / "import.txt").write_text(
        "# Run from this folder with the Neo4j server stopped (Neo4j 5):\n" + command, encoding="utf-8"
    )
    return written


def _csv(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(str(v).replace(ARRAY_DELIMITER, " ") for v in value)
    return str(value)


def _write_rows(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path
