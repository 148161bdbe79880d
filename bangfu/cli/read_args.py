"""The argument the commands that read documents share: ``--max-mb``, the size above which a file is
skipped (and reported), defaulting to the loaders' own limit so a build and ``bangfu docs`` agree."""

from __future__ import annotations

import argparse

from loaders.read import DEFAULT_MAX_BYTES

MB = 1024 * 1024
DEFAULT_MAX_MB = DEFAULT_MAX_BYTES / MB


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive, not {text}")
    return value


def add_max_mb_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--max-mb",
        type=_positive,
        default=DEFAULT_MAX_MB,
        metavar="N",
        help=f"skip files larger than N MB (default {DEFAULT_MAX_MB:g})",
    )


def max_bytes(args: argparse.Namespace) -> int:
    return int(args.max_mb * MB)
