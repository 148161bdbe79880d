"""A build's facts merged by key with memory in proportion to the entities, not to the documents.

Why beside ``KnowledgeGraph``: the graph keeps every document's Extraction and every evidence sentence
in Python so that a document can later be removed exactly — 2 GB at 10,000 documents, and it grows with
N. A full build never removes anything, so it needs only what the store will hold. ``FlatMerge`` keeps
in memory one small aggregate per entity (its label and first document, its aliases, how many documents
mention it, the PART_OF chains) and spills everything that grows with the documents to Parquet files
as it goes: Document rows, MENTIONED_IN rows, and the evidence records of the relations, hashed into
buckets by edge. ``finish`` then merges each bucket on its own (one bucket in memory at a time), so the
peak is set by the entities and the largest bucket, not by N. The store loads the files it leaves
with ``COPY FROM`` (graph/store/embedded.py, ``write_flat``).

Why ``prepare`` apart from ``add_prepared``: in a build the documents are extracted in worker processes
and merged in this one, which then bounds the build on many cores. ``prepare`` makes a document's rows
(its Document row, its MENTIONED_IN rows, its evidence records as JSON, each with its bucket) from its
facts alone, so the workers make them (bangfu.pipeline.pool.iter_prepared); ``add_prepared`` appends
them and updates the aggregates. ``add_extraction`` is the two in one process (facts files, the library).

The result is the one ``KnowledgeGraph`` would give for the same documents in the same order (tested
in tests/test_flat_build.py): the same nodes with the same properties (graph/model.py's
``node_attributes``), the same evidence on each edge summarised by graph/evidence.py, the same PART_OF
chains (graph/chains.py's ``chain_links``, taken when a region is first mentioned, as the graph does).
Documents are expected once each, as the process pool yields them (one id per content, one per path);
a repeated id is ignored. Group statements ("7个贫困县") are rare and stay in memory with their helper.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from bangfu.knowledge.gazetteer import GazetteerLike, get_gazetteer
from bangfu.knowledge.ontology import (
    EDGE_PROPERTIES,
    NODE_PROPERTIES,
    document_id,
    edge_key,
    label_of_id,
    region_id,
)
from graph.chains import Link, chain_links, region_code
from graph.evidence import aggregate_evidence, evidence_record, group_record
from graph.hierarchy import Hierarchy
from graph.memory import release_unused
from graph.model import (
    DEFAULT_GAZETTEER,
    check_facts,
    document_attributes,
    document_entities,
    document_meta,
    node_attributes,
)
from graph.tables import RelGroup, scalar
from loaders.extract.facts import Compact, Entity, Extraction

FLUSH_ROWS = 20_000  # rows buffered (per spill file; over all evidence buckets together) before writing
# where Entity.field_values() puts what the merge reads of a prepared entity
_ID, _TYPE, _ALIASES, _PARENT = (
    [f.name for f in dataclasses.fields(Entity)].index(name) for name in ("id", "type", "aliases", "parent")
)
DOCS_PER_BUCKET = 2_000  # evidence buckets: about this many documents' relations merged at once
_PA_TYPES = {
    "string": pa.string(),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "string[]": pa.list_(pa.string()),
    "json": pa.string(),
}
NODE_SCHEMA = pa.schema([(p, _PA_TYPES[k]) for p, k in NODE_PROPERTIES.items()])
EDGE_SCHEMA = pa.schema(
    [("from", pa.string()), ("to", pa.string()), *((p, _PA_TYPES[k]) for p, k in EDGE_PROPERTIES.items())]
)
MENTION_SCHEMA = pa.schema([("from", pa.string()), ("to", pa.string()), ("aliases", pa.list_(pa.string()))])
EVIDENCE_SCHEMA = pa.schema(
    [("source", pa.string()), ("target", pa.string()), ("key", pa.string()), ("record", pa.string())]
)


def arrow_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows (dicts holding every column of ``schema``) as an Arrow table in the schema's column order
    (``COPY`` matches columns by position)."""
    return pa.table({name: [row[name] for row in rows] for name in schema.names}, schema=schema)


