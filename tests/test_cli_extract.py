"""`bangfu extract` as users run it: one JSON object per document in the issue's interface."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def test_extract_prints_one_object_per_document_with_evidence(tmp_path):
    (tmp_path / "bad.docx").write_bytes(b"not a zip")
    out = subprocess.run(
        [sys.executable, "-m", "bangfu.cli", "extract", str(CORPUS), str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0
    assert f"{tmp_path / 'bad.docx'}: corrupt DOCX" in out.stderr and "Traceback" not in out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(records) == 5
    for rec in records:
        assert set(rec) >= {"doc", "entities", "relations", "groups", "unresolved"}
        ids = {e["id"] for e in rec["entities"]}
        for rel in rec["relations"]:
            assert rel["source"] in ids and rel["target"] in ids
            assert rel["status"] in ("current", "past", "planned")
            assert set(rel["evidence"]) == {"sentence", "start", "end"}
        for ent in rec["entities"]:
            if ent["type"] == "Region" and "code" in ent:
                assert len(ent["code"]) == 6 and ent["code"].isdigit()
    longshan = [r for r in records if r["doc"]["path"].endswith("000_b4df65f30ebd7ab1.txt")][0]
    names = {e["id"]: e["name"] for e in longshan["entities"]}
    assists = [
        (names[r["source"]], names[r["target"]]) for r in longshan["relations"] if r["type"] == "ASSISTS"
    ]
    assert assists == [("长沙市", "龙山县")]
