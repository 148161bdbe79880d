"""Planner: the coverage of a designation list (shipped or uploaded) — who helps each county, directly,
through its prefecture or province, or nobody — as a table to sort, filter and download, with the
evidence behind a chosen county.

The analysis is bangfu/planner/coverage.py's (the same as `bangfu unpaired`); this page only chooses the list,
shows the rows and never re-reads documents.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from app_pages import coverage_map, reconcile_view
from app_pages.context import AppData, gazetteer
from app_pages.i18n import t
from app_pages.official_table import official_table
from app_pages.tables import wrapped_table
from app_pages.uploader import localize_uploader
from bangfu.knowledge.gazetteer import Gazetteer
from bangfu.knowledge.lists import (
    ListError,
    ListInfo,
    RegionList,
    catalog,
    load_list,
    parse_list_file,
    programmes,
)
from bangfu.planner.coverage import COVERAGE_LEVELS, CountyCoverage, CoverageIndex, unpaired

UPLOAD = "__upload__"


@st.cache_resource(show_spinner=False, max_entries=3)
def coverage_index(store: str, stamp: int, _data: AppData) -> CoverageIndex:
    """One CoverageIndex per store build (it reads every ASSISTS edge once)."""
    return CoverageIndex(_data.kg, gazetteer())


def shipped_lists() -> list[ListInfo]:
    return [info for info in catalog() if info.kind == "designation" and info.file]


def _read_upload(upload: Any, gaz: Gazetteer | None) -> RegionList:
    """A user's CSV/XLSX, parsed by the same code as `bangfu unpaired --list FILE`."""
    suffix = Path(upload.name).suffix or ".csv"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"list{suffix}")
        path.write_bytes(upload.getvalue())
        region_list = parse_list_file(path, gaz)
    region_list.name = upload.name
    return region_list


def coverage_frame(results: list[CountyCoverage]) -> pd.DataFrame:
    """The planner's table, columns and coverage values in the app's language."""
    rows = []
    for r in results:
        row = r.row()  # bangfu/planner/coverage.py's columns, as `bangfu unpaired` prints them
        row.pop("row", None)
        row["coverage"] = t(f"coverage.{row['coverage']}")
        rows.append({t(f"plan.col.{c}"): v for c, v in row.items()})
    return pd.DataFrame(rows)


def _choose_list(gaz: Gazetteer | None) -> RegionList | None:
    lists = shipped_lists()
    titles = {info.name: f"{info.name} · {info.title}" for info in lists}
    choice = st.selectbox(
        t("planner.list"),
        [*titles, UPLOAD],
        format_func=lambda n: t("planner.upload_option") if n == UPLOAD else titles[n],
        key="plan_list",
    )
    if choice == UPLOAD:
        localize_uploader()
        upload = st.file_uploader(t("planner.upload"), type=["csv", "xlsx", "txt"], key="plan_upload")
        if upload is None:
            st.info(t("planner.upload_hint"))
            return None
        try:
            return _read_upload(upload, gaz)
        except (ListError, OSError, ValueError) as exc:
            st.error(t("planner.list_error", error=str(exc)))
            return None
    info = next(i for i in lists if i.name == choice)
    if info.status != "complete":
        st.caption(t("planner.partial", note=info.note))
    try:
        return load_list(choice, gaz)
    except ListError as exc:
        st.error(t("planner.list_error", error=str(exc)))
        return None


