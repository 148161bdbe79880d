"""Entry point of `bangfu`.

Each subcommand lives in its own module exposing ``register(subparsers)``; the module sets
``func`` on its parser. Modules are listed here so `bangfu --help` shows every subcommand.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# (module, help) in the order `bangfu --help` shows them
SUBCOMMANDS: list[str] = [
    "bangfu.cli.docs",
    "bangfu.cli.extract",
    "bangfu.cli.build",
    "bangfu.cli.query",
    "bangfu.cli.export",
    "bangfu.cli.neo4j",
    "bangfu.cli.bench",
    "bangfu.cli.unpaired",
    "bangfu.cli.lists",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bangfu",
        description="帮扶图谱: load documents, extract assistance relations, query the graph.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in SUBCOMMANDS:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
