"""bangfu/pipeline/pool.py: the same answer in one process or many, in file order, streamed, errors reported.

The loaders and the extraction pipeline are replaced by small fakes (the real ones have their own
tests), so these tests hold the ingestion mechanics alone: order, de-duplication by content id, error
reporting, and that worker processes (forked on Linux) see what the parent sees.
"""

from __future__ import annotations

import hashlib
import sys
import types
from pathlib import Path

import pytest

from bangfu.pipeline.pool import DocMeta, check_stages, iter_extractions
from loaders.document import Document
from loaders.errors import LoadError
from loaders.extract.facts import Extraction
from loaders.read import list_files as real_list_files


def _fake_load_path(path, max_bytes=0):
    data = Path(path).read_bytes()
    if path.endswith(".bad") or len(data) > max_bytes:
        raise LoadError(path, "unsupported file")
    text = data.decode("utf-8")
    doc_id = hashlib.sha1(data).hexdigest()[:16]
    return Document(doc_id, path, "txt", text, text, list(range(len(text) + 1)), title=text[:4])


def _fake_extract(doc: Document) -> Extraction:
    if "boom" in doc.text:
        raise ValueError("boom")
    return Extraction(
        doc={"id": doc.id, "path": doc.path, "title": doc.title, "date": None, "doc_number": None}
    )


@pytest.fixture
def fake_stages(monkeypatch: pytest.MonkeyPatch) -> None:
    read = types.ModuleType("loaders.read")
    read.load_path = _fake_load_path  # type: ignore[attr-defined]
    read.list_files = real_list_files  # type: ignore[attr-defined]
    pipeline = types.ModuleType("loaders.extract.pipeline")
    pipeline.extract_document = _fake_extract  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "loaders.read", read)
    monkeypatch.setitem(sys.modules, "loaders.extract.pipeline", pipeline)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for i in range(40):
        sub = tmp_path / f"{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:03d}.txt").write_text(f"文档{i}：湖南省对口帮扶龙山县。", encoding="utf-8")
    (tmp_path / "1" / "copy.txt").write_text("文档5：湖南省对口帮扶龙山县。", encoding="utf-8")  # = 005
    (tmp_path / "2" / "x.bad").write_text("?", encoding="utf-8")
    (tmp_path / "0" / "y.txt").write_text("boom 文档", encoding="utf-8")
    (tmp_path / ".hidden").write_text("隐藏", encoding="utf-8")
    return tmp_path


def _run(folder: Path, workers: int, **kw):
    errors: list[tuple[str, str]] = []
    out = list(iter_extractions([folder], workers, on_error=lambda p, r: errors.append((p, r)), **kw))
    return out, errors


def test_one_or_many_workers_give_the_same_stream_in_file_order(fake_stages: None, folder: Path) -> None:
    one, errors_one = _run(folder, 1)
    many, errors_many = _run(folder, 2, batch=3)
    assert [(m.id, m.path) for m, _ in one] == [(m.id, m.path) for m, _ in many]
    assert errors_one == errors_many
    paths = [m.path for m, _ in one]
    files = [f for f in real_list_files([folder]) if f in paths]
    assert paths == files == sorted(files, key=lambda f: (Path(f).parent.name, Path(f).name))
    assert all(ext.doc["id"] == meta.id for meta, ext in many)


def test_errors_are_reported_and_the_rest_goes_on(fake_stages: None, folder: Path) -> None:
    out, errors = _run(folder, 2, batch=4)
    assert len(out) == 40  # 40 documents; the copy of 005 is one document; .bad and boom are reported
    reasons = dict(errors)
    assert reasons[str(folder / "2" / "x.bad")] == "unsupported file"
    assert reasons[str(folder / "0" / "y.txt")] == "extraction failed: ValueError: boom"
    # folder 1 is read before folder 2: its copy.txt is the first name of 005's content
    assert reasons[str(folder / "2" / "005.txt")] == f"same content as {folder / '1' / 'copy.txt'}, read once"
    assert not any(".hidden" in m.path for m, _ in out)


def test_doc_meta_carries_no_text_but_its_size(fake_stages: None, folder: Path) -> None:
    meta, _ = _run(folder, 1)[0][0]
    assert isinstance(meta, DocMeta)
    text = (Path(meta.path)).read_text(encoding="utf-8")
    assert meta.chars == len(text) and meta.text_bytes == len(text.encode("utf-8"))
    assert set(meta.as_meta()) == {"id", "path", "title", "date", "doc_number"}


def test_skip_ids_filters_what_is_yielded(fake_stages: None, folder: Path) -> None:
    everything, _ = _run(folder, 1)
    skip = {m.id for m, _ in everything[:10]}
    rest, _ = _run(folder, 2, skip_ids=skip.__contains__)
    assert [m.id for m, _ in rest] == [m.id for m, _ in everything[10:]]


def test_a_consumer_may_stop_early(fake_stages: None, folder: Path) -> None:
    stream = iter_extractions([folder], 2, batch=2)
    first = next(stream)
    stream.close()  # shuts the pool down without waiting for the whole corpus
    assert first[0].path.endswith("000.txt")


def test_check_stages_names_what_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "loaders.read", None)  # an import of it raises ImportError
    assert "loaders" in (check_stages() or "")
