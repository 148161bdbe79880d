"""The part of the graph a presenter asked for: filters shared by the Network and Map pages.

Pure functions on the networkx graph (no Streamlit), so the filtering is tested on its own and the pages
only turn widgets into a ``Selection``. The selection is edge-first: an edge is kept when it passes every
filter, and the nodes shown are the ends of kept edges — a filter never leaves a node floating alone.
Structural edges (PART_OF, MENTIONED_IN) are not facts from the text and stay out unless asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import networkx as nx

STRUCTURAL = ("PART_OF", "MENTIONED_IN")


@dataclass(frozen=True)
class Selection:
    """Empty tuples mean "all"; ``region`` is a Region node id (a province or a prefecture)."""

    region: str | None = None
    relations: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    include_undated: bool = True
    document: str | None = None  # a document id (without the ``doc:`` prefix)
    structure: bool = False  # also PART_OF edges between the nodes kept


def ancestors(g: nx.MultiDiGraph, node: str) -> list[str]:
    """The node's region chain upward, by the ``parent`` property (cycle-safe)."""
    out: list[str] = []
    seen = {node}
    parent = g.nodes[node].get("parent") if node in g else None
    while parent and parent not in seen:
        out.append(parent)
        seen.add(parent)
        parent = g.nodes[parent].get("parent") if parent in g else None
    return out


def within(g: nx.MultiDiGraph, node: str, region: str) -> bool:
    """Whether ``node`` is ``region`` or lies inside it."""
    if node == region:
        return True
    attrs = g.nodes[node] if node in g else {}
    if attrs.get("province") == region:
        return True
    return region in ancestors(g, node)


def _in_years(attrs: dict, years: tuple[int, int], include_undated: bool) -> bool:
    first, last = attrs.get("first_year"), attrs.get("last_year")
    if first is None and last is None:
        return include_undated
    first = first if first is not None else last
    last = last if last is not None else first
    return first <= years[1] and last >= years[0]


def select(g: nx.MultiDiGraph, sel: Selection) -> nx.MultiDiGraph:
    """A new graph with the kept edges, their end nodes and those nodes' attributes."""
    out = nx.MultiDiGraph()
    types = set(sel.types)
    relations = set(sel.relations)
    mechanisms = set(sel.mechanisms)
    doc = sel.document
    region_memo: dict[str, bool] = {}

    def inside(node: str) -> bool:
        if node not in region_memo:
            region_memo[node] = within(g, node, sel.region) if sel.region else True
        return region_memo[node]

    for u, v, key, d in g.edges(keys=True, data=True):
        rel = d.get("type")
        if rel in STRUCTURAL:
            continue
        if relations and rel not in relations:
            continue
        if mechanisms and rel == "ASSISTS" and d.get("mechanism") not in mechanisms:
            continue
        if types and (g.nodes[u].get("label") not in types or g.nodes[v].get("label") not in types):
            continue
        if sel.years and not _in_years(d, sel.years, sel.include_undated):
            continue
        if doc and not any(ev.get("doc") == doc for ev in d.get("evidence") or ()):
            continue
        if sel.region and not (inside(u) or inside(v)):
            continue
        for n in (u, v):
            if n not in out:
                out.add_node(n, **g.nodes[n])
        out.add_edge(u, v, key=key, **d)
    if sel.structure:
        for u, v, key, d in g.edges(keys=True, data=True):
            if d.get("type") == "PART_OF" and u in out and v in out:
                out.add_edge(u, v, key=key, **d)
    return out


def year_bounds(g: nx.MultiDiGraph) -> tuple[int, int] | None:
    """The earliest and latest year any fact edge was reported in."""
    years = [
        y
        for _, _, d in g.edges(data=True)
        if d.get("type") not in STRUCTURAL
        for y in (d.get("first_year"), d.get("last_year"))
        if y is not None
    ]
    return (min(years), max(years)) if years else None


def filter_regions(g: nx.MultiDiGraph) -> list[tuple[str, str, str]]:
    """(node id, name, level) of the provinces and prefectures in the graph, provinces first."""
    rank = {"province": 0, "prefecture": 1}
    rows = [
        (n, str(a.get("name") or n), str(a.get("level")))
        for n, a in g.nodes(data=True)
        if a.get("label") == "Region" and a.get("level") in rank
    ]
    return sorted(rows, key=lambda r: (rank[r[2]], r[0]))


def relations_of(g: nx.MultiDiGraph, node: str) -> list[dict]:
    """Every fact edge at ``node`` with its evidence, one row per evidence sentence (for a detail view)."""
    rows: list[dict] = []
    for direction, edges in (("out", g.out_edges(node, data=True)), ("in", g.in_edges(node, data=True))):
        for u, v, d in edges:
            if d.get("type") in STRUCTURAL:
                continue
            other = v if direction == "out" else u
            base = {
                "direction": "→" if direction == "out" else "←",
                "other": str(g.nodes[other].get("name") or other),
                "other_id": other,
                "relation": d.get("type"),
                "mechanism": d.get("mechanism") or "",
                "status": d.get("status") or "",
                "inferred": bool(d.get("inferred")),
            }
            for ev in d.get("evidence") or [{}]:
                rows.append(
                    {
                        **base,
                        "sentence": ev.get("sentence", ""),
                        "document": ev.get("title") or ev.get("doc", ""),
                        "date": (ev.get("date") or "")[:10],
                        "doc": ev.get("doc", ""),
                    }
                )
    return rows


def documents_of(g: nx.MultiDiGraph, nodes: Iterable[str]) -> list[str]:
    """The document ids that mention any of ``nodes`` (through MENTIONED_IN)."""
    out = set()
    for n in nodes:
        for _, doc, d in g.out_edges(n, data=True):
            if d.get("type") == "MENTIONED_IN":
                out.add(doc.removeprefix("doc:"))
    return sorted(out)
