"""Find any entity by name, alias or code, written in simplified or traditional characters.

Why an index built once: the Search page answers on every keystroke, on graphs of 100k entities, in
under 20 ms. A scan that converts and compares every name per query is far slower, so the index holds
each name and alias already normalised (bangfu/knowledge/names.py: NFKC, lower case, no spaces, OpenCC
t2s plus the variants t2s leaves alone), and a query is normalised the same way, once. Then:

- exact matches come from a dict,
- prefix matches from a sorted key list and ``bisect`` (龙山 → 龙山县),
- substring matches from one ``str.find`` sweep over all keys joined by newlines (湘西 inside
  湘西土家族苗族自治州 … and 土家族 too), mapped back to their key by ``bisect`` on the key offsets.

Results rank exact < prefix < substring, then by a weight the caller gives (the app uses the node's
degree: the 长沙市 that helps most comes before a namesake mentioned once), then shorter names.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from bangfu.knowledge.names import normalize, normalize_many


@dataclass(frozen=True)
class Hit:
    """One entity found: ``matched`` is the name or alias (as written) the query met, ``kind`` how."""

    node_id: str
    name: str
    label: str
    matched: str
    kind: str  # exact | prefix | contains


@dataclass(frozen=True)
class Entry:
    """What the index knows of one entity."""

    node_id: str
    name: str
    label: str
    weight: float = 0.0


class SearchIndex:
    """Names, aliases, codes and ids of many entities, normalised once, searched fast."""

    def __init__(self, entries: Iterable[tuple[Entry, Iterable[str]]]) -> None:
        """``entries``: each entity with the surfaces it may be found by (name, aliases, code…)."""
        self._entries: list[Entry] = []
        raw: list[tuple[int, str]] = []
        for entry, surfaces in entries:
            idx = len(self._entries)
            self._entries.append(entry)
            raw.extend((idx, str(s)) for s in (entry.name, *surfaces) if s)
        postings: dict[str, list[tuple[int, str]]] = {}
        for (idx, surface), key in zip(raw, normalize_many(s for _, s in raw), strict=True):
            if not key:
                continue
            bucket = postings.setdefault(key, [])
            if not any(i == idx for i, _ in bucket):
                bucket.append((idx, surface))
        self._keys = sorted(postings)
        self._postings = [postings[k] for k in self._keys]
        self._exact = {k: i for i, k in enumerate(self._keys)}
        self._blob = "\n".join(self._keys)
        lengths = np.fromiter((len(k) for k in self._keys), dtype=np.int64, count=len(self._keys))
        self._starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1])) if len(lengths) else lengths
        self._lengths = lengths
        weights = [max(self._entries[i].weight for i, _ in p) for p in self._postings]
        self._weights = np.asarray(weights, dtype=np.float64)

    def __len__(self) -> int:
        return len(self._entries)

    @classmethod
    def from_graph(cls, graph: Any, *, include_documents: bool = False, gazetteer: Any = None) -> SearchIndex:
        """Every node of a networkx graph (or KnowledgeGraph) by name, aliases, code and id; weight =
        degree. Documents are left out unless asked: their titles are not entities. With a
        ``gazetteer`` (``by_code`` of records with ``aliases``), regions are also found by the short
        names the gazetteer knows (龙山 for 龙山县) even when no document wrote them so."""
        g = graph if isinstance(graph, nx.Graph) else graph.graph  # or a KnowledgeGraph
        by_code = getattr(gazetteer, "by_code", None) or {}
        entries = []
        for nid, attrs in g.nodes(data=True):
            label = str(attrs.get("label") or "")
            if label == "Document" and not include_documents:
                continue
            name = str(attrs.get("name") or nid)
            surfaces = [*(attrs.get("aliases") or []), attrs.get("code") or "", nid]
            region = by_code.get(attrs.get("code")) if label == "Region" and attrs.get("code") else None
            if region is not None:
                surfaces.extend(str(a) for a in getattr(region, "aliases", ()) or ())
            entries.append((Entry(nid, name, label, float(g.degree(nid))), surfaces))
        return cls(entries)

    def search(self, query: str, *, limit: int = 20, labels: Iterable[str] | None = None) -> list[Hit]:
        """The best ``limit`` entities for ``query`` (empty query → no hits); ``labels`` filters."""
        q = normalize(query)
        if not q or limit <= 0 or not self._keys:
            return []
        wanted = set(labels) if labels else None
        exact = self._exact.get(q)
        lo = bisect.bisect_left(self._keys, q)
        hi = bisect.bisect_left(self._keys, q + "\U0010ffff", lo)
        prefix = np.arange(lo, hi)
        if exact is not None:
            prefix = prefix[prefix != exact]
        positions = np.fromiter((m.start() for m in re.finditer(re.escape(q), self._blob)), dtype=np.int64)
        inner = np.searchsorted(self._starts, positions, side="right") - 1
        inner = np.unique(inner[(positions != self._starts[inner])])
        inner = inner[(inner < lo) | (inner >= hi)]
        taken: set[int] = set()
        out: list[Hit] = []
        for kind, keys in (
            ("exact", np.array([] if exact is None else [exact], dtype=np.int64)),
            ("prefix", prefix),
            ("contains", inner),
        ):
            if len(out) >= limit:
                break
            out.extend(self._best(keys, kind, limit - len(out), taken, wanted))
        return out

    def _best(
        self, keys: np.ndarray, kind: str, need: int, taken: set[int], wanted: set[str] | None
    ) -> list[Hit]:
        """The ``need`` best entities reached through ``keys``: by weight, then shorter key, then name.

        Keys are visited by their best entity's weight, so a range of thousands of keys (a query of
        one character) stops as soon as no remaining key can beat the hits already held.
        """
        if len(keys) == 0:
            return []
        order = keys[np.lexsort((self._lengths[keys], -self._weights[keys]))]
        held: list[tuple[tuple, Hit]] = []
        for key_index in order.tolist():
            if len(held) >= need and self._weights[key_index] < -held[need - 1][0][0]:
                break
            key_len = int(self._lengths[key_index])
            for entry_index, surface in self._postings[key_index]:
                entry = self._entries[entry_index]
                if entry_index in taken or (wanted is not None and entry.label not in wanted):
                    continue
                score = (-entry.weight, key_len, entry.name, entry.node_id)
                held.append((score, Hit(entry.node_id, entry.name, entry.label, surface, kind)))
                taken.add(entry_index)
            if len(held) >= need:
                held.sort(key=lambda item: item[0])
        held.sort(key=lambda item: item[0])
        return [hit for _, hit in held[:need]]
