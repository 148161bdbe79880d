"""KnowledgeGraph: the facts of many documents merged into one networkx MultiDiGraph.

Why it keeps each document's Extraction: merging must be exact in both directions. Adding the same
document twice changes nothing, a changed document (same path, new id) replaces only its own facts, and
removing a document removes exactly the facts no other document supports. Reference counts per node and
per edge (which documents support it) make each of those a local update instead of a rebuild, and the
kept Extractions are also the serial form: replaying them rebuilds the same graph (``to_json``).

Graph shape (see bangfu/knowledge/ontology.py): node key = node id, attributes ``label``, ``name`` and the schema's
node properties; edge key = ``edge_key(type, mechanism)``, attributes ``type`` and the edge properties.
Region ancestors (PART_OF) come from the gazetteer through graph/hierarchy.py and are counted in
graph/chains.py; a region that only appears as an ancestor has ``n_documents == 0`` and lives as long
as some mentioned region needs it. What an edge's evidence adds up to is graph/evidence.py.
"""

from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from bangfu.knowledge.gazetteer import GazetteerLike, get_gazetteer
from bangfu.knowledge.ontology import EDGE_TYPES, NODE_LABELS, document_id, edge_key, label_of_id
from graph.chains import PartOfChains, region_code
from graph.evidence import aggregate_evidence, evidence_record, group_record
from graph.hierarchy import Hierarchy
from loaders.extract.facts import Entity, Extraction

FORMAT = "bangfu-graph"
VERSION = 1
_DOC_FIELDS = ("id", "path", "title", "date", "doc_number")
EdgeId = tuple[str, str, str]

DEFAULT_GAZETTEER: Any = object()  # "use the project gazetteer", distinct from None (no gazetteer)


def fingerprint(meta: dict, ext: Extraction) -> str:
    """The document's facts as the graph keeps them, in a canonical form: list order does not count (a
    store gives facts back in its own order) and neither do regions the text does not name (the graph
    takes ancestors from the hierarchy), so the same document read again after a round trip through a
    store is unchanged."""
    body = ext.to_json()
    body.pop("unresolved", None)
    body["entities"] = [e for e in body.get("entities", []) if e.get("mentioned", True)]
    body["doc"] = meta
    for key, value in body.items():
        if isinstance(value, list):
            body[key] = sorted(json.dumps(v, ensure_ascii=False, sort_keys=True) for v in value)
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


