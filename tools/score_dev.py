#!/usr/bin/env python3
"""Score `bangfu extract` on the development set of real passages, overall and per category.

usage: tools/score_dev.py [DEV_TEXTS] [--verbose]   (BANGFU_SHARED=DIR when ../shared is elsewhere)
DEV_TEXTS defaults to the folder bangfu-dev-texts of the system's temporary directory (where
../shared/dev/README.md says to fetch the texts: they belong to their publishers, never to this
repository). Runs `bangfu extract` on it, then ../shared/tools/score_real.py on all cases and on each
category's cases, and prints one line per category and the scorer's last line.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the repository; BANGFU_SHARED names it from elsewhere (a git worktree, a clone)
SHARED = Path(os.environ.get("BANGFU_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "dev" / "dev_real.jsonl"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_real", SHARED / "tools" / "score_real.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str]) -> int:
    verbose = "--verbose" in argv
    args = [a for a in argv if not a.startswith("--")]
    texts = Path(args[0]) if args else Path(tempfile.gettempdir()) / "bangfu-dev-texts"
    files = sorted(str(p) for p in texts.glob("d*.txt"))
    if not files:
        print(
            f"score_dev: no d*.txt in {texts} (fetch them as ../shared/dev/README.md says)", file=sys.stderr
        )
        return 1
    bangfu = Path(sys.executable).with_name("bangfu")
    work = Path(tempfile.mkdtemp(prefix="bangfu-score-"))
    pred = work / "dev.jsonl"
    with open(pred, "w", encoding="utf-8") as out:
        subprocess.run([str(bangfu), "extract", *files], stdout=out, check=True)
    score = _scorer()
    by_cat: dict[str, list[str]] = defaultdict(list)
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip():
            by_cat[json.loads(line)["category"]].append(line)
    for cat, lines in sorted(by_cat.items()):
        gold = work / f"{cat}.jsonl"
        gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            p, r, f = score.main(str(gold), str(pred), False)
        counts = buf.getvalue().splitlines()[0].split("predicted-docs")[1].split(None, 1)[1]
        print(f"{cat:22s} P {p:.3f} R {r:.3f} F1 {f:.3f}   {counts}")
    score.main(str(GOLD), str(pred), verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
