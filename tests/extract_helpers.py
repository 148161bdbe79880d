"""Build Documents from a sentence or two, for extraction tests written as new sentences."""

from __future__ import annotations

import hashlib

from loaders.document import Document
from loaders.extract.facts import Extraction
from loaders.extract.pipeline import extract_document


def doc_from_text(text: str, title: str | None = None, doc_number: str | None = None) -> Document:
    return Document(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        path="test.txt",
        format="txt",
        original=text,
        text=text,
        offsets=list(range(len(text) + 1)),
        title=title,
        doc_number=doc_number,
    )


def extract(text: str, title: str | None = None, doc_number: str | None = None) -> Extraction:
    return extract_document(doc_from_text(text, title, doc_number))


def codes_of(ext: Extraction) -> dict[str, str]:
    return {e.id: e.code for e in ext.entities if e.code}


def assists(ext: Extraction, status: str | None = None) -> set[tuple[str, str]]:
    """(helper code or name, helped code) of every ASSISTS relation."""
    names = {e.id: (e.code or e.name) for e in ext.entities}
    return {
        (names.get(r.source, r.source), names.get(r.target, r.target))
        for r in ext.relations
        if r.type == "ASSISTS" and (status is None or r.status == status)
    }


def relations(ext: Extraction, rtype: str) -> set[tuple[str, str]]:
    names = {e.id: (e.code or e.name) for e in ext.entities}
    return {
        (names.get(r.source, r.source), names.get(r.target, r.target))
        for r in ext.relations
        if r.type == rtype
    }
