"""Network: the selection as an interactive pyvis picture, a node's relations with their evidence, and
"Download as HTML" (a standalone page with vis-network inline, no CDN).

Presenter mode (the toggle, or ``?present=1`` in the address so it can be bookmarked) is for a
projector: no sidebar, the page's full width, a taller picture and larger names.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import i18n
from app_pages.context import AppData
from app_pages.filters import selected, selection_controls
from app_pages.i18n import relation_names, t
from app_pages.selection import Selection, relations_of
from app_pages.tables import wrapped_table
from bangfu.views.layout import arrange
from bangfu.views.network import network_html

MAX_NODES = 3000  # above this the picture is refused: filter first (a projector shows no more anyway)


# frame: the picture's room on screen less the legend, on a 1400-pixel screen (sidebar open, or not)
NORMAL = {"height": 720, "node_px": 14, "edge_px": 13, "frame": (780.0, 640.0)}
PRESENTER = {"height": 860, "node_px": 19, "edge_px": 16, "frame": (1180.0, 760.0)}
HIDE_CHROME = (
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl'],"
    "[data-testid='stHeader'],[data-testid='stToolbar']{display:none!important}"
    "[data-testid='stMainBlockContainer'],.block-container{max-width:100%!important;"
    "padding:0.8rem 1.2rem!important}</style>"
)


def words(lang: str | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """The picture's words (tooltips, legend) and the entity types' names, in the app's language."""
    texts = {
        "evidence": t("col.evidence", lang),
        "legend": t("map.legend", lang),
        "inferred": t("map.inferred", lang),
        "other": t("network.other", lang),
    }
    types = {k.removeprefix("type."): t(k, lang) for k in i18n.TEXTS if k.startswith("type.")}
    return texts, types


@st.cache_data(show_spinner=False, max_entries=16)
def picture(store: str, stamp: int, sel: Selection, lang: str, present: bool, _data: AppData) -> str:
    """The HTML of a selection, cached per (store build, selection, language, mode): the layout is the
    slow part (≈1 s at 2,000 nodes) and must not run again on every widget change elsewhere."""
    sub = selected(_data, sel)
    mode = PRESENTER if present else NORMAL
    texts, types = words(lang)
    shown = sub.subgraph([n for n, a in sub.nodes(data=True) if a.get("label") != "Document"])
    positions, grow = arrange(shown, label_px=mode["node_px"], frame=mode["frame"])
    return network_html(
        shown,
        positions=positions,
        grow=grow,
        height=mode["height"],
        texts=texts,
        type_names=types,
        relation_names=relation_names(lang),
        node_px=mode["node_px"],
        edge_px=mode["edge_px"],
    )


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
        wrapped_table(evidence_table(rows), [t("col.sentence"), t("col.document")])
    else:
        st.info(t("network.no_relations"))


def download_page(label: str, html: str, file_name: str, key: str) -> None:
    """A button saving a standalone page (the network or the map): the file works offline."""
    st.download_button(label, html.encode("utf-8"), file_name=file_name, mime="text/html", key=key)


def presenter_toggle() -> bool:
    """The presenter-mode switch, mirrored in the address (``?present=1``)."""
    if "net_present" not in st.session_state:
        st.session_state["net_present"] = st.query_params.get("present") == "1"
    present = st.toggle(t("network.present"), key="net_present", help=t("network.present_help"))
    if present:
        st.query_params["present"] = "1"
        st.html(HIDE_CHROME)
    elif "present" in st.query_params:
        del st.query_params["present"]
    return present


def render(data: AppData) -> None:
    present = presenter_toggle()
    if not present:
        st.title(t("page.network"))
    sel = selection_controls(data, "net", expanded=not present)
    sub = selected(data, sel)
    n_nodes, n_edges = sub.number_of_nodes(), sub.number_of_edges()
    st.caption(t("network.size", nodes=n_nodes, edges=n_edges))
    if n_nodes == 0:
        st.info(t("network.empty"))
        return
    if n_nodes > MAX_NODES:
        st.warning(t("network.too_big", nodes=n_nodes, limit=MAX_NODES))
        return
    html = picture(str(data.store), data.stamp, sel, i18n.current(), present, data)
    st.iframe(html, height=(PRESENTER if present else NORMAL)["height"] + 40)
    download_page(t("network.download"), html, "bangfu-network.html", "net_download")
    if not present:
        node_details(data, list(sub.nodes), "net_node")