class KnowledgeGraph:
    """Merged facts of many documents, with per-document bookkeeping so every change is exact.

    ``graph`` is the networkx view; treat it as read-only and change the graph through
    ``add_extraction``, ``remove_document`` and ``annotate``.
    """

    def __init__(
        self, gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER, *, all_regions: bool = False
    ) -> None:
        gaz = get_gazetteer() if gazetteer is DEFAULT_GAZETTEER else gazetteer
        self.graph = nx.MultiDiGraph()
        self.all_regions = all_regions
        self._hierarchy = Hierarchy(gaz)  # type: ignore[arg-type]
        self._docs: dict[str, Extraction] = {}
        self._meta: dict[str, dict] = {}
        self._fingerprints: dict[str, str] = {}
        self._by_path: dict[str, str] = {}
        # node id → doc id → that document's Entity record
        self._entity_docs: dict[str, dict[str, Entity]] = defaultdict(dict)
        # kept incrementally, so that a node mentioned by thousands of documents is refreshed in
        # time proportional to its aliases, not to its documents
        self._alias_counts: dict[str, Counter[str]] = defaultdict(Counter)
        self._first_doc: dict[str, str] = {}
        # (source, target, key) → doc id → evidence dicts
        self._edge_docs: dict[EdgeId, dict[str, list[dict]]] = defaultdict(dict)
        # helper node id → doc id → group dicts
        self._group_docs: dict[str, dict[str, list[dict]]] = defaultdict(dict)
        self._doc_nodes: dict[str, set[str]] = {}
        self._doc_edges: dict[str, set[EdgeId]] = {}
        self._chains = PartOfChains(self.graph, self._hierarchy, self._refresh_node, self._extracted_parent)
        self._annotations: dict[str, dict[str, Any]] = {}
        if all_regions:
            self._chains.hold_all()

    # ------------------------------------------------------------------ queries about the bookkeeping
    @property
    def hierarchy(self) -> Hierarchy:
        """The gazetteer view this graph takes region attributes and ancestors from."""
        return self._hierarchy

    @property
    def document_ids(self) -> list[str]:
        return sorted(self._docs)

    def document(self, doc_id: str) -> dict:
        """The metadata of a loaded document (id, path, title, date, doc_number)."""
        return dict(self._meta[doc_id])

    def extraction(self, doc_id: str) -> Extraction:
        return self._docs[doc_id]

    def document_for_path(self, path: str) -> str | None:
        return self._by_path.get(path)

    def supporting_documents(self, source: str, target: str, key: str) -> list[str]:
        """Doc ids whose evidence supports an edge (empty for structural edges)."""
        return sorted(self._edge_docs.get((source, target, key), {}))

    def summary(self) -> dict[str, Any]:
        """Counts for a build report: documents, entities by label, relations by type."""
        entities = Counter(a["label"] for _, a in self.graph.nodes(data=True) if a["label"] != "Document")
        relations = Counter(a["type"] for _, _, a in self.graph.edges(data=True))
        return {
            "documents": len(self._docs),
            "entities": dict(sorted(entities.items())),
            "relations": dict(sorted(relations.items())),
            "groups": sum(len(g) for per_doc in self._group_docs.values() for g in per_doc.values()),
        }

    def groups(self) -> Iterator[dict]:
        """Every group statement ("长沙市 帮扶 7个贫困县") with its helper and evidence."""
        for helper in sorted(self._group_docs):
            for doc_id in sorted(self._group_docs[helper]):
                for g in self._group_docs[helper][doc_id]:
                    yield {"helper": helper, **g}

    # ------------------------------------------------------------------ changes
    def add_extraction(self, ext: Extraction, doc_meta: dict | None = None) -> bool:
        """Merge one document's facts; returns False when the graph already holds exactly these facts.

        ``doc_meta`` (id, path, title, date, doc_number) completes or overrides ``ext.doc``. A document
        already loaded under another id from the same path is replaced: the file changed.
        """
        meta = document_meta(ext, doc_meta)
        doc_id = meta["id"]
        check_facts(ext)
        # compared only when the id is already loaded: a new document needs no fingerprint
        if doc_id in self._docs and self._fingerprint_of(doc_id) == fingerprint(meta, ext):
            return False
        self.remove_document(doc_id)
        path = meta.get("path")
        if path and path in self._by_path:
            self.remove_document(self._by_path[path])
        self._docs[doc_id] = ext
        self._meta[doc_id] = meta
        if path:
            self._by_path[path] = doc_id
        self._apply(doc_id, ext, meta)
        return True

    def add_extractions(self, extractions: Iterable[Extraction]) -> int:
        """Merge many; returns how many changed the graph."""
        return sum(self.add_extraction(ext) for ext in extractions)

    def _fingerprint_of(self, doc_id: str) -> str:
        if doc_id not in self._fingerprints:
            self._fingerprints[doc_id] = fingerprint(self._meta[doc_id], self._docs[doc_id])
        return self._fingerprints[doc_id]

    def remove_document(self, doc_id: str) -> bool:
        """Remove the facts only this document supported; facts others also state keep their evidence."""
        if doc_id not in self._docs:
            return False
        del self._docs[doc_id]
        meta = self._meta.pop(doc_id)
        self._fingerprints.pop(doc_id, None)
        if meta.get("path") and self._by_path.get(meta["path"]) == doc_id:
            del self._by_path[meta["path"]]
        doc_node = document_id(doc_id)
        for edge in self._doc_edges.pop(doc_id, set()):
            self._edge_docs[edge].pop(doc_id, None)
            self._refresh_edge(edge)
        nodes = self._doc_nodes.pop(doc_id, set())
        for nid in nodes:
            ent = self._entity_docs[nid].pop(doc_id, None)
            if ent is not None:
                self._forget_entity(nid, doc_id, ent)
            if nid in self._group_docs:
                self._group_docs[nid].pop(doc_id, None)
                if not self._group_docs[nid]:
                    del self._group_docs[nid]
        if self.graph.has_node(doc_node):
            self.graph.remove_node(doc_node)  # and its MENTIONED_IN edges
        for nid in sorted(nodes):
            self._refresh_node(nid)
        return True

    def annotate(self, node_id: str, **attrs: Any) -> None:
        """Set properties that come from outside the documents (e.g. ``designations`` from reference
        lists); they survive re-merging and serialisation. The node must exist."""
        if not self.graph.has_node(node_id):
            raise KeyError(node_id)
        self._annotations.setdefault(node_id, {}).update(attrs)
        self.graph.nodes[node_id].update(attrs)

    def hold_region(self, node_id: str) -> bool:
        """Keep a gazetteer region and its PART_OF chain in the graph whatever the documents say (a
        county on a designation list: "which counties of the list does nobody help" is then a graph
        question, answered the same by Cypher and by the planner). Held for the graph's lifetime;
        False when the gazetteer has no such region."""
        code = region_code(node_id)
        if not code or code not in self._hierarchy:
            return False
        self._chains.hold(node_id)
        return True

    # ------------------------------------------------------------------ serialisation
    def to_json(self) -> dict:
        """The documents' facts and the annotations: ``from_json`` replays them into the same graph."""
        return {
            "format": FORMAT,
            "version": VERSION,
            "all_regions": self.all_regions,
            "documents": [{**self._docs[d].to_json(), "doc": self._meta[d]} for d in sorted(self._docs)],
            "annotations": {k: self._annotations[k] for k in sorted(self._annotations)},
        }

    @classmethod
    def from_json(
        cls, data: dict, gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER
    ) -> KnowledgeGraph:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file (format={data.get('format')!r})")
        if int(data.get("version", 0)) > VERSION:
            raise ValueError(f"{FORMAT} version {data.get('version')} is newer than this program ({VERSION})")
        kg = cls(gazetteer, all_regions=bool(data.get("all_regions")))
        for record in data.get("documents", []):
            kg.add_extraction(Extraction.from_json(record), record["doc"])
        for node_id, attrs in (data.get("annotations") or {}).items():
            if (attrs.get("designations") and kg.hold_region(node_id)) or kg.graph.has_node(node_id):
                kg.annotate(node_id, **attrs)
        return kg

    def save(self, path: str | os.PathLike) -> None:
        """Write ``to_json`` atomically (temp file + rename): readers never see half a file."""
        tmp = f"{os.fspath(path)}.tmp-{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.to_json(), f, ensure_ascii=False)
        os.replace(tmp, path)

    @classmethod
    def load(
        cls, path: str | os.PathLike, gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER
    ) -> KnowledgeGraph:
        with open(path, encoding="utf-8") as f:
            return cls.from_json(json.load(f), gazetteer)

    # ------------------------------------------------------------------ internals: applying a document
    def _apply(self, doc_id: str, ext: Extraction, meta: dict) -> None:
        doc_node = document_id(doc_id)
        self.graph.add_node(doc_node, **document_attributes(meta))
        entities = document_entities(ext)
        self._doc_nodes[doc_id] = set(entities)
        for nid, ent in entities.items():
            self._entity_docs[nid][doc_id] = ent
            self._alias_counts[nid].update(set(ent.aliases))
            if nid not in self._first_doc or doc_id < self._first_doc[nid]:
                self._first_doc[nid] = doc_id
        for group in ext.groups:
            self._group_docs[group.helper].setdefault(doc_id, []).append(group_record(group, meta))
        for nid in sorted(entities):
            self._refresh_node(nid)
            self.graph.add_edge(
                nid,
                doc_node,
                key=edge_key("MENTIONED_IN", None),
                type="MENTIONED_IN",
                aliases=sorted(set(entities[nid].aliases)),
            )
        edges: set[EdgeId] = set()
        for rel in ext.relations:
            edge = (rel.source, rel.target, edge_key(rel.type, rel.mechanism))
            records = self._edge_docs[edge].setdefault(doc_id, [])
            record = evidence_record(rel, meta)
            if not any(r["start"] == record["start"] and r["end"] == record["end"] for r in records):
                records.append(record)
            edges.add(edge)
        self._doc_edges[doc_id] = edges
        for edge in sorted(edges):
            self._refresh_edge(edge)

    def _refresh_edge(self, edge: EdgeId) -> None:
        source, target, key = edge
        per_doc = self._edge_docs.get(edge, {})
        evidence = [ev for doc_id in per_doc for ev in per_doc[doc_id]]
        if not evidence:
            self._edge_docs.pop(edge, None)
            if self.graph.has_edge(source, target, key):
                self.graph.remove_edge(source, target, key)
            return
        rel_type, mechanism = key.split("|", 1)
        attrs = {"type": rel_type, "mechanism": mechanism or None, **aggregate_evidence(evidence)}
        if self.graph.has_edge(source, target, key):
            data = self.graph.edges[source, target, key]
            data.clear()
            data.update(attrs)
        else:
            self.graph.add_edge(source, target, key=key, **attrs)

    def _refresh_node(self, nid: str) -> None:
        """Recompute a node from the documents that mention it; drop it when nothing needs it."""
        per_doc = self._entity_docs.get(nid) or {}
        live = bool(per_doc)
        if not per_doc:
            self._entity_docs.pop(nid, None)
        label = per_doc[self._first_doc[nid]].type if per_doc else label_of_id(nid) or "Region"
        if label == "Region":
            self._chains.set_live(nid, live)
        if not live and not self._chains.held(nid):
            if self.graph.has_node(nid):
                self.graph.remove_node(nid)
            return
        attrs = self._node_attributes(nid, label, per_doc)
        if self.graph.has_node(nid):
            data = self.graph.nodes[nid]
            data.clear()
            data.update(attrs)
        else:
            self.graph.add_node(nid, **attrs)

    def _node_attributes(self, nid: str, label: str, per_doc: dict[str, Entity]) -> dict[str, Any]:
        groups = self._group_docs.get(nid)
        return node_attributes(
            nid,
            label,
            per_doc[self._first_doc[nid]] if per_doc else None,
            self._hierarchy,
            aliases=self._alias_counts.get(nid, ()),
            n_documents=len(per_doc),
            groups=[g for doc_id in groups for g in groups[doc_id]] if groups else None,
            annotations=self._annotations.get(nid),
        )

    def _forget_entity(self, nid: str, doc_id: str, ent: Entity) -> None:
        counts = self._alias_counts[nid]
        counts.subtract(set(ent.aliases))
        for alias in [a for a, n in counts.items() if n <= 0]:
            del counts[alias]
        if not counts:
            del self._alias_counts[nid]
        if self._first_doc.get(nid) == doc_id:
            rest = self._entity_docs.get(nid)
            if rest:
                self._first_doc[nid] = min(rest)
            else:
                self._first_doc.pop(nid, None)

    def _extracted_parent(self, nid: str) -> str | None:
        """The first parent a document gives this region (for regions the gazetteer does not code)."""
        parent = None
        for ent in (self._entity_docs.get(nid) or {}).values():
            parent = parent or ent.parent
        return parent


