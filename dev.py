#!/usr/bin/env python3
"""Set-up in two commands on a fresh machine with only Python 3.11 and git.

    python3 dev.py up     # .venv, install, build the graph from data/corpus, start the app
    python3 dev.py test   # .venv, install, run the whole test suite

`up` serves the app on this machine only (127.0.0.1). Options, before any streamlit option:
    --port N           the port (default $BANGFU_PORT or 8501; a taken default moves to the next free one)
    --share            listen on the network (0.0.0.0) so others can open it; uploads, document removal
                       and write queries are then off ...
    --allow-changes    ... unless this is given too (sets BANGFU_ALLOW_CHANGES=1, read by the app)

Standard library only: it must run before anything is installed.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".installed"
LOCAL = "127.0.0.1"
NETWORK = "0.0.0.0"
DEFAULT_PORT = 8501
ALLOW_ENV = "BANGFU_ALLOW_CHANGES"  # read by app_pages/access.py


class UpError(Exception):
    """A problem with `up`'s options or port, said in one line before anything is built."""


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


def port_taken(port: int, host: str) -> bool:
    """Something listens on ``port`` (it answers on loopback, or ``host``:``port`` cannot be bound)."""
    try:
        with socket.create_connection((LOCAL, port), timeout=0.5):
            return True
    except OSError:
        pass
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is free
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def choose_port(wanted: int, host: str, *, explicit: bool) -> int:
    """``wanted`` if free; a port the user named must be free, the default moves to the next free one."""
    if not port_taken(wanted, host):
        return wanted
    if explicit:
        raise UpError(f"port {wanted} is taken (another app listens there): choose another with --port N")
    for port in range(wanted + 1, wanted + 100):
        if not port_taken(port, host):
            print(f"dev.py up: port {wanted} is taken; using {port}", flush=True)
            return port
    raise UpError(f"ports {wanted}-{wanted + 99} are all taken: choose one with --port N")


def parse_up(args: list[str]) -> tuple[bool, bool, int, bool, list[str]]:
    """(share, allow_changes, port, port given explicitly, the rest for streamlit)."""
    share = allow = explicit = False
    env_port = os.environ.get("BANGFU_PORT")
    port_text, explicit = (env_port, True) if env_port else (str(DEFAULT_PORT), False)
    rest: list[str] = []
    items = iter(args)
    for item in items:
        if item == "--share":
            share = True
        elif item == "--allow-changes":
            allow = True
        elif item == "--port" or item.startswith("--port="):
            port_text = item.partition("=")[2] if "=" in item else next(items, "")
            explicit = True
        else:
            rest.append(item)
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise UpError(f"--port {port_text!r}: not a port number")
    if allow and not share:
        raise UpError("--allow-changes goes with --share (on this machine alone changes are allowed anyway)")
    return share, allow, int(port_text), explicit, rest


def streamlit_command(port: int, *, share: bool = False, extra: list[str] | None = None) -> list[str]:
    """The app's server command: bound to 127.0.0.1 unless shared on purpose."""
    return [
        str(BIN / "streamlit"),
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        NETWORK if share else LOCAL,
        "--server.port",
        str(port),
        *(extra or []),
    ]


def up(args: list[str]) -> None:
    try:
        share, allow, wanted, explicit, rest = parse_up(args)
        port = choose_port(wanted, NETWORK if share else LOCAL, explicit=explicit)  # before building
    except UpError as exc:
        sys.exit(f"dev.py up: {exc}")
    ensure_env()
    run(BIN / "bangfu", "build", "data/corpus")
    if allow:
        os.environ[ALLOW_ENV] = "1"
    else:
        os.environ.pop(ALLOW_ENV, None)
    if share:
        changes = "on (--allow-changes)" if allow else "off (add --allow-changes to allow them)"
        print(
            f"\n帮扶图谱 is starting, shared on the network: http://{socket.gethostname()}:{port} "
            f"(and http://localhost:{port})\nuploads, document removal and write queries: {changes}\n",
            flush=True,
        )
    else:
        print(
            f"\n帮扶图谱 is starting at http://localhost:{port} (this machine only; --share opens it)\n",
            flush=True,
        )
    command = streamlit_command(port, share=share, extra=rest)
    os.execv(command[0], command)


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
