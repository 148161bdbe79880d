"""Read the documents' facts back from an embedded store, so the app, the planner and the library
need no re-extraction.

Why replay instead of copying rows into networkx: the store holds each document's facts exactly
(evidence entries name their document; MENTIONED_IN edges carry the aliases each document used; group
statements carry theirs), so turning them back into one Extraction per document and merging those
gives the graph that was built (``load_graph``), or, streamed into the build's merge, the store a
build of the same documents writes (bangfu/pipeline/library.py). The store file is then the single
artefact of a build: there is no second file that a crash could leave out of step with it.

Why ``read_extractions`` pages: a store of 10,000 documents holds ~550,000 MENTIONED_IN rows and
~70,000 evidence records; read at once they took 1.9 GB on the way to a KnowledgeGraph. It reads a page
of ``DOCS_PER_PAGE`` documents at a time by the Documents' offsets (graph/store/pages.py). Evidence sits
on the edges, not the documents, so it is first regrouped: the fact edges are read in pages, each
record goes to a Parquet folder per document page, and a document page then reads only its own folder.
``load_view`` is the app's and planner's lighter read (no documents at all).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from bangfu.knowledge.gazetteer import GazetteerLike
from graph.model import DEFAULT_GAZETTEER, KnowledgeGraph
from graph.store.embedded import EmbeddedStore, open_store
from graph.store.pages import edge_pages, node_pages, rel_groups
from loaders.extract.facts import Entity, Evidence, Extraction, Group, Relation

DOCS_PER_PAGE = 1_000  # documents whose facts are put together at once
FLUSH_ROWS = 50_000  # evidence records buffered before they go to their pages' files
# edges a page when reading their evidence: a busy pairing's evidence runs to many kilobytes of JSON
FACT_PAGE_ROWS = 5_000

_PAGE = "MATCH (d:Document) WHERE offset(id(d)) >= $lo AND offset(id(d)) < $hi "
_DOC_PAGE = _PAGE + "RETURN d.id, d.path, d.title, d.date, d.doc_number ORDER BY offset(id(d))"
_MENTION_PAGE = (
    _PAGE + "MATCH (e)-[m:MENTIONED_IN]->(d) "
    "RETURN d.id, e.id, label(e), e.name, e.code, e.level, e.parent, m.aliases"
)
_FACT_COLUMNS = "a.id AS source, b.id AS target, r.mechanism AS mechanism, r.evidence AS evidence"
_STRUCTURAL = ("MENTIONED_IN", "PART_OF")  # edges the graph makes itself, not facts of a document
_EVIDENCE_SCHEMA = pa.schema(
    [
        ("page", pa.int64()),
        ("doc", pa.string()),
        ("type", pa.string()),
        ("source", pa.string()),
        ("target", pa.string()),
        ("mechanism", pa.string()),
        ("sentence", pa.string()),
        ("start", pa.int64()),
        ("end", pa.int64()),
        ("inferred", pa.bool_()),
        ("status", pa.string()),
        ("confidence", pa.float64()),
    ]
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
    with open_store(path) as store, spill_folder() as spill:
        designations = {nid: list(d) for nid, d in store.query(_DESIGNATIONS, timeout_ms=None).rows}
        if all_regions is None:
            all_regions = built_with_all_regions(store)
        kg = KnowledgeGraph(gazetteer, all_regions=all_regions)
        for ext in _extractions(store, spill, None):
            kg.add_extraction(ext)
    for nid, values in designations.items():
        # a designated county stays in the graph whatever the documents say, mentioned now or not
        if kg.hold_region(nid) or kg.graph.has_node(nid):
            kg.annotate(nid, designations=values)
    return kg


def built_with_all_regions(store: EmbeddedStore) -> bool:
    """Whether the build that wrote ``store`` added every gazetteer region (``--all-regions``)."""
    return store.query(_UNNEEDED_REGIONS, timeout_ms=None).rows[0][0] > 0


def store_index(path: str | os.PathLike | None = None) -> dict[str, dict[str, str | None]]:
    """Doc id → its path and title, for every stored document (what naming documents needs, without
    their facts)."""
    index: dict[str, dict[str, str | None]] = {}
    with open_store(path) as store:
        for page in node_pages(store, "Document", "n.id AS id, n.path AS path, n.title AS title"):
            for doc_node, doc_path, title in zip(
                *(page[c].to_pylist() for c in ("id", "path", "title")), strict=True
            ):
                index[doc_node.removeprefix("doc:")] = {"path": doc_path, "title": title}
    return index


def store_summary(path: str | os.PathLike | None = None) -> dict[str, Any]:
    """The counts ``KnowledgeGraph.summary`` (and ``FlatMerge.summary``) give for the graph the store
    holds: documents, entities by label, relations by type, group statements."""
    with open_store(path) as store:
        nodes = dict(store.query("MATCH (n) RETURN label(n), count(n)", timeout_ms=None).rows)
        relations = dict(store.query("MATCH ()-[r]->() RETURN label(r), count(r)", timeout_ms=None).rows)
        groups = sum(len(json.loads(g)) for _nid, g in store.query(_GROUPS, timeout_ms=None).rows)
    documents = nodes.pop("Document", 0)
    return {
        "documents": documents,
        "entities": {k: v for k, v in sorted(nodes.items()) if v},
        "relations": {k: v for k, v in sorted(relations.items()) if v},
        "groups": groups,
    }


def read_extractions(
    path: str | os.PathLike | None = None,
    *,
    documents: Collection[str] | None = None,
    folder: str | os.PathLike | None = None,
) -> Iterator[Extraction]:
    """Each stored document's facts as the store holds them, one Extraction per document in the
    store's order, without merging them into a graph.

    The store is read a page of ``DOCS_PER_PAGE`` documents at a time, so memory holds one page's
    facts, not the store's. ``documents``: only these ids. ``folder`` (created, and removed when the
    iteration ends): where the evidence regrouped by document is spilled; a temporary folder by
    default. The store stays open until the iteration ends.
    """
    wanted = None if documents is None else set(documents)
    with open_store(path) as store, spill_folder(folder) as spill:
        yield from _extractions(store, spill, wanted)


@contextlib.contextmanager
def spill_folder(folder: str | os.PathLike | None = None) -> Iterator[Path]:
    """An empty folder for a read's spill files: ``folder`` (emptied first) or a temporary one; removed
    afterwards."""
    if folder is None:
        with tempfile.TemporaryDirectory(prefix="bangfu-read-") as tmp:
            yield Path(tmp)
        return
    target = Path(folder)
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    try:
        yield target
    finally:
        shutil.rmtree(target, ignore_errors=True)


def _extractions(store: EmbeddedStore, spill: Path, wanted: set[str] | None) -> Iterator[Extraction]:
    """The documents' facts page by page: MENTIONED_IN rows by the documents' offsets; relations from
    the evidence on the edges, regrouped by document page in Parquet files first (an edge's evidence
    names documents of any page); group statements (rare) from memory."""
    pages: dict[str, int] = {}  # doc id → its page
    for page in node_pages(store, "Document", "n.id AS id, offset(id(n)) AS o"):
        for doc_node, offset in zip(page["id"].to_pylist(), page["o"].to_pylist(), strict=True):
            doc_id = doc_node.removeprefix("doc:")
            if wanted is None or doc_id in wanted:
                pages[doc_id] = offset // DOCS_PER_PAGE
    if not pages:
        return
    evidence = spill / "evidence"
    _spill_evidence(store, pages, evidence)
    groups = _groups(store, pages)
    for page in sorted(set(pages.values())):
        bounds = {"lo": page * DOCS_PER_PAGE, "hi": (page + 1) * DOCS_PER_PAGE}
        docs: dict[str, Extraction] = {}
        for doc_node, doc_path, title, date, doc_number in store.query(
            _DOC_PAGE, bounds, timeout_ms=None
        ).rows:
            doc_id = doc_node.removeprefix("doc:")
            if doc_id in pages:
                meta = {
                    "id": doc_id,
                    "path": doc_path,
                    "title": title,
                    "date": date,
                    "doc_number": doc_number,
                }
                docs[doc_id] = Extraction(doc=meta, groups=groups.get(doc_id, []))
        mentions = store.arrow(_MENTION_PAGE, bounds)
        for doc_node, nid, label, name, code, level, parent, aliases in zip(
            *(mentions[c].to_pylist() for c in mentions.column_names), strict=True
        ):
            ext = docs.get(doc_node.removeprefix("doc:"))
            if ext is not None:
                ext.entities.append(Entity(nid, label, name, code, list(aliases or []), level, parent))
        del mentions
        if (evidence / str(page)).exists():
            table = pq.read_table(evidence / str(page), schema=_EVIDENCE_SCHEMA.remove(0))
            for row in table.to_pylist():
                docs[row["doc"]].relations.append(
                    Relation(
                        row["type"],
                        row["source"],
                        row["target"],
                        Evidence(row["sentence"], row["start"], row["end"]),
                        row["mechanism"],
                        row["inferred"],
                        row["status"],
                        row["confidence"],
                    )
                )
            del table
        yield from docs.values()


def _spill_evidence(store: EmbeddedStore, pages: dict[str, int], folder: Path) -> None:
    """Every evidence record of the wanted documents, one row each, into one folder per document page
    (``folder/PAGE/*.parquet``), written ``FLUSH_ROWS`` at a time."""
    columns: dict[str, list[Any]] = {name: [] for name in _EVIDENCE_SCHEMA.names}
    written = 0

    def flush() -> None:
        nonlocal written
        if columns["page"]:
            ds.write_dataset(
                pa.table(columns, schema=_EVIDENCE_SCHEMA),
                folder,
                format="parquet",
                partitioning=["page"],
                basename_template=f"part-{written}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
                max_partitions=max(1024, len(set(pages.values())) + 1),
            )
            written += 1
            for values in columns.values():
                values.clear()

    for group in rel_groups(store):
        rel_type = group[0]
        if rel_type in _STRUCTURAL:
            continue
        for page in edge_pages(store, group, _FACT_COLUMNS, page_rows=FACT_PAGE_ROWS):
            for source, target, mechanism, records in zip(
                *(page[c].to_pylist() for c in ("source", "target", "mechanism", "evidence")), strict=True
            ):
                for ev in json.loads(records or "[]"):
                    doc_page = pages.get(ev["doc"])
                    if doc_page is None:
                        continue
                    row = (
                        doc_page,
                        ev["doc"],
                        rel_type,
                        source,
                        target,
                        mechanism,
                        ev["sentence"],
                        ev["start"],
                        ev["end"],
                        bool(ev.get("inferred")),
                        ev.get("status") or "current",
                        float(ev.get("confidence", 0.9)),
                    )
                    for values, value in zip(columns.values(), row, strict=True):
                        values.append(value)
            if len(columns["page"]) >= FLUSH_ROWS:
                flush()
    flush()


def _groups(store: EmbeddedStore, pages: dict[str, int]) -> dict[str, list[Group]]:
    per_doc: dict[str, list[Group]] = defaultdict(list)
    for helper, groups in store.query(_GROUPS, timeout_ms=None).rows:
        for g in json.loads(groups):
            if g["doc"] in pages:
                evidence = Evidence(g["sentence"], g["start"], g["end"])
                per_doc[g["doc"]].append(Group(helper, g["helped"], evidence, g.get("mechanism")))
    return per_doc
