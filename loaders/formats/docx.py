"""DOCX → text: paragraphs and tables in document order (python-docx for the package, its XML
for the walk). A table row is one line with tabs between cells, as in the HTML reader, so a row
that pairs a helper with the helped stays together; line breaks and tabs inside a paragraph are
kept, so words on either side of a <w:br/> are not glued together. Content controls (<w:sdt>)
are read through; headers and footers, being letterhead boilerplate, are not."""

from __future__ import annotations

import io
import zipfile

from loaders.errors import LoadError
from loaders.formats import TextLayer
from loaders.metadata import plausible_title

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RUN_TEXT = {_W + "t": None, _W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n"}


def _paragraph(p) -> str:
    parts = []
    for el in p.iter(*_RUN_TEXT):
        mapped = _RUN_TEXT[el.tag]
        parts.append((el.text or "") if mapped is None else mapped)
    return "".join(parts)


def _cell(tc) -> str:
    """A cell's paragraphs (nested tables included) on one line: the row is one line."""
    return " ".join(filter(None, (_paragraph(p).replace("\n", " ").strip() for p in tc.iter(_W + "p"))))


def _blocks(parent, lines: list[str]) -> None:
    for child in parent.iterchildren():
        if child.tag == _W + "p":
            lines.append(_paragraph(child))
        elif child.tag == _W + "tbl":
            for tr in child.iterchildren(_W + "tr"):
                lines.append("\t".join(_cell(tc) for tc in tr.iterchildren(_W + "tc")))
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            _blocks(child, lines)


def read_docx(data: bytes, path: str) -> TextLayer:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, XMLSyntaxError, KeyError, ValueError) as exc:
        raise LoadError(path, f"corrupt DOCX: {exc}") from exc
    lines: list[str] = []
    _blocks(document.element.body, lines)
    title = plausible_title(document.core_properties.title)
    return TextLayer(text="\n".join(lines), format="docx", title=title)
