"""`bangfu export` reads the store a build wrote and writes each format."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from cli_helpers import bangfu
from graph_helpers import sample_graph

from graph.store.embedded import write_store


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv", "cypher"])
def test_export_from_store(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture) -> None:
    kg = sample_graph()
    store = tmp_path / "b.lbdb"
    write_store(kg, store)
    out = tmp_path / "out" / f"graph.{fmt}"
    assert bangfu("export", "--format", fmt, "--out", str(out), "--store", str(store)) == 0
    assert out.exists()
    n, m = kg.graph.number_of_nodes(), kg.graph.number_of_edges()
    assert f"{n} nodes, {m} edges" in capsys.readouterr().out
    if fmt == "graphml":
        again = nx.read_graphml(out, force_multigraph=True)
        assert (again.number_of_nodes(), again.number_of_edges()) == (n, m)


def test_export_without_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert (
        bangfu("export", "-f", "json", "-o", str(tmp_path / "g.json"), "--store", str(tmp_path / "no.lbdb"))
        == 1
    )
    assert "bangfu build" in capsys.readouterr().err
