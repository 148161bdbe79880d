"""The Documents page's writes (upload, remove) and planted markup, under AppTest, on stores of their own
in temp folders: the shared sample store is never changed."""

from __future__ import annotations

import shutil

import pytest
from app_helpers import (
    CORPUS,
    PWN_IMG,
    PWN_SCRIPT,
    build_planted_store,
    frames,
    iframe_html,
    names,
    open_page,
    point_app_at,
    shared_sample_store,
)

from app_pages.highlight import locate, mark, mention_spans
from graph.store.readback import load_graph


@pytest.fixture
def own_store(tmp_path, tmp_path_factory, monkeypatch):
    """A copy of the sample store this test may change."""
    sample = shared_sample_store(tmp_path_factory)
    copy = tmp_path / "store" / "bangfu.lbdb"
    copy.parent.mkdir()
    shutil.copy(sample.path, copy)
    point_app_at(monkeypatch, copy)
    return copy, sample


def test_remove_a_document_and_its_facts(own_store):
    store, sample = own_store
    at = open_page("documents")
    pick = at.selectbox(key="doc_pick")
    index = next(i for i, label in enumerate(pick.options) if "消费扶贫月" in label)
    pick.select_index(index).run()
    doc_id = at.selectbox(key="doc_pick").value
    at.checkbox(key="doc_remove_sure").check().run()
    at.button(key="doc_remove").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success and "已删除" in at.success[0].value
    kg = load_graph(store)
    assert doc_id not in kg.document_ids and len(kg.document_ids) == sample.documents - 1
    assert not kg.graph.has_edge("region:430300", "region:433127")  # 湘潭市 → 永顺县 was only there
    assert kg.graph.has_edge("region:430100", "region:433130")  # 长沙市 → 龙山县 is stated elsewhere too
    overview = open_page("overview")
    assert {m.label: m.value for m in overview.metric}["文档"] == str(sample.documents - 1)


def test_upload_a_document_with_a_progress_bar(tmp_path, monkeypatch):
    store = tmp_path / "new" / "bangfu.lbdb"
    point_app_at(monkeypatch, store)
    at = open_page("documents")
    assert at.info  # no store yet: uploading creates it
    sample = sorted(CORPUS.iterdir())[0]
    broken = ("broken.pdf", b"%PDF-1.4 not really", "application/pdf")
    at.file_uploader(key="doc_files").set_value(
        [(sample.name, sample.read_bytes(), "text/plain"), broken]
    ).run()
    at.button(key="doc_add").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success and "已加入 1 个文档" in at.success[0].value
    assert any("broken.pdf" in w.value for w in at.warning)  # skipped, with the loader's reason
    assert store.exists() and len(load_graph(store).document_ids) == 1


def test_planted_markup_stays_text(tmp_path, monkeypatch):
    store = build_planted_store(tmp_path / "planted")
    point_app_at(monkeypatch, store)
    network = open_page("network")
    page = iframe_html(network)
    assert PWN_SCRIPT not in page and PWN_IMG not in page
    assert f"恶意平台{PWN_IMG}" in names(page)
    docs = open_page("documents")
    marked = "".join(h.proto.body for h in docs.html)  # HTML the page renders: payloads escaped
    assert PWN_SCRIPT not in marked and PWN_IMG not in marked
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in marked  # the file read again, escaped
    assert PWN_SCRIPT in "".join(str(v) for f in frames(docs) for v in f.to_numpy().ravel())  # tables: text
    search = open_page("search")
    search.text_input(key="search_query").input("恶意平台").run()
    assert f"恶意平台{PWN_IMG}" in list(frames(search)[0].iloc[:, 0])


def test_highlight_marks_evidence_and_mentions_escaped():
    text = "长沙市对口帮扶湘西州龙山县。<b>龙山县</b>农产品。"
    marked = mark(
        text, [("长沙市对口帮扶湘西州龙山县。", 0, 14)], [("龙山县", "Region"), ("长沙市", "Region")]
    )
    assert marked.evidence_found == 1 and marked.evidence_missing == 0 and marked.mentions == 3
    assert "<b>" not in marked.html and "&lt;b&gt;" in marked.html
    assert marked.html.count("background:#FFF1B8") >= 1
    # a span that no longer matches is found again by its sentence, or counted as missing
    assert locate(text, "湘西州龙山县", 0, 3) == (7, 13)
    assert locate(text, "不在文中", 0, 4) is None
    assert mark(text, [("不在文中", 0, 4)], []).evidence_missing == 1
    # longest surface wins, one-character surfaces are never marked
    assert mention_spans(
        "湘西州龙山县", [("湘西州龙山县", "Region"), ("龙山县", "Region"), ("州", "Region")]
    ) == [(0, 6, "Region")]