def document_meta(ext: Extraction, doc_meta: dict | None = None) -> dict:
    """The document fields the graph keeps (id, path, title, date, doc_number): ``doc_meta`` completes
    or overrides ``ext.doc``; ValueError without an id."""
    meta = {k: (doc_meta or {}).get(k, ext.doc.get(k)) for k in _DOC_FIELDS}
    if not meta["id"]:
        raise ValueError("an Extraction needs doc['id'] to be merged")
    meta["id"] = str(meta["id"])
    return meta


def document_attributes(meta: dict) -> dict[str, Any]:
    """A Document node's properties: named by its title, else its file name, else its id."""
    name = meta.get("title") or (os.path.basename(meta["path"]) if meta.get("path") else meta["id"])
    return {
        "label": "Document",
        "name": name,
        **{k: meta[k] for k in ("title", "date", "doc_number", "path") if meta.get(k)},
    }


def document_entities(ext: Extraction) -> dict[str, Entity]:
    """The entities a document mentions, by id, plus a placeholder for every relation endpoint and
    group helper it does not list. Regions named only as the ancestors of named ones are left out:
    they come from the hierarchy, not as mentions."""
    entities = {e.id: e for e in ext.entities if e.mentioned}
    for rel in ext.relations:
        for nid in (rel.source, rel.target):
            entities.setdefault(nid, _placeholder(nid))
    for group in ext.groups:
        entities.setdefault(group.helper, _placeholder(group.helper))
    return entities


