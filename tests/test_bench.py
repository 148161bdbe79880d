"""The benchmark: its corpus is realistic and deterministic, and `bangfu bench` always prints every row.

The smoke test runs the whole benchmark at tiny N. It asserts the shape of the output (every row of the
table, the final `bench-summary` line with every key), never a time: timings belong in
docs/benchmarks.md, not in a test that must pass on any machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import io
import re

import pytest

from bangfu.bench import corpus
from bangfu.bench import run as bench_run
from bangfu.bench.run import ROW_NAMES, SUMMARY_KEYS, percentiles, run_bench


def bangfu_bench(*argv: str) -> int:
    """`bangfu bench …` in-process, with only this subcommand registered."""
    import bangfu.cli.bench

    parser = argparse.ArgumentParser(prog="bangfu")
    bangfu.cli.bench.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["bench", *argv])
    return int(args.func(args) or 0)


def _check_output(text: str, n_docs: int, na: frozenset[str] = frozenset()) -> dict[str, str]:
    """Every row and summary key there; the keys in ``na`` (steps that failed) "n/a", the rest numbers."""
    for name in ROW_NAMES:
        assert re.search(rf"^\| {re.escape(name)} \| ", text, re.M), f"row {name!r} missing:\n{text}"
    last = text.rstrip("\n").splitlines()[-1]
    assert last.startswith("bench-summary "), last
    pairs = dict(item.split("=", 1) for item in last.split()[1:])
    assert list(pairs) == list(SUMMARY_KEYS)
    assert pairs["docs"] == str(n_docs)
    assert {k for k, v in pairs.items() if v == "n/a"} == na
    for key, value in pairs.items():
        assert key in na or re.fullmatch(r"\d+(\.\d+)?", value), (key, value)
    return pairs


def test_bench_smoke_prints_every_row_and_summary_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert bangfu_bench("--docs", "4", "--workers", "2", "--repeat", "2") == 0
    out = capsys.readouterr().out
    _check_output(out, 4)
    memory = next(line for line in out.splitlines() if line.startswith("| peak memory |"))
    # sampled over the build's processes, phase by phase, not the sum of each process's own peak
    for phase in ("read+extract+merge", "buckets merged", "COPY FROM"):
        assert f"{phase} " in memory, memory


def test_bench_keeps_corpus_and_store_when_asked(tmp_path) -> None:
    out = io.StringIO()
    report = run_bench(3, 1, keep=tmp_path, repeat=1, out=out, log=io.StringIO())
    _check_output(out.getvalue(), 3)
    assert len(list((tmp_path / "corpus").rglob("*.*"))) == 3
    assert report.rows["corpus"].result.startswith("3 docs")


def test_a_failed_stage_is_na_and_so_is_what_needs_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The graph stage breaks (provoked here): its row says why, the rows needing a graph or a store
    say what is missing, and the stages that need neither still run."""

    def broken(run: bench_run.Run) -> None:
        raise RuntimeError("disk full\nsecond line")

    stages = tuple(
        dataclasses.replace(st, run=broken) if st.row == "load+extract, parallel" else st
        for st in bench_run.STAGES
    )
    monkeypatch.setattr(bench_run, "STAGES", stages)
    out = io.StringIO()
    report = run_bench(3, 1, repeat=1, out=out, log=io.StringIO())
    rows = report.rows
    assert (rows["load+extract, parallel"].result, rows["load+extract, parallel"].detail) == (
        "n/a",
        "failed: RuntimeError: disk full",
    )
    for name in ("store build", "build end to end", "unpaired report", "entity search"):
        assert (rows[name].result, rows[name].detail) == ("n/a", "no graph (ingestion failed)"), name
    assert rows["Cypher 2-hop"].detail == "no store"
    assert rows["load+extract, 1 process"].result.endswith("MB/s")
    assert rows["peak memory"].result.endswith("MB")
    _check_output(out.getvalue(), 3, na=frozenset({"build_s", "unpaired_ms", "cypher_2hop_ms", "search_ms"}))


def test_main_lists_the_bench_subcommand() -> None:
    from bangfu.cli.main import SUBCOMMANDS

    assert "bangfu.cli.bench" in SUBCOMMANDS


def test_percentiles() -> None:
    assert percentiles([3.0, 1.0, 2.0]) == (2.0, 3.0)
    med, p95 = percentiles([float(i) for i in range(1, 101)])
    assert med == 50.5 and p95 == 95.0


# ---------------------------------------------------------------------------------------------- corpus
def test_corpus_is_deterministic_and_independent_per_document() -> None:
    a = [d[:3] for d in corpus.iter_corpus(12, seed=3)]
    b = [d[:3] for d in corpus.iter_corpus(12, seed=3)]
    assert a == b
    assert corpus.document(7, seed=3)[:3] == a[7]  # document 7 without the other eleven
    assert [d[:3] for d in corpus.iter_corpus(12, seed=4)] != a


def test_corpus_has_every_style_and_realistic_sizes(tmp_path) -> None:
    stats = corpus.write_corpus(tmp_path, 80, seed=0)
    assert stats.documents == 80 and set(stats.styles) == set(corpus.STYLES)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(files) == 80
    texts: dict[str, list[str]] = {}
    for path in files:
        style = path.stem.split("_", 1)[1]
        data = path.read_bytes()
        if style == "gbk":
            with pytest.raises(UnicodeDecodeError):
                data.decode("utf-8")
            text = data.decode("gb18030")
        else:
            text = data.decode("utf-8")
        assert 1_500 <= len(text.encode("utf-8")) <= 20_000, (path.name, len(text.encode("utf-8")))
        texts.setdefault(style, []).append(text)
    assert all(t.startswith("---\nlayout: post\ntitle: ") for t in texts["html"])
    assert any("<p>" in t for t in texts["html"])
    assert any(re.search(r"[\u4e00-\u9fff]\n\n[\u4e00-\u9fff]", t) for t in texts["markdown"])  # page break
    trad = "".join(texts["traditional"])
    assert re.search(r"[\u4e00-\u9fff]\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", trad)  # 中(zhōng)央
    assert "協作" in trad and "幫扶" in trad  # in traditional characters, not converted
    assert stats.sentences["assists"] > 80 and stats.sentences["distractors"] > 80


def test_corpus_names_real_places_and_reference_pairings() -> None:
    places = corpus.load_places()
    assert len(places.counties) > 2_000, "the gazetteer's counties"
    docs = [corpus.document(i, seed=0) for i in range(60)]
    text = "".join(data.decode("gb18030" if style == "gbk" else "utf-8") for _, style, data, _ in docs)
    named = [p.name for p in places.counties if p.name in text]
    assert len(named) > 50
    pairings = corpus.load_reference_pairings()
    assert any(h in text and t in text for h, t, _ in pairings)
