"""`bangfu query` bounds and parameters: a row limit and a timeout on every query (a cut result says
so), a $parameter the command does not give is an error naming it, a --param the query does not use is a
warning. On a real store file."""

from __future__ import annotations

import json

import pytest
from cli_helpers import bangfu
from graph_helpers import sample_graph

from graph.store import readonly
from graph.store.embedded import open_store, write_store

REGIONS = "MATCH (r:Region) RETURN r.id AS id ORDER BY id"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bounds") / "bangfu.lbdb"
    write_store(sample_graph(), path)
    return str(path)


def region_count(store: str) -> int:
    with open_store(store) as s:
        return s.query("MATCH (r:Region) RETURN count(r) AS n").rows[0][0]


def test_limit_cuts_and_says_so(store: str, capsys: pytest.CaptureFixture) -> None:
    total = region_count(store)
    assert total > 3
    assert bangfu("query", REGIONS, "--limit", "3", "--format", "json", "--store", store) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == 3
    assert f"the result was cut at 3 of {total} rows" in err and "--limit" in err


def test_a_result_within_the_limit_is_not_cut(store: str, capsys: pytest.CaptureFixture) -> None:
    total = region_count(store)
    assert bangfu("query", REGIONS, "--limit", str(total), "--format", "json", "--store", store) == 0
    out, err = capsys.readouterr()
    assert len(json.loads(out)) == total and "cut" not in err


def test_store_query_reports_the_cut(store: str) -> None:
    with open_store(store) as s:
        cut = s.query(REGIONS, limit=2)
        whole = s.query(REGIONS)
    assert cut.rows == whole.rows[:2] and cut.truncated and cut.total == len(whole.rows)
    assert not whole.truncated


def test_the_default_limit_applies(store: str, capsys: pytest.CaptureFixture) -> None:
    from bangfu.cli.query import DEFAULT_LIMIT

    cypher = f"UNWIND range(1, {DEFAULT_LIMIT + 5}) AS x RETURN x"
    assert bangfu("query", cypher, "--format", "csv", "--store", store) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == DEFAULT_LIMIT + 1  # header + the limit
    assert f"cut at {DEFAULT_LIMIT} of {DEFAULT_LIMIT + 5} rows" in err


def test_timeout_stops_a_long_query(store: str, capsys: pytest.CaptureFixture) -> None:
    cypher = "MATCH p = (a)-[*1..12]-(b) RETURN count(*) AS walks"
    assert bangfu("query", cypher, "--timeout", "0.2", "--store", store) == 1
    err = capsys.readouterr().err
    assert err.startswith("bangfu query: query stopped by the timeout") and err.count("\n") == 1


@pytest.mark.parametrize(("flag", "value"), [("--timeout", "0"), ("--limit", "0"), ("--limit", "-5")])
def test_no_unbounded_queries(store: str, flag: str, value: str, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        bangfu("query", "RETURN 1 AS x", flag, value, "--store", store)
    assert exit_.value.code == 2 and "must be more than 0" in capsys.readouterr().err


def test_missing_parameter_is_an_error_naming_it(store: str, capsys: pytest.CaptureFixture) -> None:
    cypher = "MATCH (c:Region {id: $region})<-[:ASSISTS]-(h) WHERE h.name <> $skip RETURN h.name AS h"
    assert bangfu("query", cypher, "-p", "region=region:433130", "--store", store) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert "$skip" in err and "--param skip=" in err and "$region" not in err


def test_unused_parameter_is_a_warning(store: str, capsys: pytest.CaptureFixture) -> None:
    cypher = "MATCH (c:Region {id: $region}) RETURN c.name AS name"
    assert bangfu("query", cypher, "-p", "region=region:433130", "-p", "regoin=x", "--store", store) == 0
    out, err = capsys.readouterr()
    assert "龙山县" in out
    assert err == "bangfu query: warning: --param regoin is not used by the query (no $regoin in it)\n"


def test_parameters_in_strings_and_comments_do_not_count() -> None:
    cypher = "RETURN '$a' AS s, $b AS b // $c\n, $`d e` AS d /* $f */, $b AS again"
    assert readonly.parameters(cypher) == ["b", "d e"]
    assert readonly.parameter_gaps(cypher, {"b": 1, "z": 2}) == (["d e"], ["z"])
