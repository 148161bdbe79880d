"""Documents: upload files into the graph, read a document with its facts marked, remove a document.

This page only displays: adding and removing are bangfu/pipeline/library.py's ``add_documents`` and
``remove_documents``, the code behind `bangfu add` and `bangfu remove` (the CLI's loaders, size limit
and error reports; one atomic store swap, so a failure anywhere leaves the previous store as it was).

A document's text is re-read from its file (``loaders.read.load_path``), never re-extracted: evidence
spans index that text, so the marks land on the words the facts came from.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import streamlit as st

from app_pages import access, context
from app_pages.context import AppData
from app_pages.highlight import mark
from app_pages.i18n import t
from app_pages.tables import wrapped_table
from app_pages.uploader import localize_uploader
from bangfu.pipeline import library
from graph.model import KnowledgeGraph


def document_text(path: str | None) -> str | None:
    """The document's original text as the loaders read it (the text evidence spans index)."""
    if not path or not Path(path).is_file():
        return None
    try:
        from loaders.read import load_path
    except ImportError:
        return None
    try:
        doc = load_path(path)
    except Exception:  # unreadable now: the page shows the evidence sentences instead
        return None
    return getattr(doc, "original", None)


def _upload_section(store: Path) -> None:
    st.subheader(t("documents.upload"))
    localize_uploader()
    files = st.file_uploader(
        t("documents.upload_help"),
        accept_multiple_files=True,
        type=["txt", "md", "html", "htm", "pdf", "docx"],
        key="doc_files",
    )
    if not st.button(t("documents.add"), disabled=not files, key="doc_add"):
        return
    bar = st.progress(0.0, text=t("documents.reading"))

    def progress(done: int, total: int | None, item: str) -> None:
        total = max(total or 0, done, 1)
        bar.progress(
            min(done / total, 1.0), text=t("documents.progress", done=done, total=total, item=Path(item).name)
        )

    saved = library.keep_uploads([(f.name, f.getvalue()) for f in files], library.upload_dir(store))
    try:
        report = library.add_documents(
            [str(p) for p in saved], store, progress=progress, gazetteer=context.gazetteer()
        )
    except Exception as exc:  # nothing was written: the store swap is the last step
        st.error(
            t("documents.add_failed", error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        )
        return
    bar.progress(1.0, text=t("documents.done"))
    context.forget()
    added = len(report.added) + len(report.replaced)
    notes = [("success", t("documents.added", added=added, documents=report.summary["documents"]))]
    notes += [
        ("warning", t("documents.skipped", path=Path(path).name, reason=reason))
        for path, reason in [
            *report.skipped,
            *((p, f"same content as {Path(earlier).name}") for p, earlier in report.duplicates),
        ]
    ]
    st.session_state["doc_flash"] = notes
    st.session_state.pop("doc_files", None)
    st.rerun()


def _facts_tables(data: AppData, doc_id: str) -> None:
    g = data.graph
    ext = data.kg.extraction(doc_id)
    names = {e.id: e.name for e in ext.entities}

    def name(nid: str) -> str:
        return str(g.nodes[nid].get("name")) if nid in g else names.get(nid, nid)

    st.markdown(f"**{t('documents.entities', n=len(ext.entities))}**")
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("col.name"): e.name,
                    t("col.type"): t("type." + e.type),
                    t("col.aliases"): "、".join(sorted(set(e.aliases))),
                    t("col.code"): e.code or "",
                }
                for e in ext.entities
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"**{t('documents.relations', n=len(ext.relations))}**")
    wrapped_table(
        pd.DataFrame(
            [
                {
                    t("col.source"): name(r.source),
                    t("col.relation"): t("rel." + r.type),
                    t("col.target"): name(r.target),
                    t("col.mechanism"): r.mechanism or "",
                    t("col.status"): t("status." + r.status),
                    t("col.inferred"): "✓" if r.inferred else "",
                    t("col.sentence"): r.evidence.sentence,
                }
                for r in ext.relations
            ]
        ),
        [t("col.sentence")],
    )


