"""Read-only means read-only: the gate (graph/store/readonly.py) on the real embedded store and Neo4j.

Each refused statement is tried three ways: through ``EmbeddedStore.query`` on a store opened read-only,
through `bangfu query` (exit 1, one line on stderr naming the clause, nothing on stdout), and — for the
statements that would read or write files — against the bare engine without the gate, to show that the
statement is real: there it does return the secret or create the file, which the gated runs never do.
The read examples of the app and of docs/cypher.md still run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from cli_helpers import bangfu
from graph_helpers import sample_graph

from app_pages.cypher import EXAMPLES
from bangfu.planner.catalogue import ANALYST_QUERIES, checked, portable
from graph.store import readonly
from graph.store.embedded import StoreError, open_store, write_store
from graph.store.neo4j import Neo4jSettings, Neo4jStoreError
from graph.store.neo4j import query as neo4j_query

ROOT = Path(__file__).resolve().parents[1]
SECRET = "机密字样甲"  # what the files the statements aim at hold; must never come back
SECRET_NUMBER = 7341.25


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readonly-store") / "bangfu.lbdb"
    write_store(sample_graph(), path)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of files in every format the engine reads, all holding the secret."""
    d = tmp_path_factory.mktemp("secret-files")
    (d / "secret.csv").write_text(f"{SECRET},1\n{SECRET}乙,2\n", encoding="utf-8")
    (d / "secret.tsv").write_text(f"{SECRET}\t1\n", encoding="utf-8")
    (d / "secret.txt").write_text(f"{SECRET}:x:1000\n", encoding="utf-8")
    pq.write_table(pa.table({"s": [SECRET]}), d / "secret.parquet")
    np.save(d / "secret.npy", np.array([SECRET_NUMBER, 1.0]))
    (d / "secret.json").write_text(f'[{{"s": "{SECRET}"}}]', encoding="utf-8")
    (d / "secret.jsonl").write_text(f'{{"s": "{SECRET}"}}\n', encoding="utf-8")
    return d


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


