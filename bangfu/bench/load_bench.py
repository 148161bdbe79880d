"""How long a fresh process takes to load the reference data: the gazetteer and the lexicon.

Run: ``.venv/bin/python -m bangfu.bench.load_bench [--repeat R]``. Each figure is the best of R fresh
interpreters (imports included), because that is what `bangfu` and each worker of a build pay once.
Targets: gazetteer < 0.3 s, lexicon < 0.5 s; printed, not asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

LOADERS = {
    "gazetteer": "from bangfu.knowledge.gazetteer import get_gazetteer as load",
    "lexicon": "from bangfu.knowledge.lexicon import get_lexicon as load",
}


def fresh_load_s(name: str) -> float:
    """Seconds from the import to the loaded object, in a new interpreter."""
    code = f"import time; t = time.perf_counter(); {LOADERS[name]}; load(); print(time.perf_counter() - t)"
    return float(subprocess.check_output([sys.executable, "-c", code], text=True))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    for name in LOADERS:
        best = min(fresh_load_s(name) for _ in range(args.repeat))
        print(f"{name:<10} fresh process, best of {args.repeat}: {best * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
