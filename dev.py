#!/usr/bin/env python3
"""Set-up in two commands on a fresh machine with only Python 3.11 and git.

    python3 dev.py up     # .venv, install, build the graph from data/corpus, start the app
    python3 dev.py test   # .venv, install, run the whole test suite

Standard library only: it must run before anything is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"


def run(*cmd: str | Path) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True)


def ensure_env() -> None:
    """Create .venv and install the project once, again whenever pyproject.toml changes."""
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    pyproject = (ROOT / "pyproject.toml").read_bytes()
    if STAMP.exists() and STAMP.read_bytes() == pyproject:
        return
    run(BIN / "python", "-m", "pip", "install", "-q", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "-q", "-e", ".[dev]")
    STAMP.write_bytes(pyproject)


def up(args: list[str]) -> None:
    ensure_env()
    run(BIN / "bangfu", "build", "data/corpus")
    port = os.environ.get("BANGFU_PORT", "8501")
    print(f"\n帮扶图谱 is starting at http://localhost:{port}\n", flush=True)
    os.execv(
        str(BIN / "streamlit"),
        [str(BIN / "streamlit"), "run", "app.py", "--server.headless", "true", "--server.port", port, *args],
    )


def test(args: list[str]) -> None:
    ensure_env()
    os.execv(str(BIN / "python"), [str(BIN / "python"), "-m", "pytest", *args])


def main() -> None:
    cmd, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    actions = {"up": up, "test": test, "install": lambda _a: ensure_env()}
    if cmd not in actions:
        sys.exit(__doc__)
    try:
        actions[cmd](rest)
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)


if __name__ == "__main__":
    main()
