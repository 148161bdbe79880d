"""graph.memory.release_unused gives back what a finished stage freed (before the store's bulk load)."""

from __future__ import annotations

import subprocess
import sys

# in a fresh interpreter, so that nothing else the test session holds moves the figures
SCRIPT = """
import psutil, pyarrow as pa
from graph.memory import release_unused
rss = lambda: psutil.Process().memory_info().rss / 2**20
arrays = [pa.array(list(range(i * 1000, i * 1000 + 1000))) for i in range(20000)]  # ~150 MB in Arrow's pool
del arrays
freed = rss()
release_unused()
print(freed, rss())
"""


def test_memory_freed_by_arrow_and_python_is_returned_to_the_system():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    freed, released = map(float, out.stdout.split())
    assert freed - released > 80, (freed, released)  # most of the ~150 MB that was already free
