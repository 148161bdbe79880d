"""Give the memory a finished stage freed back to the operating system before the next one needs it.

Why: merging the evidence buckets (graph/flat.py ``finish``) allocates and frees a bucket's records
at a time; CPython's and Arrow's allocators keep the freed pages for reuse, so the store's bulk load
that follows (``COPY FROM``, which takes a few hundred MB of its own) starts on top of them. At 10,000
documents the building process held 342 MB after the buckets' merge and 223 MB after this, and its
peak resident size during the bulk load fell from 755 to 649 MB (the bench's sampled build peak at
that size is in docs/benchmarks.md).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import sys

import pyarrow as pa


def release_unused() -> None:
    """Collect garbage, return Arrow's unused pool memory and trim the C heap (glibc only)."""
    gc.collect()
    pa.default_memory_pool().release_unused()
    if sys.platform.startswith("linux"):
        libc = ctypes.util.find_library("c")
        trim = getattr(ctypes.CDLL(libc), "malloc_trim", None) if libc else None
        if trim is not None:  # musl has none: its heap is returned as it frees
            trim(0)
