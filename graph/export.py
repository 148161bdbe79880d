"""Exports for the tools people already use: GraphML and GEXF (Gephi, Cytoscape), node-link JSON,
neo4j-admin import CSVs, and a Cypher script.

GraphML and GEXF hold only scalar attributes, so lists and dicts (aliases, evidence, groups) are written
as JSON strings, and None is left out. Both formats treat the node attribute ``label`` as the text to
draw, so there ``label`` is the entity's name and the ontology label moves to ``kind``; the edge type
stays ``type`` in GraphML, but GEXF reserves an edge's ``type`` for directed/undirected (a relation type
there is invalid GEXF, and networkx drops it on reading), so in GEXF it is the edge's ``kind`` too. The CSVs and the Cypher script come from graph/tables.py and graph/store/neo4j_cypher.py,
the same rows and statements the stores write, so an import gives what ``bangfu neo4j push`` gives.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from bangfu.knowledge.ontology import EDGE_PROPERTIES, NODE_PROPERTIES
from graph.store.neo4j_cypher import push_plan
from graph.tables import edge_rows, node_rows

FORMATS = ("graphml", "gexf", "json", "csv", "cypher")

_CSV_TYPES = {
    "string": "",
    "int": ":long",
    "float": ":double",
    "bool": ":boolean",
    "string[]": ":string[]",
    "json": "",
}
ARRAY_DELIMITER = "|"


def _flat(value: Any) -> Any:
    if isinstance(value, list | dict | tuple):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def scalar_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes, display names as ``label`` and the ontology label as ``kind``."""
    out = nx.MultiDiGraph()
    for nid in sorted(graph.nodes):
        data = graph.nodes[nid]
        attrs = {k: _flat(v) for k, v in data.items() if v is not None and k != "label"}
        attrs["kind"] = data["label"]
        attrs["label"] = data.get("name") or nid
        out.add_node(nid, **attrs)
    for u, v, key in sorted(graph.edges(keys=True)):
        data = graph.edges[u, v, key]
        out.add_edge(u, v, key=key, **{k: _flat(x) for k, x in data.items() if x is not None})
    return out


def write_graphml(graph: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    nx.write_graphml(scalar_graph(graph), path, encoding="utf-8", prettyprint=True)


def write_gexf(graph: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    flat = scalar_graph(graph)
    for _, _, data in flat.edges(data=True):
        data["kind"] = data.pop("type")
    nx.write_gexf(flat, path, encoding="utf-8", prettyprint=True)


def write_json(graph: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    """networkx node-link JSON (``nx.node_link_graph(data, edges="links")`` reads it back)."""
    data = nx.node_link_data(graph, edges="links")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=1)


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


_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def cypher_literal(value: Any) -> str:
    """A value as a Cypher literal (strings single-quoted with backslash escapes)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
        return f"'{escaped}'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (
            f"{k if _IDENT.match(k) else '`' + k.replace('`', '``') + '`'}: {cypher_literal(v)}"
            for k, v in value.items()
        )
        return "{" + ", ".join(items) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def cypher_statements(graph: nx.MultiDiGraph) -> list[str]:
    """The push statements with their parameters written in as literals, ready for cypher-shell."""
    return [_inline(st.cypher, st.params) for st in push_plan(graph)]


def _inline(cypher: str, params: dict[str, Any]) -> str:
    return re.sub(r"\$(\w+)", lambda m: cypher_literal(params[m.group(1)]), cypher)


def write_cypher(graph: nx.MultiDiGraph, path: str | os.PathLike) -> None:
    header = "// 帮扶图谱 graph for Neo4j: cypher-shell -u neo4j -f this_file (idempotent: MERGE on ids)\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        for text in cypher_statements(graph):
            f.write(text + ";\n\n")


WRITERS: dict[str, Callable[[nx.MultiDiGraph, Any], Any]] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_csv,
    "cypher": write_cypher,
}


def export(graph: nx.MultiDiGraph, fmt: str, out: str | os.PathLike) -> None:
    """Write ``graph`` in ``fmt`` (one of FORMATS) to ``out`` (a folder for csv, else a file)."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt != "csv":
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    WRITERS[fmt](graph, out)
