"""Map: helpers and helped on a map of China with arcs helper → helped, coloured by mechanism.

Offline by construction (bangfu/views/geomap.py draws SVG over the outlines in data/geo; no tiles, no
CDN). Filters are the Network page's, on ASSISTS only; a region filter zooms the map to that region.
Relations whose ends have no coordinates (an agency, a platform) are listed under the map rather than
silently dropped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import i18n
from app_pages.context import AppData
from app_pages.filters import selected, selection_controls
from app_pages.i18n import t
from app_pages.network import download_page
from app_pages.selection import Selection
from bangfu.views.geomap import assistance_arcs, map_html

FRAME_HEIGHT = 700  # the SVG is 960 × 680: at this height it is drawn at about its own pixel size


def map_words(lang: str | None = None) -> dict[str, str]:
    """The words of the map pictures (legend, tooltips, zoom buttons) in the app's language."""
    return {
        "helper": t("map.helper", lang),
        "helped": t("map.helped", lang),
        "both": t("map.both", lang),
        "evidence": t("col.evidence", lang),
        "inferred": t("map.inferred", lang),
        "legend": t("map.legend", lang),
        "zoom_in": t("map.zoom_in", lang),
        "zoom_out": t("map.zoom_out", lang),
        "reset": t("map.reset", lang),
        "title": t("page.map", lang),
    }


@st.cache_data(show_spinner=False, max_entries=16)
def picture(store: str, stamp: int, sel: Selection, lang: str, _data: AppData) -> tuple[str, int, int, list]:
    """(map page, arcs drawn, places, relations not drawn) per store build, selection and language."""
    arcs, missing = assistance_arcs(selected(_data, sel))
    if not arcs:
        return "", 0, 0, missing
    focus = []
    if sel.region and sel.region in _data.graph:
        focus.append(str(_data.graph.nodes[sel.region].get("code") or ""))
    places = len({a.helper.node_id for a in arcs} | {a.helped.node_id for a in arcs})
    return map_html(arcs, focus=focus, texts=map_words(lang)), len(arcs), places, missing


def render(data: AppData) -> None:
    st.title(t("page.map"))
    sel = selection_controls(data, "map", assists_only=True)
    html, n_arcs, n_places, missing = picture(str(data.store), data.stamp, sel, i18n.current(), data)
    st.caption(t("map.size", arcs=n_arcs, places=n_places))
    if not html:
        st.info(t("map.empty"))
    else:
        st.iframe(html, height=FRAME_HEIGHT)
        st.caption(t("map.how"))
        download_page(t("map.download"), html, "bangfu-map.html", "map_download")
    if missing:
        st.markdown(f"**{t('map.missing', n=len(missing))}**")
        st.dataframe(
            pd.DataFrame(missing, columns=[t("col.helper"), t("col.helped"), t("col.mechanism")]),
            hide_index=True,
            width="stretch",
        )
