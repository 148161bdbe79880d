"""The official pairing between two places is the nearest one, whatever the hash seed.

常州市 pairs with 共和县 itself (对口支援, county level) while 江苏省 pairs with 青海省 (东西部协作): a
set of ancestors iterated in hash order picked either, so the same document got a different mechanism
from one run to the next. The place's own pairing comes before its ancestors'.
"""

from __future__ import annotations

import os
import subprocess
import sys

PROBE = (
    "from loaders.extract.roles import get_roles\n"
    "r = get_roles()\n"
    "p, q = r.official('320400', '632521'), r.official('632521', '320400')\n"
    "print(p.helper, p.helped, p.mechanism, q.mechanism)\n"
)


def test_nearest_pairing_wins_under_every_hash_seed() -> None:
    answers = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, check=True
        )
        answers.add(out.stdout.strip())
    assert answers == {"320400 632521 对口支援 对口支援"}
