"""Every Cypher statement bangfu sends to Neo4j, checked by Neo4j's own parser.

The parser is the npm package @neo4j-cypher/language-support (pinned in tools/cypher_lint/package.json),
run with the machine's node in one process for all statements. A clean clone has no node_modules: the
test installs them with npm first. Without node or npm, or when the install fails, the tests are
skipped with the reason (pytest -ra lists it), never passed silently.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from graph_helpers import sample_graph

from bangfu.knowledge.ontology import EDGE_PROPERTIES, EDGE_TYPES, NODE_LABELS, NODE_PROPERTIES
from bangfu.planner.catalogue import ANALYST_QUERIES, portable
from graph.export.cypher import cypher_statements
from graph.store.neo4j_cypher import all_statements, push_plan

# the module's linter fixture may run npm install (up to 600 s on a clean clone) and then the linter
# (up to 300 s): the suite's 120 s per test would end the run while it waits on either
pytestmark = pytest.mark.timeout(960)

LINT_DIR = Path(__file__).resolve().parent.parent / "tools" / "cypher_lint"
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support"

# Neo4j 5 functions the tool's statements and the analyst queries may use. Listing them turns on the
# linter's function check, so a dialect function of the embedded store (label(), list_transform())
# that slipped into a Neo4j statement is an error here.
NEO4J_FUNCTIONS = [
    "abs", "all", "any", "avg", "ceil", "coalesce", "collect", "count", "date", "datetime", "elementId",
    "endNode", "exists", "floor", "head", "id", "isEmpty", "keys", "labels", "last", "left", "length",
    "max", "min", "nodes", "none", "percentileCont", "properties", "range", "reduce", "relationships",
    "replace", "reverse", "right", "round", "single", "size", "split", "startNode", "stDev", "substring",
    "sum", "tail", "toBoolean", "toFloat", "toInteger", "toLower", "toString", "toUpper", "trim", "type",
]  # fmt: skip


def _node_and_package() -> str | None:
    """None when the linter is ready, else why the tests must be skipped."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if node is None:
        return "node is not installed: Neo4j's Cypher parser cannot run"
    if PACKAGE.exists():
        return None
    if npm is None:
        return "npm is not installed: cannot install @neo4j-cypher/language-support into tools/cypher_lint"
    done = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=LINT_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0 or not PACKAGE.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return "npm install of @neo4j-cypher/language-support failed: " + " / ".join(tail)
    return None


def lint(statements: list[tuple[str, str, dict]]) -> dict[str, list[dict]]:
    """Diagnostics per statement id, from one node process."""
    payload = {
        "schema": {
            "labels": list(NODE_LABELS),
            "relationshipTypes": list(EDGE_TYPES),
            # row.source / row.target / row.props are keys of the UNWIND rows, not graph properties, but
            # the linter cannot tell a map key from a property key
            "propertyKeys": sorted({*NODE_PROPERTIES, *EDGE_PROPERTIES, "source", "target", "props"}),
        },
        "functions": NEO4J_FUNCTIONS,
        "statements": [{"id": i, "cypher": c, "parameters": p} for i, c, p in statements],
    }
    done = subprocess.run(
        ["node", "lint.mjs"],
        cwd=LINT_DIR,
        input=json.dumps(payload, ensure_ascii=False),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"the Cypher linter failed: {done.stderr.strip()}"
    return {r["id"]: r["diagnostics"] for r in json.loads(done.stdout)}


def _all_to_lint() -> list[tuple[str, str, dict]]:
    kg = sample_graph()
    out = [(f"tool:{s.id}", s.cypher, s.params) for s in all_statements()]
    out += [(f"push:{s.id}", s.cypher, s.params) for s in push_plan(kg.graph, batch_size=3)]
    out += [(f"analyst:{q.name}", q.cypher, q.params) for q in portable()]
    out += [(f"script:{i}", text, {}) for i, text in enumerate(cypher_statements(kg.graph))]
    docs = (LINT_DIR.parent.parent / "docs" / "cypher.md").read_text(encoding="utf-8")
    params = {
        "region": "region:433130",
        **{k: v for q in ANALYST_QUERIES.values() for k, v in q.params.items()},
    }
    for i, block in enumerate(docs.split("```cypher\n")[1:]):
        out.append((f"docs:{i}", block.split("```", 1)[0], params))
    out += [
        ("canary:syntax", "MATCH (n RETURN n", {}),
        ("canary:dialect", "MATCH (n:Region) RETURN label(n) AS l", {}),
        ("canary:parameter", "MATCH (n:Region) WHERE n.id = $missing RETURN n", {}),
    ]
    return out


@pytest.fixture(scope="module")
def diagnostics() -> dict[str, list[dict]]:
    reason = _node_and_package()
    if reason:
        pytest.skip(reason)
    return lint(_all_to_lint())


def _problems(diagnostics: dict[str, list[dict]], prefix: str) -> list[str]:
    return [
        f"{sid}: {d['message']}"
        for sid, found in sorted(diagnostics.items())
        if sid.startswith(prefix)
        for d in found
    ]


def test_the_linter_catches_what_it_should(diagnostics) -> None:
    assert diagnostics["canary:syntax"], "a syntax error went unseen: the linter is not working"
    assert any("label" in d["message"] for d in diagnostics["canary:dialect"])
    assert any("$missing" in d["message"] for d in diagnostics["canary:parameter"])


@pytest.mark.parametrize("group", ["tool:", "push:", "script:", "analyst:", "docs:"])
def test_statements_are_valid_neo4j_cypher(diagnostics, group: str) -> None:
    assert any(sid.startswith(group) for sid in diagnostics), f"no {group} statements were linted"
    assert _problems(diagnostics, group) == []


def test_every_tool_statement_was_linted(diagnostics) -> None:
    for statement in all_statements():
        assert f"tool:{statement.id}" in diagnostics
