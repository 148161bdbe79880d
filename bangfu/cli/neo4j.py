"""`bangfu neo4j push`: copy the embedded store's graph into Neo4j (idempotent; the password comes
from $NEO4J_PASSWORD), its tables read a page at a time and sent in batches. Query it with
`bangfu query --neo4j "CYPHER"`."""

from __future__ import annotations

import argparse
import sys

from bangfu.cli.errors import describe
from bangfu.cli.store_args import add_store_argument, store_path
from graph.store.embedded import StoreError
from graph.store.neo4j import Neo4jSettings, Neo4jStoreError, check_uri, push_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("neo4j", help="push the graph to a Neo4j server", description=__doc__)
    actions = p.add_subparsers(dest="neo4j_command", metavar="ACTION", required=True)
    push = actions.add_parser(
        "push", help="create constraints and MERGE the graph in batches", description=__doc__
    )
    push.add_argument("--uri", help="default $NEO4J_URI or bolt://localhost:7687")
    push.add_argument("--user", help="default $NEO4J_USER or neo4j")
    push.add_argument("--database", help="default: the server's default database")
    push.add_argument("--batch-size", type=int, default=1000, help="rows per transaction (default 1000)")
    push.add_argument(
        "--no-prune", action="store_true", help="keep nodes and relationships the graph no longer has"
    )
    add_store_argument(push)
    push.set_defaults(func=run_push)


def run_push(args: argparse.Namespace) -> int:
    settings = Neo4jSettings.from_env(args.uri, args.user, args.database)
    if settings.password is None:
        print(
            "bangfu neo4j push: set NEO4J_PASSWORD (the password is never taken from the command line)",
            file=sys.stderr,
        )
        return 2
    try:
        check_uri(settings.uri)  # a mistyped address fails before the store is read
        report = push_store(store_path(args), settings, prune=not args.no_prune, batch_size=args.batch_size)
    except (StoreError, Neo4jStoreError, OSError) as exc:
        print(f"bangfu neo4j push: {describe(exc)}", file=sys.stderr)
        return 1
    print(
        f"pushed to {settings.uri}: {report.nodes} nodes, {report.relationships} relationships "
        f"({report.statements} statements); removed {report.deleted_nodes} nodes and "
        f"{report.deleted_relationships} relationships the graph no longer has"
    )
    return 0
