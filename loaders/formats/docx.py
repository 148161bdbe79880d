"""DOCX → text: paragraphs and table cells in document order (python-docx)."""

from __future__ import annotations

import io
import zipfile

from loaders.errors import LoadError
from loaders.formats import TextLayer


def read_docx(data: bytes, path: str) -> TextLayer:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(path, f"corrupt DOCX: {exc}") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = []
                    for cell in row.iterchildren():
                        if cell.tag.endswith("}tc"):
                            cells.append("".join(t.text or "" for t in cell.iter() if t.tag.endswith("}t")))
                    lines.append("\t".join(cells))
    title = (document.core_properties.title or "").strip() or None
    return TextLayer(text="\n".join(lines), format="docx", title=title)
