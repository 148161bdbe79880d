"""Five questions analysts ask, in Cypher that runs unchanged on the embedded store and on Neo4j.

Each query is paired with the same question answered on the networkx graph in plain Python, so the
test suite can hold the two engines to one answer, and each exercises one thing analysts write:
EXISTS subqueries with variable-length paths, parameters, WITH + aggregation, OPTIONAL MATCH, and
aggregation with a parameterised filter. They avoid what the two dialects do differently (docs/cypher.md):
no label()/type()/labels(), no shortestPath, no list comprehensions, every returned column aliased.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

Rows = list[list[Any]]


@dataclass(frozen=True)
class AnalystQuery:
    name: str
    question: str
    cypher: str
    params: dict[str, Any] = field(default_factory=dict)
    on_graph: Callable[..., Rows] | None = None

    def answer(self, graph: nx.MultiDiGraph, **params: Any) -> Rows:
        """The networkx answer for ``params`` (defaults: the query's own example parameters)."""
        assert self.on_graph is not None
        return self.on_graph(graph, **{**self.params, **params})


def _edges(graph: nx.MultiDiGraph, rel_type: str):
    return ((u, v, d) for u, v, d in graph.edges(data=True) if d["type"] == rel_type)


def _up(graph: nx.MultiDiGraph, node: str, hops: int) -> list[str]:
    """The node and its PART_OF ancestors up to ``hops`` steps (``[:PART_OF*0..hops]``)."""
    out, frontier = [node], [node]
    for _ in range(hops):
        frontier = [
            v for n in frontier for _, v, d in graph.out_edges(n, data=True) if d["type"] == "PART_OF"
        ]
        out += frontier
    return out


def _unassisted_counties(graph: nx.MultiDiGraph) -> Rows:
    helped = {v for _, v, _ in _edges(graph, "ASSISTS")}
    rows = [
        [n, d.get("name")]
        for n, d in graph.nodes(data=True)
        if d["label"] == "Region" and d.get("level") == "county" and not helped.intersection(_up(graph, n, 2))
    ]
    return sorted(rows)


def _helpers_of(graph: nx.MultiDiGraph, region: str) -> Rows:
    if region not in graph or graph.nodes[region]["label"] != "Region":
        return []
    rows = []
    for via in _up(graph, region, 2):
        if graph.nodes[via]["label"] != "Region":
            continue
        for h, _, d in graph.in_edges(via, data=True):
            if d["type"] == "ASSISTS":
                rows.append([h, graph.nodes[h].get("name"), via, d.get("mechanism"), d.get("n_evidence")])
    return sorted(rows, key=lambda r: (r[0], r[2], r[3] or ""))


def _top_helpers(graph: nx.MultiDiGraph, min_helped: int) -> Rows:
    helped: dict[str, set[str]] = {}
    evidence: dict[str, int] = {}
    for u, v, d in _edges(graph, "ASSISTS"):
        if graph.nodes[v]["label"] != "Region":
            continue
        helped.setdefault(u, set()).add(v)
        evidence[u] = evidence.get(u, 0) + int(d.get("n_evidence") or 0)
    rows = [
        [h, graph.nodes[h].get("name"), len(t), evidence[h]]
        for h, t in helped.items()
        if len(t) >= min_helped
    ]
    return sorted(rows, key=lambda r: (-r[2], -r[3], r[0]))[:20]


def _platforms(graph: nx.MultiDiGraph) -> Rows:
    rows = []
    for p, d in graph.nodes(data=True):
        if d["label"] != "Platform":
            continue
        operators = sorted({u for u, _, e in graph.in_edges(p, data=True) if e["type"] == "OPERATES"}) or [
            None
        ]
        regions = {
            v
            for _, v, e in graph.out_edges(p, data=True)
            if e["type"] == "PROMOTES" and graph.nodes[v]["label"] == "Region"
        }
        rows += [[p, o, len(regions)] for o in operators]
    return sorted(rows, key=lambda r: (r[0], r[1] is None, r[1] or ""))


def _mechanisms_since(graph: nx.MultiDiGraph, since: int) -> Rows:
    stats: dict[Any, list] = {}
    for _, v, d in _edges(graph, "ASSISTS"):
        if graph.nodes[v]["label"] != "Region":
            continue
        last = d.get("last_year")
        if last is not None and last < since:
            continue
        row = stats.setdefault(d.get("mechanism"), [0, 0, None])
        row[0] += 1
        row[1] += int(d.get("n_evidence") or 0)
        first = d.get("first_year")
        if first is not None:
            row[2] = first if row[2] is None else min(row[2], first)
    return sorted(([m, *s] for m, s in stats.items()), key=lambda r: (r[0] is None, r[0] or ""))


ANALYST_QUERIES: dict[str, AnalystQuery] = {
    q.name: q
    for q in [
        AnalystQuery(
            "unassisted_counties",
            "Which counties in the graph have no helper, neither directly nor through their prefecture or province?",
            """MATCH (c:Region)
WHERE c.level = 'county'
  AND NOT EXISTS { MATCH (c)-[:PART_OF*0..2]->(:Region)<-[:ASSISTS]-() }
RETURN c.id AS id, c.name AS name
ORDER BY id""",
            {},
            _unassisted_counties,
        ),
        AnalystQuery(
            "helpers_of",
            "Who helps this region, directly or through the prefecture/province it belongs to, and how?",
            """MATCH (c:Region {id: $region})-[:PART_OF*0..2]->(a:Region)<-[r:ASSISTS]-(h)
RETURN h.id AS helper, h.name AS helper_name, a.id AS via, r.mechanism AS mechanism,
       r.n_evidence AS evidence
ORDER BY helper, via, mechanism""",
            {"region": "region:433130"},
            _helpers_of,
        ),
        AnalystQuery(
            "top_helpers",
            "Which helpers assist the most regions, and on how much evidence?",
            """MATCH (h)-[r:ASSISTS]->(t:Region)
WITH h, count(DISTINCT t) AS helped, sum(r.n_evidence) AS evidence
WHERE helped >= $min_helped
RETURN h.id AS helper, h.name AS name, helped, evidence
ORDER BY helped DESC, evidence DESC, helper
LIMIT 20""",
            {"min_helped": 1},
            _top_helpers,
        ),
        AnalystQuery(
            "platforms",
            "Which platforms are there, who operates each, and how many regions does each promote?",
            """MATCH (p:Platform)
OPTIONAL MATCH (o)-[:OPERATES]->(p)
OPTIONAL MATCH (p)-[:PROMOTES]->(r:Region)
RETURN p.id AS platform, o.id AS operator, count(DISTINCT r) AS regions
ORDER BY platform, operator""",
            {},
            _platforms,
        ),
        AnalystQuery(
            "mechanisms_since",
            "How many assistance pairs per mechanism are still reported since a year, on how much evidence?",
            """MATCH (h)-[r:ASSISTS]->(t:Region)
WHERE r.last_year IS NULL OR r.last_year >= $since
RETURN r.mechanism AS mechanism, count(*) AS pairs, sum(r.n_evidence) AS evidence,
       min(r.first_year) AS first_year
ORDER BY mechanism""",
            {"since": 2021},
            _mechanisms_since,
        ),
    ]
}
