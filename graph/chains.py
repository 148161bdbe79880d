"""The structural PART_OF edges of a KnowledgeGraph, reference-counted.

Why a module of its own: documents state facts, but the chain county → prefecture → province comes
from the gazetteer, and it must appear and disappear with the documents exactly. A region some document
mentions holds the chain up to its province; the last mention releases it; an ancestor that only
chains need (``n_documents == 0``) stays a node as long as one chain holds it. That counting is
separate from merging the documents' own facts (graph/model.py), which only tells this module when a
region becomes mentioned or stops being mentioned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import networkx as nx

from bangfu.knowledge.ontology import edge_key, region_id
from graph.hierarchy import Hierarchy

Link = tuple[str, str]  # (child, parent): one PART_OF edge
PART_OF = edge_key("PART_OF", None)


def region_code(nid: str) -> str | None:
    """The 6-digit code of ``region:<code>``; None for villages (``region:<code>:<name>``)."""
    parts = nid.split(":")
    return parts[1] if len(parts) == 2 and parts[0] == "region" else None


def chain_links(nid: str, hierarchy: Hierarchy, extracted_parent: Callable[[str], str | None]) -> list[Link]:
    """PART_OF links from a region up to its province: the gazetteer's chain for a coded region; else
    the parent the documents give it (``extracted_parent``), or for ``region:<county code>:<name>``
    its county, and on up from there."""
    code = region_code(nid)
    if code and code in hierarchy:
        ids = [region_id(c) for c in (code, *hierarchy.ancestors(code))]
        return list(zip(ids, ids[1:], strict=False))
    parent = extracted_parent(nid)
    if parent is None and nid.count(":") >= 2:  # region:<county code>:<village name>
        parent = region_id(nid.split(":")[1])
    if not parent or parent == nid:
        return []
    return [(nid, parent), *chain_links(parent, hierarchy, extracted_parent)]


class PartOfChains:
    """Which PART_OF links and ancestor nodes are needed, and by how many live regions.

    ``refresh_node(nid)`` is the graph's own: it (re)builds a node from its documents, or drops it when
    nothing needs it — ``held(nid)`` tells it whether a chain still does. ``extracted_parent(nid)`` is the
    parent the documents give a region the gazetteer does not code (a village, an old name).
    """

    def __init__(
        self,
        graph: nx.MultiDiGraph,
        hierarchy: Hierarchy,
        refresh_node: Callable[[str], None],
        extracted_parent: Callable[[str], str | None],
    ) -> None:
        self._graph = graph
        self._hierarchy = hierarchy
        self._refresh_node = refresh_node
        self._extracted_parent = extracted_parent
        self._link_refs: Counter[Link] = Counter()
        self._node_refs: Counter[str] = Counter()
        self._live: dict[str, list[Link]] = {}  # live region → the chain it holds
        self._held: set[str] = set()  # regions held whatever the documents say (``hold``)

    def held(self, nid: str) -> bool:
        """True while some chain (or the all-regions option) needs ``nid`` as a node."""
        return self._node_refs[nid] > 0

    def chain(self, nid: str) -> list[Link]:
        """PART_OF links from a region up to its province: gazetteer first, the documents' parent next."""
        return chain_links(nid, self._hierarchy, self._extracted_parent)

    def set_live(self, nid: str, live: bool) -> None:
        """A region mentioned by some document holds its ancestor chain; the last mention releases it."""
        if live == (nid in self._live):
            return
        if live:
            chain = self._live[nid] = self.chain(nid)
            self._add(chain)
        else:
            self._drop(self._live.pop(nid))

    def hold_all(self) -> None:
        """Every gazetteer region as a node, each with its PART_OF link, held for the graph's lifetime."""
        for code in self._hierarchy.codes():
            nid = region_id(code)
            self._node_refs[nid] += 1
            self._refresh_node(nid)
        for code in self._hierarchy.codes():
            parent = self._hierarchy.parent_code(code)
            if parent and parent in self._hierarchy:
                self._add([(region_id(code), region_id(parent))])

    def hold(self, nid: str) -> None:
        """One gazetteer region as a node with its chain to its province, for the graph's lifetime (a
        county of a designation list, mentioned or not)."""
        if nid in self._held:
            return
        self._held.add(nid)
        self._node_refs[nid] += 1
        self._refresh_node(nid)
        self._add(self.chain(nid))

    def _add(self, chain: list[Link]) -> None:
        for child, parent in chain:
            self._link_refs[(child, parent)] += 1
            self._node_refs[parent] += 1
            if not self._graph.has_node(parent):
                self._refresh_node(parent)
            if not self._graph.has_node(child):
                self._refresh_node(child)
            if not self._graph.has_edge(child, parent, PART_OF):
                self._graph.add_edge(child, parent, key=PART_OF, type="PART_OF")

    def _drop(self, chain: list[Link]) -> None:
        for child, parent in chain:
            self._link_refs[(child, parent)] -= 1
            self._node_refs[parent] -= 1
            if self._link_refs[(child, parent)] <= 0:
                del self._link_refs[(child, parent)]
                if self._graph.has_edge(child, parent, PART_OF):
                    self._graph.remove_edge(child, parent, PART_OF)
        for _child, parent in chain:
            if self._node_refs[parent] <= 0:
                self._node_refs.pop(parent, None)
                if parent not in self._live and self._graph.has_node(parent):
                    self._graph.remove_node(parent)
