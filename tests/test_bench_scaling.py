"""The scaling bench's projection: the smaller of the workers' extraction and the main process."""

from __future__ import annotations

import io

from bangfu.bench.scaling import Row, report


def test_projection_names_the_main_process_when_it_is_the_slower_side() -> None:
    out = io.StringIO()
    # 1,000 docs: one worker 3.3 CPU s of which 0.3 merging → 333 docs/s per core extracting;
    # the pooled main process 1.0 s → 1,000 docs/s: 16 cores would extract 5,333 docs/s
    rows = [Row(1, 1000, 3.4, 0.0, 3.3), Row(2, 1000, 1.8, 3.2, 1.0)]
    report(rows, 0.3, 1000, 16, out)
    text = out.getvalue()
    assert "| 2 | 1.8 | 556 | 1.89× |" in text
    assert "projected at 16 cores: 1000 docs/s (the main process bounds it: 16 × 333" in text


def test_projection_names_extraction_on_a_small_machine() -> None:
    out = io.StringIO()
    report([Row(1, 1000, 3.4, 0.0, 3.3), Row(2, 1000, 1.8, 3.2, 1.0)], 0.3, 1000, 2, out)
    assert "projected at 2 cores: 667 docs/s (extraction bounds it" in out.getvalue()
