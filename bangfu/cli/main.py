"""Entry point of `bangfu`.

Each subcommand lives in its own module exposing ``register(subparsers)``; the module sets
``func`` on its parser. Modules are listed here so `bangfu --help` shows every subcommand.

Every message a command prints for a problem is one line that starts with ``bangfu COMMAND:``. The
commands catch the errors they expect; ``main`` turns anything else into such a line too (exit 1), so
a user never gets a traceback — set BANGFU_TRACEBACK=1 to get it when reporting a bug.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from bangfu.cli.errors import describe

# (module, help) in the order `bangfu --help` shows them
SUBCOMMANDS: list[str] = [
    "bangfu.cli.docs",
    "bangfu.cli.extract",
    "bangfu.cli.build",
    "bangfu.cli.add",
    "bangfu.cli.remove",
    "bangfu.cli.query",
    "bangfu.cli.export",
    "bangfu.cli.neo4j",
    "bangfu.cli.bench",
    "bangfu.cli.unpaired",
    "bangfu.cli.lists",
    "bangfu.cli.reconcile",
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


def _prefix(args: argparse.Namespace) -> str:
    words = [args.command, getattr(args, "neo4j_command", None)]
    return "bangfu " + " ".join(w for w in words if w)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print(f"{_prefix(args)}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if os.environ.get("BANGFU_TRACEBACK"):
            raise
        print(f"{_prefix(args)}: {type(exc).__name__}: {describe(exc)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
