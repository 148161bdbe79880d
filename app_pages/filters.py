"""The filter widgets the Network and Map pages share, turned into a ``Selection``.

Widget keys carry the page's prefix: each page keeps its own filters, and tests can set them by key.
"""

from __future__ import annotations

import networkx as nx
import streamlit as st

from app_pages.context import AppData
from app_pages.i18n import t
from app_pages.selection import STRUCTURAL, Selection, filter_regions, select, year_bounds
from bangfu.knowledge.ontology import MECHANISMS


def _present(data: AppData) -> tuple[list[str], list[str], list[str]]:
    """Relation types, mechanisms and entity labels the graph actually holds (filters offer no dead ends)."""
    g = data.graph
    relations, mechanisms, labels = set(), set(), set()
    for _, _, d in g.edges(data=True):
        if d.get("type") in STRUCTURAL:
            continue
        relations.add(d.get("type"))
        if d.get("type") == "ASSISTS" and d.get("mechanism"):
            mechanisms.add(d.get("mechanism"))
    for _, a in g.nodes(data=True):
        if a.get("label") != "Document":
            labels.add(a.get("label"))
    order = {m: i for i, m in enumerate(MECHANISMS)}
    return (
        sorted(r for r in relations if r),
        sorted(mechanisms, key=lambda m: (order.get(m, 99), m)),
        sorted(x for x in labels if x),
    )


def selection_controls(
    data: AppData, prefix: str, *, assists_only: bool = False, expanded: bool = True
) -> Selection:
    """Draw the filters (in an expander above the picture, open unless ``expanded`` is False) and
    return what they select."""
    relations, mechanisms, labels = _present(data)
    regions = filter_regions(data.graph)
    region_names = {rid: f"{name} ({t('level.' + level)})" for rid, name, level in regions}
    docs = data.kg.document_ids
    doc_titles = {d: (data.kg.document(d).get("title") or data.kg.document(d).get("path") or d) for d in docs}
    bounds = year_bounds(data.graph)
    with st.expander(t("filters.title"), expanded=expanded):
        a, b, c = st.columns(3)
        region = a.selectbox(
            t("filters.region"),
            [None, *region_names],
            format_func=lambda r: t("filters.all") if r is None else region_names[r],
            key=f"{prefix}_region",
        )
        chosen_mechanisms = b.multiselect(
            t("filters.mechanism"), mechanisms, key=f"{prefix}_mechanisms", placeholder=t("filters.all")
        )
        chosen_types = c.multiselect(
            t("filters.type"),
            labels,
            format_func=lambda x: t("type." + x),
            key=f"{prefix}_types",
            placeholder=t("filters.all"),
        )
        d, e, f = st.columns(3)
        chosen_relations: list[str] = ["ASSISTS"]
        if not assists_only:
            chosen_relations = d.multiselect(
                t("filters.relation"),
                relations,
                format_func=lambda x: t("rel." + x),
                key=f"{prefix}_relations",
                placeholder=t("filters.all"),
            )
        document = e.selectbox(
            t("filters.document"),
            [None, *docs],
            format_func=lambda x: t("filters.all") if x is None else doc_titles[x],
            key=f"{prefix}_document",
        )
        years = None
        include_undated = True
        if bounds and bounds[0] < bounds[1]:
            years = f.slider(t("filters.years"), bounds[0], bounds[1], bounds, key=f"{prefix}_years")
            include_undated = f.checkbox(t("filters.undated"), value=True, key=f"{prefix}_undated")
            if tuple(years) == tuple(bounds) and include_undated:
                years = None
    return Selection(
        region=region,
        relations=tuple(chosen_relations),
        mechanisms=tuple(chosen_mechanisms),
        types=tuple(chosen_types),
        years=tuple(years) if years else None,
        include_undated=include_undated,
        document=document,
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _selected(store: str, stamp: int, sel: Selection, _data: AppData) -> nx.MultiDiGraph:
    return select(_data.graph, sel)


def selected(data: AppData, sel: Selection) -> nx.MultiDiGraph:
    """``select`` once per (store build, selection), shared by every session and by the picture and
    the lists of one page view. Treat the result as read-only."""
    return _selected(str(data.store), data.stamp, sel, data)
