"""A build killed with SIGKILL in the middle of writing its store leaves the previous store whole.

The build runs in a process of its own (the real ``build_store``, real ladybug, real files); its write
hook announces the stage it reached and waits there, the test kills the process with SIGKILL (no
cleanup can run), then opens the old store and finds every byte and every fact where it was. The next
build removes what the killed one left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from library_helpers import digest, graph_state, write_docs

from bangfu.cli.main import main as bangfu

ROOT = Path(__file__).resolve().parent.parent

BUILD = """
import sys, time
from pathlib import Path
from bangfu.pipeline.build import build_store

folder, store, marker, stage = sys.argv[1:]

def hook(reached):
    if reached == stage:
        Path(marker).write_text(reached)
        time.sleep(600)

build_store([folder], store, hook=hook)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this platform")
@pytest.mark.parametrize("stage", ["nodes", "edges", "swap"])
def test_sigkill_during_the_write_leaves_the_old_store(tmp_path: Path, stage: str) -> None:
    old_docs = write_docs(tmp_path / "old", ("a.txt",))
    new_docs = write_docs(tmp_path / "new", ("a.txt", "b.txt", "c.md"))
    store = tmp_path / "store" / "bangfu.lbdb"
    assert bangfu(["build", str(old_docs), "--store", str(store), "--quiet"]) == 0
    before, state = digest(store), graph_state(store)

    marker = tmp_path / "reached"
    proc = subprocess.Popen(
        [sys.executable, "-c", BUILD, str(new_docs), str(store), str(marker), stage],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "the build never reached its write"
            time.sleep(0.05)
        leftovers = list(store.parent.glob(f".{store.name}.building-{proc.pid}*"))
        assert leftovers, "the new store was not being written when the build was killed"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stderr:
            proc.stderr.close()

    assert digest(store) == before  # every byte of the old store
    assert graph_state(store) == state  # and it opens and answers as before
    assert len(state["documents"]) == 1

    # the next build swaps in the new store and clears the dead build's files
    assert bangfu(["build", str(new_docs), "--store", str(store), "--quiet"]) == 0
    assert len(graph_state(store)["documents"]) == 3
    assert not list(store.parent.glob(f".{store.name}.building-{proc.pid}*"))
