"""What every page reads: the store's graph, its search index and the gazetteer, loaded once per build.

Why cached on the store file's identity: a page load must never re-extract or even re-read the store
when nothing changed, yet a `bangfu build`, `bangfu add` or `bangfu remove` (or an upload on the
Documents page) that swaps in a new store file must show up on the next page load, with no restart.
``st.cache_resource`` keyed on (path, stamp) gives both: the graph is shared by every session until
the file changes, then read once again. The stamp folds the file's inode, size and mtime together:
every write swaps in a new file (a new inode), so a change shows even where two writes fall within the
file system's mtime resolution, or a copied-in store carries an old mtime.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import networkx as nx
import streamlit as st

from bangfu.knowledge.gazetteer import Gazetteer, get_gazetteer
from bangfu.planner.search import SearchIndex
from graph.model import KnowledgeGraph
from graph.store.embedded import default_store_path
from graph.store.readback import load_graph


@dataclass
class AppData:
    """The loaded store: the graph with its bookkeeping, a search index, when the store was built."""

    store: Path
    stamp: int  # the store file's identity (inode, size, mtime): the cache key of all derived from it
    built_at: datetime
    kg: KnowledgeGraph
    index: SearchIndex
    load_seconds: float

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.kg.graph


def store_path() -> Path:
    """``$BANGFU_STORE`` or data/store/bangfu.lbdb, read on every run so tests can point elsewhere."""
    return default_store_path()


def store_stamp(path: Path) -> int | None:
    """One int that changes whenever another file is swapped in at ``path``; None when there is none."""
    try:
        st_ = os.stat(path)
    except OSError:
        return None
    return hash((st_.st_ino, st_.st_dev, st_.st_size, st_.st_mtime_ns))


@st.cache_resource(show_spinner=False)
def gazetteer() -> Gazetteer | None:
    """The project gazetteer (region names, codes, hierarchy, coordinates), None when not installed."""
    try:
        return get_gazetteer()
    except Exception:  # a broken gazetteer must not take every page down; pages say what is missing
        return None


@st.cache_resource(show_spinner=False, max_entries=3)
def _load(path: str, stamp: int) -> AppData:
    started = time.perf_counter()
    gaz = gazetteer()
    built_at = datetime.fromtimestamp(os.stat(path).st_mtime)
    kg = load_graph(path, gazetteer=gaz)
    index = SearchIndex.from_graph(kg, gazetteer=gaz)
    return AppData(
        store=Path(path),
        stamp=stamp,
        built_at=built_at,
        kg=kg,
        index=index,
        load_seconds=time.perf_counter() - started,
    )


def load(path: Path | None = None) -> AppData:
    """The store's data; raises FileNotFoundError when there is no store, StoreError when unreadable."""
    path = path or store_path()
    stamp = store_stamp(path)
    if stamp is None:
        raise FileNotFoundError(str(path))
    return _load(str(path), stamp)


def forget() -> None:
    """Drop every cached graph (after the app itself rewrote the store)."""
    _load.clear()
