"""What a query returns, whichever store ran it: column names, rows of plain Python values, warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]
    warnings: list[str] = field(default_factory=list)
