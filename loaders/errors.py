"""The one error a loader raises: it names the file and says what is wrong with it."""

from __future__ import annotations


class LoadError(Exception):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