# (statement with {d} for the secret folder, the clause the refusal must name)
REFUSED = [
    # the issue's own statements
    ("LOAD FROM '/etc/passwd' (file_format='csv', header=false, delim=':') RETURN * LIMIT 3", "LOAD FROM"),
    ("COPY (MATCH (r:Region) RETURN r.name) TO '{d}/out.csv'", "COPY … TO"),
    ("INSTALL httpfs", "INSTALL"),
    ("CALL current_setting('threads') RETURN *", "CALL current_setting"),
    # LOAD FROM, every file format and form
    ("LOAD FROM '{d}/secret.csv' (header=false) RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/secret.tsv' (header=false, delim='\\t') RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/secret.txt' (file_format='csv', header=false, delim=':') RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/secret.parquet' RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/secret.parquet' (file_format='parquet') RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/secret.npy' RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/secret.json' RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/secret.jsonl' (file_format='json') RETURN *", "LOAD FROM"),
    ("LOAD FROM '{d}/*.csv' (header=false) RETURN *", "LOAD FROM"),
    ("LOAD FROM ['{d}/secret.csv', '{d}/secret.csv'] (header=false) RETURN *", "LOAD FROM"),
    ("LOAD FROM 'https://example.invalid/secret.csv' RETURN *", "LOAD FROM"),
    (
        "LOAD WITH HEADERS (s STRING, n INT64) FROM '{d}/secret.csv' (header=false) RETURN *",
        "LOAD WITH HEADERS",
    ),
    ("LOAD FROM secret_frame RETURN *", "LOAD FROM"),  # a Python variable of the caller's
    # COPY FROM / TO
    ("COPY (MATCH (r:Region) RETURN r.name) TO '{d}/out.parquet'", "COPY … TO"),
    ("COPY Region FROM '{d}/secret.csv'", "COPY … FROM"),
    ("COPY Region FROM (LOAD FROM '{d}/secret.csv' (header=false) RETURN *)", "COPY … FROM"),
    # whole databases, extensions, macros, settings
    ("EXPORT DATABASE '{d}/export'", "EXPORT DATABASE"),
    ("EXPORT DATABASE '{d}/export-pq' (format='parquet')", "EXPORT DATABASE"),
    ("IMPORT DATABASE '{d}/export'", "IMPORT DATABASE"),
    ("ATTACH '{d}/other.lbdb' AS other (dbtype lbug)", "ATTACH"),
    ("ATTACH '{d}/other.duckdb' AS other (dbtype duckdb)", "ATTACH"),
    ("DETACH other", "DETACH"),
    ("USE other", "USE"),
    ("INSTALL json FROM 'http://example.invalid/'", "INSTALL"),
    ("UNINSTALL httpfs", "UNINSTALL"),
    ("UPDATE httpfs", "UPDATE"),
    ("LOAD EXTENSION httpfs", "LOAD EXTENSION"),
    ("LOAD EXTENSION '{d}/libevil.lbug_extension'", "LOAD EXTENSION"),
    ("LOAD httpfs", "LOAD httpfs"),
    ("CREATE MACRO addone(x) AS x + 1", "CREATE MACRO"),
    ("CALL threads=1", "CALL threads = …"),
    ("CALL timeout = 999999", "CALL timeout = …"),
    ("CALL file_search_path='{d}'", "CALL file_search_path = …"),
    ("CALL read_csv_serial('{d}/secret.csv') RETURN *", "CALL read_csv_serial"),  # crashes the engine
    ("CALL file_info('{d}/secret.csv') RETURN *", "CALL file_info"),
    ("CALL show_attached_databases() RETURN *", "CALL show_attached_databases"),
    ("CALL storage_info('Region') RETURN *", "CALL storage_info"),
    ("CHECKPOINT", "CHECKPOINT"),
    ("BEGIN TRANSACTION", "BEGIN"),
    ("COMMIT", "COMMIT"),
    ("ROLLBACK", "ROLLBACK"),
    ("COMMENT ON TABLE Region IS 'x'", "COMMENT"),
    # writes
    ("CREATE (:Agency {id: 'agency:x', name: 'x'})", "CREATE"),
    ("MERGE (a:Agency {id: 'agency:x'})", "MERGE"),
    ("MATCH (r:Region) SET r.name = 'x'", "SET"),
    ("MATCH (r:Region) DELETE r", "DELETE"),
    ("MATCH (r:Region) DETACH DELETE r", "DETACH DELETE"),
    ("MATCH (r:Region) REMOVE r.name", "REMOVE"),
    ("DROP TABLE Region", "DROP TABLE"),
    ("ALTER TABLE Region ADD extra INT64", "ALTER TABLE"),
    ("CREATE NODE TABLE Extra(id STRING, PRIMARY KEY(id))", "CREATE NODE"),
    # hidden: behind comments, in mixed case, after a semicolon, in a UNION, in a prefix
    ("/* harmless */COPY (MATCH (r:Region) RETURN r.name) TO '{d}/out.csv'", "COPY … TO"),
    ("/*x*/LOAD FROM '{d}/secret.csv' (header=false) RETURN *", "LOAD FROM"),
    ("// a note\nLOAD FROM '{d}/secret.csv' (header=false) RETURN *", "LOAD FROM"),
    ("lOaD fRoM '{d}/secret.csv' (header=false) RETURN *", "LOAD FROM"),
    ("CoPy (MATCH (r:Region) RETURN r.name) tO '{d}/out.csv'", "COPY … TO"),
    ("MATCH (r:Region) RETURN r.name; COPY (MATCH (r:Region) RETURN r.name) TO '{d}/out.csv'", "COPY … TO"),
    ("RETURN 1 AS x;LOAD FROM '{d}/secret.csv' (header=false) RETURN *", "LOAD FROM"),
    (
        "MATCH (r:Region) RETURN r.name AS x UNION LOAD FROM '{d}/secret.csv' (header=false) RETURN column0 AS x",
        "LOAD FROM",
    ),
    (
        "MATCH (r:Region) RETURN r.name AS x UNION ALL LOAD FROM '{d}/secret.csv' (header=false) "
        "RETURN column0 AS x",
        "LOAD FROM",
    ),
    ("EXPLAIN COPY (MATCH (r:Region) RETURN r.name) TO '{d}/out.csv'", "COPY … TO"),
    ("PROFILE LOAD FROM '{d}/secret.csv' (header=false) RETURN *", "LOAD FROM"),
    ("MATCH (r:Region) CALL current_setting('threads') RETURN *", "CALL current_setting"),
    ("MATCH (r:Region) WITH r LOAD FROM '{d}/secret.csv' (header=false) RETURN *", "LOAD FROM"),
    ("RETURN 1 AS x /* COPY (MATCH (r:Region) RETURN r.name) TO '{d}/out.csv'", "/*"),
    ("RETURN 'unclosed; COPY (MATCH (r:Region) RETURN r.name) TO '{d}/out.csv'", "string"),
]

