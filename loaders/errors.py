"""The one error a loader raises: it names the file and says what is wrong with it, on one line."""

from __future__ import annotations

MAX_REASON = 300  # a library's message can be a page long; the user needs one line


class LoadError(Exception):
    def __init__(self, path: str, reason: str) -> None:
        reason = " ".join(reason.split())
        if len(reason) > MAX_REASON:
            reason = reason[: MAX_REASON - 1] + "…"
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
