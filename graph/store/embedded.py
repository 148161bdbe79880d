"""The embedded store: a ladybug (Kùzu fork) database file with Cypher, no server.

Why these choices (measured with ladybug 0.22.0; the Cypher dialect it speaks is in docs/cypher.md):
- One node table per label and one relationship table per type (with every FROM/TO pair it needs), so
  the labels and types analysts write are the same as in Neo4j. Every table carries every property of
  bangfu/knowledge/ontology.py because ladybug rejects unknown properties where Neo4j returns null.
- Bulk load with ``COPY FROM`` Parquet files: 100,000 nodes and 300,000 edges load in about 0.9 s by
  ``COPY FROM``, 15.6 s by batches of UNWIND+CREATE and 44 s by UNWIND+MERGE; and unlike ``COPY FROM``
  a DataFrame (which segfaults on a duplicate key) it has never crashed the process; rows are unique by
  construction anyway.
- Atomic builds: a new database file is written next to the target and renamed over it with
  ``os.replace``; a crash at any point before the rename leaves the previous store as it was.
- Reading: ``open_store`` opens read-only by default, so write clauses fail in the engine itself, and a
  read-only store runs only what graph/store/readonly.py accepts as a graph read (the engine's LOAD FROM,
  COPY, INSTALL … read and write files even on a read-only database); user queries get a timeout
  (variable-length paths use walk semantics: an unbounded ``-[*]-`` on a 10-node graph counted 4×10^8
  walks and took 15 GB) and a row limit.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from bangfu.knowledge.ontology import EDGE_PROPERTIES, NODE_LABELS, NODE_PROPERTIES
from graph.flat import EDGE_SCHEMA, NODE_SCHEMA, FlatMerge, FlatTables, arrow_table
from graph.model import KnowledgeGraph
from graph.store import readonly
from graph.store.result import QueryResult
from graph.tables import RelGroup, edge_rows, node_rows, rel_pairs

DEFAULT_STORE = Path("data/store/bangfu.lbdb")
STORE_ENV = "BANGFU_STORE"
DEFAULT_TIMEOUT_MS = 30_000

_LB_TYPES = {
    "string": "STRING",
    "int": "INT64",
    "float": "DOUBLE",
    "bool": "BOOLEAN",
    "string[]": "STRING[]",
    "json": "STRING",
}


class StoreError(Exception):
    """A store problem in one line a user can act on (missing file, locked, engine error)."""


def default_store_path() -> Path:
    """``$BANGFU_STORE`` or data/store/bangfu.lbdb (relative to the working directory)."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


# ---------------------------------------------------------------------------------------------- schema
def schema_statements(pairs: dict[str, list[tuple[str, str]]]) -> list[str]:
    """DDL for a fresh database: node tables per label, relationship tables per type."""
    node_cols = ", ".join(f"{p} {_LB_TYPES[k]}" for p, k in NODE_PROPERTIES.items())
    edge_cols = ", ".join(f"{p} {_LB_TYPES[k]}" for p, k in EDGE_PROPERTIES.items())
    out = [f"CREATE NODE TABLE {label}({node_cols}, PRIMARY KEY(id))" for label in NODE_LABELS]
    for rel_type, endpoints in pairs.items():
        ends = ", ".join(f"FROM {a} TO {b}" for a, b in endpoints)
        out.append(f"CREATE REL TABLE {rel_type}({ends}, {edge_cols})")
    return out


# ---------------------------------------------------------------------------------------------- writing
@dataclass
class BuildInfo:
    path: Path
    nodes: int
    edges: int
    seconds: float


def write_store(
    kg: KnowledgeGraph,
    path: str | os.PathLike,
    *,
    hook: Callable[[str], None] | None = None,
) -> BuildInfo:
    """Write the graph to a new database file and swap it in atomically.

    ``hook(stage)`` is called at "schema", "nodes", "edges" and "swap" (just before the rename); tests
    raise or stall there to prove that an interrupted build leaves the previous store intact.
    """
    target = Path(path)
    with scratch_folder(target, "rows") as scratch:
        nodes: dict[str, list[Path]] = {}
        for label, rows in node_rows(kg.graph).items():
            if rows:
                nodes[label] = [Path(scratch, f"n-{label}.parquet")]
                pq.write_table(arrow_table(rows, NODE_SCHEMA), nodes[label][0])
        edges: dict[RelGroup, list[Path]] = {}
        for group, rows in edge_rows(kg.graph).items():
            edges[group] = [Path(scratch, f"e-{'-'.join(group)}.parquet")]
            for row in rows:
                row["from"], row["to"] = row.pop("source"), row.pop("target")
            pq.write_table(arrow_table(rows, EDGE_SCHEMA), edges[group][0])
        return write_tables(FlatTables(nodes, edges), target, hook=hook)


