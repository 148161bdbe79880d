"""Cypher: an editor with example queries, run read-only with a timeout and a row limit, against the
embedded store (default) or Neo4j (when NEO4J_URI is set). Results as a table (CSV download) and, when
they hold nodes, as a graph. Engine errors are shown as the engine's one-line message, never a
traceback.

Read-only means the statement is checked by graph/store/readonly.py before it reaches the store: file,
network, engine and write statements are refused with one line naming the clause. A write mode (the
CLI's --write: unchecked) is offered only where app_pages/access.py allows changes (not while the app
is shared on the network, unless its owner allowed it).
"""

from __future__ import annotations

import json
import os
from typing import Any

import networkx as nx
import pandas as pd
import streamlit as st

from app_pages import access, context
from app_pages.context import AppData
from app_pages.i18n import TEXTS, relation_names, t
from bangfu.planner.catalogue import ANALYST_QUERIES, AnalystQuery
from bangfu.views.network import network_html
from graph.store import readonly

DEFAULT_LIMIT = 1000
DEFAULT_TIMEOUT_S = 10
GRAPH_MAX_NODES = 500
GRAPH_HEIGHT = 520


# The examples are the Cypher catalogue's (bangfu/planner/catalogue.py), the same queries docs/cypher.md
# shows and the tests check against the networkx graph; their titles are in app_pages/i18n.py under
# cypher.ex.<name>.
EXAMPLES: tuple[AnalystQuery, ...] = tuple(ANALYST_QUERIES.values())


def neo4j_configured() -> bool:
    return bool(os.environ.get("NEO4J_URI"))


def run_query(
    store: str,
    engine: str,
    cypher: str,
    params: dict[str, Any],
    timeout_s: int,
    limit: int = DEFAULT_LIMIT,
    *,
    write: bool = False,
) -> Any:
    """Run gated and read-only unless ``write``, with the timeout and at most ``limit`` rows; returns a
    QueryResult or raises readonly.Refused or the engine's one-line error."""
    if not write:
        readonly.check(cypher, "neo4j" if engine == "neo4j" else "embedded")
    if engine == "neo4j":
        from graph.store.neo4j import Neo4jSettings, query

        return query(cypher, params, Neo4jSettings.from_env(), write=write, timeout_s=timeout_s, limit=limit)
    from graph.store.embedded import open_store

    with open_store(store, read_only=not write) as s:
        return s.query(cypher, params, timeout_ms=int(timeout_s * 1000), limit=limit)


def _outcome(
    data: AppData, engine: str, params: dict[str, Any], timeout: int, limit: int, write: bool
) -> dict:
    """What the Run button leaves for the page to show: a result or one line of error."""
    cypher = st.session_state["cy_query"]
    missing, _unused = readonly.parameter_gaps(cypher, params)
    if missing:
        return {"error": t("cypher.params_missing", names=", ".join(f"${p}" for p in missing))}
    try:
        result = run_query(str(data.store), engine, cypher, params, timeout, limit, write=write)
    except readonly.Refused as exc:
        return {"error": t("cypher.refused", clause=exc.clause)}
    except Exception as exc:  # the engine's message, one line; never a traceback
        message = next((line for line in str(exc).splitlines() if line.strip()), type(exc).__name__)
        return {"error": message}
    if write:
        context.forget()  # the store may have changed: every page reads it again
    return {"result": result}


def cell(value: Any, graph: nx.MultiDiGraph | None = None) -> Any:
    """A result value as table text: nodes and node ids by name, a path's nodes joined by arrows,
    lists element-wise, nothing for null (never the word "None")."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if "id" in value and ("name" in value or "_LABEL" in value):
            return str(value.get("name") or value.get("title") or _name(value["id"], graph))
        if isinstance(value.get("_NODES"), list):  # a path
            return " → ".join(str(cell(v, graph)) for v in value["_NODES"])
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list):
        nodes = all(isinstance(v, dict) and "id" in v for v in value) and value
        return (" → " if nodes else " · ").join(str(cell(v, graph)) for v in value)
    if isinstance(value, str) and graph is not None and value in graph:
        return _name(value, graph)
    return value


def _name(node_id: str, graph: nx.MultiDiGraph | None) -> str:
    if graph is not None and node_id in graph:
        return str(graph.nodes[node_id].get("name") or node_id)
    return node_id


def node_ids(rows: list[list[Any]], graph: nx.MultiDiGraph) -> list[str]:
    """Graph nodes a result holds: node values (dicts with an id), paths' node lists, or id strings."""
    found: dict[str, None] = {}

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("id"), str) and value["id"] in graph:
                found[value["id"]] = None
            for key in ("_NODES", "_nodes", "nodes"):
                if isinstance(value.get(key), list):
                    for v in value[key]:
                        visit(v)
        elif isinstance(value, list):
            for v in value:
                visit(v)
        elif isinstance(value, str) and value in graph:
            found[value] = None

    for row in rows:
        for value in row:
            visit(value)
    return list(found)


