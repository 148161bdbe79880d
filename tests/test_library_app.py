"""The running app sees a changed store on its next run, without a restart (real AppTest, real stores):
after `bangfu add` / `bangfu remove`, and after a new store file is swapped in whose modification time
is the old one's (a copied-in store; two writes within the file system's time resolution)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from app_helpers import open_page, point_app_at
from library_helpers import write_docs

from bangfu.cli.main import main as bangfu


def _documents(at) -> str:
    return {m.label: m.value for m in at.metric}["文档"]


def test_add_and_remove_show_up_on_the_next_run(tmp_path: Path, monkeypatch) -> None:
    folder = write_docs(tmp_path / "docs", ("a.txt", "b.txt"))
    store = tmp_path / "store" / "bangfu.lbdb"
    assert bangfu(["build", str(folder), "--store", str(store), "--quiet"]) == 0
    point_app_at(monkeypatch, store)
    at = open_page("overview")
    assert _documents(at) == "2"
    extra = write_docs(tmp_path / "extra", ("c.md",))
    assert bangfu(["add", str(extra), "--store", str(store), "--quiet"]) == 0
    at.run()
    assert not at.exception and _documents(at) == "3"
    assert bangfu(["remove", str(folder), "--store", str(store)]) == 0
    at.run()
    assert not at.exception and _documents(at) == "1"


def test_a_store_swapped_in_with_the_same_mtime_is_seen(tmp_path: Path, monkeypatch) -> None:
    store = tmp_path / "store" / "bangfu.lbdb"
    other = tmp_path / "other" / "bangfu.lbdb"
    assert (
        bangfu(["build", str(write_docs(tmp_path / "one", ("a.txt",))), "--store", str(store), "--quiet"])
        == 0
    )
    assert bangfu(["build", str(write_docs(tmp_path / "two")), "--store", str(other), "--quiet"]) == 0
    point_app_at(monkeypatch, store)
    at = open_page("overview")
    assert _documents(at) == "1"
    old = os.stat(store)
    staged = store.with_name("incoming.lbdb")
    shutil.copy(other, staged)
    os.utime(staged, ns=(old.st_atime_ns, old.st_mtime_ns))
    os.replace(staged, store)  # as a store write does: a new file under the old name
    assert os.stat(store).st_mtime_ns == old.st_mtime_ns
    at.run()
    assert not at.exception and _documents(at) == "2"
