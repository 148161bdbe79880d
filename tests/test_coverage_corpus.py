"""The issue's acceptance on the sample corpus, through the real reader and extraction pipeline.

With --list hunan-51: 龙山县 and 永顺县 covered directly (长沙市, 湘潭市), the other 湘西州 counties on
the list through their prefecture (济南市 → 湘西土家族苗族自治州), the rest unpaired.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lists import load_list
from bangfu.pipeline.build import build_graph
from bangfu.planner.coverage import CoverageIndex, unpaired

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"
XIANGXI_ON_LIST = {"吉首市", "泸溪县", "凤凰县", "花垣县", "保靖县", "古丈县"}


@pytest.fixture(scope="module")
def results():
    gaz = get_gazetteer()
    kg, skipped, *_ = build_graph([str(CORPUS)], gazetteer=gaz)
    assert not skipped, skipped
    return {r.entry.label: r for r in CoverageIndex(kg, gaz).coverage(load_list("hunan-51", gaz).entries)}


def test_direct(results):
    assert results["龙山县"].coverage == "direct"
    assert [h.split(" ")[0] for h in results["龙山县"].helpers] == ["长沙市"]
    assert results["永顺县"].coverage == "direct"
    assert [h.split(" ")[0] for h in results["永顺县"].helpers] == ["湘潭市"]


def test_through_prefecture(results):
    for name in XIANGXI_ON_LIST:
        row = results[name]
        assert row.coverage == "prefecture", name
        assert "济南市" in row.helpers, (name, row.helpers)
        lc, official = row.covering()
        assert lc is not None and lc.code == "433100" and not official


def test_rest_unpaired(results):
    rest = set(results) - XIANGXI_ON_LIST - {"龙山县", "永顺县"}
    assert len(rest) == 43
    assert {n: results[n].coverage for n in rest if results[n].coverage != "none"} == {}
    assert len(unpaired(results.values())) == 49


def test_every_pairing_has_its_sentence(results):
    for name in ("龙山县", "永顺县", "吉首市"):
        lc, _ = results[name].covering()
        assert lc is not None
        for d in lc.documents:
            assert d.evidence and all(ev["sentence"] for ev in d.evidence)
