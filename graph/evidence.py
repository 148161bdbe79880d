"""What an edge says about its evidence, and the records the graph keeps of each statement.

Why a module of its own: the merge (graph/model.py) only decides *which* statements support an edge;
what those statements add up to — the best confidence, whether every document merely infers the
direction, the status the newest document gives, the span of years — is a summary rule that coverage
(year filters) and the pages read too, and it is easier to check on plain lists of records.
"""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from loaders.extract.facts import Group, Relation

_YEAR = re.compile(r"^\s*(\d{4})")


def year_of(date: str | None) -> int | None:
    """The year of a document date ("2022-04-15 11:35:54 +0800" → 2022), None when undated."""
    found = _YEAR.match(date or "")
    return int(found.group(1)) if found else None


def _evidence_order(ev: dict) -> tuple:
    return (ev.get("date") or "", ev["doc"], ev["start"], ev["end"])


def aggregate_evidence(evidence: list[dict]) -> dict[str, Any]:
    """Edge properties that summarise its evidence list.

    confidence: the best single statement; inferred: only if no document states the direction;
    status: what the newest document says (undated documents count as oldest); years: the span of the
    documents' dates.
    """
    evidence = sorted(evidence, key=_evidence_order)
    years = [y for y in (year_of(ev.get("date")) for ev in evidence) if y is not None]
    newest = evidence[-1]
    return {
        "evidence": evidence,
        "n_evidence": len(evidence),
        "sentence": evidence[0]["sentence"],
        "confidence": round(max(float(ev.get("confidence", 0.0)) for ev in evidence), 3),
        "inferred": all(bool(ev.get("inferred")) for ev in evidence),
        "status": newest.get("status") or "current",
        "first_year": min(years) if years else None,
        "last_year": max(years) if years else None,
    }


def evidence_record(rel: Relation, meta: dict) -> dict:
    """One statement supporting an edge: the document's id, title, date and 文号 with the sentence."""
    return {
        "doc": meta["id"],
        "title": meta.get("title"),
        "date": meta.get("date"),
        "doc_number": meta.get("doc_number"),
        **asdict(rel.evidence),
        "status": rel.status,
        "inferred": bool(rel.inferred),
        "confidence": round(float(rel.confidence), 3),
    }


def group_record(group: Group, meta: dict) -> dict:
    """One statement about unnamed or counted places ("7个贫困县"), kept on its helper's node."""
    return {
        "helped": group.helped,
        "mechanism": group.mechanism,
        "doc": meta["id"],
        "title": meta.get("title"),
        "date": meta.get("date"),
        **asdict(group.evidence),
    }
