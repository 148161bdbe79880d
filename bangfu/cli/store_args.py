"""Arguments the store commands share: where the embedded store is."""

from __future__ import annotations

import argparse
from pathlib import Path

from graph.store.embedded import default_store_path


def add_store_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--store",
        metavar="PATH",
        help="embedded store file (default: $BANGFU_STORE or data/store/bangfu.lbdb)",
    )


def store_path(args: argparse.Namespace) -> Path:
    return Path(args.store) if args.store else default_store_path()