class _Spill:
    """Rows appended to one Parquet file, written a row group at a time (never all in memory)."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path, self.schema = path, schema
        self.columns: list[list[Any]] = [[] for _ in schema.names]  # buffered rows, column by column
        self.buffered = 0
        self.count = 0
        self._writer: pq.ParquetWriter | None = None

    def add(self, row: dict[str, Any], *, flush: bool = True) -> None:
        """Buffer a row; written once ``FLUSH_ROWS`` are buffered unless ``flush`` is False (the
        caller then flushes, as the evidence buckets do under one budget)."""
        self.add_values(tuple(row[name] for name in self.schema.names), flush=flush)

    def add_values(self, values: tuple[Any, ...], *, flush: bool = True) -> None:
        """``add`` for a row given as its values in the schema's column order."""
        for column, value in zip(self.columns, values, strict=True):
            column.append(value)
        self.buffered += 1
        if flush and self.buffered >= FLUSH_ROWS:
            self.flush()

    def extend(self, columns: tuple[Sequence[Any], ...], *, flush: bool = True) -> None:
        """``add_values`` for many rows given column by column (each sequence as long as the others)."""
        for column, values in zip(self.columns, columns, strict=True):
            column.extend(values)
        self.buffered += len(columns[0])
        if flush and self.buffered >= FLUSH_ROWS:
            self.flush()

    def flush(self) -> None:
        if self.buffered:
            columns, self.columns = self.columns, [[] for _ in self.schema.names]
            self.buffered = 0
            self.add_table(pa.table(dict(zip(self.schema.names, columns, strict=True)), schema=self.schema))

    def add_table(self, table: pa.Table) -> None:
        """Rows already columnar, written after the buffered ones."""
        self.flush()
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema)
        self._writer.write_table(table)
        self.count += table.num_rows

    def close(self) -> Path | None:
        """Flush and close; the file, or None when nothing was written."""
        self.flush()
        if self._writer is None:
            return None
        self._writer.close()
        self._writer = None
        return self.path


@dataclass
class _Node:
    """What the store will say of an entity, kept while documents stream past."""

    label: str
    first_doc: str  # the smallest document id that mentions it: its name and label come from there
    first: Entity
    aliases: set[str] = field(default_factory=set)
    n_documents: int = 0


@dataclass
class FlatTables:
    """The Parquet files of a finished merge, by node label and by (type, source label, target label)."""

    nodes: dict[str, list[Path]]
    edges: dict[RelGroup, list[Path]]

    @property
    def groups(self) -> list[RelGroup]:
        return sorted(self.edges)


@dataclass(frozen=True)
class Prepared(Compact):
    """One document's facts in the form ``FlatMerge.add_prepared`` takes, made by ``prepare``.

    Why: in a build the documents are extracted in worker processes and merged in one, and that one
    process bounds a build on many cores (bangfu/bench/scaling.py). What grows with the documents and
    needs nothing of the merge's state — the Document row, the MENTIONED_IN rows, each evidence record
    as JSON with the bucket its edge hashes to — is made where the document was extracted, as plain
    values that cross the process boundary in pickle's C code; the merging process only appends them
    and updates one aggregate per entity.
    """

    doc_id: str
    n_buckets: int
    document: tuple[Any, ...]  # the Document node's row, its values in NODE_SCHEMA's order
    entities: tuple[tuple[Any, ...], ...]  # each entity's field values (``Entity(*values)``)
    groups: tuple[tuple[str, dict], ...]  # (helper, group record)
    mention_ids: tuple[str, ...]  # every entity the document mentions, by id
    mention_aliases: tuple[list[str], ...]  # the aliases it used for each, in the same order
    evidence: tuple[tuple[int, str, str, str, str], ...]  # (bucket, source, target, key, record JSON)


def evidence_bucket(source: str, target: str, key: str, n_buckets: int) -> int:
    """The bucket an edge's evidence goes to: the same in every process (``hash`` of a str is salted
    per interpreter, so workers started by spawn would scatter one edge over several buckets)."""
    return zlib.crc32(f"{source}\x1f{target}\x1f{key}".encode()) % n_buckets


def preparer(n_buckets: int) -> functools.partial[Prepared]:
    """``prepare`` for a merge with ``n_buckets`` buckets, as a picklable callable of (facts,
    document fields): what ``bangfu.pipeline.pool.iter_prepared`` runs in its workers."""
    return functools.partial(_prepare_for, n_buckets)


def _prepare_for(n_buckets: int, ext: Extraction, doc_meta: dict | None) -> Prepared:
    return prepare(ext, doc_meta, n_buckets)


