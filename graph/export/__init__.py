"""Exports for the tools people already use, one module per format (as networkx's readwrite):

- ``graphml`` and ``gexf``: Gephi, Cytoscape — scalar attributes only (``scalar.py``: evidence and
  lists as JSON text, the entity's name as ``label``, the ontology label as ``kind``);
- ``json``: networkx node-link, every attribute as it is;
- ``csv``: a folder of neo4j-admin import files (and import.txt with the command);
- ``cypher``: a cypher-shell script of the statements ``bangfu neo4j push`` runs.

``FORMATS`` maps each format's name to its ``write_X(graph, path)``; ``export`` writes one by name. A
new format is a module with its ``write_X`` and one row here.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from graph.export.csv import write_csv
from graph.export.cypher import write_cypher
from graph.export.gexf import write_gexf
from graph.export.graphml import write_graphml
from graph.export.json import write_json

Writer = Callable[[nx.MultiDiGraph, str | os.PathLike], Any]

FORMATS: dict[str, Writer] = {
    "graphml": write_graphml,
    "gexf": write_gexf,
    "json": write_json,
    "csv": write_csv,  # a folder, not a file
    "cypher": write_cypher,
}


def export(graph: nx.MultiDiGraph, fmt: str, out: str | os.PathLike) -> None:
    """Write ``graph`` in ``fmt`` (a key of FORMATS) to ``out`` (a folder for csv, else a file)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt != "csv":
        Path(out).parent.mkdir(parents=True, exist_ok=True)
    FORMATS[fmt](graph, out)