@contextlib.contextmanager
def scratch_folder(store: Path, kind: str) -> Iterator[Path]:
    """An empty folder beside ``store`` for the files a write works through, removed afterwards. It
    is named like the store's temporary build (``.NAME.building-PID.kind``), so when the process is
    killed the next build of the store removes it."""
    store.parent.mkdir(parents=True, exist_ok=True)
    folder = store.with_name(f".{store.name}.building-{os.getpid()}.{kind}")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_flat(
    merge: FlatMerge, path: str | os.PathLike, *, hook: Callable[[str], None] | None = None
) -> BuildInfo:
    """Write what a FlatMerge gathered (graph/flat.py) to a new store and swap it in atomically, as
    ``write_store`` does for a graph; the merge's spill folder is the caller's to remove."""
    return write_tables(merge.finish(), path, hook=hook)


def write_tables(
    tables: FlatTables, path: str | os.PathLike, *, hook: Callable[[str], None] | None = None
) -> BuildInfo:
    """Load node and edge Parquet files into a new database by ``COPY FROM`` and swap it in.

    The new file is written beside the target, checkpointed, flushed to disk and only then renamed
    over it, so a crash at any point leaves the previous store as it was. ``hook(stage)``: see
    ``write_store``.
    """
    started = time.perf_counter()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_builds(target)
    tmp = target.with_name(f".{target.name}.building-{os.getpid()}")
    _remove_db_files(tmp)
    step = hook or (lambda _stage: None)
    import ladybug

    try:
        db = ladybug.Database(str(tmp))
        try:
            conn = ladybug.Connection(db)
            step("schema")
            for ddl in schema_statements(rel_pairs(tables.groups)):
                conn.execute(ddl)
            step("nodes")
            for label, files in sorted(tables.nodes.items()):
                _copy(conn, label, files)
            step("edges")
            for (rel_type, src, dst), files in sorted(tables.edges.items()):
                _copy(conn, rel_type, files, f" (from='{src}', to='{dst}')")
            conn.close()
        finally:
            db.close()
        if _wal(tmp).exists():
            raise StoreError(f"the new store {tmp} was not checkpointed; the previous store is unchanged")
        _fsync(tmp)  # the new file's bytes reach the disk before the name points at it
        step("swap")
        # a write-ahead log left by a crashed writer of the old store must not be replayed on the new one
        _wal(target).unlink(missing_ok=True)
        os.replace(tmp, target)
        _fsync(target.parent)
    except BaseException:
        _remove_db_files(tmp)
        raise
    return BuildInfo(
        target, _rows(tables.nodes.values()), _rows(tables.edges.values()), time.perf_counter() - started
    )


def _rows(file_lists: Iterable[list[Path]]) -> int:
    return sum(pq.ParquetFile(f).metadata.num_rows for files in file_lists for f in files)


def _copy(conn: Any, table: str, files: list[Path], options: str = "") -> None:
    files = [f for f in files if pq.ParquetFile(f).metadata.num_rows]
    if files:
        sources = ", ".join(f"'{_quote(str(f))}'" for f in files)
        conn.execute(f"COPY {table} FROM [{sources}]{options}")


def _quote(text: str) -> str:
    return text.replace("\\", "\\\\").replace("'", "\\'")


def _fsync(path: Path) -> None:
    """Flush a file (or a folder's entries) to disk; a no-op where the platform cannot."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _remove_db_files(db: Path) -> None:
    for p in (db, _wal(db)):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _remove_stale_builds(target: Path) -> None:
    """Leftovers of builds whose process died (killed mid-build); a live build's file is left alone."""
    for leftover in target.parent.glob(f".{target.name}.building-*"):
        pid = leftover.name.rsplit("-", 1)[-1].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    leftover.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# ---------------------------------------------------------------------------------------------- reading
