"""Real files of each format and encoding, written by the tests, read back through load_path."""

from __future__ import annotations

import io
import zipfile

import pytest

from loaders.read import iter_documents, load_path

SENTENCE = "長沙市對口幫扶湘西州龍山縣，舉辦年貨節。"
SIMPLIFIED = "长沙市对口帮扶湘西州龙山县，举办年货节。"


def test_gbk_file(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(("关于做好消费帮扶工作的通知\n" + SIMPLIFIED).encode("gbk"))
    doc = load_path(p)
    assert SIMPLIFIED in doc.text
    assert doc.title == "关于做好消费帮扶工作的通知"


def test_big5_file_is_converted_to_simplified(tmp_path):
    p = tmp_path / "big5.txt"
    p.write_bytes(SENTENCE.encode("big5"))
    doc = load_path(p)
    assert doc.text == SIMPLIFIED
    assert doc.original == SENTENCE  # evidence is shown as the user's own words


def test_utf8_with_bom(tmp_path):
    p = tmp_path / "bom.md"
    p.write_bytes(b"\xef\xbb\xbf# \xe6\xa0\x87\xe9\xa2\x98\n\n" + SIMPLIFIED.encode())
    doc = load_path(p)
    assert doc.title == "标题"
    assert not doc.original.startswith("\ufeff")
    assert SIMPLIFIED in doc.text


def test_utf16_with_bom(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes(SIMPLIFIED.encode("utf-16"))
    assert load_path(p).text == SIMPLIFIED


def test_html_with_front_matter(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(
        '---\ntitle: "湘潭市帮扶永顺县"\ndate: 2021-07-02 10:00:00 +0800\n---\n'
        "<html><head><script>var x = '不要';</script></head><body><nav>首页 | 新闻</nav>"
        "<h1>标题</h1><p>湘潭市&nbsp;对口帮扶永顺县&amp;保靖县。</p><p>第二段。</p></body></html>",
        encoding="utf-8",
    )
    doc = load_path(p)
    assert doc.title == "湘潭市帮扶永顺县"
    assert doc.date == "2021-07-02"
    assert "不要" not in doc.text and "首页" not in doc.text and "<p>" not in doc.text
    assert "湘潭市 对口帮扶永顺县&保靖县。\n第二段。" in doc.text


def test_pdf_with_chinese_text_layer(tmp_path):
    canvas = pytest.importorskip(
        "reportlab.pdfgen.canvas", reason="reportlab (dev dependency) builds the PDF"
    )
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    p = tmp_path / "notice.pdf"
    c = canvas.Canvas(str(p))
    c.setFont("STSong-Light", 12)
    c.drawString(50, 750, "各级各部门要充分发挥对口帮扶单位作用，各级各部门结")
    c.showPage()
    c.setFont("STSong-Light", 12)
    c.drawString(50, 750, "合工作实际，开展消费帮扶。")
    c.save()
    doc = load_path(p)
    assert doc.format == "pdf"
    assert "各级各部门结合工作实际，开展消费帮扶。" in doc.text  # the page break inside 结合 is rejoined


def test_docx_paragraphs_and_tables(tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("株洲市对口帮扶泸溪县。")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "岳阳市"
    table.rows[0].cells[1].text = "保靖县"
    p = tmp_path / "report.docx"
    d.save(str(p))
    doc = load_path(p)
    assert doc.text.splitlines()[:2] == ["株洲市对口帮扶泸溪县。", "岳阳市\t保靖县"]


def test_same_content_under_two_names_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(SIMPLIFIED.encode("gb18030"))
    errors: list[str] = []
    docs = list(iter_documents([tmp_path], on_error=errors.append))
    assert len(docs) == 1
    assert errors == [f"{tmp_path / 'b.txt'}: same content as {tmp_path / 'a.txt'}, read once"]


def test_folders_are_read_recursively_in_order(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "2.txt").write_text("第二篇。", encoding="utf-8")
    (tmp_path / "1.txt").write_text("第一篇。", encoding="utf-8")
    assert [d.text for d in iter_documents([tmp_path])] == ["第一篇。", "第二篇。"]


def test_zip_named_docx_is_corrupt_not_a_crash(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "not a document")
    p = tmp_path / "fake.docx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(Exception) as info:
        load_path(p)
    assert str(info.value).startswith(f"{p}: corrupt DOCX")
