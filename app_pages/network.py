"""Network: the selection as an interactive pyvis picture, a node's relations with their evidence, and
"Download as HTML" (a standalone page with vis-network inline, no CDN)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import i18n
from app_pages.context import AppData
from app_pages.filters import selected, selection_controls
from app_pages.i18n import relation_names, t
from app_pages.selection import Selection, relations_of
from bangfu.views.network import layout, network_html

MAX_NODES = 3000  # above this the picture is refused: filter first (a projector shows no more anyway)


@st.cache_data(show_spinner=False, max_entries=16)
def picture(store: str, stamp: int, sel: Selection, lang: str, _data: AppData) -> str:
    """The HTML of a selection, cached per (store build, selection, language): the layout is the slow
    part (≈1 s at 2,000 nodes) and must not run again on every widget change elsewhere."""
    sub = selected(_data, sel)
    words = {"evidence": t("col.evidence", lang)}
    return network_html(sub, positions=layout(sub), texts=words, relation_names=relation_names())


def evidence_table(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("col.direction"): r["direction"],
                t("col.other"): r["other"],
                t("col.relation"): t("rel." + str(r["relation"])),
                t("col.mechanism"): r["mechanism"],
                t("col.status"): t("status." + r["status"]) if r["status"] else "",
                t("col.inferred"): "✓" if r["inferred"] else "",
                t("col.sentence"): r["sentence"],
                t("col.document"): r["document"],
                t("col.date"): r["date"],
            }
            for r in rows
        ]
    )


def node_details(data: AppData, sub_nodes: list[str], key: str) -> None:
    """The relations of one chosen node, each evidence sentence on its own row."""
    g = data.graph
    ranked = sorted(sub_nodes, key=lambda n: (-g.degree(n), str(g.nodes[n].get("name"))))
    choice = st.selectbox(
        t("network.pick_node"),
        [None, *ranked],
        format_func=lambda n: (
            t("network.pick_none")
            if n is None
            else f"{g.nodes[n].get('name') or n} · {t('type.' + str(g.nodes[n].get('label')))}"
        ),
        key=key,
    )
    if choice is not None:
        show_relations(data, choice)


def show_relations(data: AppData, node: str) -> None:
    """A node's relations, one row per evidence sentence (the Network and Search pages)."""
    rows = relations_of(data.graph, node)
    st.markdown(f"**{t('network.relations_of', name=data.graph.nodes[node].get('name') or node)}**")
    if rows:
        st.dataframe(evidence_table(rows), hide_index=True, width="stretch")
    else:
        st.info(t("network.no_relations"))


def download_page(label: str, html: str, file_name: str, key: str) -> None:
    """A button saving a standalone page (the network or the map): the file works offline."""
    st.download_button(label, html.encode("utf-8"), file_name=file_name, mime="text/html", key=key)


def render(data: AppData) -> None:
    st.title(t("page.network"))
    sel = selection_controls(data, "net")
    sub = selected(data, sel)
    n_nodes, n_edges = sub.number_of_nodes(), sub.number_of_edges()
    st.caption(t("network.size", nodes=n_nodes, edges=n_edges))
    if n_nodes == 0:
        st.info(t("network.empty"))
        return
    if n_nodes > MAX_NODES:
        st.warning(t("network.too_big", nodes=n_nodes, limit=MAX_NODES))
        return
    html = picture(str(data.store), data.stamp, sel, i18n.current(), data)
    st.iframe(html, height=760)
    download_page(t("network.download"), html, "bangfu-network.html", "net_download")
    node_details(data, list(sub.nodes), "net_node")
