"""The official rows behind a county (coverage) or a pairing (reconciliation), with where each is written.

One table for both planner tabs, so a row reads the same wherever it shows: helper, helped, years,
programme (and the list's own wording), the list and row it comes from, and its source.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages.i18n import t


def official_table(rows: list[dict[str, Any]]) -> None:
    """``rows``: ``OfficialPairing.to_json()`` dicts; nothing is shown when there are none."""
    if not rows:
        return
    st.markdown(f"**{t('planner.official')}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.helper"): p["helper"],
                    t("col.helped"): p["helped"],
                    t("planner.since"): p["since"] or "",
                    t("planner.until"): (p["until"] or "") if not p["until_approx"] else f"{p['until']}?",
                    t("planner.programme"): p["programme"],
                    t("planner.program"): p["program"],
                    t("rec.col.list"): f"{p['list']}:{p['row']}",
                    t("planner.source"): p["source"] + (t("planner.repost_only") if p["repost_only"] else ""),
                    t("planner.source_url"): p["source_url"],
                }
                for p in rows
            ]
        ),
        hide_index=True,
        width="stretch",
    )
