"""The memory a build really holds: this process and its workers, sampled together while it runs.

Why not ``ru_maxrss``: it gives each process's own peak, at different moments, so "main peak + workers
× worker peak" counts the workers during the store write, when they have already exited, and counts
pages the forked workers share with the parent once per process. ``TreeSampler`` sums the proportional
set size (PSS: a page shared by k processes counts 1/k in each) of this process and its live
children every ``interval`` seconds, and keeps the largest sum, with the phase it was taken in.
Where PSS cannot be read (not Linux), it sums the resident sizes instead, which over-counts shared
pages; ``measure`` says which one it used.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import psutil


@dataclass
class Peak:
    """The largest total seen in each phase, in MB: (total, this process, its children)."""

    by_phase: dict[str, tuple[float, float, float]] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return max((v[0] for v in self.by_phase.values()), default=0.0)

    @property
    def phase(self) -> str:
        return max(self.by_phase, key=lambda p: self.by_phase[p][0], default="")


def _use_pss() -> bool:
    try:
        return psutil.Process().memory_full_info().pss > 0
    except (AttributeError, psutil.Error):
        return False


class TreeSampler:
    """A background thread that samples the memory of this process and its children until ``stop``;
    ``phase(name)`` labels the samples that follow."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.measure = "PSS" if _use_pss() else "RSS"
        self.peak = Peak()
        self._phase = "start"
        self._me = psutil.Process()
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)

    def start(self) -> TreeSampler:
        self._thread.start()
        return self

    def __enter__(self) -> TreeSampler:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def phase(self, name: str) -> None:
        self.sample()  # the previous phase ends with a sample of its own
        self._phase = name

    def stop(self) -> None:
        if self._thread.is_alive():
            self._stop.set()
            self._thread.join()
        self.sample()

    def _size(self, proc: psutil.Process) -> float:
        info = proc.memory_full_info() if self.measure == "PSS" else proc.memory_info()
        return (info.pss if self.measure == "PSS" else info.rss) / 2**20

    def sample(self) -> None:
        try:
            own = self._size(self._me)
        except psutil.Error:
            return
        kids = 0.0
        for child in self._me.children(recursive=True):
            try:
                kids += self._size(child)
            except psutil.Error:  # a worker that exited between the listing and the reading
                continue
        with self._lock:
            best = self.peak.by_phase.get(self._phase)
            if best is None or own + kids > best[0]:
                self.peak.by_phase[self._phase] = (own + kids, own, kids)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()
