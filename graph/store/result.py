"""What a query returns, whichever store ran it: column names, rows of plain Python values, warnings,
and whether the rows were cut at the caller's row limit (``total``: how many there were, when the engine
says; Neo4j streams, so it only knows there were more)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    warnings: list[str] = field(default_factory=list)
    truncated: bool = False
    total: int | None = None
