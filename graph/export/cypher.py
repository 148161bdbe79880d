"""A Cypher script for cypher-shell: the statements ``bangfu neo4j push`` runs
(graph/store/neo4j_cypher.py), with their parameters written in as literals."""

from __future__ import annotations

import os
import re
from typing import Any

import networkx as nx

from graph.store.neo4j_cypher import push_plan

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
