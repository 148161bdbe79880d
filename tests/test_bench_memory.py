"""The build's memory is sampled over this process and its children together (bangfu/bench/memory.py)."""

from __future__ import annotations

import subprocess
import sys
import time

from bangfu.bench.memory import TreeSampler

HOLD = (
    "import sys, time\n"
    "block = bytearray(160 * 2**20)\n"
    "for i in range(0, len(block), 4096): block[i] = 1\n"  # touched: resident, not only reserved
    "print('ready', flush=True)\n"
    "time.sleep(1.5)\n"
)


def test_a_child_holding_memory_counts_in_its_phase_and_not_in_the_one_before():
    with TreeSampler(interval=0.02) as sampler:
        sampler.phase("alone")
        time.sleep(0.1)
        sampler.phase("with a child")
        child = subprocess.Popen([sys.executable, "-c", HOLD], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(0.2)
        sampler.sample()
        child.wait()
    alone_total, _, alone_kids = sampler.peak.by_phase["alone"]
    total, own, kids = sampler.peak.by_phase["with a child"]
    assert alone_kids == 0
    assert kids >= 150  # the child's 160 MB block (PSS or RSS: the block is its own)
    assert abs(total - (own + kids)) < 1e-6
    assert sampler.peak.phase == "with a child"
    assert sampler.peak.total == total > alone_total


def test_stop_ends_the_thread_and_keeps_the_peak():
    sampler = TreeSampler(interval=0.01).start()
    sampler.phase("work")
    sampler.stop()
    assert not sampler._thread.is_alive()
    assert sampler.peak.by_phase["work"][1] > 0  # this process's own size was read
