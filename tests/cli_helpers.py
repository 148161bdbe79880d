"""Run this engineer's `bangfu` subcommands in-process, as `bangfu` would, without the others'.

bangfu/cli/main.py imports every subcommand module; building a parser from only the modules under test keeps
these tests independent of subcommands that are still being written.
"""

from __future__ import annotations

import argparse
import importlib

MODULES = ("bangfu.cli.build", "bangfu.cli.query", "bangfu.cli.export", "bangfu.cli.neo4j")


def bangfu(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="bangfu")
    sub = parser.add_subparsers(dest="command")
    for name in MODULES:
        importlib.import_module(name).register(sub)
    args = parser.parse_args(list(argv))
    return int(args.func(args) or 0)
