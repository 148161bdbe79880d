"""The benchmark scripts that took over the timed tests: they run and print one line per figure.

No figure is asserted (a time depends on the machine); what is asserted is that each script measures
what it says: every query and every loader gets its line, and the synthetic index ranks as a real one.
"""

from __future__ import annotations

import re

import pytest

from bangfu.bench import load_bench, search_bench


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
