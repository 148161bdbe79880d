"""Extraction against jieba's word segmentation of the same text, timed side by side in one run.

Run: ``.venv/bin/python -m bangfu.bench.jieba_bench [--docs 300] [--dir DIR] [--rounds 3]``

Why a ratio: the machine's cores are shared with other work, so a rate in MB/s moves with the load;
two jobs timed in turn, on the same documents, in the same process, move together. jieba's
segmentation (``jieba.lcut``, its default mode) is the yardstick a reader knows: the least a Chinese
text pipeline does to every character. Both are timed with ``time.process_time`` (CPU of this
process, not the wall clock other processes stretch), in alternating order, best round of each.

jieba is a bench dependency (``.[dev]``); its dictionary ships inside the package (``jieba/dict.txt``)
and it writes its parsed cache to the temporary directory: nothing is downloaded. ``bangfu bench``
prints the same comparison as a row of its table (``compare``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bangfu.bench.corpus import write_corpus
from loaders.document import Document
from loaders.extract.mentions import get_matcher
from loaders.extract.pipeline import extract_document
from loaders.read import list_files, load_path


@dataclass(frozen=True)
class Comparison:
    docs: int
    text_mb: float  # normalized text, UTF-8
    load_s: float  # CPU seconds, best round
    extract_s: float
    jieba_s: float

    def rate(self, seconds: float) -> float:
        return self.text_mb / seconds if seconds else 0.0

    @property
    def ratio(self) -> float:
        """How many times jieba's time extraction takes less (above 1: extraction is faster)."""
        return self.jieba_s / self.extract_s if self.extract_s else 0.0

    @property
    def load_extract_ratio(self) -> float:
        total = self.load_s + self.extract_s
        return self.jieba_s / total if total else 0.0

    def result(self) -> str:
        return f"extraction {self.ratio:.2f}× jieba's speed ({self.load_extract_ratio:.2f}× with loading)"

    def detail(self) -> str:
        return (
            f"{self.docs:,} documents, {self.text_mb:.1f} MB normalized text, CPU s best of the rounds: "
            f"extract {self.extract_s:.2f} s ({self.rate(self.extract_s):.2f} MB/s), load "
            f"{self.load_s:.2f} s ({self.rate(self.load_s):.2f} MB/s), jieba.lcut {self.jieba_s:.2f} s "
            f"({self.rate(self.jieba_s):.2f} MB/s)"
        )

    def summary(self) -> str:
        return (
            f"jieba-summary docs={self.docs} extract_mb_s={self.rate(self.extract_s):.2f} "
            f"load_mb_s={self.rate(self.load_s):.2f} jieba_mb_s={self.rate(self.jieba_s):.2f} "
            f"ratio={self.ratio:.2f} load_extract_ratio={self.load_extract_ratio:.2f}"
        )


def _cpu(fn: Callable[[], object]) -> float:
    started = time.process_time()
    fn()
    return time.process_time() - started


def compare(paths: Sequence[str | Path], rounds: int = 3) -> Comparison:
    """Load, extract and segment the files ``rounds`` times in turn; the best CPU time of each."""
    import jieba  # a bench dependency, imported only here

    jieba.setLogLevel(60)  # its "Building prefix dict" lines are not the benchmark's output
    files = [str(p) for p in paths]
    docs: list[Document] = [load_path(p) for p in files]
    texts = [d.text for d in docs]
    get_matcher()  # the automaton and jieba's dictionary are loaded before any timing
    jieba.initialize()
    for d in docs[:1]:
        extract_document(d)
        jieba.lcut(d.text)

    def load() -> None:
        for p in files:
            load_path(p)

    def extract() -> None:
        for d in docs:
            extract_document(d)

    def segment() -> None:
        for t in texts:
            jieba.lcut(t)

    best = {"load": float("inf"), "extract": float("inf"), "jieba": float("inf")}
    jobs = {"load": load, "extract": extract, "jieba": segment}
    for i in range(max(1, rounds)):
        order = list(jobs) if i % 2 == 0 else list(reversed(jobs))
        for name in order:
            best[name] = min(best[name], _cpu(jobs[name]))
    text_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return Comparison(len(docs), text_mb, best["load"], best["extract"], best["jieba"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="extraction vs jieba segmentation on the same text")
    parser.add_argument("--docs", type=int, default=300, help="documents to generate (without --dir)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--dir", help="a folder of documents to use instead of a generated corpus")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    tmp = None
    if args.dir:
        folder = Path(args.dir)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="bangfu-jieba-"))
        folder = tmp / "corpus"
        write_corpus(folder, args.docs, args.seed)
    try:
        result = compare(list(list_files([folder])), args.rounds)
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    print(result.result())
    print(result.detail())
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
