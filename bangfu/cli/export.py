"""`bangfu export --format graphml|gexf|json|csv|cypher --out PATH`: the graph for other tools.

graphml/gexf open in Gephi and Cytoscape (evidence as JSON text attributes); json is networkx
node-link; csv is a folder of neo4j-admin import files (see import.txt inside); cypher is a script
of the statements `bangfu neo4j push` runs, with the values written in.
"""

from __future__ import annotations

import argparse
import sys

from bangfu.cli.errors import describe
from bangfu.cli.store_args import add_store_argument, store_path
from graph.export import FORMATS, export
from graph.store.embedded import StoreError
from graph.store.readback import load_graph


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
        kg = load_graph(store_path(args))
        export(kg.graph, args.format, args.out)
    except (StoreError, OSError) as exc:
        print(f"bangfu export: {describe(exc)}", file=sys.stderr)
        return 1
    g = kg.graph
    print(f"wrote {args.out} ({args.format}): {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    return 0