class EmbeddedStore:
    """An open store. Read-only unless ``read_only=False``; use as a context manager."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = True) -> None:
        import ladybug

        self.path = Path(path)
        self.read_only = read_only
        if not self.path.exists():
            raise StoreError(f"no store at {self.path}: run `bangfu build` first (or pass --store)")
        try:
            self._db = ladybug.Database(str(self.path), read_only=read_only)
            self._conn = ladybug.Connection(self._db)
        except RuntimeError as exc:
            raise StoreError(f"cannot open {self.path}: {_one_line(exc)}") from exc

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._conn.close()
        with contextlib.suppress(Exception):
            self._db.close()

    def query(
        self,
        cypher: str,
        params: dict[str, Any] | None = None,
        *,
        timeout_ms: int | None = DEFAULT_TIMEOUT_MS,
        limit: int | None = None,
    ) -> QueryResult:
        """Run Cypher; engine errors become a one-line StoreError.

        A read-only store first asks the gate (graph/store/readonly.py; a refusal is a StoreError too)
        so nothing but a graph read reaches the engine. At most ``limit`` rows are returned; the result says when there
        were more and how many.
        """
        self._gate(cypher)
        if timeout_ms:
            self._conn.set_query_timeout(int(timeout_ms))
        try:
            result = self._conn.execute(cypher, params or {})
            if isinstance(result, list):  # several statements: keep the last one's answer
                result = result[-1]
            columns = list(result.get_column_names())
            total = result.get_num_tuples()
            raw = result.get_n(limit) if limit is not None and total > limit else result.get_all()
            rows = [[plain(v) for v in row] for row in raw]
        except RuntimeError as exc:
            raise StoreError(self._explain(exc)) from exc
        return QueryResult(columns, rows, compatibility_warnings(cypher), len(rows) < total, total)

    def arrow(self, cypher: str, params: dict[str, Any] | None = None) -> pa.Table:
        """The whole answer as an Arrow table, for the program's own paged reads (graph/store/pages.py):
        columnar, so a page of rows costs no Python object per value until it is used. Gated as
        ``query``; no timeout and no row limit (a page is bounded by its query)."""
        self._gate(cypher)
        try:
            result = self._conn.execute(cypher, params or {})
            return result.get_as_arrow(0)
        except RuntimeError as exc:
            raise StoreError(self._explain(exc)) from exc

    def _gate(self, cypher: str) -> None:
        if self.read_only:
            try:
                readonly.check(cypher, "embedded")
            except readonly.Refused as exc:
                raise StoreError(str(exc)) from exc

    def _explain(self, exc: Exception) -> str:
        message = _one_line(exc)
        if self.read_only and "read-only" in message:
            return f"refused: the store is open read-only and this query writes ({message}); use --write"
        if "interrupted" in message.lower() or "timeout" in message.lower():
            return f"query stopped by the timeout ({message})"
        return message


def open_store(path: str | os.PathLike | None = None, *, read_only: bool = True) -> EmbeddedStore:
    return EmbeddedStore(path or default_store_path(), read_only=read_only)


def _one_line(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def plain(value: Any) -> Any:
    """Engine values as plain Python: SUM's Decimal → int/float, nodes/relationships → property dicts."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items() if not k.startswith("_") or k == "_LABEL"}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


_CAVEATS = [
    (
        re.compile(r"\bORDER\s+BY\b[^;]*?\bLIMIT\b[^;]*?\b(collect|min|max|sum|avg)\s*\(", re.I | re.S),
        "ladybug 0.22 ignores ORDER BY … LIMIT before collect/min/max/sum: the answer may be wrong",
    ),
    (
        re.compile(r"\bsize\s*\(\s*\(", re.I),
        "size((pattern)) is not a pattern count here; use COUNT { MATCH … }",
    ),
    (
        re.compile(r"\[[^\]]*\*\s*(\d*\s*\.\.\s*)?\]", re.S),
        "unbounded variable-length path: walk semantics can explode; write [* TRAIL 1..k]",
    ),
]


def compatibility_warnings(cypher: str) -> list[str]:
    """Known ladybug pitfalls a query text shows (docs/cypher.md); warnings, not refusals."""
    return [message for pattern, message in _CAVEATS if pattern.search(cypher)]
