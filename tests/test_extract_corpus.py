"""The sample corpus against its gold file, scored by the project's scorer, and evidence spans."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus"
GOLD = ROOT / "tests" / "data" / "gold_seeds.json"
SCORER = ROOT / "tools" / "score_extraction.py"


@pytest.fixture(scope="module")
def extractions() -> list[tuple]:
    from loaders.extract.pipeline import extract_document
    from loaders.read import iter_documents

    docs = list(iter_documents([str(CORPUS)]))
    return [(doc, extract_document(doc)) for doc in docs]


@pytest.fixture(scope="module")
def scores(extractions, tmp_path_factory) -> dict:
    pred = tmp_path_factory.mktemp("pred") / "pred.jsonl"
    pred.write_text(
        "".join(json.dumps(e.to_json(), ensure_ascii=False) + "\n" for _, e in extractions), "utf-8"
    )
    out = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_assists_f1_is_perfect(scores):
    a = scores["assists"]
    assert a["extra"] == [] and a["missed"] == [], a
    assert a["f1"] == 1.0


@pytest.mark.parametrize("etype", ["Region", "Agency", "Organization", "Platform", "Brand"])
def test_entity_recall_per_type(scores, etype):
    recall, hit, total, missed = scores[f"entity_recall.{etype}"]
    assert recall >= 0.95, f"{etype}: {hit}/{total}, missed {missed}"


def test_other_relations_recall(scores):
    recall, hit, total, missed = scores["other_relations_recall"]
    assert recall >= 0.85, f"{hit}/{total}, missed {missed}"


def test_every_evidence_span_points_at_its_sentence_in_the_original(extractions):
    checked = 0
    for doc, ext in extractions:
        for fact in [*ext.relations, *ext.groups]:
            ev = fact.evidence
            assert doc.original[ev.start : ev.end] == ev.sentence
            assert ev.sentence.strip(), "empty evidence"
            checked += 1
    assert checked >= 20


def test_traditional_document_evidence_stays_traditional(extractions):
    doc, ext = next((d, e) for d, e in extractions if d.path.endswith("002_070ba12c213e897e.txt"))
    sentences = [r.evidence.sentence for r in ext.relations if r.type == "ASSISTS"]
    assert any("山東" in s and "甘肅" in s for s in sentences), sentences
