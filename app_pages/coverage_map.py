"""The coverage map under the Planner's figures: the list's counties coloured by coverage.

The coverage is the Planner's own (bangfu/planner/coverage.py's ``CountyCoverage`` rows, as the table
shows them); this module only turns those rows into bangfu/views/coverage_map.py's picture, in the
app's language, with a download of the standalone page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from app_pages import i18n
from app_pages.i18n import t
from app_pages.map import map_words
from app_pages.network import download_page
from bangfu.views.coverage_map import COVERAGE_COLOURS, CountyShade, coverage_map_html, drawable

FRAME_HEIGHT = 700


def shades(results: Sequence[Any]) -> tuple[CountyShade, ...]:
    """One shade per resolved county of the rows (unresolved rows have no place to colour)."""
    return tuple(
        CountyShade(r.entry.code, r.entry.label, r.coverage, "; ".join(r.helpers))
        for r in results
        if r.entry.code and r.coverage in COVERAGE_COLOURS
    )


@st.cache_data(show_spinner=False, max_entries=16)
def picture(counties: tuple[CountyShade, ...], title: str, lang: str) -> str:
    names = {k: t(f"coverage.{k}", lang) for k in COVERAGE_COLOURS}
    words = {**map_words(lang), "legend": t("map.coverage_legend", lang)}
    return coverage_map_html(
        counties, title=t("map.coverage_title", lang, title=title), names=names, words=words
    )


def show(results: Sequence[Any], title: str, file_stem: str) -> None:
    """The map of ``results`` (the Planner's rows), its download, and the counties it cannot draw."""
    counties = shades(results)
    if not counties:
        return
    st.iframe(picture(counties, title, i18n.current()), height=FRAME_HEIGHT)
    _, missing = drawable(counties)
    if missing:
        st.caption(t("map.coverage_missing", n=len(missing), names="、".join(c.name for c in missing)))
    download_page(
        t("map.coverage_download"),
        picture(counties, title, i18n.current()),
        f"coverage-map-{file_stem}.html",
        "plan_map_download",
    )
