"""`bangfu query` on the embedded store: formats, parameters, read-only refusal, one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from cli_helpers import bangfu
from graph_helpers import sample_graph

from bangfu.cli.query import parse_params, write_table
from bangfu.planner.catalogue import ANALYST_QUERIES
from graph.store.embedded import write_store


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bangfu.cli") / "bangfu.lbdb"
    write_store(sample_graph(), path)
    return str(path)


def test_table_output(store: str, capsys: pytest.CaptureFixture) -> None:
    q = ANALYST_QUERIES["helpers_of"]
    assert bangfu("query", q.cypher, "--param", "county=龙山县", "--store", store) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["helper", "via", "mechanism", "evidence"]
    assert "济南市" in out[2] and "长沙市" in out[3] and out[-1] == "(3 rows)"


def test_json_and_csv_output(store: str, capsys: pytest.CaptureFixture) -> None:
    cypher = "MATCH (n:Region) WHERE n.level = $level RETURN n.id AS id, n.aliases AS aliases ORDER BY id"
    assert bangfu("query", cypher, "-p", "level=county", "--format", "json", "--store", store) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"id": "region:430523", "aliases": ["邵阳县"]}
    assert bangfu("query", cypher, "-p", "level=county", "--format", "csv", "--store", store) == 0
    table = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert table[0] == ["id", "aliases"] and table[1] == ["region:430523", '["邵阳县"]']


def test_json_parameters(store: str, capsys: pytest.CaptureFixture) -> None:
    q = ANALYST_QUERIES["mechanisms_since"]
    assert bangfu("query", q.cypher, "-p", "since:=2000", "--format", "json", "--store", store) == 0
    assert len(json.loads(capsys.readouterr().out)) == 4


def test_write_refused_without_write_flag(store: str, capsys: pytest.CaptureFixture) -> None:
    assert bangfu("query", "CREATE (:Agency {id: 'agency:x'})", "--store", store) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "read-only" in err and "--write" in err


def test_write_allowed_with_flag(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "w.lbdb"
    write_store(sample_graph(), path)
    assert (
        bangfu("query", "CREATE (:Agency {id: 'agency:x', name: 'X'})", "--write", "--store", str(path)) == 0
    )
    assert capsys.readouterr().out == "(0 rows)\n"
    bangfu(
        "query",
        "MATCH (n:Agency {id: 'agency:x'}) RETURN n.name AS name",
        "--format",
        "json",
        "--store",
        str(path),
    )
    assert json.loads(capsys.readouterr().out) == [{"name": "X"}]


@pytest.mark.parametrize("bad", ["MATCH (n RETURN n", "MATCH (n:Nope) RETURN n", "RETURN toString(1) AS s"])
def test_engine_errors_one_line_nonzero(store: str, bad: str, capsys: pytest.CaptureFixture) -> None:
    assert bangfu("query", bad, "--store", store) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith("bangfu query: ") and captured.err.count("\n") == 1


def test_missing_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert bangfu("query", "RETURN 1 AS x", "--store", str(tmp_path / "none.lbdb")) == 1
    assert "bangfu build" in capsys.readouterr().err


def test_store_from_environment(
    store: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setenv("BANGFU_STORE", store)
    assert bangfu("query", "MATCH (d:Document) RETURN count(d) AS docs", "--format", "csv") == 0
    assert capsys.readouterr().out.splitlines() == ["docs", "4"]


def test_pitfall_warning(store: str, capsys: pytest.CaptureFixture) -> None:
    cypher = "MATCH (n:Region) WITH n ORDER BY n.id DESC LIMIT 2 RETURN collect(n.id) AS ids"
    assert bangfu("query", cypher, "--store", store) == 0
    assert "warning: ladybug 0.22 ignores ORDER BY" in capsys.readouterr().err


def test_parse_params() -> None:
    assert parse_params(["a=1", "b:=1", "c:=[1, 2]", "d=x=y", "e="]) == {
        "a": "1",
        "b": 1,
        "c": [1, 2],
        "d": "x=y",
        "e": "",
    }
    with pytest.raises(ValueError):
        parse_params(["novalue"])
    with pytest.raises(ValueError):
        parse_params(["x:={"])


def test_table_aligns_chinese() -> None:
    out = io.StringIO()
    write_table(["name", "n"], [["长沙市", 1], ["x", None]], out)
    lines = out.getvalue().splitlines()
    assert lines[2] == "长沙市  1" and lines[3] == "x"
