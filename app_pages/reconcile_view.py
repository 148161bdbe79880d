"""The planner's reconciliation tab: official pairing lists against the documents, in four groups
(official only, documents only, years disagree, agree), with the sentences and the list's source
behind a chosen row.

The analysis is bangfu/planner/reconcile.py's (the same as `bangfu reconcile`); the tab reuses the
planner's CoverageIndex, so the graph is read once for both tabs.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.i18n import t
from app_pages.official_table import official_table
from bangfu.knowledge.lists import programmes
from bangfu.planner.coverage import CoverageIndex
from bangfu.planner.reconcile import COLUMNS as REPORT_COLUMNS
from bangfu.planner.reconcile import GROUPS, Reconciler, ReconRow, counts

GROUP_LABEL = {"a": "official-only", "b": "documents-only", "c": "years", "both": "agree"}
# the report's columns the tab shows (the sentence and the source are in the detail below)
COLUMNS = tuple(c for c in REPORT_COLUMNS if c not in ("sentence", "document", "source", "list_source"))


def frame(rows: list[ReconRow]) -> pd.DataFrame:
    """The report's table in the app's language; group names translated, the rest as the CLI prints."""
    records = []
    for r in rows:
        flat = r.row()
        flat["group"] = t("rec.group." + GROUP_LABEL[flat["group"]])
        records.append({t(f"rec.col.{c}"): flat[c] for c in COLUMNS})
    return pd.DataFrame(records, columns=[t(f"rec.col.{c}") for c in COLUMNS])


def render(index: CoverageIndex) -> None:
    st.caption(t("rec.intro"))
    a, b, c = st.columns(3)
    programme = a.selectbox(
        t("planner.programme"),
        [None, *programmes()],
        format_func=lambda p: t("filters.all") if p is None else p,
        key="rec_programme",
    )
    use_year = b.checkbox(t("planner.as_of"), key="rec_use_year")
    as_of = c.number_input(t("planner.year"), 2000, 2100, 2021, key="rec_year") if use_year else None
    rows = Reconciler(index, int(as_of) if as_of else None, programme).rows()
    total = counts(rows)
    for col, name in zip(st.columns(len(GROUPS)), GROUPS, strict=True):
        col.metric(t("rec.group." + name), total[name])
    shown = st.multiselect(
        t("rec.col.group"),
        list(GROUPS),
        default=["official-only", "documents-only", "years"],
        format_func=lambda g: t("rec.group." + g),
        key="rec_groups",
    )
    visible = [r for r in rows if r.group in shown]
    if not visible:
        st.info(t("rec.no_rows"))
        return
    table = frame(visible)
    st.dataframe(table, hide_index=True, width="stretch", key="rec_table")
    st.download_button(
        t("planner.download"),
        pd.DataFrame([r.row() for r in visible]).to_csv(index=False).encode("utf-8-sig"),
        file_name="reconcile.csv",
        mime="text/csv",
        key="rec_download",
    )
    choice = st.selectbox(
        t("rec.pick"),
        [None, *range(len(visible))],
        format_func=lambda i: (
            t("network.pick_none") if i is None else f"{visible[i].helper} → {visible[i].helped}"
        ),
        key="rec_pick",
    )
    if choice is not None:
        _detail(visible[choice])


def _detail(row: ReconRow) -> None:
    """The evidence sentences and the official rows behind one line of the report."""
    detail = row.to_json()
    st.markdown(f"**{row.helper} → {row.helped}** · {t('rec.group.' + row.group)} {row.kind}")
    if row.note:
        st.caption(row.note)
    sentences = [
        {
            t("col.sentence"): ev.get("sentence", ""),
            t("col.document"): ev.get("title") or ev.get("doc", ""),
            t("col.date"): (ev.get("date") or "")[:10],
            t("col.status"): t("status." + ev["status"]) if ev.get("status") else "",
        }
        for d in detail["documents"]
        for ev in d["evidence"]
    ]
    if sentences:
        st.dataframe(pd.DataFrame(sentences), hide_index=True, width="stretch")
    else:
        st.info(t("planner.no_evidence"))
    official_table([p for p in (detail["official"], *detail["others"]) if p])
