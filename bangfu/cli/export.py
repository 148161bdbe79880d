"""`bangfu export --format graphml|gexf|json|csv|cypher --out PATH`: the graph for other tools.

graphml/gexf open in Gephi and Cytoscape (evidence as JSON text attributes); json is networkx
node-link; csv is a folder of neo4j-admin import files (see import.txt inside); cypher is a script
of the statements `bangfu neo4j push` runs, with the values written in.

csv is written from the store's tables a page at a time (graph/store/pages.py), so a store of any size
exports in memory of one page: it is how a national store feeds ``neo4j-admin database import``. The
other formats are for tools that load the whole graph themselves, and read it whole.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

from bangfu.cli.errors import describe
from bangfu.cli.store_args import add_store_argument, store_path
from graph.export import FORMATS, export
from graph.export.csv import write_csv_rows
from graph.store.embedded import StoreError, open_store
from graph.store.pages import edge_row_pages, node_row_pages
from graph.store.readback import load_graph

T = TypeVar("T")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="export the graph (GraphML, GEXF, JSON, CSV, Cypher)", description=__doc__
    )
    p.add_argument("--format", "-f", required=True, choices=list(FORMATS))
    p.add_argument("--out", "-o", required=True, metavar="PATH", help="output file (a folder for csv)")
    add_store_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        if args.format == "csv":
            nodes, edges = export_store_csv(store_path(args), args.out)
        else:
            graph = load_graph(store_path(args)).graph
            export(graph, args.format, args.out)
            nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
    except (StoreError, OSError) as exc:
        print(f"bangfu export: {describe(exc)}", file=sys.stderr)
        return 1
    print(f"wrote {args.out} ({args.format}): {nodes} nodes, {edges} edges")
    return 0


def export_store_csv(store: Path, out: str) -> tuple[int, int]:
    """neo4j-admin import files straight from the store's pages; (nodes, edges) written."""
    counted = {"nodes": 0, "edges": 0}

    def count(kind: str, pages: Iterator[tuple[T, list[dict]]]) -> Iterator[tuple[T, list[dict]]]:
        for key, rows in pages:
            counted[kind] += len(rows)
            yield key, rows

    with open_store(store) as s:
        write_csv_rows(count("nodes", node_row_pages(s)), count("edges", edge_row_pages(s)), out)
    return counted["nodes"], counted["edges"]
