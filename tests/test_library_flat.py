"""`bangfu add` and `bangfu remove` write the store a fresh `bangfu build` of the same documents writes:
every node and every edge with every property, and the same graph read back (tests/test_flat_build.py's
comparison).

They stream the stored documents' facts out of the store a page at a time
(graph/store/readback.py ``read_extractions``) into the build's merge (graph/flat.py). The sample corpus
and a generated corpus of a few hundred documents run for real, the latter with pages of a few
documents, a few edges and a few rows, so that every page, spill and bucket boundary is crossed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from library_helpers import DOCS, write_docs
from test_flat_build import assert_same_stores

from bangfu.bench.corpus import write_corpus
from bangfu.cli.main import main as bangfu
from bangfu.pipeline.build import build_store, read_facts
from bangfu.pipeline.library import add_documents, remove_documents
from graph import flat
from graph.model import document_meta, fingerprint
from graph.store import pages, readback
from graph.store.readback import read_extractions, store_summary

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages of 7 documents, 3 fact edges and 11 rows; spill files flushed every few rows."""
    monkeypatch.setattr(readback, "DOCS_PER_PAGE", 7)
    monkeypatch.setattr(readback, "FACT_PAGE_ROWS", 3)
    monkeypatch.setattr(readback, "FLUSH_ROWS", 13)
    monkeypatch.setattr(pages, "PAGE_ROWS", 11)
    monkeypatch.setattr(flat, "FLUSH_ROWS", 97)
    monkeypatch.setattr(flat, "DOCS_PER_BUCKET", 40)


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """150 generated documents: 145 in old/00 … old/04 (29 each), 5 in new."""
    corpus = tmp_path / "gen"
    write_corpus(corpus, 150, seed=11)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    assert len(files) == 150
    library = tmp_path / "library"
    for i, path in enumerate(files):
        folder = library / "new" if i >= 145 else library / "old" / f"{i // 29:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.move(path, folder / path.name)
    return library


def test_add_to_the_sample_corpus_store_is_a_fresh_build(tmp_path: Path) -> None:
    old, new = tmp_path / "lib" / "old", tmp_path / "lib" / "new"
    old.mkdir(parents=True)
    new.mkdir()
    for i, path in enumerate(sorted(CORPUS.iterdir())):
        shutil.copy(path, (new if i % 2 else old) / path.name)
    store, fresh = tmp_path / "s.lbdb", tmp_path / "fresh.lbdb"
    build_store([str(old)], store)
    report = add_documents([str(new)], store)
    assert report.written and len(report.added) == len(list(new.iterdir())) == 2
    build_store([str(old), str(new)], fresh)
    assert_same_stores(store, fresh)
    assert report.summary == store_summary(fresh)
    assert store_summary(store)["relations"]["ASSISTS"] > 0
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".") and "lock" not in p.name]


def test_add_and_remove_on_a_generated_corpus_across_pages(
    tmp_path: Path, generated: Path, small_pages
) -> None:
    old, new = generated / "old", generated / "new"
    store = tmp_path / "store" / "s.lbdb"
    build_store([str(old)], store, workers=2)
    report = add_documents([str(new)], store, workers=2)
    assert len(report.added) == 5 and report.summary["documents"] == 150
    fresh = tmp_path / "fresh.lbdb"
    build_store([str(old), str(new)], fresh, workers=2)
    assert_same_stores(store, fresh)
    summary = store_summary(store)
    assert summary["relations"]["ASSISTS"] > 150 and summary["relations"]["MENTIONED_IN"] > 1500

    # a folder of the old documents and two of the new ones by id out: the build of the rest
    gone = sorted(str(p) for p in new.iterdir())[:2]
    ids = [m["id"] for m, _ext in read_facts(gone, [])]
    report = remove_documents([str(old / "03"), *ids], store)
    assert len(report.removed) == 31 and report.summary["documents"] == 119
    rest = [str(old / f"{i:02d}") for i in range(5) if i != 3]
    rest += sorted(str(p) for p in new.iterdir())[2:]
    fresh_rest = tmp_path / "fresh-rest.lbdb"
    build_store(rest, fresh_rest, workers=2)
    assert_same_stores(store, fresh_rest)


