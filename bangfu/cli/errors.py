"""One line for any error a command reports: ``bangfu COMMAND: PATH: reason``.

Why a helper: an OSError prints as "[Errno 2] No such file or directory: '/x'", which is neither one
line a user can act on nor in the order the loaders' own messages use (path first, then the reason).
"""

from __future__ import annotations

import sys


def describe(exc: BaseException) -> str:
    """``PATH: reason`` for an OSError that names a file, else the exception's first non-empty line
    (its type's name when it has none)."""
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename is not None else exc.strerror
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


class Tally:
    """What a reading command (docs, extract) heard while reading: each unreadable file and each
    duplicate is one prefixed line on stderr as it happens; ``close`` prints the counts last."""

    def __init__(self, command: str) -> None:
        self.prefix = f"bangfu {command}:"
        self.read = self.failed = self.duplicates = 0

    def on_error(self, path: str, reason: str) -> None:
        self.failed += 1
        print(f"{self.prefix} {path}: {reason}", file=sys.stderr)

    def on_duplicate(self, path: str, reason: str) -> None:
        self.duplicates += 1
        print(f"{self.prefix} note: {path}: {reason}", file=sys.stderr)

    def close(self) -> int:
        """Print the counts; the exit code: 1 when nothing could be read."""
        line = f"{self.prefix} {self.read} document(s) read, {self.failed} file(s) not read"
        print(line + (f", {self.duplicates} duplicate(s)" if self.duplicates else ""), file=sys.stderr)
        return 0 if self.read else 1