def node_attributes(
    nid: str,
    label: str,
    first: Entity | None,
    hierarchy: Hierarchy,
    *,
    aliases: Iterable[str],
    n_documents: int,
    groups: list[dict] | None,
    annotations: dict[str, Any] | None,
) -> dict[str, Any]:
    """A node's properties from what its documents say: name, code, level and parent as the first
    document (smallest id) gives them, the gazetteer's attributes for a coded region over those, every
    alias any document used, how many documents mention it, its group statements (sorted by date,
    document, offset) and the annotations from outside the documents (designations) last."""
    attrs: dict[str, Any] = {"label": label, "name": first.name if first else nid.split(":", 1)[-1]}
    if first is not None:
        for field in ("code", "level", "parent"):
            value = getattr(first, field)
            if value:
                attrs[field] = value
    code = region_code(nid) if label == "Region" else None
    if code:
        attrs.update(hierarchy.attributes(code))
    attrs["aliases"] = sorted(aliases)
    attrs["n_documents"] = n_documents
    if groups:
        attrs["groups"] = sorted(
            groups, key=lambda g: (g.get("date") or "", g["doc"], g["start"], g["helped"])
        )
    attrs.update(annotations or {})
    return attrs


def check_facts(ext: Extraction) -> None:
    """Refuse facts outside the ontology before they touch the graph: every store has a table per
    label and type, and one unknown name would fail a whole build at write time."""
    for ent in ext.entities:
        if ent.type not in NODE_LABELS or ent.type == "Document":
            raise ValueError(f"entity {ent.id!r} has type {ent.type!r}, not one of the entity labels")
    for rel in ext.relations:
        if rel.type not in EDGE_TYPES or rel.type in ("PART_OF", "MENTIONED_IN"):
            raise ValueError(
                f"relation {rel.source} → {rel.target} has type {rel.type!r}, not an extracted type"
            )
        for nid in (rel.source, rel.target):
            if label_of_id(nid) in (None, "Document"):
                raise ValueError(f"relation {rel.type} names {nid!r}, which is not an entity id")


def _placeholder(nid: str) -> Entity:
    """An entity a relation names but the extraction did not list: keep the fact, infer the label."""
    label = label_of_id(nid) or "Organization"
    return Entity(id=nid, type=label, name=nid.split(":", 1)[-1], code=region_code(nid))
