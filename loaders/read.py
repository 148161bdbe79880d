"""Read files and folders into Documents: the one entry point every command and page uses.

``load_path`` reads one file or raises LoadError naming it; ``iter_documents`` walks files and folders
(recursively, in sorted order), reports each file it cannot read through ``on_error(path, reason)``
and goes on with the rest. The same content under two names is one document (its id is a hash of the
normalized text, so the same notice saved as GBK and as UTF-8 is one too): read once, and the second
name reported through ``on_duplicate`` (or ``on_error`` when no such callback is given).
``OnError``, ``Duplicates`` and ``DEFAULT_MAX_BYTES`` are also what the process pool
(bangfu/pipeline/pool.py) uses, so a build and ``bangfu docs`` read and report the same files alike.

Hidden files and folders (.git, .DS_Store) are skipped when walking a folder: they are never documents.
A file named explicitly is always read.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from loaders.document import Document
from loaders.errors import LoadError
from loaders.formats import TextLayer, clean_text
from loaders.formats.docx import read_docx
from loaders.formats.html import read_html
from loaders.formats.markdown import read_markdown
from loaders.formats.pdf import read_pdf
from loaders.formats.txt import read_text
from loaders.metadata import find_date, find_doc_number, find_source, find_title, normalize_date
from loaders.normalize import for_metadata, nfc, normalize

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
READERS: dict[str, Callable[[bytes, str], TextLayer]] = {
    ".txt": read_text,
    ".text": read_text,
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".pdf": read_pdf,
    ".docx": read_docx,
}
SUPPORTED = tuple(sorted(READERS))
# formats whose line breaks can fall inside a word: text converted from PDF, and PDF itself
JOIN_PAGE_BREAKS = {"txt", "md", "pdf", "docx"}
HEAD_CHARS, TAIL_CHARS = 6000, 600  # where title, date, 文号 and source stand

OnError = Callable[[str, str], None]
"""Hears of a file or folder that was not read: ``(path, reason)``; the path is never parsed out of a
message, so any file name (``a: b.txt`` too) comes through whole."""


class Duplicates:
    """Content ids seen so far, each with the first path it was read from.

    ``check(doc_id, path)`` is None the first time an id comes by and, after that, the reason to
    report for the later path: the one rule for "same content under two names" everywhere."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def check(self, doc_id: str, path: str) -> str | None:
        first = self._first.get(doc_id)
        if first is None:
            self._first[doc_id] = path
            return None
        return f"same content as {first}, read once"


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n:,} bytes"


# what pathlib's exists() takes for "not there" rather than an error
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """The file's bytes after one stat (not one per question: exists, is a file, how big)."""
    try:
        info = os.stat(path)
    except OSError as exc:
        if exc.errno not in _ABSENT:
            raise
        reason = "broken symbolic link" if os.path.islink(path) else "no such file or folder"
        raise LoadError(path, reason) from None
    except ValueError:
        raise LoadError(path, "no such file or folder") from None
    if not stat.S_ISREG(info.st_mode):
        raise LoadError(path, "not a regular file")
    if info.st_size > max_bytes:
        raise LoadError(path, f"file is {_size(info.st_size)}, over the {_size(max_bytes)} limit")
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LoadError(path, f"cannot read: {exc.strerror or exc}") from exc
    if not data.strip():
        raise LoadError(path, "empty file")
    return data


def text_layer(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> TextLayer:
    ext = Path(path).suffix.lower()
    if not os.path.lexists(path):
        raise LoadError(path, "no such file or folder")
    if ext not in READERS:
        if os.path.isdir(path):
            raise LoadError(path, "not a regular file")
        raise LoadError(
            path, f"unsupported file type '{ext or '(none)'}' (supported: {', '.join(SUPPORTED)})"
        )
    return READERS[ext](_read_bytes(path, max_bytes), path)


def load_path(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """One file → Document, or LoadError naming the file and the problem."""
    path = str(path)
    try:
        return _load(path, max_bytes)
    except LoadError:
        raise
    except Exception as exc:  # a library (or this code) failing in a way nobody foresaw: still one line
        raise LoadError(path, f"cannot read: {type(exc).__name__}: {exc}") from exc


def _load(path: str, max_bytes: int) -> Document:
    layer = text_layer(path, max_bytes)
    original = nfc(clean_text(layer.text))
    if not original.strip():
        raise LoadError(path, "no text in the file")
    text, offsets = normalize(
        original,
        join_page_breaks=layer.format in JOIN_PAGE_BREAKS,
        single_newlines=layer.format == "pdf",
    )
    # metadata lines keep their spacing (标题 湘发改西开〔2021〕726号), so they are read from a lighter view
    head = for_metadata(original[:HEAD_CHARS])
    if len(original) > HEAD_CHARS:
        head += "\n" + for_metadata(original[-TAIL_CHARS:])
    return Document(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        path=path,
        format=layer.format,
        original=original,
        text=text,
        offsets=offsets,
        title=for_metadata(nfc(layer.title)).strip() if layer.title else find_title(head),
        date=normalize_date(layer.date) or find_date(head),
        doc_number=find_doc_number(head),
        source=layer.source or find_source(head),
        warnings=layer.warnings,
        encoding=layer.encoding,
    )


def list_files(paths: Iterable[str | os.PathLike], on_error: OnError | None = None) -> Iterator[str]:
    """Files below each path, sorted per folder; hidden files and folders are skipped.

    A folder that cannot be listed is reported through ``on_error(path, reason)``, not skipped
    silently as os.walk would."""

    def walk_error(exc: OSError) -> None:
        if on_error is not None:
            on_error(str(exc.filename), f"cannot list folder: {exc.strerror or exc}")

    for p in map(str, paths):
        if os.path.isdir(p):
            for folder, dirs, files in os.walk(p, onerror=walk_error):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in sorted(files):
                    if not f.startswith("."):
                        yield os.path.join(folder, f)
        else:
            yield p


def iter_documents(
    paths: Iterable[str | os.PathLike],
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: OnError | None = None,
    on_duplicate: OnError | None = None,
) -> Iterator[Document]:
    """Every readable document below ``paths``, each once; problems reported and passed over."""
    duplicates = Duplicates()
    report = on_error or (lambda _path, _reason: None)
    report_duplicate = on_duplicate or report
    for path in list_files(paths, on_error=report):
        try:
            doc = load_path(path, max_bytes)
        except LoadError as exc:
            report(exc.path, exc.reason)
            continue
        again = duplicates.check(doc.id, path)
        if again:
            report_duplicate(path, again)
            continue
        yield doc
