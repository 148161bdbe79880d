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
  n_documents (how many documents mention it; 0 for a region added only as an ancestor),
  groups (statements about unnamed places this entity helps, "7个贫困县", with evidence),
  and for Document: title, date, doc_number, path.

Edge properties: type, mechanism (ASSISTS only, one of MECHANISMS), inferred (bool),
  status (current|past|planned), confidence (float), evidence (list of dicts with doc, title, date,
  doc_number, sentence, start, end, status, inferred, confidence), first_year, last_year (int | None),
  n_evidence (int), sentence (the first evidence sentence, for a quick look), and on MENTIONED_IN the
  aliases the document used for the entity.
One edge per (source, type, target, mechanism); its networkx key is ``edge_key(type, mechanism)``.

Property types are written once here (``NODE_PROPERTIES``, ``EDGE_PROPERTIES``) in a store-neutral
vocabulary (string, int, float, bool, string[], json); each store maps them to its own types, and
``json`` values (lists of dicts) travel as JSON strings because neither Neo4j nor GraphML holds maps.
"""

from __future__ import annotations

# entities extraction finds, and the relations it states between them
ENTITY_TYPES = ("Region", "Agency", "Organization", "Platform", "Brand", "Campaign")
RELATION_TYPES = ("ASSISTS", "OPERATES", "PARTNERS_WITH", "PROMOTES", "BRAND_OF", "ORGANIZES")
# how one side helps the other (ASSISTS.mechanism)
MECHANISMS = (
    "对口帮扶",
    "东西部协作",
    "对口支援",
    "定点帮扶",
    "结对帮扶",
    "携手奔小康",
    "消费帮扶",
    # province-internal programmes with names of their own (浙江/福建, 江苏)
    "山海协作",
    "南北挂钩",
)
# a pairing in force, ended, or announced
STATUSES = ("current", "past", "planned")

NODE_LABELS = (*ENTITY_TYPES, "Document")
# relations extracted from text, plus the structural ones the graph adds itself
EDGE_TYPES = (*RELATION_TYPES, "PART_OF", "MENTIONED_IN")
REGION_LEVELS = ("province", "prefecture", "county", "township", "village")

# Every node table carries every column: an analyst's `MATCH (n) WHERE n.level = 'county'` must bind in
# the embedded store (which rejects unknown properties) as it does in Neo4j (which returns null).
NODE_PROPERTIES: dict[str, str] = {
    "id": "string",
    "name": "string",
    "code": "string",
    "level": "string",
    "parent": "string",
    "province": "string",
    "lat": "float",
    "lon": "float",
    "aliases": "string[]",
    "designations": "string[]",
    "n_documents": "int",
    "groups": "json",
    "title": "string",
    "date": "string",
    "doc_number": "string",
    "path": "string",
}
EDGE_PROPERTIES: dict[str, str] = {
    "key": "string",
    "mechanism": "string",
    "inferred": "bool",
    "status": "string",
    "confidence": "float",
    "first_year": "int",
    "last_year": "int",
    "n_evidence": "int",
    "sentence": "string",
    "evidence": "json",
    "aliases": "string[]",
}

_ACTORS = ("Region", "Agency", "Organization", "Platform")
# The (source label, target label) pairs each relationship type is declared for. The embedded store
# creates its relationship tables from these plus any pair the data holds, so a query naming a type
# always binds even when no document stated such a relation yet.
ENDPOINTS: dict[str, tuple[tuple[str, str], ...]] = {
    "ASSISTS": tuple((a, "Region") for a in _ACTORS),
    "OPERATES": (("Organization", "Platform"), ("Agency", "Platform"), ("Platform", "Platform")),
    "PARTNERS_WITH": tuple((a, b) for a in _ACTORS for b in _ACTORS),
    "PROMOTES": (
        ("Platform", "Region"),
        ("Organization", "Region"),
        ("Agency", "Region"),
        ("Platform", "Brand"),
        ("Organization", "Brand"),
    ),
    "BRAND_OF": (("Brand", "Region"),),
    "ORGANIZES": tuple((a, "Campaign") for a in _ACTORS),
    "PART_OF": (("Region", "Region"),),
    "MENTIONED_IN": tuple((a, "Document") for a in ENTITY_TYPES),
}

__all__ = [
    "ENTITY_TYPES",
    "RELATION_TYPES",
    "NODE_LABELS",
    "EDGE_TYPES",
    "REGION_LEVELS",
    "MECHANISMS",
    "STATUSES",
    "NODE_PROPERTIES",
    "EDGE_PROPERTIES",
    "ENDPOINTS",
]


def region_id(code: str) -> str:
    return f"region:{code}"


def entity_id(label: str, name: str) -> str:
    return f"{label.lower()}:{name}"


def document_id(doc_id: str) -> str:
    return f"doc:{doc_id}"


def edge_key(rel_type: str, mechanism: str | None) -> str:
    """The networkx key of an edge: one edge per (source, type, target, mechanism)."""
    return f"{rel_type}|{mechanism or ''}"


_PREFIXES = {label.lower(): label for label in ENTITY_TYPES} | {"doc": "Document"}


def label_of_id(node_id: str) -> str | None:
    """The label a node id implies (``region:430100`` → Region), None for an unknown prefix."""
    return _PREFIXES.get(node_id.split(":", 1)[0])
