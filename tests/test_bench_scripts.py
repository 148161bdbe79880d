"""The benchmark scripts that took over the timed tests: they run and print one line per figure.

No figure is asserted (a time depends on the machine); what is asserted is that each script measures
what it says: every query and every loader gets its line, and the synthetic index ranks as a real one.
"""

from __future__ import annotations

import re

import pytest

from bangfu.bench import jieba_bench, load_bench, search_bench


def test_search_bench_prints_every_query(capsys: pytest.CaptureFixture[str]) -> None:
    search_bench.main(["--entities", "2000", "--repeat", "1"])
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"index: 2,001 entities, built in \d+\.\d\d s", lines[0]), lines[0]
    queries = [line.split()[0] for line in lines[1:]]
    assert queries == list(search_bench.QUERIES)
    assert all(re.search(r"best of 1: +\d+\.\d\d ms \(\d+ hits\)$", line) for line in lines[1:]), lines


def test_the_busiest_entry_wins_among_thousands_of_similar_names() -> None:
    index = search_bench.synthetic_index(20_000, seed=0)
    assert index.search("龍山")[0].node_id == "region:433130"  # traditional query, alias, weight 50


def test_load_bench_prints_every_loader(capsys: pytest.CaptureFixture[str]) -> None:
    load_bench.main(["--repeat", "1"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == list(load_bench.LOADERS)
    assert all(re.search(r"best of 1: +\d+ ms$", line) for line in lines), lines


def test_jieba_bench_times_both_on_the_same_documents(capsys: pytest.CaptureFixture[str]) -> None:
    jieba_bench.main(["--docs", "5", "--rounds", "1"])
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"extraction \d+\.\d\d× jieba's speed \(\d+\.\d\d× with loading\)", lines[0]), lines
    assert lines[1].startswith("5 documents, "), lines[1]
    pairs = dict(item.split("=", 1) for item in lines[2].split()[1:])
    assert lines[2].startswith("jieba-summary ") and pairs["docs"] == "5"
    extract, jieba = float(pairs["extract_mb_s"]), float(pairs["jieba_mb_s"])
    assert extract > 0 and jieba > 0
    # the ratio is the two rates' quotient (the same text in both), not a figure of its own
    assert float(pairs["ratio"]) == pytest.approx(extract / jieba, rel=0.02, abs=0.01)
