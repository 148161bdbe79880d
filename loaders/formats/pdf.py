"""PDF → text from its text layer (pypdf). Pages are joined by blank lines; words split across
page or line breaks are rejoined later, in normalization. A page whose text cannot be extracted is
skipped with a warning rather than losing the whole document."""

from __future__ import annotations

import io
import logging

from loaders.errors import LoadError
from loaders.formats import TextLayer
from loaders.metadata import plausible_title

_PARSE_ERRORS = (ValueError, KeyError, TypeError, IndexError, AttributeError, OSError, RecursionError)


def read_pdf(data: bytes, path: str) -> TextLayer:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if b"%PDF-" not in data[:1024]:  # the header may follow a little junk, as readers allow
        raise LoadError(path, "corrupt PDF: no PDF header")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            raise LoadError(path, "encrypted PDF: cannot read its text")
        pages = list(reader.pages)
        meta = reader.metadata
    except LoadError:
        raise
    except (PdfReadError, *_PARSE_ERRORS) as exc:
        raise LoadError(path, f"corrupt PDF: {exc}") from exc
    texts: list[str] = []
    warnings: list[str] = []
    for number, page in enumerate(pages, 1):
        try:
            texts.append((page.extract_text() or "").strip("\n"))
        except (PdfReadError, *_PARSE_ERRORS) as exc:
            warnings.append(f"page {number}: text not readable ({type(exc).__name__})")
    text = "\n\n".join(t for t in texts if t)
    if not text.strip():
        if warnings:
            raise LoadError(path, f"corrupt PDF: no page's text is readable ({warnings[0]})")
        raise LoadError(path, "PDF has no text layer (a scan? run OCR first)")
    title = plausible_title(str(meta.title)) if meta is not None and meta.title else None
    return TextLayer(text=text, format="pdf", title=title, warnings=warnings)


def _opens_without_password(reader) -> bool:
    """Many PDFs are 'encrypted' only against editing, with an empty password for reading."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 — an unsupported cipher is as unreadable as a password
        return False
