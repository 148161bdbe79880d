"""bangfu/pipeline/pool.py: the same answer in one process or many, in file order, streamed, errors reported.

These run the real loaders and the real extraction pipeline over a folder of small documents written
here (sentences of our own), so what is checked is what a build gets: order, one document per content,
one (path, reason) per file that could not be read, and that worker processes (forked on Linux) see
what the parent sees.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bangfu.pipeline import pool
from bangfu.pipeline.pool import DocMeta, iter_extractions
from loaders.document import Document
from loaders.extract.facts import Extraction
from loaders.read import list_files

HELPERS = ("长沙市", "株洲市", "湘潭市", "衡阳市")
HELPED = ("龙山县", "泸溪县", "凤凰县", "花垣县", "保靖县")


def _text(i: int) -> str:
    return f"第{i}号简报：{HELPERS[i % 4]}对口帮扶{HELPED[i % 5]}，今年共建产业园{i + 1}个。"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for i in range(40):
        sub = tmp_path / f"{i % 3}"
        sub.mkdir(exist_ok=True)
        (sub / f"{i:03d}.txt").write_text(_text(i), encoding="utf-8")
    (tmp_path / "1" / "copy.txt").write_text(_text(5), encoding="utf-8")  # the content of 005.txt
    (tmp_path / "2" / "x.bad").write_text("不是文档", encoding="utf-8")
    (tmp_path / "0" / "empty.txt").write_bytes(b"")
    (tmp_path / ".hidden").write_text("隐藏的文件", encoding="utf-8")
    return tmp_path


def _run(folder: Path, workers: int, **kw) -> tuple[list[tuple[DocMeta, Extraction]], list[tuple[str, str]]]:
    errors: list[tuple[str, str]] = []
    out = list(iter_extractions([folder], workers, on_error=lambda p, r: errors.append((p, r)), **kw))
    return out, errors


def test_one_or_many_workers_give_the_same_stream_in_file_order(folder: Path) -> None:
    one, errors_one = _run(folder, 1)
    many, errors_many = _run(folder, 2, batch=3)
    assert [(m.id, m.path) for m, _ in one] == [(m.id, m.path) for m, _ in many]
    assert [e.to_json() for _, e in one] == [e.to_json() for _, e in many]
    assert errors_one == errors_many
    paths = [m.path for m, _ in one]
    assert paths == [f for f in list_files([folder]) if f in paths]
    assert all(ext.doc["id"] == meta.id for meta, ext in many)


def test_each_document_comes_with_its_own_facts(folder: Path) -> None:
    out, _ = _run(folder, 2, batch=4)
    by_name = {Path(m.path).name: ext for m, ext in out}
    # 衡阳市对口帮扶凤凰县; the regions they lie in come along as not mentioned
    names = {e.id: e.name for e in by_name["007.txt"].entities if e.mentioned}
    assert sorted(names.values()) == ["凤凰县", "衡阳市"]
    assert [(names[r.source], r.type, names[r.target]) for r in by_name["007.txt"].relations] == [
        ("衡阳市", "ASSISTS", "凤凰县")
    ]


def test_errors_are_reported_and_the_rest_goes_on(folder: Path) -> None:
    out, errors = _run(folder, 2, batch=4)
    assert len(out) == 40  # 40 documents; the copy of 005 is one document; .bad and empty are reported
    reasons = dict(errors)
    assert reasons[str(folder / "2" / "x.bad")].startswith("unsupported file type '.bad'")
    assert reasons[str(folder / "0" / "empty.txt")] == "empty file"
    # folder 1 is read before folder 2: its copy.txt is the first name of 005's content
    assert reasons[str(folder / "2" / "005.txt")] == f"same content as {folder / '1' / 'copy.txt'}, read once"
    assert len(errors) == 3
    assert not any(".hidden" in m.path for m, _ in out)


def test_a_file_name_with_colon_space_comes_through_whole(folder: Path) -> None:
    (folder / "0" / "附件: 名单.bad").write_text("名单", encoding="utf-8")
    _, errors = _run(folder, 1)
    assert (str(folder / "0" / "附件: 名单.bad")) in dict(errors)


def test_a_failed_extraction_is_reported_in_file_order(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in extraction (provoked here for one document) costs that document only."""
    real = pool.extract_document

    def extract(doc: Document) -> Extraction:
        if doc.path.endswith("013.txt"):
            raise ValueError("boom")
        return real(doc)

    monkeypatch.setattr(pool, "extract_document", extract)
    out, errors = _run(folder, 2, batch=4)  # forked workers see the parent's module
    assert len(out) == 39
    assert (str(folder / "1" / "013.txt"), "extraction failed: ValueError: boom") in errors


def test_doc_meta_carries_no_text_but_its_size(folder: Path) -> None:
    meta, _ = _run(folder, 1)[0][0]
    assert isinstance(meta, DocMeta)
    text = Path(meta.path).read_text(encoding="utf-8")
    assert meta.chars == len(text) and meta.text_bytes == len(text.encode("utf-8"))
    assert meta.format == "txt" and meta.id
    assert set(meta.as_meta()) == {"id", "path", "title", "date", "doc_number"}


def test_skip_ids_filters_what_is_yielded(folder: Path) -> None:
    everything, _ = _run(folder, 1)
    skip = {m.id for m, _ in everything[:10]}
    rest, _ = _run(folder, 2, skip_ids=skip.__contains__)
    assert [m.id for m, _ in rest] == [m.id for m, _ in everything[10:]]


def test_a_consumer_may_stop_early(folder: Path) -> None:
    stream = iter_extractions([folder], 2, batch=2)
    first = next(stream)
    stream.close()  # shuts the pool down without waiting for the whole corpus
    assert first[0].path.endswith("000.txt")


def test_the_size_limit_is_the_loaders_own(folder: Path) -> None:
    (folder / "0" / "big.txt").write_text(_text(1) * 50, encoding="utf-8")
    _, errors = _run(folder, 1, max_bytes=1000)
    assert dict(errors)[str(folder / "0" / "big.txt")].endswith("over the 1,000 bytes limit")
