"""The embedded ladybug store: builds, read-only queries, errors, atomic swaps, reading the graph back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from graph_helpers import FakeGazetteer, extraction_a, extraction_b, sample_graph

from graph.model import KnowledgeGraph
from graph.store.embedded import (
    STORE_ENV,
    StoreError,
    compatibility_warnings,
    default_store_path,
    open_store,
    write_store,
)
from graph.store.readback import load_graph

COUNTS = "MATCH (n) RETURN count(n) AS nodes"
EDGES = "MATCH ()-[r]->() RETURN count(r) AS edges"


make_graph = sample_graph


def counts(path: Path) -> tuple[int, int]:
    with open_store(path) as store:
        return store.query(COUNTS).rows[0][0], store.query(EDGES).rows[0][0]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "store" / "bangfu.lbdb"
    write_store(make_graph(), path)
    return path


def test_store_holds_the_graph(store: Path) -> None:
    kg = make_graph()
    assert counts(store) == (kg.graph.number_of_nodes(), kg.graph.number_of_edges())
    with open_store(store) as s:
        rows = s.query(
            "MATCH (a:Region {id: $a})-[r:ASSISTS]->(b:Region) RETURN b.name AS b, r.mechanism AS m, "
            "r.n_evidence AS n, r.first_year AS y0, r.last_year AS y1 ORDER BY m",
            {"a": "region:430100"},
        ).rows
        assert rows == [["龙山县", "对口帮扶", 2, 2020, 2022], ["龙山县", "消费帮扶", 1, 2023, 2023]]
        aliases = s.query("MATCH (n:Region {id: 'region:430100'}) RETURN n.aliases AS a").rows
        assert aliases == [[["长沙", "长沙市"]]]
        labels = s.query("MATCH (n) RETURN label(n) AS l, count(*) AS c ORDER BY l").rows
        assert dict(labels) == kg.summary()["entities"] | {"Document": 4}


def test_build_twice_gives_identical_counts_and_answers(tmp_path: Path) -> None:
    path = tmp_path / "b.lbdb"
    answers = []
    for _ in range(2):
        write_store(make_graph(), path)
        with open_store(path) as s:
            answers.append(
                (
                    counts(path),
                    s.query(
                        "MATCH (a)-[r]->(b) RETURN a.id, r.key, b.id, r.evidence ORDER BY a.id, r.key, b.id"
                    ).rows,
                )
            )
    assert answers[0] == answers[1]
    assert list(tmp_path.iterdir()) == [path]  # no temporary files left behind


def test_remove_a_document_then_rebuild(tmp_path: Path) -> None:
    path = tmp_path / "b.lbdb"
    kg = make_graph()
    kg.remove_document("b003")
    write_store(kg, path)
    with open_store(path) as s:
        assert s.query("MATCH (d:Document {id: 'doc:b003'}) RETURN d.id").rows == []
        assert s.query("MATCH (:Region {id: 'region:430300'})-[r:ASSISTS]->() RETURN r.key").rows == []
        shared = s.query(
            "MATCH (:Region {id: 'region:430100'})-[r:ASSISTS {mechanism: '对口帮扶'}]->(:Region {id: 'region:433130'}) "
            "RETURN r.n_evidence AS n"
        ).rows
        assert shared == [[1]]


@pytest.mark.parametrize(
    "query",
    [
        "CREATE (:Agency {id: 'agency:x', name: 'X'})",
        "MATCH (n:Region) SET n.name = 'x'",
        "MATCH (n:Document) DETACH DELETE n",
        "MERGE (:Brand {id: 'brand:x'})",
    ],
)
def test_write_query_refused_in_read_only_mode(store: Path, query: str) -> None:
    before = counts(store)
    with open_store(store) as s, pytest.raises(StoreError, match="read-only.*--write"):
        s.query(query)
    assert counts(store) == before


def test_write_allowed_when_asked(store: Path) -> None:
    with open_store(store, read_only=False) as s:
        s.query("CREATE (:Agency {id: 'agency:x', name: 'X'})")
    assert counts(store)[0] == make_graph().graph.number_of_nodes() + 1


def test_engine_errors_are_one_line(store: Path) -> None:
    with open_store(store) as s:
        for bad in ("MATCH (n RETURN n", "MATCH (n:Nope) RETURN n", "MATCH (n:Region) RETURN n.nope"):
            with pytest.raises(StoreError) as info:
                s.query(bad)
            assert "\n" not in str(info.value) and str(info.value)


_RUNAWAY_QUERY = textwrap.dedent(
    """
    from graph.store.embedded import StoreError, open_store

    with open_store({store!r}) as s:
        try:
            s.query("MATCH p = (a)-[*1..12]-(b) RETURN count(*) AS walks", timeout_ms=200)
        except StoreError as exc:
            print(exc)
    """
)


def test_query_timeout(store: Path) -> None:
    """Without its timeout this walk runs until it holds gigabytes, and ladybug does not give the
    interpreter back, so no in-process limit can stop it: the child process is killed instead."""
    code = _RUNAWAY_QUERY.format(store=str(store))
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            cwd=Path(__file__).parent.parent,
            capture_output=True,
            text=True,
            timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("a query with timeout_ms=200 was still running after 30 s: the timeout is not applied")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("query stopped by the timeout ("), done.stdout


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="bangfu build"):
        open_store(tmp_path / "nothing.lbdb")


def test_default_store_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(STORE_ENV, raising=False)
    assert default_store_path() == Path("data/store/bangfu.lbdb")
    monkeypatch.setenv(STORE_ENV, "/x/y.lbdb")
    assert default_store_path() == Path("/x/y.lbdb")


def test_values_come_back_plain(store: Path) -> None:
    with open_store(store) as s:
        total = s.query("MATCH ()-[r:ASSISTS]->() RETURN sum(r.n_evidence) AS s").rows[0][0]
        assert total == 8 and type(total) is int  # ladybug's SUM gives a Decimal
        node = s.query("MATCH (n:Document {id: 'doc:b003'}) RETURN n AS n").rows[0][0]
        assert node["_LABEL"] == "Document" and node["doc_number"] == "湘扶领办发〔2020〕4号"
        assert "_ID" not in node


def test_compatibility_warnings() -> None:
    assert compatibility_warnings("MATCH (n) WITH n ORDER BY n.name LIMIT 3 RETURN collect(n.name)")
    assert compatibility_warnings("MATCH (a)-[*]-(b) RETURN b")
    assert compatibility_warnings("MATCH (a)-[:PART_OF*2..]-(b) RETURN b")
    assert not compatibility_warnings("MATCH (a)-[:PART_OF*0..2]->(b) RETURN b ORDER BY b.id LIMIT 3")


def test_graph_read_back_from_the_store(store: Path) -> None:
    kg = make_graph()
    again = load_graph(store, gazetteer=FakeGazetteer())
    assert again.document_ids == kg.document_ids
    assert _snapshot(again) == _snapshot(kg)
    # the replayed graph keeps per-document bookkeeping: removal is still exact
    again.remove_document("b003")
    kg.remove_document("b003")
    assert _snapshot(again) == _snapshot(kg)


def test_designations_survive_the_store(tmp_path: Path) -> None:
    kg = make_graph()
    kg.annotate("region:433130", designations=["湖南51个脱贫县"])
    write_store(kg, tmp_path / "s.lbdb")
    again = load_graph(tmp_path / "s.lbdb", gazetteer=FakeGazetteer())
    assert again.graph.nodes["region:433130"]["designations"] == ["湖南51个脱贫县"]


def _snapshot(kg: KnowledgeGraph) -> tuple:
    nodes = sorted((n, repr(sorted(a.items()))) for n, a in kg.graph.nodes(data=True))
    edges = sorted((u, v, k, repr(sorted(a.items()))) for u, v, k, a in kg.graph.edges(keys=True, data=True))
    return nodes, edges


# ------------------------------------------------------------------------------------------ crashes
@pytest.mark.parametrize("stage", ["schema", "nodes", "edges", "swap"])
def test_failure_mid_build_leaves_previous_store(store: Path, stage: str) -> None:
    before = counts(store)

    def fail(at: str) -> None:
        if at == stage:
            raise RuntimeError(f"simulated crash at {at}")

    with pytest.raises(RuntimeError, match="simulated"):
        write_store(make_graph([extraction_a()]), store, hook=fail)
    assert counts(store) == before
    assert sorted(p.name for p in store.parent.iterdir()) == [store.name]


_KILLED_BUILD = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from graph_helpers import FakeGazetteer, extraction_b
    from graph.model import KnowledgeGraph
    from graph.store.embedded import write_store

    def stall(stage):
        if stage == "edges":
            open({marker!r}, "w").close()
            time.sleep(120)

    kg = KnowledgeGraph(FakeGazetteer())
    kg.add_extraction(extraction_b())
    write_store(kg, {store!r}, hook=stall)
    """
)


def test_killed_build_leaves_previous_store(store: Path, tmp_path: Path) -> None:
    before = counts(store)
    marker = tmp_path / "in-the-middle"
    code = _KILLED_BUILD.format(tests=str(Path(__file__).parent), marker=str(marker), store=str(store))
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=Path(__file__).parent.parent)
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the build process ended before reaching the edges"
            assert time.monotonic() < deadline, "the build never reached the edges"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    leftovers = [p.name for p in store.parent.iterdir() if p.name != store.name]  # the dead build's files
    assert leftovers and all(".building-" in name for name in leftovers)
    assert counts(store) == before  # the previous store opens and answers as before
    write_store(make_graph([extraction_b()]), store)  # the next build clears the dead build's file
    assert sorted(p.name for p in store.parent.iterdir()) == [store.name]
    assert counts(store) != before
