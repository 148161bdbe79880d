"""The ontology, shared by the networkx graph, the embedded store, Neo4j and every export.

Keep it small: analysts write Cypher against these names on both stores.

Node ids (also the primary key in every store):
- Region           ``region:<6-digit code>``; a village/community/site below a county:
                   ``region:<county code>:<name>`` (no official code, level ``village``)
- other entities   ``<label lowercased>:<canonical name>``, e.g. ``agency:湖南省教育厅``, ``platform:832平台``
- Document         ``doc:<document id>``

Node properties (all optional but ``id``, ``label``, ``name``):
  id, label, name, code, level (province|prefecture|county|township|village), parent (node id),
  province (node id), lat, lon, aliases (list[str]), designations (list[str] of list names),
  and for Document: title, date, doc_number, path.

Edge properties: type, mechanism (ASSISTS only, one of MECHANISMS), inferred (bool),
  status (current|past|planned), confidence (float), evidence (list of dicts with doc, title, date,
  doc_number, sentence, start, end), first_year, last_year (int | None), n_evidence (int).
One edge per (source, type, target, mechanism).
"""

from __future__ import annotations

from loaders.extract.facts import ENTITY_TYPES, MECHANISMS, RELATION_TYPES, STATUSES

NODE_LABELS = (*ENTITY_TYPES, "Document")
# relations extracted from text, plus the structural ones the graph adds itself
EDGE_TYPES = (*RELATION_TYPES, "PART_OF", "MENTIONED_IN")
REGION_LEVELS = ("province", "prefecture", "county", "township", "village")

__all__ = ["NODE_LABELS", "EDGE_TYPES", "REGION_LEVELS", "MECHANISMS", "STATUSES"]


def region_id(code: str) -> str:
    return f"region:{code}"


def entity_id(label: str, name: str) -> str:
    return f"{label.lower()}:{name}"


def document_id(doc_id: str) -> str:
    return f"doc:{doc_id}"
