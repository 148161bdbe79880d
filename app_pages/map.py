"""Map: helpers and helped at their coordinates with arcs helper → helped, coloured by mechanism.

Offline by construction (bangfu/views/geomap.py draws plain SVG; no tiles). Filters are the Network page's, on
ASSISTS only. Relations whose ends have no coordinates (an agency, a platform) are listed under the map
rather than silently dropped.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import i18n
from app_pages.context import AppData, gazetteer
from app_pages.filters import selected, selection_controls
from app_pages.i18n import t
from app_pages.network import download_page
from app_pages.selection import Selection
from bangfu.views.geomap import assistance_arcs, map_html


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


@st.cache_data(show_spinner=False, max_entries=16)
def picture(store: str, stamp: int, sel: Selection, lang: str, _data: AppData) -> tuple[str, int, int, list]:
    """(map page, arcs drawn, places, relations not drawn) per store build, selection and language."""
    arcs, missing = assistance_arcs(selected(_data, sel))
    if not arcs:
        return "", 0, 0, missing
    texts = {
        "helper": t("map.helper", lang),
        "helped": t("map.helped", lang),
        "evidence": t("col.evidence", lang),
        "inferred": t("map.inferred", lang),
    }
    places = len({a.helper.node_id for a in arcs} | {a.helped.node_id for a in arcs})
    return map_html(arcs, backdrop=province_seats(), texts=texts), len(arcs), places, missing


def render(data: AppData) -> None:
    st.title(t("page.map"))
    sel = selection_controls(data, "map", assists_only=True)
    html, n_arcs, n_places, missing = picture(str(data.store), data.stamp, sel, i18n.current(), data)
    st.caption(t("map.size", arcs=n_arcs, places=n_places))
    if not html:
        st.info(t("map.empty"))
    else:
        st.iframe(html, height=660)
        download_page(t("map.download"), html, "bangfu-map.html", "map_download")
    if missing:
        st.markdown(f"**{t('map.missing', n=len(missing))}**")
        st.dataframe(
            pd.DataFrame(missing, columns=[t("col.helper"), t("col.helped"), t("col.mechanism")]),
            hide_index=True,
            width="stretch",
        )
