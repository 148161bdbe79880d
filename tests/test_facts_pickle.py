"""Facts cross from worker processes to the merge pickled: the compact form must give back exactly
what was sent, defaults and nested evidence included."""

from __future__ import annotations

import pickle
from pathlib import Path

from bangfu.pipeline.pool import iter_extractions
from loaders.extract.facts import Entity, Evidence, Extraction, Group, Relation

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def test_extractions_of_the_corpus_come_back_equal() -> None:
    sent = list(iter_extractions([CORPUS], 1))
    assert len(sent) == 5 and all(ext.relations for _meta, ext in sent)
    back = pickle.loads(pickle.dumps(sent))
    assert back == sent
    meta, ext = back[0]
    assert ext.relations[0].evidence == sent[0][1].relations[0].evidence
    assert meta.text_bytes == sent[0][0].text_bytes and type(meta) is type(sent[0][0])


def test_compact_form_keeps_every_field_and_is_smaller_than_an_attribute_dict() -> None:
    ext = Extraction(
        doc={"id": "d1", "path": "a.txt"},
        entities=[Entity("region:1", "Region", "甲县", code="1", aliases=["甲"], mentioned=False)],
        relations=[
            Relation("ASSISTS", "region:2", "region:1", Evidence("乙市帮扶甲县。", 3, 10), status="past")
        ],
        groups=[Group("region:2", "7个贫困县", Evidence("乙市帮扶7个贫困县。", 0, 10), mechanism="对口帮扶")],
        unresolved=[{"name": "丙"}],
    )
    back = pickle.loads(pickle.dumps(ext))
    assert back == ext and back.entities[0].mentioned is False and back.relations[0].status == "past"
    as_dicts = pickle.dumps([e.__dict__ for e in (ext.entities[0], ext.relations[0])])
    assert len(pickle.dumps([ext.entities[0], ext.relations[0]])) < len(as_dicts)