def prepare(ext: Extraction, doc_meta: dict | None, n_buckets: int) -> Prepared:
    """A document's facts ready for a merge with ``n_buckets`` evidence buckets; ValueError for facts
    outside the ontology or a document without an id."""
    meta = document_meta(ext, doc_meta)
    check_facts(ext)
    doc_id = meta["id"]
    entities = document_entities(ext)
    groups = tuple((group.helper, group_record(group, meta)) for group in ext.groups)
    mention_ids = tuple(sorted(entities))
    evidence: list[tuple[int, str, str, str, str]] = []
    seen: set[tuple[str, str, str, int, int]] = set()
    for rel in ext.relations:
        key = edge_key(rel.type, rel.mechanism)
        record = evidence_record(rel, meta)
        once = (rel.source, rel.target, key, record["start"], record["end"])
        if once in seen:  # the same statement twice in one document counts once
            continue
        seen.add(once)
        bucket = evidence_bucket(rel.source, rel.target, key, n_buckets)
        evidence.append((bucket, rel.source, rel.target, key, json.dumps(record, ensure_ascii=False)))
    return Prepared(
        doc_id=doc_id,
        n_buckets=n_buckets,
        document=tuple(_node_row(document_id(doc_id), document_attributes(meta)).values()),
        entities=tuple(ent.field_values() for ent in entities.values()),
        groups=groups,
        mention_ids=mention_ids,
        mention_aliases=tuple(sorted(set(entities[nid].aliases)) for nid in mention_ids),
        evidence=tuple(evidence),
    )


