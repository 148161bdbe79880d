"""A document's facts prepared where they were extracted (graph.flat.prepare) and merged in one process
(FlatMerge.add_prepared): the same buckets in every process, refusals reported by file, the rest kept.

That a build through this path writes the store the in-memory graph writes is tests/test_flat_build.py.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from bangfu.pipeline.pool import iter_prepared
from graph.flat import FlatMerge, Prepared, evidence_bucket, prepare, preparer
from loaders.extract.facts import Entity, Evidence, Extraction, Relation

BUCKETS_IN_A_FRESH_PROCESS = (
    "from graph.flat import evidence_bucket\n"
    "print([evidence_bucket('region:430100', t, 'ASSISTS|对口帮扶', 37) for t in "
    "('region:433130', 'region:433127', 'region:433125')])\n"
)


def _buckets_with_seed(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run(
        [sys.executable, "-c", BUCKETS_IN_A_FRESH_PROCESS],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_an_edge_goes_to_the_same_bucket_whatever_the_interpreter_s_hash_salt():
    first, second = _buckets_with_seed("1"), _buckets_with_seed("2")
    assert first == second
    here = [
        evidence_bucket("region:430100", t, "ASSISTS|对口帮扶", 37)
        for t in ("region:433130", "region:433127", "region:433125")
    ]
    assert str(here) == first
    assert all(0 <= b < 37 for b in here)


def _facts(doc_id: str) -> Extraction:
    sentence = "长沙市对口帮扶龙山县。"
    return Extraction(
        doc={"id": doc_id, "path": f"/corpus/{doc_id}.txt", "title": "帮扶通报"},
        entities=[
            Entity(id="region:430100", type="Region", name="长沙市", code="430100", aliases=["长沙"]),
            Entity(id="region:433130", type="Region", name="龙山县", code="433130"),
        ],
        relations=[
            Relation(
                type="ASSISTS",
                source="region:430100",
                target="region:433130",
                mechanism="对口帮扶",
                evidence=Evidence(sentence, 0, len(sentence)),
            )
        ],
    )


def test_prepared_facts_cross_a_process_boundary_unchanged():
    doc = prepare(_facts("d1"), None, 5)
    again = pickle.loads(pickle.dumps(doc))
    assert isinstance(again, Prepared) and again == doc
    assert doc.mention_ids == ("region:430100", "region:433130")
    assert doc.mention_aliases[0] == ["长沙"]
    ((bucket, source, target, key, record),) = doc.evidence
    assert (source, target, key) == ("region:430100", "region:433130", "ASSISTS|对口帮扶")
    assert bucket == evidence_bucket(source, target, key, 5)
    assert '"doc": "d1"' in record and "龙山县" in record


def test_a_merge_refuses_facts_prepared_for_another_bucket_count(tmp_path: Path):
    merge = FlatMerge(tmp_path, expected_documents=10)
    with pytest.raises(ValueError, match="evidence buckets"):
        merge.add_prepared(prepare(_facts("d1"), None, merge.n_buckets + 1))
    assert merge.document_count == 0
    assert merge.add_prepared(prepare(_facts("d1"), None, merge.n_buckets))
    assert not merge.add_prepared(prepare(_facts("d1"), None, merge.n_buckets))  # the same id once


def refuse_the_second_notice(ext: Extraction, meta: dict) -> Prepared:
    """A prepare step that finds the facts of one file outside the ontology (run in the workers)."""
    if meta["path"].endswith("notice-2.txt"):
        raise ValueError("relation names 'document:x', which is not an entity id")
    return preparer(3)(ext, meta)


@pytest.mark.parametrize("workers", [1, 2])
def test_refused_facts_are_reported_by_file_and_the_other_documents_go_on(tmp_path: Path, workers: int):
    for i in range(1, 13):  # more files than one batch, so that two workers share them
        (tmp_path / f"notice-{i}.txt").write_text(
            f"第{i}号通报：长沙市对口帮扶龙山县，湘潭市对口帮扶永顺县。", "utf-8"
        )
    errors: list[tuple[str, str]] = []
    got = list(
        iter_prepared(
            [tmp_path], refuse_the_second_notice, workers, on_error=lambda p, r: errors.append((p, r))
        )
    )
    assert [Path(p).name for p, _ in errors] == ["notice-2.txt"]
    assert errors[0][1] == "facts refused: relation names 'document:x', which is not an entity id"
    names = [Path(meta.path).name for meta, _doc in got]
    assert names == sorted(f"notice-{i}.txt" for i in range(1, 13) if i != 2)
    assert all(isinstance(doc, Prepared) and doc.doc_id == meta.id for meta, doc in got)
    assert any(doc.evidence for _meta, doc in got)  # the statements were extracted and prepared
