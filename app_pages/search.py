"""Search: find any entity by name, alias or code, in simplified or traditional characters, and see what
the graph says about it (its place, its relations with their evidence, the documents that mention it).

The index is built once per store build (app_pages/context.py, bangfu/planner/search.py); a query costs a few
milliseconds even on 100k entities.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.context import AppData
from app_pages.i18n import t
from app_pages.network import show_relations
from app_pages.selection import ancestors, documents_of

LIMIT = 50


def _details(data: AppData, node: str) -> None:
    g = data.graph
    attrs = g.nodes[node]
    st.subheader(str(attrs.get("name") or node))
    facts = {t("col.type"): t("type." + str(attrs.get("label")))}
    if attrs.get("code"):
        facts[t("col.code")] = attrs["code"]
    if attrs.get("level"):
        facts[t("search.level")] = t("level." + str(attrs["level"]))
    chain = [str(g.nodes[a].get("name") or a) for a in ancestors(g, node)]
    if chain:
        facts[t("search.within")] = " › ".join(chain)
    if attrs.get("aliases"):
        facts[t("col.aliases")] = "、".join(attrs["aliases"])
    if attrs.get("designations"):
        facts[t("search.designations")] = "、".join(attrs["designations"])
    facts[t("search.id")] = node
    st.dataframe(
        pd.DataFrame(list(facts.items()), columns=[t("search.field"), t("search.value")]),
        hide_index=True,
        width="stretch",
    )
    show_relations(data, node)
    docs = documents_of(g, [node])
    if docs:
        st.markdown(f"**{t('search.documents', n=len(docs))}**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("col.title"): data.kg.document(d).get("title")
                        or data.kg.document(d).get("path")
                        or d,
                        t("col.date"): (data.kg.document(d).get("date") or "")[:10],
                        t("col.doc_id"): d,
                    }
                    for d in docs
                    if d in data.kg.document_ids
                ]
            ),
            hide_index=True,
            width="stretch",
        )


def render(data: AppData) -> None:
    st.title(t("page.search"))
    if "search_query" not in st.session_state and st.query_params.get("q"):
        st.session_state["search_query"] = st.query_params["q"]  # ?page=search&q=龍山: a shareable search
    query = st.text_input(t("search.query"), key="search_query", placeholder=t("search.placeholder"))
    if not query.strip():
        st.caption(t("search.hint", n=len(data.index)))
        return
    hits = data.index.search(query, limit=LIMIT)
    if not hits:
        st.info(t("search.none", query=query))
        return
    st.caption(t("search.found", n=len(hits)))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.name"): h.name,
                    t("col.type"): t("type." + h.label),
                    t("search.matched"): h.matched,
                    t("search.kind"): t("search.kind." + h.kind),
                    t("search.id"): h.node_id,
                }
                for h in hits
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    names = {h.node_id: f"{h.name} · {t('type.' + h.label)}" for h in hits}
    if st.session_state.get("search_pick") not in names:
        st.session_state["search_pick"] = hits[0].node_id
    node = st.selectbox(t("search.pick"), list(names), format_func=names.get, key="search_pick")
    _details(data, node)
