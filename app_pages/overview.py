"""Overview: what the store holds — counts by entity type and mechanism, the documents, the last build."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from app_pages.context import AppData
from app_pages.i18n import t
from app_pages.selection import STRUCTURAL


def counts(data: AppData) -> dict[str, Counter]:
    """Entities by label, fact relations by type, ASSISTS by mechanism."""
    g = data.graph
    entities = Counter(a.get("label") for _, a in g.nodes(data=True) if a.get("label") != "Document")
    relations: Counter = Counter()
    mechanisms: Counter = Counter()
    for _, _, d in g.edges(data=True):
        if d.get("type") in STRUCTURAL:
            continue
        relations[d.get("type")] += 1
        if d.get("type") == "ASSISTS":
            mechanisms[d.get("mechanism") or "—"] += 1
    return {"entities": entities, "relations": relations, "mechanisms": mechanisms}


def documents_table(data: AppData) -> pd.DataFrame:
    """One row per loaded document: title, date, number, path and how many facts it supports."""
    kg = data.kg
    rows = []
    for doc_id in kg.document_ids:
        meta = kg.document(doc_id)
        ext = kg.extraction(doc_id)
        rows.append(
            {
                t("col.title"): meta.get("title") or "",
                t("col.date"): (meta.get("date") or "")[:10],
                t("col.doc_number"): meta.get("doc_number") or "",
                t("col.entities"): len(ext.entities),
                t("col.relations"): len(ext.relations),
                t("col.path"): meta.get("path") or "",
                t("col.doc_id"): doc_id,
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame = frame.sort_values(t("col.date"), ascending=False, kind="stable")
    return frame


def _table(counter: Counter, key_col: str, prefix: str = "") -> pd.DataFrame:
    """Counts, biggest first; ``prefix`` names the i18n family the keys are shown through."""
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], str(kv[0])))
    shown = [(t(prefix + str(k)) if prefix else k, v) for k, v in rows]
    return pd.DataFrame(shown, columns=[key_col, t("col.count")])


def render(data: AppData) -> None:
    st.title(t("page.overview"))
    c = counts(data)
    cols = st.columns(4)
    cols[0].metric(t("overview.documents"), len(data.kg.document_ids))
    cols[1].metric(t("overview.entities"), sum(c["entities"].values()))
    cols[2].metric(t("overview.relations"), sum(c["relations"].values()))
    cols[3].metric(t("overview.assists"), c["relations"].get("ASSISTS", 0))
    st.caption(
        t(
            "overview.build",
            built=f"{data.built_at:%Y-%m-%d %H:%M:%S}",
            path=str(data.store),
            seconds=f"{data.load_seconds:.2f}",
        )
    )
    left, middle, right = st.columns(3)
    with left:
        st.subheader(t("overview.by_type"))
        st.dataframe(_table(c["entities"], t("col.type"), "type."), hide_index=True, width="stretch")
    with middle:
        st.subheader(t("overview.by_mechanism"))
        st.dataframe(_table(c["mechanisms"], t("col.mechanism")), hide_index=True, width="stretch")
    with right:
        st.subheader(t("overview.by_relation"))
        st.dataframe(_table(c["relations"], t("col.relation"), "rel."), hide_index=True, width="stretch")
    st.subheader(t("overview.documents_loaded"))
    st.dataframe(documents_table(data), hide_index=True, width="stretch")
