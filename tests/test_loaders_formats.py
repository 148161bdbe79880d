"""Real files of each format and encoding, written by the tests, read back through load_path."""

from __future__ import annotations

import codecs
import glob
import io
import zipfile

import docx
import fpdf
import pypdf
import pytest
import reportlab.pdfgen.canvas as canvas

from loaders.read import iter_documents, load_path

SENTENCE = "株洲市對口幫扶湘西州瀘溪縣，開辦農產品展銷會。"
SIMPLIFIED = "株洲市对口帮扶湘西州泸溪县，开办农产品展销会。"
WRAPPED = "各级各部门要充分发挥对口帮扶单位作用，各级各部门结合工作实际，开展消费帮扶。"


def _load(tmp_path, name: str, text: str):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_path(p)


# ------------------------------------------------------------------------------------ encodings
def test_gbk_file(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(("关于做好消费帮扶工作的通知\n" + SIMPLIFIED).encode("gbk"))
    doc = load_path(p)
    assert doc.text == "关于做好消费帮扶工作的通知\n" + SIMPLIFIED
    assert doc.encoding == "gb18030"
    assert doc.title == "关于做好消费帮扶工作的通知"


def test_gbk_file_with_traditional_characters(tmp_path):
    p = tmp_path / "gbk_trad.txt"
    p.write_bytes(SENTENCE.encode("gbk"))
    doc = load_path(p)
    assert (doc.encoding, doc.original, doc.text) == ("gb18030", SENTENCE, SIMPLIFIED)


def test_big5_file_is_converted_to_simplified(tmp_path):
    p = tmp_path / "big5.txt"
    p.write_bytes(SENTENCE.encode("big5"))
    doc = load_path(p)
    assert doc.encoding == "big5"
    assert doc.text == SIMPLIFIED
    assert doc.original == SENTENCE  # evidence is shown as the user's own words


def test_utf8_with_bom(tmp_path):
    p = tmp_path / "bom.md"
    p.write_bytes(b"\xef\xbb\xbf# \xe6\xa0\x87\xe9\xa2\x98\n\n" + SIMPLIFIED.encode())
    doc = load_path(p)
    assert doc.title == "标题"
    assert not doc.original.startswith("\ufeff")
    assert doc.text == "# 标题\n\n" + SIMPLIFIED


@pytest.mark.parametrize(
    ("codec", "bom", "detected"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("utf-32-le", codecs.BOM_UTF32_LE, "utf-32"),
        ("utf-32-be", codecs.BOM_UTF32_BE, "utf-32"),
    ],
)
def test_utf16_and_utf32_with_bom(tmp_path, codec, bom, detected):
    """The text alone cannot tell: UTF-32-LE read as UTF-16 gives the right characters between NULs,
    and normalization drops the NULs. The encoding the loader names can."""
    p = tmp_path / "wide.txt"
    p.write_bytes(bom + SIMPLIFIED.encode(codec))
    doc = load_path(p)
    assert doc.encoding == detected
    assert doc.text == SIMPLIFIED


def test_crlf_and_form_feed_page_breaks(tmp_path):
    p = tmp_path / "pdftotext.txt"
    p.write_bytes("第一页正文，各级各部门要结\f合工作实际。\r\n第二段。".encode())
    doc = load_path(p)
    assert "\r" not in doc.original and "\f" not in doc.original
    assert doc.text == "第一页正文，各级各部门要结合工作实际。\n第二段。"


# ----------------------------------------------------------------------------------------- HTML
def test_html_with_front_matter(tmp_path):
    doc = _load(
        tmp_path,
        "page.html",
        '---\ntitle: "湘潭市帮扶永顺县"\ndate: 2021-07-02 10:00:00 +0800\n---\n'
        "<html><head><script>var x = '不要';</script><style>p{color:red}</style></head><body>"
        "<nav>首页 | 新闻</nav><header>网站标志</header>"
        "<h1>标题</h1><p>湘潭市&nbsp;对口帮扶永顺县&amp;保靖县。</p><p>第二段<br>第三行。</p>"
        "<footer>版权所有</footer></body></html>",
    )
    assert (doc.title, doc.date, doc.format) == ("湘潭市帮扶永顺县", "2021-07-02", "html")
    assert doc.text == "标题\n湘潭市 对口帮扶永顺县&保靖县。\n第二段\n第三行。"


def test_html_source_line_wraps_are_spaces_and_table_rows_are_lines(tmp_path):
    doc = _load(
        tmp_path,
        "table.htm",
        "<html><head><title>结对帮扶名单_湖南省乡村振兴局</title></head><body>"
        "<p>长沙市对口帮扶\n   龙山县，\n株洲市对口帮扶炎陵县。</p>"
        "<table><tr><th>帮扶方</th><th>受帮扶方</th></tr>"
        "<tr><td>\n长沙市\n</td><td>龙山县</td></tr><tr><td>湘潭市</td><td>永顺县</td></tr></table>"
        "<!-- <p>注释</p> --></body></html>",
    )
    assert doc.title == "结对帮扶名单"  # <title> without the site's name
    assert doc.text.splitlines() == [
        "长沙市对口帮扶龙山县，株洲市对口帮扶炎陵县。",
        "帮扶方\t受帮扶方",
        "长沙市\t龙山县",
        "湘潭市\t永顺县",
    ]


def test_a_page_titled_only_with_the_sites_name_takes_its_title_from_the_text(tmp_path):
    doc = _load(
        tmp_path,
        "notice.html",
        "<html><head><title>湖南省发展和改革委员会</title></head><body>"
        "<p>关于开展消费帮扶的通知</p><p>各市州：</p><p>现将有关事项通知如下。</p></body></html>",
    )
    assert doc.title == "关于开展消费帮扶的通知"


def test_txt_holding_html_is_read_as_html(tmp_path):
    doc = _load(
        tmp_path,
        "crawled.txt",
        "---\ntitle: 秋季展销会落幕\ndate: 2023-10-09\n---\n<p>湖南省开展消费帮扶。</p>\n <p>成效明显。</p>\n"
        "<http://example.org/a.html>\n[返回首页](//example.org/)",
    )
    assert doc.format == "html" and doc.title == "秋季展销会落幕"
    assert doc.text == "湖南省开展消费帮扶。\n成效明显。"
    assert doc.warnings == ["txt file holds HTML: read as HTML"]


# ------------------------------------------------------------------------------------- Markdown
def test_markdown_links_images_and_headings(tmp_path):
    doc = _load(
        tmp_path,
        "notice.md",
        "---\ntitle: 方案\n---\n# 湖南省消费帮扶方案\n\n## 一、工作目标\n\n详见[附件](files/a.pdf)，"
        "![图片](a.png)**加强**产销对接。<https://example.org>\n",
    )
    assert doc.format == "md" and doc.title == "方案"  # front matter first
    assert doc.text == "# 湖南省消费帮扶方案\n\n## 一、工作目标\n\n详见附件，图片加强产销对接。\n"


# ------------------------------------------------------------------------------------------ PDF
def _reportlab_pdf(path, pages: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # a standard CID font: no font file needed
    c = canvas.Canvas(str(path))
    for text in pages:
        c.setFont("STSong-Light", 12)
        c.drawString(50, 750, text)
        c.showPage()
    c.save()


def test_pdf_with_chinese_text_layer(tmp_path):
    p = tmp_path / "notice.pdf"
    _reportlab_pdf(p, ["各级各部门要充分发挥对口帮扶单位作用，各级各部门结", "合工作实际，开展消费帮扶。"])
    doc = load_path(p)
    assert doc.format == "pdf" and doc.encoding is None
    assert doc.text == "各级各部门要充分发挥对口帮扶单位作用，各级各部门结合工作实际，开展消费帮扶。"


def test_pdf_locked_only_against_editing_is_read(tmp_path):
    plain = tmp_path / "plain.pdf"
    _reportlab_pdf(plain, ["长沙市对口帮扶龙山县。"])
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="", owner_password="owner")
    p = tmp_path / "locked.pdf"
    with open(p, "wb") as f:
        writer.write(f)
    assert load_path(p).text == "长沙市对口帮扶龙山县。"


def _cjk_font() -> str:
    for pattern in ("/usr/share/fonts/**/NotoSansCJK-Regular.ttc", "/usr/share/fonts/**/*CJK*.tt[cf]"):
        found = sorted(glob.glob(pattern, recursive=True))
        if found:
            return found[0]
    pytest.skip("no CJK font installed (apt-get install fonts-noto-cjk): cannot build a TrueType PDF")


def test_pdf_with_an_embedded_cjk_font_and_wrapped_lines(tmp_path):
    """fpdf2 embeds a subset of a real font, as office software does; its lines wrap by layout."""
    font = _cjk_font()
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.add_font("cjk", fname=font, collection_font_number=2 if font.endswith(".ttc") else 0)
    pdf.set_font("cjk", size=12)
    pdf.multi_cell(100, 8, WRAPPED + "\n一、工作目标\n长沙市对口帮扶龙山县。")
    p = tmp_path / "wrapped.pdf"
    pdf.output(str(p))
    doc = load_path(p)
    assert "\n" in doc.original and "\x00" not in doc.original  # pypdf's NULs from this font are gone
    assert doc.text == WRAPPED + "\n一、工作目标\n长沙市对口帮扶龙山县。"


# ----------------------------------------------------------------------------------------- DOCX
def test_docx_paragraphs_tables_and_line_breaks(tmp_path):
    d = docx.Document()
    d.core_properties.title = "Microsoft Word - 文档1.docx"  # a template's leftover, not a title
    d.add_paragraph("关于开展结对帮扶的通知")
    para = d.add_paragraph("株洲市对口帮扶泸溪县。")
    para.add_run().add_break()
    para.add_run("第二行。")
    table = d.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "岳阳市"
    table.rows[0].cells[1].text = "保靖县"
    p = tmp_path / "report.docx"
    d.save(str(p))
    doc = load_path(p)
    assert doc.format == "docx" and doc.title == "关于开展结对帮扶的通知"
    assert doc.text.splitlines() == [
        "关于开展结对帮扶的通知",
        "株洲市对口帮扶泸溪县。",
        "第二行。",
        "岳阳市\t保靖县",
    ]


def test_docx_title_property_is_used_when_it_is_one(tmp_path):
    d = docx.Document()
    d.core_properties.title = "湖南省消费帮扶工作方案"
    d.add_paragraph("为深入贯彻落实……，制定本方案。")
    p = tmp_path / "plan.docx"
    d.save(str(p))
    assert load_path(p).title == "湖南省消费帮扶工作方案"


# ------------------------------------------------------------------------------- files and folders
def test_same_content_under_two_names_is_one_document(tmp_path):
    (tmp_path / "a.txt").write_text(SIMPLIFIED, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(SIMPLIFIED.encode("gb18030"))
    errors: list[tuple[str, str]] = []
    duplicates: list[tuple[str, str]] = []
    docs = list(
        iter_documents(
            [tmp_path], on_error=lambda *e: errors.append(e), on_duplicate=lambda *d: duplicates.append(d)
        )
    )
    assert len(docs) == 1 and errors == []
    assert duplicates == [(str(tmp_path / "b.txt"), f"same content as {tmp_path / 'a.txt'}, read once")]


def test_folders_are_read_recursively_in_order_hidden_ones_skipped(tmp_path):
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "2.txt").write_text("第二篇。", encoding="utf-8")
    (tmp_path / "1.txt").write_text("第一篇。", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("不是文件。", encoding="utf-8")
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
