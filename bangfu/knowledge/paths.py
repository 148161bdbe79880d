"""Where the data files live: data/ in the repository, or BANGFU_DATA when set."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    env = os.environ.get("BANGFU_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "data"
