"""Every bad input gets one clear line naming the file and the problem; the batch goes on."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import docx
import pypdf
import pytest
import reportlab.pdfgen.canvas as canvas

import loaders.read as read
from loaders.errors import LoadError
from loaders.read import iter_documents, list_files, load_path


def _reason(path, **kw) -> str:
    with pytest.raises(LoadError) as info:
        load_path(path, **kw)
    assert str(info.value) == f"{path}: {info.value.reason}"
    assert "\n" not in str(info.value)
    return info.value.reason


def test_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert _reason(p) == "empty file"


def test_blank_file_is_empty_too(tmp_path):
    p = tmp_path / "blank.md"
    p.write_bytes(b" \n\t\r\n")
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


def test_pdf_without_a_header(tmp_path):
    p = tmp_path / "renamed.pdf"
    p.write_bytes("这不是PDF文件。".encode())
    assert _reason(p) == "corrupt PDF: no PDF header"


def test_pdf_without_a_text_layer(tmp_path):
    p = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(p))
    c.rect(50, 50, 200, 200, fill=1)  # a picture, no text
    c.showPage()
    c.save()
    assert _reason(p) == "PDF has no text layer (a scan? run OCR first)"


def test_encrypted_pdf(tmp_path):
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as f:
        writer.write(f)
    assert _reason(p) == "encrypted PDF: cannot read its text"


def test_corrupt_docx(tmp_path):
    p = tmp_path / "broken.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    assert _reason(p).startswith("corrupt DOCX")


def test_docx_with_broken_xml(tmp_path):
    good = tmp_path / "good.docx"
    docx.Document().save(str(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(buf, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, b"<w:document><broken" if item.filename == "word/document.xml" else data)
    p = tmp_path / "bad_xml.docx"
    p.write_bytes(buf.getvalue())
    assert _reason(p).startswith("corrupt DOCX")


@pytest.mark.parametrize("name", ["sheet.xls", "old.doc", "README"])
def test_unsupported_extension(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(b"anything")
    ext = Path(name).suffix or "(none)"
    assert _reason(p).startswith(f"unsupported file type '{ext}' (supported: .docx, .htm, .html")


def test_file_over_the_size_limit(tmp_path):
    p = tmp_path / "big.txt"
    p.write_text("帮扶。" * 1000, encoding="utf-8")
    assert _reason(p, max_bytes=1000) == "file is 9,000 bytes, over the 1,000 bytes limit"
    assert load_path(p, max_bytes=9000).text.startswith("帮扶。")


def test_missing_path(tmp_path):
    assert _reason(tmp_path / "nope.txt") == "no such file or folder"


def test_broken_symbolic_link(tmp_path):
    p = tmp_path / "link.txt"
    p.symlink_to(tmp_path / "gone.txt")
    assert _reason(p) == "broken symbolic link"


def test_permission_denied(tmp_path, monkeypatch):
    """Simulated, so that the test also runs as root (who may read any file)."""
    p = tmp_path / "secret.txt"
    p.write_text("帮扶", encoding="utf-8")

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert _reason(p) == "cannot read: Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file(tmp_path):
    p = tmp_path / "secret.txt"
    p.write_text("帮扶", encoding="utf-8")
    p.chmod(0)
    assert _reason(p) == "cannot read: Permission denied"


def test_a_folder_named_like_a_file(tmp_path):
    (tmp_path / "notes.txt").mkdir()
    assert _reason(tmp_path / "notes.txt") == "not a regular file"


def test_a_reader_failing_unexpectedly_is_still_one_line(tmp_path, monkeypatch):
    def explode(data, path):
        raise RuntimeError("surprise\n  on a second line " + "x" * 400)

    monkeypatch.setitem(read.READERS, ".txt", explode)
    p = tmp_path / "a.txt"
    p.write_text("帮扶", encoding="utf-8")
    reason = _reason(p)
    assert reason.startswith("cannot read: RuntimeError: surprise on a second line xxx")
    assert len(reason) == 300 and reason.endswith("…")


def test_a_failure_after_reading_is_still_one_line(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("bug")

    monkeypatch.setattr(read, "normalize", broken)
    p = tmp_path / "a.txt"
    p.write_text("帮扶", encoding="utf-8")
    assert _reason(p) == "cannot read: ValueError: bug"


def _walk_meeting_a_locked_folder(files: list[str]):
    """os.walk as it behaves when a subfolder cannot be listed: it tells onerror and goes on."""

    def walk(top, onerror=None):
        onerror(PermissionError(13, "Permission denied", str(Path(top) / "locked")))
        yield str(top), [], files

    return walk


def test_a_folder_that_cannot_be_listed_is_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(read.os, "walk", _walk_meeting_a_locked_folder(["a.txt"]))
    errors: list[tuple[str, str]] = []
    assert list(list_files([tmp_path], on_error=lambda *e: errors.append(e))) == [str(tmp_path / "a.txt")]
    assert errors == [(str(tmp_path / "locked"), "cannot list folder: Permission denied")]


def test_the_rest_of_the_batch_goes_on(tmp_path):
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text("长沙市对口帮扶龙山县。", encoding="utf-8")
    (tmp_path / "c.exe").write_bytes(b"MZ\x00\x00")
    (tmp_path / "d_blob.md").write_bytes(b"\x00\x01\x02" * 100)
    errors: list[tuple[str, str]] = []
    docs = list(iter_documents([tmp_path], on_error=lambda *e: errors.append(e)))
    assert [d.text for d in docs] == ["长沙市对口帮扶龙山县。"]
    assert [path for path, _ in errors] == [str(tmp_path / n) for n in ("a_empty.txt", "c.exe", "d_blob.md")]
    assert [reason.split(" ")[0] for _, reason in errors] == ["empty", "unsupported", "binary"]


def test_a_file_name_with_a_colon_and_space_is_reported_whole(tmp_path):
    """The path is handed over as it is, never cut out of a "path: reason" message."""
    odd = tmp_path / "通知: 第2号.txt"
    odd.write_bytes(b"")
    (tmp_path / "plain.txt").write_text("株洲市对口帮扶泸溪县。", encoding="utf-8")
    (tmp_path / "again: copy.txt").write_text("株洲市对口帮扶泸溪县。", encoding="utf-8")
    errors: list[tuple[str, str]] = []
    docs = list(iter_documents([tmp_path], on_error=lambda *e: errors.append(e)))
    assert [d.path for d in docs] == [str(tmp_path / "again: copy.txt")]
    assert errors == [  # in file order: again… < plain… < 通知…
        (str(tmp_path / "plain.txt"), f"same content as {tmp_path / 'again: copy.txt'}, read once"),
        (str(odd), "empty file"),
    ]


def test_builds_hear_of_folders_that_cannot_be_listed_too(tmp_path, monkeypatch):
    from bangfu.pipeline.pool import iter_extractions

    monkeypatch.setattr(read.os, "walk", _walk_meeting_a_locked_folder([]))
    errors: list[tuple[str, str]] = []
    assert (
        list(iter_extractions([tmp_path], on_error=lambda path, reason: errors.append((path, reason)))) == []
    )
    assert errors == [(str(tmp_path / "locked"), "cannot list folder: Permission denied")]
