"""The embedded store's tables read a page at a time, as Arrow tables: what the Neo4j push sends and
what the library streams back into a merge, without one query holding a whole table.

Why pages, and why by node offset: ladybug materialises a query's whole answer before Python sees its
first row, so ``MATCH ()-[r:MENTIONED_IN]->()`` over the 5 M rows of a 100,000-document store would
hold them all at once. A page filters one endpoint table by its nodes' offsets (``offset(id(n))``,
0 … count-1 in a store written by ``COPY FROM``) and extends from those nodes through the relationship
index. Measured on the 10,000-document store (501,443 Region → Document MENTIONED_IN rows): 11 pages
in 0.85 s; filtering on the relationships' own offsets instead scans the whole table once per page
(7.7 s at 10,000 rows a page). An edge table is paged by its endpoint table with more nodes
(Documents for MENTIONED_IN), whose nodes each have fewer edges, so pages come out near ``page_rows``.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pyarrow as pa

from bangfu.knowledge.ontology import EDGE_PROPERTIES, EDGE_TYPES, NODE_LABELS, NODE_PROPERTIES
from graph.store.embedded import EmbeddedStore
from graph.tables import RelGroup

PAGE_ROWS = 50_000  # rows a page aims at: ~10–60 MB of Arrow for the widest tables


def _label(value: str) -> str:
    """A table name from the ontology's closed vocabulary (statements are templates, not parameters)."""
    if value not in NODE_LABELS and value not in EDGE_TYPES:
        raise ValueError(f"{value!r} is not a table of the store")
    return value


def node_count(store: EmbeddedStore, label: str) -> int:
    """How many offsets the node table spans (its rows when written by COPY FROM)."""
    rows = store.query(f"MATCH (n:{_label(label)}) RETURN max(offset(id(n)))", timeout_ms=None).rows
    return 0 if rows[0][0] is None else int(rows[0][0]) + 1


def node_pages(
    store: EmbeddedStore, label: str, returns: str, *, page_rows: int | None = None
) -> Iterator[pa.Table]:
    """``RETURN returns`` (naming the node ``n``) for the nodes of ``label``, ``page_rows`` nodes a page
    (default ``PAGE_ROWS``), in offset order."""
    label = _label(label)
    page_rows = page_rows or PAGE_ROWS
    for lo in range(0, node_count(store, label), page_rows):
        page = store.arrow(
            f"MATCH (n:{label}) WHERE offset(id(n)) >= $lo AND offset(id(n)) < $hi RETURN {returns}",
            {"lo": lo, "hi": lo + page_rows},
        )
        if page.num_rows:
            yield page


def rel_groups(store: EmbeddedStore) -> list[RelGroup]:
    """Every (type, source label, target label) table the store has, rows or not, in a fixed order."""
    groups = []
    for rel_type in EDGE_TYPES:
        for row in store.query(f"CALL show_connection('{rel_type}') RETURN *", timeout_ms=None).rows:
            groups.append((rel_type, _label(row[0]), _label(row[1])))
    return sorted(groups)


def edge_pages(
    store: EmbeddedStore, group: RelGroup, returns: str, *, page_rows: int | None = None
) -> Iterator[pa.Table]:
    """``RETURN returns`` (naming the edge ``r`` from ``a`` to ``b``) for the edges of one table, about
    ``page_rows`` a page (default ``PAGE_ROWS``), by offset ranges of the endpoint table with more
    nodes."""
    page_rows = page_rows or PAGE_ROWS
    rel_type, src, dst = (_label(v) for v in group)
    pattern = f"(a:{src})-[r:{rel_type}]->(b:{dst})"
    count = int(store.query(f"MATCH {pattern} RETURN count(r)", timeout_ms=None).rows[0][0])
    if not count:
        return
    sizes = {"a": node_count(store, src), "b": node_count(store, dst)}
    side = "b" if sizes["b"] > sizes["a"] else "a"
    per_page = max(1, math.ceil(page_rows * sizes[side] / count))  # nodes a page
    first = f"({side}:{dst if side == 'b' else src})"
    for lo in range(0, sizes[side], per_page):
        page = store.arrow(
            f"MATCH {first} WHERE offset(id({side})) >= $lo AND offset(id({side})) < $hi "
            f"MATCH {pattern} RETURN {returns}",
            {"lo": lo, "hi": lo + per_page},
        )
        if page.num_rows:
            yield page


NODE_RETURNS = ", ".join(f"n.{p} AS {p}" for p in NODE_PROPERTIES)
EDGE_RETURNS = "a.id AS source, b.id AS target, " + ", ".join(f"r.{p} AS {p}" for p in EDGE_PROPERTIES)


def node_row_pages(store: EmbeddedStore, *, page_rows: int | None = None) -> Iterator[tuple[str, list[dict]]]:
    """(label, rows) a page at a time for every node table: each row with every node property, as
    graph/tables.py's ``node_rows`` gives it for a graph (None where absent, ``json`` as text)."""
    for label in NODE_LABELS:
        for page in node_pages(store, label, NODE_RETURNS, page_rows=page_rows):
            yield label, page.to_pylist()


def edge_row_pages(
    store: EmbeddedStore, *, page_rows: int | None = None
) -> Iterator[tuple[RelGroup, list[dict]]]:
    """(group, rows) a page at a time for every relationship table: ``source``, ``target`` and every
    edge property, as graph/tables.py's ``edge_rows`` gives them for a graph."""
    for group in rel_groups(store):
        for page in edge_pages(store, group, EDGE_RETURNS, page_rows=page_rows):
            yield group, page.to_pylist()
