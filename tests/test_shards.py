"""A corpus extracted in shards and merged once: `bangfu extract --files-from --workers --out` then
`bangfu build --facts`, the way a corpus too big for one machine is run (docs/benchmarks.md).

What must hold: the facts lines do not depend on the number of worker processes; the store merged
from shard facts files (plain and gzip) is the store a build of all the documents writes, node for
node, property for property; a bad line in a facts file is reported by file and line and the rest is
merged; a document in two shards is merged once and reported.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from test_flat_build import store_rows

from bangfu.bench.corpus import write_corpus
from bangfu.pipeline.build import build_store
from loaders.read import list_files


def bangfu(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bangfu.cli", *argv], capture_output=True, text=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("shards") / "corpus"
    write_corpus(root, 60, seed=11)
    return root


def test_facts_lines_are_the_same_with_one_or_two_workers(corpus: Path, tmp_path: Path) -> None:
    one, two = (
        bangfu("extract", "--workers", "1", str(corpus)),
        bangfu("extract", "--workers", "2", str(corpus)),
    )
    assert one.returncode == two.returncode == 0
    assert len(one.stdout.splitlines()) == 60
    assert one.stdout == two.stdout
    assert "60 document(s) read" in two.stderr


def test_store_from_shard_facts_equals_store_from_documents(corpus: Path, tmp_path: Path) -> None:
    files = list(list_files([corpus]))
    shards = [files[0::3], files[1::3], files[2::3]]
    facts = []
    for i, shard in enumerate(shards):
        listing = tmp_path / f"shard-{i}.txt"
        listing.write_text("# shard of the test corpus\n" + "\n".join(shard) + "\n\n", encoding="utf-8")
        out = tmp_path / (f"facts-{i}.jsonl.gz" if i else f"facts-{i}.jsonl")
        done = bangfu("extract", "--files-from", str(listing), "--workers", "2", "--out", str(out))
        assert done.returncode == 0, done.stderr
        assert not Path(f"{out}.partial").exists()
        facts.append(str(out))
    assert gzip.open(facts[1], "rt", encoding="utf-8").readline().startswith('{"doc"')

    whole, merged = tmp_path / "whole.lbdb", tmp_path / "merged.lbdb"
    build_store([str(corpus)], whole)
    report = build_store([], merged, facts=facts)
    assert report.skipped == [] and report.read == 60
    assert store_rows(merged) == store_rows(whole)


def test_bad_lines_and_repeated_documents_are_reported_and_the_rest_merged(
    corpus: Path, tmp_path: Path
) -> None:
    lines = bangfu("extract", str(corpus)).stdout.splitlines()
    good = tmp_path / "good.jsonl"
    good.write_text("\n".join(lines[:10]) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        "\n".join([lines[10], "{not json", '{"entities": []}', "[1, 2]", lines[0], lines[11]]) + "\n",
        encoding="utf-8",
    )
    store = tmp_path / "s.lbdb"
    report = build_store([], store, facts=[str(good), str(bad), str(tmp_path / "missing.jsonl")])
    assert report.read == 12  # 10 + lines 10 and 11; line 0 again is the same document
    reasons = dict(report.skipped)
    assert reasons[f"{bad}:2"].startswith("not JSON")
    assert reasons[f"{bad}:3"] == "not a facts record: no doc.id"
    assert reasons[f"{bad}:4"].startswith("not a facts record")
    assert reasons[str(tmp_path / "missing.jsonl")] == "no such file"
    first_path = json.loads(lines[0])["doc"]["path"]
    assert any(
        reason.startswith("same content as") and where == first_path for where, reason in report.skipped
    )
    assert len(report.skipped) == 5


def test_cli_refuses_documents_and_facts_together_and_names_a_missing_list(
    corpus: Path, tmp_path: Path
) -> None:
    both = bangfu("build", str(corpus), "--facts", "x.jsonl", "--store", str(tmp_path / "s.lbdb"))
    assert both.returncode == 2 and "not both" in both.stderr
    missing = bangfu("extract", "--files-from", str(tmp_path / "nolist.txt"))
    assert missing.returncode == 1
    assert f"{tmp_path / 'nolist.txt'}: no such file" in missing.stderr
    nothing = bangfu("extract")
    assert nothing.returncode == 1 and "nothing to read" in nothing.stderr
