"""PDF → text from its text layer (pypdf). Pages are joined by blank lines; words split across
page or line breaks are rejoined later, in normalization."""

from __future__ import annotations

import io
import logging

from loaders.errors import LoadError
from loaders.formats import TextLayer


def read_pdf(data: bytes, path: str) -> TextLayer:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise LoadError(path, "corrupt PDF: no PDF header")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 — any failure here means we cannot read it
                raise LoadError(path, "encrypted PDF: cannot read its text") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise LoadError(path, f"corrupt PDF: {exc}") from exc
    text = "\n\n".join(p.strip("\n") for p in pages)
    if not text.strip():
        raise LoadError(path, "PDF has no text layer (a scan? run OCR first)")
    title = None
    if meta is not None and meta.title and str(meta.title).strip():
        title = str(meta.title).strip()
    return TextLayer(text=text, format="pdf", title=title)
