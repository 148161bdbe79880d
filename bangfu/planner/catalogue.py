"""The Cypher catalogue: the questions analysts ask, one place for the app's examples, docs/cypher.md and
the tests.

Each query runs unchanged on the embedded store and on Neo4j (but for ``paths``, whose ``TRAIL`` is the
embedded dialect for Neo4j's default path semantics), and all but ``paths`` are paired with the same
question answered on the networkx graph in plain Python, so the test suite holds the two engines to
one answer. They keep to what the two dialects share (docs/cypher.md): no label()/type()/labels(), no
shortestPath, no list comprehensions, every returned column aliased — and they return names, not
node ids, since people read the answers.

``unpaired`` is the planner's question in Cypher: the counties of a designation list (the
``designations`` property every listed county carries, mentioned by a document or not) that no
document pairs with a helper, directly or through their prefecture or province — the planner's
``none`` and ``official-only`` rows of the same list (the official pairing lists are not in the graph).

Titles for the app are in app_pages/i18n.py under ``cypher.ex.<name>``.
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
    embedded_only: bool = False  # uses the embedded dialect (TRAIL): not run on Neo4j

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


def _name(graph: nx.MultiDiGraph, node: str | None) -> Any:
    return None if node is None else graph.nodes[node].get("name")


def _by_name(graph: nx.MultiDiGraph, name: str, label: str | None = None) -> list[str]:
    return [
        n
        for n, d in graph.nodes(data=True)
        if d.get("name") == name and (label is None or d["label"] == label)
    ]


def _unpaired(graph: nx.MultiDiGraph, designation: str) -> Rows:
    helped = {v for _, v, _ in _edges(graph, "ASSISTS")}
    rows = []
    for n, d in graph.nodes(data=True):
        if d["label"] != "Region" or designation not in (d.get("designations") or ()):
            continue
        if any(graph.nodes[a]["label"] == "Region" and a in helped for a in _up(graph, n, 2)):
            continue
        provinces = [a for a in _up(graph, n, 2)[1:] if graph.nodes[a].get("level") == "province"] or [None]
        rows += [[d.get("code"), d.get("name"), _name(graph, p)] for p in provinces]
    return sorted(rows, key=lambda r: (r[0] or "", r[2] or ""))


def _partners(graph: nx.MultiDiGraph, helper: str) -> Rows:
    rows = [
        [_name(graph, v), d.get("mechanism"), d.get("first_year"), d.get("n_evidence")]
        for h in _by_name(graph, helper)
        for _, v, d in graph.out_edges(h, data=True)
        if d["type"] == "ASSISTS"
    ]
    return sorted(rows, key=lambda r: (r[0] or "", r[1] or ""))


def _helpers_of(graph: nx.MultiDiGraph, county: str) -> Rows:
    rows = []
    for c in _by_name(graph, county, "Region"):
        for via in _up(graph, c, 2):
            if graph.nodes[via]["label"] != "Region":
                continue
            for h, _, d in graph.in_edges(via, data=True):
                if d["type"] == "ASSISTS":
                    rows.append([_name(graph, h), _name(graph, via), d.get("mechanism"), d.get("n_evidence")])
    return sorted(rows, key=lambda r: (r[0] or "", r[1] or "", r[2] or ""))


def _top_helpers(graph: nx.MultiDiGraph, min_helped: int) -> Rows:
    helped: dict[str, set[str]] = {}
    evidence: dict[str, int] = {}
    for u, v, d in _edges(graph, "ASSISTS"):
        if graph.nodes[v]["label"] != "Region":
            continue
        helped.setdefault(u, set()).add(v)
        evidence[u] = evidence.get(u, 0) + int(d.get("n_evidence") or 0)
    rows = [[_name(graph, h), len(t), evidence[h]] for h, t in helped.items() if len(t) >= min_helped]
    return sorted(rows, key=lambda r: (-r[1], -r[2], r[0] or ""))[:20]


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
        rows += [[d.get("name"), _name(graph, o), len(regions)] for o in operators]
    return sorted(rows, key=lambda r: (r[0] or "", r[1] is None, r[1] or ""))


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


# relationship types a path between two places may follow: the facts and the hierarchy, never
# MENTIONED_IN (two places named in one document are no path from one to the other)
PATH_TYPES = "ASSISTS|PART_OF|PROMOTES|OPERATES|PARTNERS_WITH|BRAND_OF|ORGANIZES"

ANALYST_QUERIES: dict[str, AnalystQuery] = {
    q.name: q
    for q in [
        AnalystQuery(
            "unpaired",
            "Which counties of a designation list does no document pair with a helper, neither directly "
            "nor through their prefecture or province?",
            """MATCH (c:Region)
WHERE $designation IN c.designations
  AND NOT EXISTS { MATCH (c)-[:PART_OF*0..2]->(:Region)<-[:ASSISTS]-() }
