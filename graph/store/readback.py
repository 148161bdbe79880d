"""Rebuild the KnowledgeGraph from an embedded store, so the app and the planner need no re-extraction.

Why replay instead of copying rows into networkx: the store holds each document's facts exactly
(evidence entries name their document; MENTIONED_IN edges carry the aliases each document used; group
statements carry theirs), so turning them back into one Extraction per document and merging those
gives a graph with the same per-document bookkeeping as the one that was built, ready for
``remove_document`` or new documents. The store file is then the single artefact of a build: there is
no second file that a crash could leave out of step with it.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict

import networkx as nx

from bangfu.knowledge.gazetteer import GazetteerLike
from graph.model import DEFAULT_GAZETTEER, KnowledgeGraph
from graph.store.embedded import EmbeddedStore, open_store
from loaders.extract.facts import Entity, Evidence, Extraction, Group, Relation

_DOCS = "MATCH (d:Document) RETURN d.id, d.path, d.title, d.date, d.doc_number"
_MENTIONS = (
    "MATCH (e)-[m:MENTIONED_IN]->(d:Document) "
    "RETURN d.id, e.id, label(e), e.name, e.code, e.level, e.parent, m.aliases"
)
_FACTS = (
    "MATCH (a)-[r]->(b) WHERE label(r) <> 'MENTIONED_IN' AND label(r) <> 'PART_OF' "
    "RETURN a.id, label(r), b.id, r.mechanism, r.evidence"
)
_GROUPS = "MATCH (n) WHERE n.groups IS NOT NULL RETURN n.id, n.groups"
_DESIGNATIONS = "MATCH (n) WHERE n.designations IS NOT NULL RETURN n.id, n.designations"
# a region no document mentions, no mentioned region needs as an ancestor and no designation list
# names exists only in a build made with all_regions (without it, every unmentioned region has a
# PART_OF child or a designation)
_UNNEEDED_REGIONS = (
    "MATCH (n:Region) WHERE n.n_documents = 0 AND n.designations IS NULL "
    "AND NOT EXISTS { MATCH (n)<-[:PART_OF]-() } RETURN count(n)"
)


_VIEW_NODES = "MATCH (n) WHERE label(n) <> 'Document' RETURN n"
_VIEW_EDGES = "MATCH (a)-[r]->(b) WHERE label(r) <> 'MENTIONED_IN' RETURN a.id, b.id, r"


def load_view(path: str | os.PathLike | None = None) -> nx.MultiDiGraph:
    """The store's entities and the relations between them as a networkx graph, without Documents,
    MENTIONED_IN edges or per-document bookkeeping: what the planner's coverage and search read, in
    memory proportional to the relations rather than to the documents (``load_graph`` replays every
    document). Node and edge attributes are the store's properties (``evidence`` and ``groups``
    parsed), the edge key is the store's ``key``."""
    graph = nx.MultiDiGraph()
    with open_store(path) as store:
        for (node,) in store.query(_VIEW_NODES, timeout_ms=None).rows:
            graph.add_node(node["id"], **_attributes(node, "label"))
        for source, target, rel in store.query(_VIEW_EDGES, timeout_ms=None).rows:
            attrs = _attributes(rel, "type")
            graph.add_edge(source, target, key=attrs.pop("key"), **attrs)
    return graph


def _attributes(entity: dict, label_as: str) -> dict:
    """Store properties as graph attributes as the graph has them: nulls left out, JSON properties
    parsed, the id as the node itself, the table's label as ``label_as`` (``label`` of a node,
    ``type`` of an edge)."""
    attrs = {k: v for k, v in entity.items() if v is not None and k not in ("_LABEL", "id")}
    attrs[label_as] = entity.get("_LABEL")
    for key in ("evidence", "groups"):
        if isinstance(attrs.get(key), str):
            attrs[key] = json.loads(attrs[key])
    return attrs


def load_graph(
    path: str | os.PathLike | None = None,
    *,
    gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER,
    all_regions: bool | None = None,
) -> KnowledgeGraph:
    """The graph a build wrote to the store at ``path`` (default: ``default_store_path()``).

    ``all_regions`` None: true when the store shows that the build added every gazetteer region.
    """
    with open_store(path) as store:
        extractions = _extractions(store)
        designations = {nid: list(d) for nid, d in store.query(_DESIGNATIONS, timeout_ms=None).rows}
        unneeded = store.query(_UNNEEDED_REGIONS, timeout_ms=None).rows[0][0]
    if all_regions is None:
        all_regions = unneeded > 0
    kg = KnowledgeGraph(gazetteer, all_regions=all_regions)
    for ext in extractions:
        kg.add_extraction(ext)
    for nid, values in designations.items():
        # a designated county stays in the graph whatever the documents say, mentioned now or not
        if kg.hold_region(nid) or kg.graph.has_node(nid):
            kg.annotate(nid, designations=values)
    return kg


def read_extractions(path: str | os.PathLike | None = None) -> list[Extraction]:
    """Each document's facts as the store holds them, without merging them into a graph (cheap: what
    a listing of the store's documents needs)."""
    with open_store(path) as store:
        return _extractions(store)


def _extractions(store: EmbeddedStore) -> list[Extraction]:
    docs: dict[str, Extraction] = {}
    for doc_node, path, title, date, doc_number in store.query(_DOCS, timeout_ms=None).rows:
        doc_id = doc_node.removeprefix("doc:")
        meta = {"id": doc_id, "path": path, "title": title, "date": date, "doc_number": doc_number}
        docs[doc_id] = Extraction(doc=meta)
    for doc_node, nid, label, name, code, level, parent, aliases in store.query(
        _MENTIONS, timeout_ms=None
    ).rows:
        ent = Entity(nid, label, name, code, list(aliases or []), level, parent)
        docs[doc_node.removeprefix("doc:")].entities.append(ent)
    for source, rel_type, target, mechanism, evidence in store.query(_FACTS, timeout_ms=None).rows:
        for ev in json.loads(evidence or "[]"):
            docs[ev["doc"]].relations.append(
                Relation(
                    rel_type,
                    source,
                    target,
                    Evidence(ev["sentence"], ev["start"], ev["end"]),
                    mechanism,
                    bool(ev.get("inferred")),
                    ev.get("status") or "current",
                    float(ev.get("confidence", 0.9)),
                )
            )
    per_doc_groups: dict[str, list[Group]] = defaultdict(list)
    for helper, groups in store.query(_GROUPS, timeout_ms=None).rows:
        for g in json.loads(groups):
            evidence = Evidence(g["sentence"], g["start"], g["end"])
            per_doc_groups[g["doc"]].append(Group(helper, g["helped"], evidence, g.get("mechanism")))
    for doc_id, groups in per_doc_groups.items():
        docs[doc_id].groups = groups
    return [docs[d] for d in sorted(docs)]
