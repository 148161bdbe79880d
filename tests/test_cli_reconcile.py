"""`bangfu reconcile` on the sample corpus, through the real reader, extraction and a saved graph.

The issue's acceptance: 株洲市→泸溪县 is official with no document (group a), 长沙市→龙山县 is on a list
and in a document (both).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path

import pytest

from bangfu.cli import reconcile
from bangfu.cli.main import SUBCOMMANDS
from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.pipeline.build import build_graph

CORPUS = Path(__file__).resolve().parents[1] / "data" / "corpus"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bangfu")
    reconcile.register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    kg, skipped, *_ = build_graph([str(CORPUS)], gazetteer=get_gazetteer())
    assert not skipped, skipped
    path = tmp_path_factory.mktemp("store") / "graph.json"
    kg.save(path)
    return str(path)


def _json(capsys, *argv: str) -> dict:
    assert main(["reconcile", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_registered():
    assert "bangfu.cli.reconcile" in SUBCOMMANDS


def test_sample_corpus_pairs_land_in_their_groups(store, capsys):
    data = _json(capsys, "--store", store)
    by = {(r["helper"], r["helped"]): r for r in data["rows"]}
    zhuzhou = by[("株洲市", "泸溪县")]
    assert zhuzhou["group"] == "a" and zhuzhou["evidence"] == 0
    assert zhuzhou["list"].startswith("hunan-internal:") and zhuzhou["list_source"].startswith("https://")
    assert (
        zhuzhou["source"] == "xx.rednet.cn · 红网 2021-07-19：株洲—泸溪对口帮扶"
    )  # site · title, a news site
    changsha = by[("长沙市", "龙山县")]
    assert changsha["group"] == "both" and changsha["evidence"] >= 1
    assert "龙山县" in changsha["sentence"] and changsha["documents"][0]["evidence"][0]["date"]
    assert data["counts"]["agree"] >= 2 and data["counts"]["official-only"] > 100
    assert sum(data["counts"].values()) == len(data["rows"])


def test_table_sections_and_filters(store, capsys):
    assert main(["reconcile", "--store", store, "--program", "省内对口帮扶"]) == 0
    out = capsys.readouterr().out
    a, both = out.index("(a) official pairings no document evidences"), out.index("(both) documents and list")
    assert a < out.index("株洲市") < both < out.index("长沙市", both)
    assert "东西部协作" not in out.split("reconcile")[0]
    assert main(["reconcile", "--store", store, "--group", "both", "--format", "csv"]) == 0
    captured = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(captured.out)))
    assert rows and {r["group"] for r in rows} == {"both"} and "reconcile:" in captured.err
    assert list(rows[0])[:4] == ["group", "kind", "helper", "helped"]


def test_bad_programme_and_missing_store(store, capsys, tmp_path):
    assert main(["reconcile", "--store", store, "--program", "扶贫"]) == 1
    assert "unknown programme '扶贫'" in capsys.readouterr().err
    assert main(["reconcile", "--store", str(tmp_path / "none.lbdb")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bangfu reconcile:") and err.count("\n") == 1