class FlatMerge:
    """Documents' facts merged by key into spill files under ``folder`` (which must exist and be
    empty; the caller removes it). ``add_extraction`` each document in file order, ``hold_region`` /
    ``annotate`` as on a KnowledgeGraph, then ``finish`` once."""

    def __init__(
        self,
        folder: str | Path,
        gazetteer: GazetteerLike | None | object = DEFAULT_GAZETTEER,
        *,
        all_regions: bool = False,
        expected_documents: int = 0,
    ) -> None:
        gaz = get_gazetteer() if gazetteer is DEFAULT_GAZETTEER else gazetteer
        self.folder = Path(folder)
        self.all_regions = all_regions
        self._hierarchy = Hierarchy(gaz)  # type: ignore[arg-type]
        self._docs: set[str] = set()
        self._nodes: dict[str, _Node] = {}
        self._parents: dict[str, str] = {}  # the first parent a document gave a node (file order)
        self._live: set[str] = set()  # regions whose chain was taken
        self._links: set[Link] = set()
        self._held: set[str] = set()  # nodes only a chain or a hold keeps (no document mentions them)
        self._groups: dict[str, list[dict]] = defaultdict(list)
        self._annotations: dict[str, dict[str, Any]] = {}
        self._mentions = 0
        self._documents = _Spill(self.folder / "documents.parquet", NODE_SCHEMA)
        self._mention_spill = _Spill(self.folder / "mentions.parquet", MENTION_SCHEMA)
        self._n_buckets = max(1, min(256, expected_documents // DOCS_PER_BUCKET + 1))
        self._buckets = [
            _Spill(self.folder / f"evidence-{i:03d}.parquet", EVIDENCE_SCHEMA) for i in range(self._n_buckets)
        ]
        self._buffered = 0  # evidence rows buffered over all buckets
        self._relations: Counter[str] | None = None  # counted by ``finish``
        if all_regions:
            for code in self._hierarchy.codes():
                self._held.add(region_id(code))
                parent = self._hierarchy.parent_code(code)
                if parent and parent in self._hierarchy:
                    self._add_links([(region_id(code), region_id(parent))])

    # ------------------------------------------------------------------ what it holds
    @property
    def document_count(self) -> int:
        return len(self._docs)

    def has_node(self, nid: str) -> bool:
        return nid in self._nodes or nid in self._held

    def label(self, nid: str) -> str:
        node = self._nodes.get(nid)
        if node is not None:
            return node.label
        return _implied_label(nid)

    def summary(self) -> dict[str, Any]:
        """Counts as ``KnowledgeGraph.summary`` gives them; relations other than MENTIONED_IN and
        PART_OF are known only once ``finish`` merged them."""
        entities = Counter(
            self.label(n) for n in (*self._nodes, *(h for h in self._held if h not in self._nodes))
        )
        relations: Counter[str] = Counter(self._relations or {})
        if self._mentions:
            relations["MENTIONED_IN"] = self._mentions
        if self._links:
            relations["PART_OF"] = len(self._links)
        return {
            "documents": len(self._docs),
            "entities": dict(sorted(entities.items())),
            "relations": dict(sorted(relations.items())),
            "groups": sum(len(g) for g in self._groups.values()),
        }

    # ------------------------------------------------------------------ changes
    def add_extraction(self, ext: Extraction, doc_meta: dict | None = None) -> bool:
        """Merge one document's facts (ValueError, before anything is kept, for facts outside the
        ontology); False for a document id already merged."""
        return self.add_prepared(prepare(ext, doc_meta, self.n_buckets))

    @property
    def n_buckets(self) -> int:
        """How many evidence buckets this merge has: what ``prepare`` needs to know of it."""
        return self._n_buckets

    def add_prepared(self, doc: Prepared) -> bool:
        """Merge one document's facts as ``prepare`` gave them (with this merge's ``n_buckets``);
        False for a document id already merged."""
        if doc.n_buckets != self._n_buckets:
            raise ValueError(
                f"prepared for {doc.n_buckets} evidence buckets, this merge has {self._n_buckets}"
            )
        doc_id = doc.doc_id
        if doc_id in self._docs:
            return False
        self._docs.add(doc_id)
        self._documents.add_values(doc.document)
        nodes, parents = self._nodes, self._parents
        for values in doc.entities:
            nid, label, parent = values[_ID], values[_TYPE], values[_PARENT]
            node = nodes.get(nid)
            if node is None:
                node = nodes[nid] = _Node(label, doc_id, Entity(*values))
            elif doc_id < node.first_doc:
                node.label, node.first_doc, node.first = label, doc_id, Entity(*values)
            node.aliases.update(values[_ALIASES])
            node.n_documents += 1
            if parent and nid not in parents:
                parents[nid] = parent
        for helper, record in doc.groups:
            self._groups[helper].append(record)
        live = self._live
        for nid in doc.mention_ids:  # sorted by id: the chains are taken in that order
            if nid not in live and nodes[nid].label == "Region":
                live.add(nid)
                self._add_links(chain_links(nid, self._hierarchy, parents.get))
        n = len(doc.mention_ids)
        self._mention_spill.extend((doc.mention_ids, [document_id(doc_id)] * n, doc.mention_aliases))
        self._mentions += n
        buckets = self._buckets
        for bucket, *row in doc.evidence:
            buckets[bucket].add_values(tuple(row), flush=False)
        self._buffered += len(doc.evidence)
        if self._buffered >= FLUSH_ROWS:  # one budget for every bucket, not FLUSH_ROWS each
            for each in buckets:
                each.flush()
            self._buffered = 0
        return True

    def hold_region(self, node_id: str) -> bool:
        """A gazetteer region and its PART_OF chain kept whatever the documents say (a county of a
        designation list); False when the gazetteer has no such region."""
        code = region_code(node_id)
        if not code or code not in self._hierarchy:
            return False
        if node_id not in self._nodes:
            self._held.add(node_id)
        self._add_links(chain_links(node_id, self._hierarchy, self._parents.get))
        return True

    def annotate(self, node_id: str, **attrs: Any) -> None:
        """Properties from outside the documents (``designations``); the node must exist."""
        if not self.has_node(node_id):
            raise KeyError(node_id)
        self._annotations.setdefault(node_id, {}).update(attrs)

    def _add_links(self, links: list[Link]) -> None:
        for child, parent in links:
            self._links.add((child, parent))
            for nid in (child, parent):
                if nid not in self._nodes:
                    self._held.add(nid)

    # ------------------------------------------------------------------ the tables
    def finish(self) -> FlatTables:
        """Close the spills and write the store's tables as Parquet files under ``folder``: node rows
        per label, edge rows per (type, source label, target label). Call once, after the last ``add_extraction``."""
        nodes: dict[str, list[Path]] = defaultdict(list)
        documents = self._documents.close()
        if documents is not None:
            nodes["Document"].append(documents)
        by_label: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for nid in sorted(set(self._nodes) | self._held):
            by_label[self.label(nid)].append(_node_row(nid, self._attributes(nid)))
        for label, rows in sorted(by_label.items()):
            path = self.folder / f"nodes-{label}.parquet"
            pq.write_table(arrow_table(rows, NODE_SCHEMA), path)
            nodes[label].append(path)
        edges = _EdgeFiles(self.folder)
        self._finish_mentions(edges)
        self._relations = Counter()
        for bucket in self._buckets:
            path = bucket.close()
            if path is not None:
                for group, row in _merge_bucket(path, self.label):
                    edges.add(group, row)
                    self._relations[group[0]] += 1
                path.unlink()
        for child, parent in sorted(self._links):
            edges.add(
                ("PART_OF", self.label(child), self.label(parent)), _edge_row(child, parent, "PART_OF|", {})
            )
        tables = FlatTables(dict(nodes), edges.close())
        release_unused()  # the buckets' records are freed: the store's bulk load comes next
        return tables

    def _attributes(self, nid: str) -> dict[str, Any]:
        node = self._nodes.get(nid)
        return node_attributes(
            nid,
            self.label(nid),
            node.first if node else None,
            self._hierarchy,
            aliases=node.aliases if node else (),
            n_documents=node.n_documents if node else 0,
            groups=self._groups.get(nid),
            annotations=self._annotations.get(nid),
        )

    def _finish_mentions(self, edges: _EdgeFiles) -> None:
        """MENTIONED_IN rows split by the label of the entity (known only now), a row group at a time."""
        path = self._mention_spill.close()
        if path is None:
            return
        labels = sorted({n.label for n in self._nodes.values()})
        ids = {label: pa.array([n for n, v in self._nodes.items() if v.label == label]) for label in labels}
        for batch in pq.ParquetFile(path).iter_batches():
            table = pa.Table.from_batches([batch])
            for label in labels:
                part = table.filter(pc.is_in(table["from"], value_set=ids[label]))
                if part.num_rows:
                    edges.add_table(("MENTIONED_IN", label, "Document"), _mention_edges(part))
        path.unlink()


def _implied_label(nid: str) -> str:
    """The label of a node no document mentions (an ancestor, a held region), as the graph gives it."""
    return label_of_id(nid) or "Region"


def _node_row(nid: str, attrs: dict[str, Any]) -> dict[str, Any]:
    row = {prop: scalar(attrs.get(prop), kind) for prop, kind in NODE_PROPERTIES.items()}
    row["id"] = nid
    return row


def _edge_row(source: str, target: str, key: str, attrs: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {"from": source, "to": target}
    row.update({prop: scalar(attrs.get(prop), kind) for prop, kind in EDGE_PROPERTIES.items()})
    row["key"] = key
    return row


def _mention_edges(part: pa.Table) -> pa.Table:
    """MENTIONED_IN rows (from, to, aliases) as full edge rows: key set, every other property null."""
    n = part.num_rows
    columns = []
    for name in EDGE_SCHEMA.names:
        if name in ("from", "to", "aliases"):
            columns.append(part[name])
        elif name == "key":
            columns.append(pa.array(["MENTIONED_IN|"] * n, pa.string()))
        else:
            columns.append(pa.nulls(n, EDGE_SCHEMA.field(name).type))
    return pa.Table.from_arrays(columns, schema=EDGE_SCHEMA)


def _merge_bucket(path: Path, label_of: Any) -> Iterator[tuple[RelGroup, dict[str, Any]]]:
    """The edges of one evidence bucket, each with its evidence summarised (graph/evidence.py)."""
    table = pq.read_table(path)
    per_edge: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, key, record in zip(
        table["source"].to_pylist(),
        table["target"].to_pylist(),
        table["key"].to_pylist(),
        table["record"].to_pylist(),
        strict=True,
    ):
        per_edge[(source, target, key)].append(json.loads(record))
    del table
    for (source, target, key), evidence in sorted(per_edge.items()):
        rel_type, mechanism = key.split("|", 1)
        attrs = {"mechanism": mechanism or None, **aggregate_evidence(evidence)}
        yield (rel_type, label_of(source), label_of(target)), _edge_row(source, target, key, attrs)


class _EdgeFiles:
    """One Parquet file per relationship group, written a row group at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._spills: dict[RelGroup, _Spill] = {}

    def _spill(self, group: RelGroup) -> _Spill:
        if group not in self._spills:
            name = "-".join(group)
            self._spills[group] = _Spill(self.folder / f"edges-{name}.parquet", EDGE_SCHEMA)
        return self._spills[group]

    def add(self, group: RelGroup, row: dict[str, Any]) -> None:
        self._spill(group).add(row)

    def add_table(self, group: RelGroup, table: pa.Table) -> None:
        self._spill(group).add_table(table)

    def close(self) -> dict[RelGroup, list[Path]]:
        out = {}
        for group, spill in sorted(self._spills.items()):
            path = spill.close()
            if path is not None:
                out[group] = [path]
        return out