def is_markdown(path: str | None, text: str) -> bool:
    """A Markdown file, or a text file written in Markdown (a PDF converted to text often is: two or
    more ``#`` headings)."""
    if Path(path or "").suffix.lower() in (".md", ".markdown"):
        return True
    return len(re.findall(r"^#{1,6} \S", text, re.M)) >= 2


def document_labels(kg: KnowledgeGraph, docs: list[str]) -> dict[str, str]:
    """What the document chooser shows: the title (else the file name), with its date, and the file
    name too where two documents would read the same — never the internal document id."""

    def base(d: str) -> str:
        meta = kg.document(d)
        title = meta.get("title") or Path(meta.get("path") or d).name
        return f"{title} · {meta['date'][:10]}" if meta.get("date") else title

    first = {d: base(d) for d in docs}
    twice = {v for v in first.values() if list(first.values()).count(v) > 1}
    return {
        d: f"{v} · {Path(kg.document(d).get('path') or d).name}" if v in twice else v
        for d, v in first.items()
    }


def _reader(data: AppData) -> None:
    kg = data.kg
    docs = kg.document_ids
    if not docs:
        st.info(t("documents.none"))
        return
    st.subheader(t("documents.read"))
    label = document_labels(kg, docs)
    doc_id = st.selectbox(t("documents.pick"), docs, format_func=lambda d: label[d], key="doc_pick")
    meta = kg.document(doc_id)
    ext = kg.extraction(doc_id)
    st.caption(
        t(
            "documents.meta",
            date=(meta.get("date") or "—")[:10],
            number=meta.get("doc_number") or "—",
            path=meta.get("path") or "—",
        )
    )
    original = document_text(meta.get("path"))
    evidence = [(r.evidence.sentence, r.evidence.start, r.evidence.end) for r in ext.relations]
    evidence += [(g.evidence.sentence, g.evidence.start, g.evidence.end) for g in ext.groups]
    if original is None:
        st.info(t("documents.no_text"))
        for sentence in dict.fromkeys(s for s, _, _ in evidence):
            st.text(sentence)
    else:
        surfaces = [(alias, e.type) for e in ext.entities for alias in {e.name, *e.aliases}]
        marked = mark(original, evidence, surfaces)
        st.caption(t("documents.legend", found=marked.evidence_found, mentions=marked.mentions))
        if marked.evidence_missing:
            st.warning(t("documents.spans_missing", n=marked.evidence_missing))
        if is_markdown(meta.get("path"), original):
            # Markdown: formatted as its author wrote it, and marked; st.markdown escapes any HTML in it
            formatted, marked_tab = st.tabs([t("documents.rendered"), t("documents.marked")])
            formatted.markdown(original)
            marked_tab.html(marked.html)
        else:
            st.html(marked.html)
    _facts_tables(data, doc_id)
    with st.expander(t("documents.remove")):
        st.write(t("documents.remove_help"))
        allowed = access.changes_allowed()  # not while shared on the network, unless allowed
        sure = st.checkbox(t("documents.remove_sure", title=label[doc_id]), key="doc_remove_sure")
        if (
            st.button(t("documents.remove_button"), disabled=not (sure and allowed), key="doc_remove")
            and allowed
        ):
            try:
                removed = library.remove_documents(
                    [doc_id], data.store, gazetteer=context.gazetteer()
                ).removed
            except Exception as exc:
                st.error(t("documents.remove_failed", error=str(exc).splitlines()[0] if str(exc) else exc))
                return
            context.forget()
            st.session_state.pop("doc_pick", None)
            st.session_state.pop("doc_remove_sure", None)
            if removed:
                st.session_state["doc_flash"] = [("success", t("documents.removed", title=label[doc_id]))]
            st.rerun()


def render(data: AppData | None) -> None:
    st.title(t("page.documents"))
    for kind, message in st.session_state.pop("doc_flash", []):
        (st.success if kind == "success" else st.warning)(message)
    store = data.store if data is not None else context.store_path()
    if data is not None:
        _reader(data)
    else:
        st.info(t("documents.no_store_yet", path=str(store)))
    if access.changes_allowed():
        _upload_section(store)
    else:
        st.info(t("access.shared_read_only"))
