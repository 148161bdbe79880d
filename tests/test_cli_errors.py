"""Every problem a command reports is one line that starts with ``bangfu COMMAND:`` — no traceback.

The Neo4j addresses run `bangfu` as a user does (a process of its own) so that a traceback would show
on its stderr; the rest run in-process through ``bangfu.cli.main.main``, with the exact line checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from library_helpers import write_docs

from bangfu.cli.main import main as bangfu

ROOT = Path(__file__).resolve().parent.parent


def _run(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bangfu.cli", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_docs(tmp_path_factory.mktemp("docs"), ("a.txt",))
    path = tmp_path_factory.mktemp("store") / "bangfu.lbdb"
    assert bangfu(["build", str(folder), "--store", str(path), "--quiet"]) == 0
    return path


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("garbage", "bangfu neo4j push: 'garbage' is not a Neo4j address: write bolt://HOST:7687"),
        ("http://localhost:7474", "bangfu neo4j push: http://localhost:7474 is Neo4j's HTTP address"),
    ],
)
def test_neo4j_push_with_a_wrong_address_is_one_line(store: Path, uri: str, expected: str) -> None:
    env = {**os.environ, "NEO4J_PASSWORD": "not-used"}
    done = _run("neo4j", "push", "--uri", uri, "--store", str(store), env=env)
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(expected), line
    assert "Traceback" not in done.stderr


def test_extract_on_an_empty_folder_fails_like_docs(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for command in ("extract", "docs"):
        done = _run(command, str(tmp_path / "empty"))
        assert done.returncode == 1 and done.stdout == ""
        assert done.stderr.splitlines() == [f"bangfu {command}: 0 document(s) read, 0 file(s) not read"]


def test_extract_names_each_bad_file_with_its_prefix(tmp_path: Path, capsys) -> None:
    folder = write_docs(tmp_path / "docs", ("c.md",))
    (folder / "bad.docx").write_bytes(b"not a zip")
    assert bangfu(["extract", str(folder), str(tmp_path / "typo")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"bangfu extract: {folder / 'bad.docx'}: corrupt DOCX")
    assert err[1:] == [
        f"bangfu extract: {tmp_path / 'typo'}: no such file or folder",
        "bangfu extract: 1 document(s) read, 2 file(s) not read",
    ]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["export", "--format", "json", "--out", "/proc/no-such/x.json"], "bangfu export: /proc/no-such: "),
        (["build", "{docs}", "--store", "/proc/no-such/s.lbdb", "--quiet"], "bangfu build: /proc/no-such: "),
        (["add", "{docs}", "--store", "/proc/no-such/s.lbdb", "--quiet"], "bangfu add: /proc/no-such: "),
        (["docs", "--store", "{tmp}"], "bangfu docs: cannot open {tmp}: "),
        (["lists", "no-such-list"], "bangfu lists: no shipped list called 'no-such-list'"),
        (["unpaired", "--list", "no-such-list"], "bangfu unpaired: no shipped list called 'no-such-list'"),
        (
            ["unpaired", "--list", "hunan-51", "--store", "{tmp}/g.json"],
            "bangfu unpaired: {tmp}/g.json: not a",
        ),
        (["remove", "x", "--store", "{tmp}/none.lbdb"], "bangfu remove: no store at {tmp}/none.lbdb"),
    ],
)
def test_each_command_reports_one_prefixed_line(
    store: Path, tmp_path: Path, capsys, argv: list[str], expected: str
) -> None:
    docs = write_docs(tmp_path / "docs", ("a.txt",))
    (tmp_path / "g.json").write_text("{not json", encoding="utf-8")
    values = {"docs": str(docs), "tmp": str(tmp_path)}
    argv = [a.format(**values) for a in argv]
    if "--store" not in argv:
        argv += ["--store", str(store)] if argv[0] == "export" else []
    capsys.readouterr()
    assert bangfu(argv) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(expected.format(**values)), line
