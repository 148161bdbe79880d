"""Map: helpers and helped at their coordinates with arcs helper → helped, coloured by mechanism.

Offline by construction (graph/geo.py draws plain SVG; no tiles). Filters are the Network page's, on
ASSISTS only. Relations whose ends have no coordinates (an agency, a platform) are listed under the map
rather than silently dropped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages.context import AppData, gazetteer
from app_pages.filters import selected, selection_controls
from app_pages.i18n import t
from graph.geo import assistance_arcs, map_html


@st.cache_resource(show_spinner=False)
def province_seats() -> list[tuple[str, float, float]]:
    """(name, lon, lat) of every province the gazetteer places: the map's faint backdrop."""
    gaz = gazetteer()
    out = []
    for region in getattr(gaz, "by_code", {}).values() if gaz is not None else ():
        lat, lon = getattr(region, "lat", None), getattr(region, "lon", None)
        if getattr(region, "level", None) == "province" and lat is not None and lon is not None:
            try:
                out.append((str(region.name), float(lon), float(lat)))
            except (TypeError, ValueError):
                continue
    return out


def render(data: AppData) -> None:
    st.title(t("page.map"))
    sel = selection_controls(data, "map", assists_only=True)
    sub = selected(data, sel)
    arcs, missing = assistance_arcs(sub)
    st.caption(
        t(
            "map.size",
            arcs=len(arcs),
            places=len({a.helper.node_id for a in arcs} | {a.helped.node_id for a in arcs}),
        )
    )
    if not arcs:
        st.info(t("map.empty"))
    else:
        texts = {
            "helper": t("map.helper"),
            "helped": t("map.helped"),
            "evidence": t("col.evidence"),
            "inferred": t("map.inferred"),
        }
        html = map_html(arcs, backdrop=province_seats(), texts=texts)
        st.iframe(html, height=660)
        st.download_button(
            t("map.download"),
            html.encode("utf-8"),
            file_name="bangfu-map.html",
            mime="text/html",
            key="map_download",
        )
    if missing:
        st.markdown(f"**{t('map.missing', n=len(missing))}**")
        st.dataframe(
            pd.DataFrame(missing, columns=[t("col.helper"), t("col.helped"), t("col.mechanism")]),
            hide_index=True,
            width="stretch",
        )
