"""The store as a library, on real store files: a mistaken build leaves it as it was, `bangfu add` and
`bangfu remove` change exactly one document's facts, `bangfu docs --store` lists what it holds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from library_helpers import (
    DOCS,
    FENGHUANG,
    GUZHANG,
    HENGYANG,
    LUXI,
    YUEYANG,
    ZHUZHOU,
    assists,
    digest,
    graph_state,
    write_docs,
)

from bangfu.cli.main import main as bangfu

CORPUS = Path(__file__).resolve().parent.parent / "data" / "corpus"


@pytest.fixture
def library(tmp_path: Path) -> tuple[Path, Path]:
    """(folder with a.txt and b.txt, a store built from it)."""
    folder = write_docs(tmp_path / "docs")
    store = tmp_path / "store" / "bangfu.lbdb"
    assert bangfu(["build", str(folder), "--store", str(store), "--quiet"]) == 0
    return folder, store


def _err_lines(capsys: pytest.CaptureFixture) -> list[str]:
    return capsys.readouterr().err.splitlines()


# ---------------------------------------------------------------------------------------------- build
def test_a_typo_folder_leaves_the_store_as_it_was(library, tmp_path, capsys) -> None:
    _folder, store = library
    before, state = digest(store), graph_state(store)
    capsys.readouterr()
    assert bangfu(["build", str(tmp_path / "doc"), "--store", str(store), "--quiet"]) == 1
    err = _err_lines(capsys)
    assert err[-1].startswith(f"bangfu build: not replacing {store} (2 documents): this build read 0")
    assert "--replace" in err[-1]
    assert err[0] == f"bangfu build: {tmp_path / 'doc'}: no such file or folder"
    assert digest(store) == before and graph_state(store) == state


def test_an_empty_folder_leaves_the_store_as_it_was(library, tmp_path, capsys) -> None:
    _folder, store = library
    (tmp_path / "empty").mkdir()
    before = digest(store)
    capsys.readouterr()
    assert bangfu(["build", str(tmp_path / "empty"), "--store", str(store), "--quiet"]) == 1
    (line,) = _err_lines(capsys)
    assert line.startswith(f"bangfu build: not replacing {store} (2 documents)")
    assert digest(store) == before and len(graph_state(store)["documents"]) == 2


def test_fewer_read_than_skipped_is_refused_and_replace_forces_it(library, tmp_path, capsys) -> None:
    _folder, store = library
    mixed = write_docs(tmp_path / "mixed", ("c.md",))
    (mixed / "broken.pdf").write_bytes(b"%PDF-1.4 not a real one")
    (mixed / "empty.txt").write_bytes(b"")
    before = digest(store)
    assert bangfu(["build", str(mixed), "--store", str(store), "--quiet"]) == 1
    assert "read 1 document(s) and skipped 2" in _err_lines(capsys)[-1]
    assert digest(store) == before
    assert bangfu(["build", str(mixed), "--store", str(store), "--quiet", "--replace"]) == 0
    assert assists(store) == {(HENGYANG, FENGHUANG)}


def test_a_mistyped_store_path_never_overwrites_a_file(library, tmp_path, capsys) -> None:
    folder, _store = library
    notes = tmp_path / "notes.txt"
    notes.write_text("我的笔记，不是图数据库。", encoding="utf-8")
    assert bangfu(["build", str(folder), "--store", str(notes), "--quiet"]) == 1
    (line,) = _err_lines(capsys)
    assert line.startswith(f"bangfu build: not replacing {notes}: it cannot be opened as a store")
    assert notes.read_text(encoding="utf-8") == "我的笔记，不是图数据库。"


def test_a_new_store_from_an_empty_folder_says_nothing_was_read(tmp_path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    store = tmp_path / "new.lbdb"
    assert bangfu(["build", str(tmp_path / "empty"), "--store", str(store), "--quiet"]) == 1
    assert _err_lines(capsys) == [f"bangfu build: no document read from {tmp_path / 'empty'}"]


# ---------------------------------------------------------------------------------------------- add
def test_add_then_remove_gives_back_the_exact_store(library, tmp_path, capsys) -> None:
    _folder, store = library
    state = graph_state(store)
    extra = write_docs(tmp_path / "extra", ("c.md",)) / "c.md"
    assert bangfu(["add", str(extra), "--store", str(store), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "added      1" in out and "documents  3" in out
    assert (HENGYANG, FENGHUANG) in assists(store) and len(graph_state(store)["documents"]) == 3
    assert bangfu(["remove", str(extra), "--store", str(store)]) == 0
    assert graph_state(store) == state  # the same nodes, edges and counts as before the add


def test_the_same_document_twice_changes_nothing(library, capsys) -> None:
    folder, store = library
    stat = os.stat(store)
    assert bangfu(["add", str(folder), "--store", str(store), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert f"store      {store} (not changed)" in out
    assert "added      0" in out and "unchanged  2" in out
    after = os.stat(store)
    assert (after.st_ino, after.st_mtime_ns) == (stat.st_ino, stat.st_mtime_ns)  # not even rewritten


def test_the_sample_corpus_added_again_is_unchanged(tmp_path, capsys) -> None:
    """Every fact the extraction gives survives the round trip through the store exactly: adding the
    documents a store was built from finds each of them unchanged."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    store = tmp_path / "bangfu.lbdb"
    assert bangfu(["build", str(corpus), "--store", str(store), "--quiet"]) == 0
    capsys.readouterr()
    assert bangfu(["add", str(corpus), "--store", str(store), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert f"unchanged  {len(list(CORPUS.iterdir()))}" in out and "(not changed)" in out


def test_a_changed_file_replaces_its_facts(library, capsys) -> None:
    folder, store = library
    (folder / "b.txt").write_text(DOCS["b.txt"].replace("岳阳市", "衡阳市"), encoding="utf-8")
    # spelled another way than the build spelled it: still the same file
    assert bangfu(["add", os.path.join(str(folder), ".", "b.txt"), "--store", str(store), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "replaced   1" in out and "documents  2" in out
    pairs = assists(store)
    assert (YUEYANG, GUZHANG) not in pairs and (HENGYANG, GUZHANG) in pairs
    assert (ZHUZHOU, LUXI) in pairs
    paths = [p for _id, p in graph_state(store)["documents"]]
    assert sorted(paths) == sorted([str(folder / "a.txt"), str(folder / "b.txt")])


def test_the_same_content_under_another_name_is_a_duplicate(library, tmp_path, capsys) -> None:
    folder, store = library
    copy = tmp_path / "copy.txt"
    copy.write_text(DOCS["a.txt"], encoding="utf-8")
    before = digest(store)
    assert bangfu(["add", str(copy), "--store", str(store), "--quiet"]) == 0
    assert f"  {copy}: same content as {folder / 'a.txt'}" in capsys.readouterr().out
    assert digest(store) == before


def test_add_creates_a_store_and_a_typo_adds_nothing(tmp_path, capsys) -> None:
    store = tmp_path / "lib.lbdb"
    folder = write_docs(tmp_path / "docs", ("c.md",))
    assert bangfu(["add", str(folder), "--store", str(store), "--quiet"]) == 0
    before = digest(store)
    capsys.readouterr()
    assert bangfu(["add", str(tmp_path / "c.mdd"), "--store", str(store), "--quiet"]) == 1
    captured = capsys.readouterr()
    assert f"  {tmp_path / 'c.mdd'}: no such file or folder" in captured.out
    assert captured.err.splitlines() == [
        f"bangfu add: no document read from {tmp_path / 'c.mdd'}; {store} is unchanged"
    ]
    assert digest(store) == before


# ---------------------------------------------------------------------------------------------- remove
def test_remove_keeps_facts_another_document_states(library, capsys) -> None:
    folder, store = library
    assert bangfu(["remove", str(folder / "a.txt"), "--store", str(store)]) == 0
    assert (ZHUZHOU, LUXI) in assists(store)  # b.txt states it too
    doc_b = graph_state(store)["documents"][0][0].removeprefix("doc:")
    assert bangfu(["remove", doc_b, "--store", str(store)]) == 0  # by id, as docs --store prints it
    assert assists(store) == set() and graph_state(store)["documents"] == []


def test_remove_by_folder_and_unknown_names(library, tmp_path, capsys) -> None:
    folder, store = library
    capsys.readouterr()
    assert bangfu(["remove", "0123456789abcdef", str(folder), "--store", str(store)]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"bangfu remove: no document '0123456789abcdef' in {store} (`bangfu docs --store` lists them)"
    ]
    assert "removed    2" in captured.out  # the known name was removed all the same
    assert graph_state(store)["documents"] == []


def test_remove_without_a_store_is_one_line(tmp_path, capsys) -> None:
    assert bangfu(["remove", "x", "--store", str(tmp_path / "none.lbdb")]) == 1
    (line,) = _err_lines(capsys)
    assert line.startswith(f"bangfu remove: no store at {tmp_path / 'none.lbdb'}")


# ---------------------------------------------------------------------------------------------- list
def test_docs_store_lists_id_path_title_date_facts(library, capsys) -> None:
    folder, store = library
    capsys.readouterr()
    assert bangfu(["docs", "--store", str(store)]) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 2 and captured.err.strip() == f"bangfu docs: 2 document(s) in {store}"
    first = lines[0]  # oldest first: a.txt is dated 2021-05
    assert "2021-05" in first and "株洲市对口帮扶泸溪县工作简报" in first and f"[{folder / 'a.txt'}]" in first
    assert bangfu(["docs", "--store", str(store), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    ids = {i.removeprefix("doc:") for i, _p in graph_state(store)["documents"]}
    assert {r["id"] for r in records} == ids
    b = next(r for r in records if r["path"].endswith("b.txt"))
    assert b["facts"] >= 2 and b["title"] == "岳阳市结对帮扶古丈县" and b["date"].startswith("2022-03")


def test_docs_needs_paths_or_store(tmp_path, capsys) -> None:
    assert bangfu(["docs"]) == 2
    assert _err_lines(capsys) == ["bangfu docs: give PATH... (files or folders) or --store"]
    assert bangfu(["docs", "--store", str(tmp_path / "none.lbdb")]) == 1
    (line,) = _err_lines(capsys)
    assert line.startswith("bangfu docs: no store at")
