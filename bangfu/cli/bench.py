"""`bangfu bench [--docs N] [--workers K] [--keep DIR]`: generate a corpus, ingest it, build the store,
time the queries; print one Markdown table and a `bench-summary key=value …` line (see bangfu/bench/run.py).
"""

from __future__ import annotations

import argparse
import os
import sys

from bangfu.bench.run import run_bench


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench",
        help="benchmark ingestion, store build, memory and query latency on a generated corpus",
        description=__doc__,
    )
    p.add_argument("--docs", type=int, default=1000, metavar="N", help="documents to generate (default 1000)")
    p.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        metavar="K",
        help=f"processes for the parallel ingestion (default: the cores here, {os.cpu_count() or 1})",
    )
    p.add_argument(
        "--keep",
        metavar="DIR",
        help="write the corpus and the store below DIR and keep them (default: a temporary folder)",
    )
    p.add_argument("--seed", type=int, default=0, help="corpus seed (default 0: the same corpus everywhere)")
    p.add_argument("--repeat", type=int, default=21, help="timed runs per latency (default 21)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.docs < 1 or args.workers < 1 or args.repeat < 1:
        print("bangfu bench: --docs, --workers and --repeat must be at least 1", file=sys.stderr)
        return 2
    run_bench(args.docs, args.workers, keep=args.keep, seed=args.seed, repeat=args.repeat)
    return 0