OPTIONAL MATCH (c)-[:PART_OF*1..2]->(p:Region {level: 'province'})
RETURN c.code AS code, c.name AS county, p.name AS province
ORDER BY code, province""",
            {"designation": "hunan-51"},
            _unpaired,
        ),
        AnalystQuery(
            "helpers_of",
            "Who helps this county, directly or through the prefecture/province it belongs to, and how?",
            """MATCH (c:Region {name: $county})-[:PART_OF*0..2]->(a:Region)<-[r:ASSISTS]-(h)
RETURN h.name AS helper, a.name AS via, r.mechanism AS mechanism, r.n_evidence AS evidence
ORDER BY helper, via, mechanism""",
            {"county": "龙山县"},
            _helpers_of,
        ),
        AnalystQuery(
            "partners",
            "Whom does this helper pair with, by which mechanism, since when?",
            """MATCH (h {name: $helper})-[r:ASSISTS]->(t)
RETURN t.name AS helped, r.mechanism AS mechanism, r.first_year AS since, r.n_evidence AS evidence
ORDER BY helped, mechanism""",
            {"helper": "长沙市"},
            _partners,
        ),
        AnalystQuery(
            "paths",
            "How are two places connected, through facts and the administrative hierarchy (not through "
            "documents that merely name both)?",
            f"""MATCH p = (a:Region {{name: $from}})-[:{PATH_TYPES}* TRAIL 1..4]-(b:Region {{name: $to}})
RETURN nodes(p) AS places, length(p) AS hops
ORDER BY hops
LIMIT 10""",
            {"from": "长沙市", "to": "永顺县"},
            None,
            embedded_only=True,
        ),
        AnalystQuery(
            "top_helpers",
            "Which helpers assist the most regions, and on how much evidence?",
            """MATCH (h)-[r:ASSISTS]->(t:Region)
WITH h, count(DISTINCT t) AS helped, sum(r.n_evidence) AS evidence
WHERE helped >= $min_helped
RETURN h.name AS helper, helped, evidence
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
RETURN p.name AS platform, o.name AS operator, count(DISTINCT r) AS regions
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


def checked() -> list[AnalystQuery]:
    """The queries with a networkx twin: the ones the tests hold both engines to."""
    return [q for q in ANALYST_QUERIES.values() if q.on_graph is not None]


def portable() -> list[AnalystQuery]:
    """The queries in the dialect both engines share (Neo4j's parser checks these)."""
    return [q for q in ANALYST_QUERIES.values() if not q.embedded_only]


# ---------------------------------------------------------------------------------------------- docs
DOCS_BEGIN = (
    "<!-- catalogue: written by `python -m bangfu.planner.catalogue` from bangfu/planner/catalogue.py -->"
)
DOCS_END = "<!-- end of catalogue -->"


def markdown() -> str:
    """The catalogue as docs/cypher.md shows it (between DOCS_BEGIN and DOCS_END)."""
    out = [
        DOCS_BEGIN,
        f"## The query catalogue ({len(ANALYST_QUERIES)} queries)",
        "",
        "The Cypher page's examples, exactly as the app offers them. All but `paths` run unchanged on both",
        "engines; tests/test_store_analyst.py checks that the embedded store gives the same rows as the same",
        "question answered on the networkx graph, tests/test_neo4j_cypher.py checks the portable ones with",
        "Neo4j's own parser, and tests/test_browser_views.py that `unpaired` names the counties the Planner",
        "page finds unpaired. Run one with e.g.",
        '`bangfu query "$(cat q.cypher)" --param designation=hunan-51 --param since:=2021`.',
    ]
    for i, q in enumerate(ANALYST_QUERIES.values(), start=1):
        params = ", ".join(f"`${k}` (e.g. `{v!r}`)" for k, v in q.params.items()) or "none"
        out += ["", f"### {i}. `{q.name}` — {q.question}", "", f"Parameters: {params}."]
        if q.embedded_only:
            out.append("Embedded store only: `TRAIL` is ladybug's name for Neo4j's default path semantics.")
        # an embedded-only block is not marked ``cypher``: tests/test_neo4j_cypher.py lints every
        # ```cypher block of the docs with Neo4j's parser
        out += ["", "```cypher-ladybug" if q.embedded_only else "```cypher", q.cypher, "```"]
    out.append(DOCS_END)
    return "\n".join(out) + "\n"


def write_docs(path: str) -> bool:
    """Replace the catalogue section of ``path`` (docs/cypher.md); whether the file changed."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, rest = text.split(DOCS_BEGIN, 1)
    tail = rest.split(DOCS_END, 1)[1].lstrip("\n")
    new = head + markdown() + "\n" + tail
    if new != text:
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    return new != text


if __name__ == "__main__":
    import sys

    print(
        "docs/cypher.md",
        "rewritten" if write_docs(sys.argv[1] if len(sys.argv) > 1 else "docs/cypher.md") else "unchanged",
    )
