"""Facts files: the JSON lines ``bangfu extract`` writes, one document's facts per line.

Why a file format of its own: extraction is the expensive part of a build (minutes per 10,000
documents per core), merging is cheap. A corpus split over machines is extracted shard by shard
(``bangfu extract --files-from SHARD --workers K > facts-K.jsonl.gz`` on each), and one
``bangfu build --facts facts-*.jsonl.gz`` merges the shards into a store without extracting again.
The record is ``Extraction.to_json()`` (the document's metadata under ``doc``), so what a shard
writes is exactly what the store would have got from the documents themselves.

Files ending in ``.gz`` are read and written through gzip. A line that is not a facts record is
reported as ``FILE:LINE`` with the reason, and the rest of the file is read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from typing import IO, Any

from loaders.extract.facts import Extraction
from loaders.read import OnError


def facts_line(ext: Extraction) -> str:
    """One document's facts as the line a facts file holds (names kept in Chinese, not escaped)."""
    return json.dumps(ext.to_json(), ensure_ascii=False) + "\n"


def _open(path: str) -> IO[str]:
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def count_records(path: str) -> int:
    """How many lines a facts file holds (for progress and for sizing a merge), 0 when unreadable:
    the read itself reports the problem."""
    try:
        with _open(path) as f:
            return sum(1 for line in f if line.strip())
    except (OSError, UnicodeDecodeError, EOFError):
        return 0


def _record(text: str) -> Extraction:
    """The Extraction a line states; ValueError saying what is wrong with it."""
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise ValueError("not a facts record (a JSON object with doc, entities and relations)")
    doc = data.get("doc")
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str) or not doc["id"]:
        raise ValueError("not a facts record: no doc.id")
    try:
        return Extraction.from_json(data)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a facts record: {type(exc).__name__} {exc}") from None


def read_facts_file(path: str | os.PathLike, on_error: OnError) -> Iterator[Extraction]:
    """Every document's facts in a facts file, in its order; bad lines and unreadable files go to
    ``on_error(where, reason)`` and the reading goes on."""
    where = os.fspath(path)
    try:
        with _open(where) as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    yield _record(line)
                except ValueError as exc:
                    on_error(f"{where}:{number}", str(exc))
    except FileNotFoundError:
        on_error(where, "no such file")
    except IsADirectoryError:
        on_error(where, "a folder, not a facts file")
    except (OSError, EOFError) as exc:  # gzip's BadGzipFile is an OSError; a cut gzip stream an EOFError
        on_error(where, f"cannot be read ({type(exc).__name__}: {exc})")
    except UnicodeDecodeError as exc:
        on_error(where, f"not UTF-8 text (byte {exc.start})")
