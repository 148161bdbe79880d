"""docs/cypher.md's table of ladybug-vs-Neo4j differences, held to the engine: when ladybug changes,
this test says which row of the documentation is stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from graph_helpers import sample_graph

from graph.store.embedded import StoreError, open_store, write_store

ERROR = "error"
# (what, query, the embedded store's answer: ERROR or the rows; Neo4j's answer for the silent ones)
DIFFERENCES = [
    ("label predicate", "MATCH (n) WHERE n:Region RETURN count(n) AS c", ERROR),
    ("type(r)", "MATCH ()-[r:ASSISTS]->() RETURN type(r) AS t LIMIT 1", ERROR),
    ("label(r) instead", "MATCH ()-[r:ASSISTS]->() RETURN label(r) AS t LIMIT 1", [["ASSISTS"]]),
    ("labels(n) is a string", "MATCH (n:Brand) RETURN labels(n) AS l", [["Brand"]]),
    ("A:B means A or B", "MATCH (n:Agency:Organization) RETURN count(n) AS c", [[3]]),  # Neo4j: 0
    ("shortestPath", "MATCH p = shortestPath((a:Region)-[*..5]-(b:Region)) RETURN length(p) AS l", ERROR),
    (
        "SHORTEST instead",
        "MATCH p = (a:Region {id: 'region:433130'})-[* SHORTEST 1..5]-(b:Region {id: 'region:370100'}) "
        "RETURN length(p) AS l",
        [[2]],
    ),
    ("list comprehension", "RETURN [x IN [1, 2, 3] WHERE x > 1 | x * 2] AS l", ERROR),
    (
        "list_transform instead",
        "RETURN list_transform(list_filter([1, 2, 3], x -> x > 1), x -> x * 2) AS l",
        [[[4, 6]]],
    ),
    ("reduce", "RETURN reduce(s = 0, x IN [1, 2, 3] | s + x) AS s", ERROR),
    ("EXISTS short form", "MATCH (n) WHERE EXISTS { (n)-[:ASSISTS]->() } RETURN count(n) AS c", ERROR),
    ("EXISTS with MATCH", "MATCH (n) WHERE EXISTS { MATCH (n)-[:ASSISTS]->() } RETURN count(n) AS c", [[6]]),
    ("COUNT short form", "MATCH (n:Brand) RETURN COUNT { (n)-->() } AS c", ERROR),
    ("CALL subquery", "MATCH (n:Brand) CALL { WITH n RETURN 1 AS k } RETURN k", ERROR),
    ("toString", "RETURN toString(12) AS s", ERROR),
    ("toInteger", "RETURN toInteger('12') AS s", ERROR),
    ("split", "RETURN split('a,b', ',') AS s", ERROR),
    ("head", "RETURN head([1, 2]) AS h", ERROR),
    ("elementId", "MATCH (n:Brand) RETURN elementId(n) AS e", ERROR),
    (
        "cast instead",
        "RETURN cast(12 AS STRING) AS s, to_int64('12') AS i, string_split('a,b', ',') AS l",
        [["12", 12, ["a", "b"]]],
    ),
    ("list index 0", "RETURN [10, 20, 30][0] AS x", ERROR),
    ("list index is 1-based", "RETURN [10, 20, 30][1] AS x", [[10]]),  # Neo4j: 20
    ("substring from 1", "RETURN substring('abcdef', 1, 2) AS s", [["ab"]]),  # Neo4j: 'bc'
    (
        "size((pattern))",
        "MATCH (n:Region {id: 'region:430100'}) RETURN size((n)-->()) AS c",
        [[4]],
    ),  # Neo4j: 6
    (
        "ORDER BY LIMIT before collect",
        "MATCH (n:Region) WITH n ORDER BY n.id DESC LIMIT 2 RETURN collect(n.id) AS ids",
        [[["region:370000", "region:370100"]]],  # Neo4j: the last two ids
    ),
    ("ORDER BY alias named like a node", "MATCH (p:Platform) RETURN p.id AS p ORDER BY p", ERROR),
    ("unknown property", "MATCH (n:Region) RETURN n.population AS p LIMIT 1", ERROR),
    ("unknown label", "MATCH (n:County) RETURN n", ERROR),
    ("string + null", "RETURN 'a' + null AS s", ERROR),
    ("sum is an integer again", "MATCH ()-[r:ASSISTS]->() RETURN sum(r.n_evidence) AS s", [[8]]),
    ("nulls sort last", "UNWIND [2, null, 1] AS x RETURN x ORDER BY x", [[1], [2], [None]]),
    ("db.labels()", "CALL db.labels() YIELD label RETURN label", ERROR),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("dialect") / "bangfu.lbdb"
    write_store(sample_graph(), path)
    with open_store(path) as s:
        yield s


@pytest.mark.parametrize(("what", "query", "expected"), DIFFERENCES, ids=[d[0] for d in DIFFERENCES])
def test_documented_behaviour(store, what: str, query: str, expected) -> None:
    if expected == ERROR:
        with pytest.raises(StoreError):
            store.query(query)
    else:
        assert store.query(query).rows == expected


def test_size_pattern_is_wrong_on_purpose() -> None:
    """The 6 a correct engine would give: 长沙市 has 2 ASSISTS, 1 PART_OF and 3 MENTIONED_IN out-edges."""
    assert sample_graph().graph.out_degree("region:430100") == 6


def test_the_documentation_has_the_table() -> None:
    text = Path(__file__).parent.parent.joinpath("docs", "cypher.md").read_text(encoding="utf-8")
    for needle in (
        "label(r)",
        "SHORTEST",
        "list_transform",
        "EXISTS { MATCH",
        "substring",
        "size((n)--())",
        "TRAIL",
    ):
        assert needle in text
