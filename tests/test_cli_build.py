"""`bangfu build` on the sample corpus: twice gives identical counts, bad files are reported and
skipped, worker processes change nothing, progress goes to stderr.

These run the real loaders and extraction pipeline.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import bangfu

from graph.store.embedded import open_store

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS, folder)
    return folder


def store_counts(store: Path) -> dict[str, int]:
    with open_store(store) as s:
        rows = s.query("MATCH (n) RETURN label(n) AS l, count(*) AS c").rows
        rows += s.query("MATCH ()-[r]->() RETURN label(r) AS l, count(*) AS c").rows
    return dict(rows)


def test_build_twice_identical(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    store = tmp_path / "store" / "bangfu.lbdb"
    assert bangfu("build", str(corpus), "--store", str(store), "--quiet") == 0
    first_out = capsys.readouterr().out
    first = store_counts(store)
    assert bangfu("build", str(corpus), "--store", str(store), "--quiet") == 0
    second_out = capsys.readouterr().out
    assert store_counts(store) == first
    summary = [line for line in first_out.splitlines() if not line.startswith("time")]
    assert summary == [line for line in second_out.splitlines() if not line.startswith("time")]
    n_docs = len(list(CORPUS.iterdir()))
    assert f"documents  {n_docs}" in first_out and first["Document"] == n_docs
    assert first.get("ASSISTS", 0) > 0 and first.get("MENTIONED_IN", 0) > 0


def test_bad_files_are_reported_and_the_rest_goes_on(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    (corpus / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf \x00\x01\x02")
    (corpus / "huge.txt").write_bytes("湖南省".encode() * 400_000)  # 3.6 MB > --max-mb 1
    store = tmp_path / "bangfu.lbdb"
    assert bangfu("build", str(corpus), "--store", str(store), "--quiet", "--max-mb", "1") == 0
    out = capsys.readouterr().out
    assert f"documents  {len(list(CORPUS.iterdir()))}" in out
    assert "skipped    2" in out
    assert "broken.pdf" in out and "huge.txt" in out


def test_worker_processes_give_the_same_store(corpus: Path, tmp_path: Path) -> None:
    # three copies of each document, each with its own last line, so that there are more files than
    # one batch and the build really runs in worker processes
    for f in sorted(corpus.iterdir()):
        for i in (1, 2):
            (corpus / f"{f.stem}-copy{i}{f.suffix}").write_bytes(f.read_bytes() + f"\n附注{i}\n".encode())
    one, two = tmp_path / "one.lbdb", tmp_path / "two.lbdb"
    assert bangfu("build", str(corpus), "--store", str(one), "--quiet", "--workers", "1") == 0
    assert bangfu("build", str(corpus), "--store", str(two), "--quiet", "--workers", "2") == 0
    assert store_counts(one) == store_counts(two)
    assert store_counts(one)["Document"] == 3 * len(list(CORPUS.iterdir()))


def test_progress_on_stderr(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert bangfu("build", str(corpus), "--store", str(tmp_path / "b.lbdb")) == 0
    captured = capsys.readouterr()
    assert "documents" in captured.err and "/" in captured.err
    assert "documents" in captured.out  # the summary stays on stdout


def test_analyst_queries_agree_on_the_sample_corpus(corpus: Path, tmp_path: Path) -> None:
    from bangfu.planner.catalogue import ANALYST_QUERIES, checked
    from graph.store.readback import load_graph

    store = tmp_path / "bangfu.lbdb"
    assert bangfu("build", str(corpus), "--store", str(store), "--quiet") == 0
    kg = load_graph(store)
    with open_store(store) as s:
        for q in checked():
            assert s.query(q.cypher, q.params).rows == q.answer(kg.graph), q.name
        assert s.query(ANALYST_QUERIES["helpers_of"].cypher, {"county": "龙山县"}).rows  # 长沙 → 龙山
        unpaired = s.query(ANALYST_QUERIES["unpaired"].cypher, {"designation": "hunan-51"}).rows
        assert len(unpaired) > 20  # every county of the list is in the graph, mentioned or not
