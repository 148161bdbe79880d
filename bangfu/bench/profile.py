"""Where the time goes: profile one stage of the pipeline on the benchmark's corpus.

Run: ``.venv/bin/python -m bangfu.bench.profile --docs 1000 --stage ingest`` (or ``extract``, ``merge``,
``write``).

Why py-spy first: it samples from outside the process, so a function called a million times costs
what it really costs; cProfile (the fallback, always available) adds overhead per call and inflates
exactly the small hot functions we are looking for. Install it with ``.venv/bin/pip install py-spy``.

Stages, each in a fresh process over the same corpus (written once to ``--dir``):
- ``ingest``: ``bangfu.pipeline.pool.iter_extractions(workers=1)`` — read, normalize, extract;
- ``extract``: ``extract_document`` alone over documents read beforehand, and the CPU time of each of
  its named stages (``loaders.extract.pipeline.STAGES``: sentences, mentions, resolve, relations,
  entities) measured with ``time.process_time``, which other processes on a shared machine do not
  stretch;
- ``merge``: ``KnowledgeGraph.add_extraction`` for every document (extractions made first, unprofiled);
- ``write``: ``write_store`` of the merged graph.

The report lists functions by inclusive share (the function and what it calls), by self share, and
the hottest lines, as percentages of the stage's samples.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import io
import pickle
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bangfu.bench.corpus import write_corpus
from bangfu.pipeline.pool import DocMeta, iter_extractions, warm_up
from graph.model import KnowledgeGraph
from graph.store.embedded import write_store
from loaders.document import Document
from loaders.extract.facts import Extraction
from loaders.extract.pipeline import STAGES as PIPELINE_STAGES
from loaders.extract.pipeline import State
from loaders.read import list_files, load_path

STAGES = ("ingest", "extract", "merge", "write")
_FRAME = re.compile(r"(.*) \((.*):(\d+)\)$")


# ---------------------------------------------------------------------------------------------- stages
def _extractions(corpus: Path) -> list[tuple[DocMeta, Extraction]]:
    return list(iter_extractions([corpus], 1))


def stage_ingest(corpus: Path, _cache: Path) -> None:
    warm_up()
    for _ in iter_extractions([corpus], 1):
        pass


def stage_extract(corpus: Path, _cache: Path) -> None:
    docs = [load_path(p) for p in list_files([corpus])]
    warm_up()
    spent = dict.fromkeys((name for name, _ in PIPELINE_STAGES), 0.0)
    for doc in docs:
        _extract_timed(doc, spent)
    text_mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(pipeline_breakdown(spent, text_mb))


def _extract_timed(doc: Document, spent: dict[str, float]) -> None:
    """extract_document's stages one by one (as it runs them), each one's CPU time added to spent."""
    st = State(doc)
    for name, stage in PIPELINE_STAGES:
        started = time.process_time()
        stage(st)
        spent[name] += time.process_time() - started


def pipeline_breakdown(spent: dict[str, float], text_mb: float) -> str:
    total = sum(spent.values())
    parts = ", ".join(f"{name} {seconds:.2f}" for name, seconds in spent.items())
    rate = f"{text_mb / total:.2f} MB/s" if total else "n/a"
    return f"extract_document CPU s over {text_mb:.1f} MB: {total:.2f} ({rate}); {parts}"


def _graph(corpus: Path, cache: Path) -> KnowledgeGraph:
    items = pickle.loads(cache.read_bytes())
    kg = KnowledgeGraph()
    for meta, ext in items:
        kg.add_extraction(ext, meta.as_meta())
    return kg


def stage_merge(corpus: Path, cache: Path) -> None:
    _graph(corpus, cache)


def stage_write(corpus: Path, cache: Path) -> None:
    kg = _graph(corpus, cache)
    with tempfile.TemporaryDirectory() as tmp:
        write_store(kg, Path(tmp) / "p.lbdb")


# ---------------------------------------------------------------------------------------------- report
def aggregate(raw_lines: list[str], only_below: str | None, top: int) -> str:
    """py-spy's raw (collapsed) stacks → inclusive, self and per-line shares of the samples."""
    incl: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    lines: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw_lines:
        stack, _, count = line.rstrip().rpartition(" ")
        if not count.isdigit():
            continue
        frames = stack.split(";")
        if only_below:
            idx = next((i for i, f in enumerate(frames) if f.startswith(only_below + " ")), None)
            if idx is None:
                continue
            frames = frames[idx:]
        n = int(count)
        total += n
        seen: set[str] = set()
        for f in frames:
            m = _FRAME.match(f)
            key = f"{m.group(1)} ({m.group(2)})" if m else f
            if key not in seen:
                incl[key] += n
                seen.add(key)
        m = _FRAME.match(frames[-1])
        own[f"{m.group(1)} ({m.group(2)})" if m else frames[-1]] += n
        lines[f"{m.group(2)}:{m.group(3)} {m.group(1)}" if m else frames[-1]] += n
    if not total:
        return "no samples"
    out = [f"{total} samples"]
    for title, counter in (("inclusive", incl), ("self", own), ("hottest lines", lines)):
        out.append(f"-- {title}")
        out += [f"{100 * v / total:5.1f}%  {k}" for k, v in counter.most_common(top)]
    return "\n".join(out)


def _py_spy() -> str | None:
    local = Path(sys.executable).with_name("py-spy")
    return str(local) if local.exists() else shutil.which("py-spy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="profile one stage on the benchmark corpus")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--stage", choices=STAGES, default="ingest")
    parser.add_argument("--dir", help="where the corpus (and cached extractions) live; default a temp dir")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--cprofile", action="store_true", help="use cProfile even if py-spy is here")
    parser.add_argument("--run", nargs=2, metavar=("STAGE", "DIR"), help=argparse.SUPPRESS)  # the child
    args = parser.parse_args(argv)

    if args.run:  # the profiled child: run one stage and exit
        stage, base = args.run[0], Path(args.run[1])
        globals()[f"stage_{stage}"](base / "corpus", base / "extractions.pickle")
        return 0

    base = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="bangfu-profile-"))
    try:
        corpus, cache = base / "corpus", base / "extractions.pickle"
        if not corpus.exists():
            write_corpus(corpus, args.docs, args.seed)
        if args.stage != "ingest" and not cache.exists():
            cache.write_bytes(pickle.dumps(_extractions(corpus)))
        spy = None if args.cprofile else _py_spy()
        started = time.perf_counter()
        child = [sys.executable, "-m", "bangfu.bench.profile", "--run", args.stage, str(base)]
        if spy:
            raw = base / f"{args.stage}.raw"
            subprocess.run(
                [spy, "record", "-r", "250", "-f", "raw", "-o", str(raw), "--", *child], check=True
            )
            below = {
                "ingest": "_process",
                "extract": "_extract_timed",
                "merge": "KnowledgeGraph.add_extraction",
                "write": "write_store",
            }
            report = aggregate(raw.read_text().splitlines(), below[args.stage], args.top)
        else:
            prof = cProfile.Profile()
            prof.runcall(globals()[f"stage_{args.stage}"], corpus, cache)
            stream = io.StringIO()
            stats = pstats.Stats(prof, stream=stream).strip_dirs()
            stats.sort_stats("cumulative").print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
            report = stream.getvalue()
        print(
            f"stage {args.stage}, {args.docs} documents, {time.perf_counter() - started:.1f} s with profiling"
        )
        print(report)
    finally:
        if not args.dir:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