def test_a_changed_file_and_an_unchanged_one_give_a_fresh_build(tmp_path: Path) -> None:
    folder = write_docs(tmp_path / "docs", ("a.txt", "b.txt", "c.md"))
    store = tmp_path / "s.lbdb"
    build_store([str(folder)], store)
    (folder / "b.txt").write_text(DOCS["b.txt"].replace("岳阳市", "衡阳市"), encoding="utf-8")
    report = add_documents([str(folder)], store)
    assert report.replaced == [str(folder / "b.txt")]
    assert sorted(report.unchanged) == [str(folder / "a.txt"), str(folder / "c.md")]
    fresh = tmp_path / "fresh.lbdb"
    build_store([str(folder)], fresh)
    assert_same_stores(store, fresh)


def test_a_store_built_with_every_region_keeps_them_after_add_and_remove(tmp_path: Path) -> None:
    folder = write_docs(tmp_path / "docs", ("a.txt", "b.txt"))
    extra = write_docs(tmp_path / "extra", ("c.md",))
    store, fresh = tmp_path / "s.lbdb", tmp_path / "fresh.lbdb"
    build_store([str(folder)], store, all_regions=True)
    add_documents([str(extra)], store)
    build_store([str(folder), str(extra)], fresh, all_regions=True)
    assert_same_stores(store, fresh)
    assert store_summary(store)["entities"]["Region"] > 2000  # the whole gazetteer, not only the named
    remove_documents([str(folder / "a.txt")], store)
    build_store([str(folder / "b.txt"), str(extra)], fresh, all_regions=True)
    assert_same_stores(store, fresh)


def test_removing_every_document_leaves_the_store_of_an_empty_build(tmp_path: Path) -> None:
    folder = write_docs(tmp_path / "docs", ("a.txt", "b.txt"))
    store = tmp_path / "s.lbdb"
    build_store([str(folder)], store)
    report = remove_documents([str(folder)], store)
    assert len(report.removed) == 2 and report.summary["documents"] == 0
    (tmp_path / "empty").mkdir()
    fresh = tmp_path / "fresh.lbdb"
    build_store([str(tmp_path / "empty")], fresh)
    assert_same_stores(store, fresh)
    assert report.summary == store_summary(fresh)


def test_read_extractions_gives_each_document_as_it_was_built(
    tmp_path: Path, generated: Path, small_pages
) -> None:
    """Paged through the store, every document comes back once with the facts it was merged with
    (``fingerprint``: what `bangfu add` compares); ``documents`` reads only those."""
    store = tmp_path / "s.lbdb"
    build_store([str(generated)], store, workers=2)
    built = {m["id"]: fingerprint(document_meta(e, m), e) for m, e in read_facts([str(generated)], [])}
    stored = read_extractions(store, folder=tmp_path / "spill")
    seen = {ext.doc["id"]: fingerprint(document_meta(ext), ext) for ext in stored}
    assert len(seen) == 150 and seen == built
    assert not (tmp_path / "spill").exists()
    some = sorted(built)[::37]
    assert sorted(e.doc["id"] for e in read_extractions(store, documents=some)) == some


def test_add_of_an_unreadable_and_a_new_file_through_the_cli(tmp_path: Path, capsys) -> None:
    """The CLI still reports per file and writes the fresh build's store."""
    folder = write_docs(tmp_path / "docs", ("a.txt",))
    store = tmp_path / "s.lbdb"
    assert bangfu(["build", str(folder), "--store", str(store), "--quiet"]) == 0
    extra = write_docs(tmp_path / "extra", ("b.txt",))
    (extra / "broken.pdf").write_bytes(b"%PDF-1.4 not a real one")
    capsys.readouterr()
    assert bangfu(["add", str(extra), "--store", str(store), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "added      1" in out and "skipped    1" in out and f"  {extra / 'broken.pdf'}: " in out
    os.remove(extra / "broken.pdf")
    fresh = tmp_path / "fresh.lbdb"
    build_store([str(folder), str(extra)], fresh)
    assert_same_stores(store, fresh)
