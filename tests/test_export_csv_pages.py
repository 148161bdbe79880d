"""`bangfu export --format csv` writes the neo4j-admin files from the store's pages, never holding the
whole graph: the files are those the graph read back from the same store gives, row for row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from cli_helpers import bangfu

from bangfu.bench.corpus import write_corpus
from bangfu.pipeline.build import build_store
from graph.export.csv import write_csv, write_csv_rows
from graph.store.embedded import open_store
from graph.store.pages import edge_row_pages, node_row_pages
from graph.store.readback import load_graph

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


def _files(folder: Path) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Each CSV file's header and its rows in a fixed order (rows come in page order)."""
    out = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", newline="") as f:
            header, *rows = list(csv.reader(f))
        out[path.name] = (header, sorted(rows))
    return out


def test_files_from_small_pages_equal_the_files_from_the_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 120, seed=3)
    store = tmp_path / "s.lbdb"
    build_store([str(corpus), str(CORPUS)], store)
    from_graph, from_pages = tmp_path / "graph", tmp_path / "pages"
    written_graph = write_csv(load_graph(store).graph, from_graph)
    with open_store(store) as s:  # pages far smaller than a table: every table spans several
        written_pages = write_csv_rows(
            node_row_pages(s, page_rows=40), edge_row_pages(s, page_rows=150), from_pages
        )
    assert [p.name for p in written_pages] == [p.name for p in written_graph]
    graph_files, page_files = _files(from_graph), _files(from_pages)
    assert page_files == graph_files
    assert len(page_files["relationships_MENTIONED_IN.csv"][1]) > 150 * 3
    assert (from_pages / "import.txt").read_text("utf-8") == (from_graph / "import.txt").read_text("utf-8")


def test_the_cli_exports_csv_from_the_store_and_counts_what_it_wrote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.lbdb"
    build_store([str(CORPUS)], store)
    with open_store(store) as s:
        nodes = s.query("MATCH (n) RETURN count(n)").rows[0][0]
        edges = s.query("MATCH ()-[r]->() RETURN count(r)").rows[0][0]
    assert bangfu("export", "--format", "csv", "--out", str(tmp_path / "out"), "--store", str(store)) == 0
    assert f"{nodes} nodes, {edges} edges" in capsys.readouterr().out
    rows = sum(len(rows) for _header, rows in _files(tmp_path / "out").values())
    assert rows == nodes + edges