def result_graph(graph: nx.MultiDiGraph, ids: list[str]) -> nx.MultiDiGraph:
    """The nodes a result names and the fact edges among them."""
    keep = set(ids)
    out = nx.MultiDiGraph()
    for n in ids:
        out.add_node(n, **graph.nodes[n])
    for u, v, key, d in graph.edges(keep, keys=True, data=True):
        if v in keep and d.get("type") != "MENTIONED_IN":
            out.add_edge(u, v, key=key, **d)
    return out


def _load_example() -> None:
    ex = next(e for e in EXAMPLES if e.name == st.session_state["cy_example"])
    st.session_state["cy_query"] = ex.cypher
    st.session_state["cy_params"] = json.dumps(ex.params, ensure_ascii=False)
    st.session_state.pop("cy_result", None)


def render(data: AppData) -> None:
    st.title(t("page.cypher"))
    if "cy_query" not in st.session_state:
        st.session_state["cy_example"] = EXAMPLES[0].name
        _load_example()
    st.selectbox(
        t("cypher.examples"),
        [e.name for e in EXAMPLES],
        format_func=lambda k: t("cypher.ex." + k),
        key="cy_example",
        on_change=_load_example,
    )
    st.text_area(t("cypher.query"), key="cy_query", height=180)
    a, b, c, d = st.columns([3, 1, 1, 1])
    a.text_input(t("cypher.params"), key="cy_params", help=t("cypher.params_help"))
    limit = b.number_input(t("cypher.limit"), 1, 100_000, DEFAULT_LIMIT, key="cy_limit")
    timeout = c.number_input(t("cypher.timeout"), 1, 600, DEFAULT_TIMEOUT_S, key="cy_timeout")
    engines = ["embedded", *(["neo4j"] if neo4j_configured() else [])]
    engine = d.selectbox(
        t("cypher.engine"), engines, format_func=lambda e: t("cypher.engine." + e), key="cy_engine"
    )
    write = False
    if access.changes_allowed():
        write = st.checkbox(t("cypher.write"), key="cy_write", help=t("cypher.write_help"))
    st.caption(t("cypher.write_on") if write else t("cypher.readonly"))
    if access.shared() and not access.changes_allowed():
        st.caption(t("access.shared_read_only"))
    if st.button(t("cypher.run"), type="primary", key="cy_run"):
        try:
            params = json.loads(st.session_state["cy_params"] or "{}")
            if not isinstance(params, dict):
                raise ValueError(t("cypher.params_not_object"))
        except ValueError as exc:
            st.session_state["cy_result"] = {"error": t("cypher.params_error", error=str(exc))}
        else:
            st.session_state["cy_result"] = _outcome(data, engine, params, int(timeout), int(limit), write)
    outcome = st.session_state.get("cy_result")
    if not outcome:
        return
    if "error" in outcome:
        st.error(outcome["error"])
        return
    result = outcome["result"]
    for warning in result.warnings:
        st.warning(warning)
    rows = result.rows[: int(limit)]
    if result.truncated and result.total is not None:
        st.caption(t("cypher.truncated", shown=len(rows), total=result.total))
    elif result.truncated or len(result.rows) > len(rows):
        st.caption(t("cypher.truncated_more", shown=len(rows)))
    else:
        st.caption(t("cypher.rows", n=len(rows)))
    frame = pd.DataFrame([[cell(v, data.graph) for v in row] for row in rows], columns=result.columns)
    st.dataframe(frame, hide_index=True, width="stretch")
    st.download_button(
        t("cypher.download"),
        frame.to_csv(index=False).encode("utf-8-sig"),
        file_name="bangfu-query.csv",
        mime="text/csv",
        key="cy_download",
    )
    ids = node_ids(rows, data.graph)
    if ids and len(ids) <= GRAPH_MAX_NODES:
        st.subheader(t("cypher.as_graph", n=len(ids)))
        st.iframe(
            network_html(
                result_graph(data.graph, ids),
                height=GRAPH_HEIGHT,
                texts={
                    "evidence": t("col.evidence"),
                    "legend": t("map.legend"),
                    "inferred": t("map.inferred"),
                    "other": t("network.other"),
                },
                type_names={k.removeprefix("type."): t(k) for k in TEXTS if k.startswith("type.")},
                relation_names=relation_names(),
            ),
            height=GRAPH_HEIGHT + 40,  # the picture and its card's margin: nothing hidden below the frame
        )
    elif ids:
        st.caption(t("cypher.graph_too_big", n=len(ids), limit=GRAPH_MAX_NODES))