# Read as written, even though the words are there: in strings, comments, as names.
ALLOWED = [
    ("RETURN 'COPY' AS s", [["COPY"]]),
    ("RETURN \"LOAD FROM '/etc/passwd'\" AS s", [["LOAD FROM '/etc/passwd'"]]),
    ("RETURN 'a\\'; COPY (MATCH (r) RETURN r) TO \\'x' AS s", [["a'; COPY (MATCH (r) RETURN r) TO 'x"]]),
    ("RETURN 1 AS x // COPY (MATCH (r) RETURN r) TO 'x'", [[1]]),
    ("RETURN 1 AS x /* LOAD FROM '/etc/passwd' */", [[1]]),
    ("MATCH (r:Region {id: 'region:433130'}) RETURN r.name AS copy", [["龙山县"]]),
    ("MATCH (set:Region {id: 'region:433130'}) RETURN set.name AS name", [["龙山县"]]),
    ("RETURN {load: 1}.load AS n", [[1]]),
    ("RETURN `create` FROM_NOWHERE", None),  # a syntax error, but the engine's, not the gate's
    ("MATCH (r:Region {id: 'region:433130'}) RETURN r.name AS n UNION RETURN 'x' AS n", [["x"], ["龙山县"]]),
    ("CALL show_tables() RETURN name ORDER BY name LIMIT 1", [["ASSISTS"]]),
    ("CALL table_info('Region') RETURN name ORDER BY name LIMIT 1", [["aliases"]]),
]


def statement(template: str, d: Path) -> str:
    return template.replace("{d}", str(d))


@pytest.mark.parametrize(("template", "clause"), REFUSED, ids=[t for t, _ in REFUSED])
def test_store_refuses_with_one_line(store: Path, files: Path, template: str, clause: str) -> None:
    secret_frame = {"s": [SECRET]}  # noqa: F841 - what `LOAD FROM secret_frame` would scan
    before = tree(files)
    with open_store(store) as s, pytest.raises(StoreError) as refused:
        s.query(statement(template, files))
    message = str(refused.value)
    assert message.startswith("refused (read-only): ") and "\n" not in message
    assert clause in message
    assert SECRET not in message and "root:" not in message
    assert tree(files) == before  # no file created (COPY TO, EXPORT …)
    assert not Path("out.csv").exists()


