"""帮扶图谱 — the Streamlit app: `streamlit run app.py` (or `python3 dev.py up`).

The shell only chooses the language and the page; each view lives in its own module under app_pages/
with a ``render(data)`` function. Pages are chosen in the sidebar and mirrored in the address
(``?page=network&lang=en``) so a presenter can bookmark a view and the browser tests can open one.
The store is read once per build (app_pages/context.py); nothing is extracted on a page load.
"""

from __future__ import annotations

import importlib

import streamlit as st

from app_pages import PAGES, context, i18n
from app_pages.i18n import t

NEEDS_STORE = {"overview", "network", "map", "planner", "cypher", "search"}


def _choose_language() -> None:
    wanted = st.query_params.get("lang")
    if "lang" not in st.session_state:
        st.session_state["lang"] = wanted if wanted in i18n.LANGUAGES else i18n.DEFAULT
    st.sidebar.radio(
        "语言 / Language",
        i18n.LANGUAGES,
        format_func=lambda code: i18n.LANGUAGE_NAMES[code],
        key="lang",
        horizontal=True,
    )


def _choose_page() -> str:
    wanted = st.query_params.get("page")
    if "page" not in st.session_state:
        st.session_state["page"] = wanted if wanted in PAGES else PAGES[0]
    return st.sidebar.radio(t("app.pages"), PAGES, format_func=lambda p: t(f"page.{p}"), key="page")


def main() -> None:
    st.set_page_config(page_title="帮扶图谱", page_icon="🕸️", layout="wide")
    _choose_language()
    st.sidebar.title(t("app.title"))
    page = _choose_page()
    st.query_params["page"] = page
    st.query_params["lang"] = st.session_state["lang"]
    data = None
    path = context.store_path()
    try:
        data = context.load(path)
    except FileNotFoundError:
        if page in NEEDS_STORE:
            st.title(t(f"page.{page}"))
            st.warning(t("app.no_store", path=str(path)))
            st.code("bangfu build data/corpus", language="bash")
            return
    except Exception as exc:  # an unreadable store: one line, not a traceback
        st.title(t(f"page.{page}"))
        st.error(t("app.store_error", path=str(path), error=str(exc).splitlines()[0] if str(exc) else exc))
        return
    if data is not None:
        st.sidebar.caption(
            t("app.store_caption", path=str(data.store), built=f"{data.built_at:%Y-%m-%d %H:%M}")
        )
    module = importlib.import_module(f"app_pages.{page}")
    module.render(data)


main()