def _problems(region_list: RegionList) -> None:
    problems = region_list.problems
    if not problems:
        return
    st.warning(t("planner.problems", n=len(problems)))
    st.dataframe(
        pd.DataFrame(
            [
                {t("plan.col.row"): e.row, t("plan.col.raw"): e.raw, t("plan.col.note"): e.note}
                for e in problems
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _evidence(result: CountyCoverage) -> None:
    """Every pairing reaching the county, level by level, with the sentences and documents behind it."""
    detail = result.to_json()
    st.markdown(f"**{detail['county']}** · {t('coverage.' + detail['coverage'])}")
    rows = []
    for level in detail["levels"]:
        for d in level["documents"]:
            for ev in d["evidence"] or [{}]:
                rows.append(
                    {
                        t("plan.col.via"): t("via." + level["via"]),
                        t("plan.col.target"): level["name"],
                        t("col.helper"): d["helper_name"],
                        t("col.mechanism"): d["mechanism"] or "",
                        t("col.status"): t("status." + d["status"]) if d["status"] else "",
                        t("plan.col.official"): "✓" if d["official"] else "",
                        t("col.sentence"): ev.get("sentence", ""),
                        t("col.document"): ev.get("title") or ev.get("doc", ""),
                        t("col.date"): (ev.get("date") or "")[:10],
                    }
                )
    if rows:
        wrapped_table(pd.DataFrame(rows), [t("col.sentence"), t("col.document")])
    else:
        st.info(t("planner.no_evidence"))
    official = [p for level in detail["levels"] for p in level["official"]] + detail.get(
        "official_within", []
    )
    official_table(official)


def render(data: AppData) -> None:
    st.title(t("page.planner"))
    gaz = gazetteer()
    if gaz is None:
        st.error(t("planner.no_gazetteer"))
        return
    coverage_tab, reconcile_tab = st.tabs([t("planner.tab.coverage"), t("planner.tab.reconcile")])
    with reconcile_tab:  # the official lists against the documents (app_pages/reconcile_view.py)
        reconcile_view.render(coverage_index(str(data.store), data.stamp, data))
    with coverage_tab:
        _render_coverage(data, gaz)


def _render_coverage(data: AppData, gaz: Gazetteer | None) -> None:
    region_list = _choose_list(gaz)
    if region_list is None:
        return
    a, b, c, d = st.columns(4)
    programme = d.selectbox(
        t("planner.programme"),
        [None, *programmes()],
        format_func=lambda p: t("filters.all") if p is None else p,
        key="plan_programme",
    )
    level = a.selectbox(
        t("planner.show"),
        ["all", "county", "prefecture", "province"],
        format_func=lambda x: t("planner.show." + x),
        key="plan_level",
    )
    use_year = b.checkbox(t("planner.as_of"), key="plan_use_year")
    as_of = c.number_input(t("planner.year"), 2000, 2100, 2021, key="plan_year") if use_year else None
    index = coverage_index(str(data.store), data.stamp, data)
    results = index.coverage(region_list.entries, as_of=int(as_of) if as_of else None, programme=programme)
    if level != "all":
        results = unpaired(results, level)
    _problems(region_list)
    counts = pd.Series([r.coverage for r in results]).value_counts()
    cols = st.columns(len(COVERAGE_LEVELS))
    for col, name in zip(cols, COVERAGE_LEVELS, strict=True):
        col.metric(t(f"coverage.{name}"), int(counts.get(name, 0)))
    coverage_map.show(results, region_list.title, region_list.name)
    frame = coverage_frame(results)
    if frame.empty:
        st.info(t("planner.no_rows"))
        return
    f1, f2, f3 = st.columns(3)
    shown_cov = f1.multiselect(
        t("plan.col.coverage"),
        sorted(set(frame[t("plan.col.coverage")])),
        key="plan_filter_cov",
        placeholder=t("filters.all"),
    )
    shown_prov = f2.multiselect(
        t("plan.col.province"),
        sorted(p for p in set(frame[t("plan.col.province")]) if p),
        key="plan_filter_prov",
        placeholder=t("filters.all"),
    )
    text = f3.text_input(t("planner.filter_text"), key="plan_filter_text")
    keep = pd.Series(True, index=frame.index)
    if shown_cov:
        keep &= frame[t("plan.col.coverage")].isin(shown_cov)
    if shown_prov:
        keep &= frame[t("plan.col.province")].isin(shown_prov)
    if text:
        keep &= frame.apply(lambda row: any(text in str(v) for v in row.values), axis=1)
    visible = frame[keep]
    st.caption(t("planner.rows", shown=len(visible), total=len(frame), title=region_list.title))
    event = st.dataframe(
        visible,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="plan_table",
    )
    st.download_button(
        t("planner.download"),
        visible.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"coverage-{region_list.name}.csv",
        mime="text/csv",
        key="plan_download",
    )
    positions = {i: pos for pos, i in enumerate(frame.index)}
    picked = list(getattr(getattr(event, "selection", None), "rows", []) or [])
    if picked and picked != st.session_state.get("plan_last_pick"):
        st.session_state["plan_last_pick"] = picked
        st.session_state["plan_county"] = positions[visible.index[picked[0]]]
    st.subheader(t("planner.evidence"))
    options = [None, *(positions[i] for i in visible.index)]
    if st.session_state.get("plan_county") not in options:
        st.session_state["plan_county"] = None  # another list or filter: the old choice is gone
    choice = st.selectbox(
        t("planner.county"),
        options,
        format_func=lambda i: t("network.pick_none") if i is None else results[i].entry.label,
        key="plan_county",
    )
    if choice is not None:
        _evidence(results[choice])
