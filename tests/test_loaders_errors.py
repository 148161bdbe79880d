"""Every bad input gets one clear line naming the file and the problem; the batch goes on."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from loaders.errors import LoadError
from loaders.read import iter_documents, load_path


def _reason(path, **kw) -> str:
    with pytest.raises(LoadError) as info:
        load_path(path, **kw)
    assert str(info.value).startswith(str(path) + ": ")
    return info.value.reason


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert _reason(p) == "empty file"


def test_binary_file(tmp_path):
    p = tmp_path / "blob.txt"
    p.write_bytes(bytes(range(256)) * 4)
    assert _reason(p) == "binary file, not text"


def test_undecodable_file(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("façade naïve ÿ".encode("latin-1") + bytes([0x81, 0x30, 0xFF, 0xFE]))
    assert _reason(p).startswith(("not text in any encoding", "no encoding gives readable Chinese"))


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    assert _reason(p).startswith("corrupt PDF")


def test_unsupported_extension(tmp_path):
    p = tmp_path / "sheet.xls"
    p.write_bytes(b"anything")
    assert _reason(p).startswith("unsupported file type '.xls'")


def test_file_over_the_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("帮扶。" * 1000, encoding="utf-8")
    assert _reason(p, max_bytes=1000) == "file is 9,000 bytes, over the 1,000 bytes limit"


def test_missing_path(tmp_path):
    assert _reason(tmp_path / "nope.txt") == "no such file or folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("帮扶", encoding="utf-8")
    p.chmod(0)
    assert _reason(p).startswith("cannot read")


def test_a_folder_named_like_a_file(tmp_path):
    (tmp_path / "notes.txt").mkdir()
    assert _reason(tmp_path / "notes.txt") == "not a regular file"


def test_the_rest_of_the_batch_goes_on(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text("长沙市对口帮扶龙山县。", encoding="utf-8")
    (tmp_path / "c.exe").write_bytes(b"MZ\x00\x00")
    errors: list[str] = []
    docs = list(iter_documents([tmp_path], on_error=errors.append))
    assert [d.text for d in docs] == ["长沙市对口帮扶龙山县。"]
    assert [e.split(": ", 1)[1].split(" ")[0] for e in errors] == ["empty", "unsupported"]


def test_cli_docs_reports_on_stderr_and_exits_zero_when_something_was_read(tmp_path):
    (tmp_path / "ok.txt").write_text("长沙市对口帮扶龙山县。", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    out = subprocess.run([sys.executable, "-m", "cli", "docs", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 0
    assert f"{tmp_path / 'bad.pdf'}: corrupt PDF" in out.stderr
    assert "Traceback" not in out.stderr
    assert "ok.txt" in out.stdout


def test_cli_docs_exits_nonzero_when_nothing_was_read(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    out = subprocess.run([sys.executable, "-m", "cli", "docs", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
