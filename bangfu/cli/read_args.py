"""The arguments the commands that read documents share.

``--max-mb``: the size above which a file is skipped (and reported), defaulting to the loaders' own
limit so a build and ``bangfu docs`` agree. ``--files-from LIST``: the paths of a shard, one per line,
so a corpus split over machines is handed out as lists of files (docs/benchmarks.md, "A national
corpus") and a shell's argument limit never caps how many files one command reads.
"""

from __future__ import annotations

import argparse
import sys

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


def add_workers_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="processes reading and extracting (default: one per core, at most 8)",
    )


def add_files_from_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--files-from",
        metavar="LIST",
        help="also read the files and folders LIST names, one per line (- for stdin; # starts a comment)",
    )


class ListError(Exception):
    """A --files-from list that cannot be read: the message names it and says why."""


def listed_paths(args: argparse.Namespace) -> list[str]:
    """The paths a --files-from list names (none without one), blank lines and comments left out."""
    source = getattr(args, "files_from", None)
    if not source:
        return []
    try:
        if source == "-":
            text = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as f:
                text = f.read()
    except FileNotFoundError:
        raise ListError(f"{source}: no such file (the list given to --files-from)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ListError(f"{source}: cannot be read as a list of paths ({type(exc).__name__})") from None
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]
