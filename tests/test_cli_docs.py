"""`bangfu docs`: one line per document, JSON lines with --json, one stderr line per unreadable file."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import bangfu.cli.docs

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"


def docs(*argv: str) -> int:
    """Run `bangfu docs` in-process, with only this subcommand registered."""
    parser = argparse.ArgumentParser(prog="bangfu")
    bangfu.cli.docs.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["docs", *argv])
    return args.func(args)


def test_one_line_per_seed_document(capsys):
    assert docs(str(CORPUS)) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == len(list(CORPUS.iterdir()))
    plan = next(line for line in lines if "003_9163a51b4e7803d4.txt" in line)
    for part in ("txt", "2020-08-28", "湘扶领办发〔2020〕4号", "湖南省 2020 年消费扶贫月活动方案"):
        assert part in plan
    assert err.strip() == "bangfu docs: 5 document(s) read, 0 file(s) not read"


def test_json_lines_hold_the_texts_and_the_metadata(capsys):
    assert docs(str(CORPUS / "002_070ba12c213e897e.txt"), "--json") == 0
    record = json.loads(capsys.readouterr().out)
    assert set(record) >= {"id", "path", "format", "title", "date", "doc_number", "length", "warnings"}
    assert {"text", "original", "source", "encoding"} <= set(record)
    assert "宁夏" in record["text"] and "甯夏" in record["original"]
    assert record["length"] == len(record["text"]) and record["encoding"] == "utf-8"


def test_bad_files_get_one_line_each_and_the_rest_is_read(tmp_path, capsys):
    (tmp_path / "ok.txt").write_text("长沙市对口帮扶龙山县。", encoding="utf-8")
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    (tmp_path / "empty.md").write_bytes(b"")
    assert docs(str(tmp_path), str(tmp_path / "missing.html")) == 0
    out, err = capsys.readouterr()
    assert "ok.txt" in out
    assert err.splitlines() == [
        f"bangfu docs: {tmp_path / 'bad.pdf'}: corrupt PDF: no PDF header",
        f"bangfu docs: {tmp_path / 'empty.md'}: empty file",
        f"bangfu docs: {tmp_path / 'missing.html'}: no such file or folder",
        "bangfu docs: 1 document(s) read, 3 file(s) not read",
    ]


def test_max_mb_and_duplicates(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("长沙市对口帮扶龙山县。" * 100, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(("长沙市对口帮扶龙山县。" * 100).encode("gbk"))
    (tmp_path / "c.txt").write_text("大" * 400_000, encoding="utf-8")  # 1.2 MB
    assert docs(str(tmp_path), "--max-mb", "1") == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 1
    assert f"{tmp_path / 'b.txt'}: same content as {tmp_path / 'a.txt'}, read once" in err
    assert f"{tmp_path / 'c.txt'}: file is 1.1 MB, over the 1.0 MB limit" in err
    assert err.splitlines()[-1] == "bangfu docs: 1 document(s) read, 1 file(s) not read, 1 duplicate(s)"


def test_exit_code_is_nonzero_only_when_nothing_was_read(tmp_path):
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    out = subprocess.run(
        [sys.executable, "-m", "bangfu.cli", "docs", str(tmp_path)], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and "corrupt PDF" in out.stderr
    (tmp_path / "ok.txt").write_text("长沙市对口帮扶龙山县。", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "bangfu.cli", "docs", str(tmp_path)], capture_output=True, text=True
    )
    assert out.returncode == 0 and "ok.txt" in out.stdout