@pytest.mark.parametrize(("template", "clause"), REFUSED[:8] + REFUSED[-16:], ids=lambda x: str(x)[:40])
def test_cli_refuses_with_one_line(
    store: Path, files: Path, template: str, clause: str, capsys: pytest.CaptureFixture
) -> None:
    before = tree(files)
    assert bangfu("query", statement(template, files), "--store", str(store)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("bangfu query: refused (read-only): ") and err.count("\n") == 1 and clause in err
    assert SECRET not in err and tree(files) == before


@pytest.mark.parametrize(("cypher", "rows"), ALLOWED, ids=[c for c, _ in ALLOWED])
def test_reads_with_the_words_in_strings_comments_and_names_run(store: Path, cypher: str, rows) -> None:
    readonly.check(cypher)
    with open_store(store) as s:
        if rows is None:
            with pytest.raises(StoreError) as err:
                s.query(cypher)
            assert not str(err.value).startswith("refused")
        else:
            assert sorted(s.query(cypher).rows) == sorted(rows)


# ---------------------------------------------------------------------------------------------- controls
# Without the gate, on the bare engine with the database opened read-only (what the console did before),
# the same statements read the secret and write files: the assertions above are about real statements.
CONTROL_READS = [
    "LOAD FROM '{d}/secret.csv' (header=false) RETURN *",
    "LOAD FROM '{d}/secret.txt' (file_format='csv', header=false, delim=':') RETURN *",
    "LOAD FROM '{d}/secret.parquet' RETURN *",
    "LOAD FROM '{d}/secret.npy' RETURN *",
    "LOAD WITH HEADERS (s STRING, n INT64) FROM '{d}/secret.csv' (header=false) RETURN *",
    "/*x*/LOAD FROM '{d}/*.csv' (header=false) RETURN *",
    "MATCH (r:Region) RETURN r.name AS x UNION LOAD FROM '{d}/secret.csv' (header=false) RETURN column0 AS x",
]
CONTROL_WRITES = [
    ("COPY (MATCH (r:Region) RETURN r.name) TO '{d}/control.csv'", "control.csv"),
    ("/* harmless */COPY (MATCH (r:Region) RETURN r.name) TO '{d}/control.parquet'", "control.parquet"),
]


def bare_engine(path: Path):
    import ladybug

    db = ladybug.Database(str(path), read_only=True)
    return db, ladybug.Connection(db)


@pytest.mark.parametrize("template", CONTROL_READS)
def test_without_the_gate_the_engine_reads_the_file(store: Path, files: Path, template: str) -> None:
    readonly_store_refuses = not readonly.is_read_only(statement(template, files))
    db, conn = bare_engine(store)
    try:
        rows = conn.execute(statement(template, files)).get_all()
    finally:
        conn.close()
        db.close()
    assert readonly_store_refuses
    assert any(SECRET in str(v) or v == SECRET_NUMBER for row in rows for v in row)


@pytest.mark.parametrize(("template", "created"), CONTROL_WRITES)
def test_without_the_gate_the_engine_writes_files(
    store: Path, tmp_path: Path, template: str, created: str
) -> None:
    assert not readonly.is_read_only(statement(template, tmp_path))
    db, conn = bare_engine(store)
    try:
        conn.execute(statement(template, tmp_path))
    finally:
        conn.close()
        db.close()
    assert (tmp_path / created).exists()


def test_write_mode_runs_unchecked_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    path = tmp_path / "w.lbdb"
    write_store(sample_graph(), path)
    target = tmp_path / "names.csv"
    cypher = f"COPY (MATCH (r:Region) RETURN r.name) TO '{target}'"
    assert bangfu("query", cypher, "--write", "--store", str(path)) == 0
    err = capsys.readouterr().err
    assert "--write: the statement runs unchecked" in err and err.count("\n") == 1
    assert "龙山县" in target.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------- the reads
def docs_queries() -> list[str]:
    text = (ROOT / "docs" / "cypher.md").read_text(encoding="utf-8")
    return re.findall(r"```cypher\n(.*?)```", text, re.S)


SAMPLE_PARAMS = {
    "region": "region:433130",
    **{k: v for q in ANALYST_QUERIES.values() for k, v in q.params.items()},
}


def test_docs_queries_pass_the_gate_and_run(store: Path) -> None:
    queries = docs_queries()
    assert len(queries) >= 6
    with open_store(store) as s:
        for cypher in queries:
            params = {p: SAMPLE_PARAMS[p] for p in readonly.parameters(cypher)}
            s.query(cypher, params)  # raises on a refusal or an engine error


def test_catalogue_and_app_examples_run_read_only(store: Path) -> None:
    with open_store(store) as s:
        for q in checked():
            assert s.query(q.cypher, q.params).rows == q.answer(sample_graph().graph), q.name
        answers = {}
        for ex in EXAMPLES:
            readonly.check(ex.cypher)
            answers[ex.name] = s.query(ex.cypher, ex.params).rows
    assert "长沙市" in {row[0] for row in answers["helpers_of"]}  # 龙山县's helper, through the example


# ---------------------------------------------------------------------------------------------- Neo4j
NEO4J_REFUSED = [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    ("LOAD CSV WITH HEADERS FROM 'https://example.invalid/x.csv' AS row RETURN row", "LOAD CSV"),
    ("CALL apoc.load.json('file:///etc/passwd')", "CALL apoc.load.json"),
    ("CALL apoc.load.csv('file:///etc/passwd') YIELD list RETURN list", "CALL apoc.load.csv"),
    ("CALL `apoc`.`load`.json('file:///etc/passwd')", "CALL apoc.load.json"),
    ("CALL apoc.export.csv.all('out.csv', {})", "CALL apoc.export.csv.all"),
    ("CALL apoc.export.json.query('MATCH (n) RETURN n', 'out.json', {})", "CALL apoc.export.json.query"),
    ("CALL apoc.cypher.runWrite('CREATE (n)', {})", "CALL apoc.cypher.runWrite"),
    ("CALL dbms.listConfig()", "CALL dbms.listConfig"),
    ("CALL dbms.components() YIELD name RETURN name", "CALL dbms.components"),
    ("RETURN apoc.static.get('x') AS v", "function apoc.static.get"),
    ("SHOW SETTINGS", "SHOW"),
    ("USE system SHOW DATABASES", "USE"),
    ("MATCH (n) CALL { WITH n SET n.x = 1 } RETURN 1", "SET"),
    ("MATCH (n) FOREACH (x IN [1] | SET n.x = x)", "FOREACH"),
    ("MATCH (n) REMOVE n.name", "REMOVE"),
    ("/*x*/LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV"),
    (
        "MATCH (n) RETURN n.id AS x UNION CALL apoc.load.json('file:///x') YIELD value RETURN value AS x",
        "CALL",
    ),
    ("RETURN 1 AS x; CALL dbms.listConfig()", "CALL dbms.listConfig"),
    ("CREATE (:Agency {id: 'agency:x'})", "CREATE"),
]
NEO4J_ALLOWED = [
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
    "MATCH (n) CALL { WITH n RETURN n.id AS k } RETURN k LIMIT 1",
    "RETURN apoc.text.join(['a', 'b'], ',') AS s, 'CALL dbms.listConfig()' AS t",
    "MATCH (r:Region) RETURN r.name AS load LIMIT 1",
]
NOWHERE = Neo4jSettings("bolt://127.0.0.1:9", "neo4j", "x")  # nothing listens: connecting would fail


@pytest.mark.parametrize(("cypher", "clause"), NEO4J_REFUSED, ids=[c for c, _ in NEO4J_REFUSED])
def test_neo4j_refuses_before_connecting(cypher: str, clause: str) -> None:
    with pytest.raises(Neo4jStoreError) as refused:
        neo4j_query(cypher, {}, NOWHERE)
    message = str(refused.value)
    assert message.startswith("refused (read-only): ") and clause in message and "\n" not in message


@pytest.mark.parametrize("cypher", NEO4J_ALLOWED)
def test_neo4j_reads_pass_the_gate(cypher: str) -> None:
    readonly.check(cypher, "neo4j")
    with pytest.raises(Neo4jStoreError) as err:  # it does try to connect: nothing listens there
        neo4j_query(cypher, {}, NOWHERE)
    assert not str(err.value).startswith("refused")


live = pytest.mark.skipif(
    not os.environ.get("NEO4J_URI"),
    reason="NEO4J_URI is not set: no live Neo4j server (the gate itself is tested above, without a server)",
)


@live
@pytest.mark.parametrize(("cypher", "clause"), NEO4J_REFUSED, ids=[c for c, _ in NEO4J_REFUSED])
def test_live_neo4j_refuses(cypher: str, clause: str) -> None:
    with pytest.raises(Neo4jStoreError) as refused:
        neo4j_query(cypher, {}, Neo4jSettings.from_env())
    assert clause in str(refused.value)


@live
def test_live_neo4j_reads_run_with_a_row_limit() -> None:
    settings = Neo4jSettings.from_env()
    result = neo4j_query("UNWIND range(1, 5) AS x RETURN x", {}, settings, limit=3)
    assert result.rows == [[1], [2], [3]] and result.truncated
    for q in portable():
        neo4j_query(q.cypher, q.params, settings)
