"""`bangfu unpaired` and `bangfu lists` end to end, on a saved KnowledgeGraph of the three Hunan edges."""

from __future__ import annotations

import argparse
import csv
import io
import json

import pytest
from graph_helpers import extraction_a, extraction_b

from bangfu.cli import lists, unpaired
from bangfu.cli.main import SUBCOMMANDS
from bangfu.knowledge.gazetteer import get_gazetteer
from graph.model import KnowledgeGraph


def main(argv: list[str]) -> int:
    """`bangfu` with only these subcommands: the test does not depend on the others importing."""
    parser = argparse.ArgumentParser(prog="bangfu")
    sub = parser.add_subparsers(dest="command")
    unpaired.register(sub)
    lists.register(sub)
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


def test_registered():
    assert {"bangfu.cli.unpaired", "bangfu.cli.lists"} <= set(SUBCOMMANDS)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    kg = KnowledgeGraph(get_gazetteer())
    kg.add_extraction(extraction_a())
    kg.add_extraction(extraction_b())
    path = tmp_path_factory.mktemp("store") / "graph.json"
    kg.save(path)
    return str(path)


def _json(capsys, *argv: str) -> dict:
    assert main(["unpaired", *argv, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_default_level(store, capsys):
    data = _json(capsys, "--list", "hunan-51", "--store", store)
    names = {r["county"] for r in data["rows"]}
    assert data["counties"] == 51 and data["shown"] == 49
    assert "龙山县" not in names and "永顺县" not in names and "洪江区" in names
    assert data["coverage"] == {"direct": 2, "prefecture": 6, "none": 43}
    jishou = next(r for r in data["rows"] if r["county"] == "吉首市")
    assert jishou["coverage"] == "prefecture" and jishou["helpers"] == "济南市"
    assert jishou["code"] == "433101" and jishou["evidence"] == 1


def test_level_prefecture_and_all(store, capsys):
    assert _json(capsys, "--list", "hunan-51", "--store", store, "--level", "prefecture")["shown"] == 43
    rows = _json(capsys, "--list", "hunan-51", "--store", store, "--all")["rows"]
    longshan = next(r for r in rows if r["county"] == "龙山县")
    assert longshan["coverage"] == "direct" and longshan["years"] == "2020–2022"


def test_as_of(store, capsys):
    rows = _json(capsys, "--list", "hunan-51", "--store", store, "--as-of", "2022", "--all")["rows"]
    by = {r["county"]: r for r in rows}
    assert by["永顺县"]["coverage"] == "official-only" and by["永顺县"]["helpers"] == "衡阳市"


def test_csv_has_every_column(store, capsys):
    assert main(["unpaired", "--list", "hunan-51", "--store", store, "--format", "csv"]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out)))
    assert len(rows) == 49
    assert list(rows[0])[:10] == [
        "county",
        "code",
        "prefecture",
        "province",
        "coverage",
        "helpers",
        "mechanisms",
        "programmes",
        "years",
        "evidence",
    ]
    assert "hunan-51: 51 rows" in out.err


def test_table_lists_unresolved_names_back(store, capsys, tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("县名\n龙山\n湘西州永顺县\n433123\n乌有县\n", encoding="utf-8")
    assert main(["unpaired", "--list", str(path), "--store", store]) == 0
    out = capsys.readouterr().out
    assert "凤凰县" in out and "prefecture" in out
    assert "龙山县" not in out.split("\n\n")[0]  # covered directly: not in the table
    assert "row 5 '乌有县': unresolved" in out


def test_missing_store_and_list(capsys, tmp_path):
    assert main(["unpaired", "--list", "hunan-51", "--store", str(tmp_path / "none.lbdb")]) == 1
    assert "bangfu build" in capsys.readouterr().err
    assert main(["unpaired", "--list", "hunan-provincial-key", "--store", "x.json"]) == 1
    assert "not shipped" in capsys.readouterr().err


def test_lists(capsys):
    assert main(["lists"]) == 0
    out = capsys.readouterr().out
    assert "hunan-51" in out and "national-160" in out and "93" in out and "160" in out
    assert "hunan-provincial-key" in out and "missing" in out
    assert main(["lists", "national-160", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 93 and all(r["code"] and r["source_url"] for r in rows)


def test_a_xinjiang_county_is_covered_officially_by_its_aid_province(store, capsys, tmp_path):
    """对口援疆 is an official layer like 东西部协作: 疏附县 (a planner's own list) → 广东省."""
    path = tmp_path / "my-counties.csv"
    path.write_text("区县\n喀什地区疏附县\n昆玉市\n", encoding="utf-8")
    rows = {r["county"]: r for r in _json(capsys, "--list", str(path), "--store", store, "--all")["rows"]}
    shufu = rows["疏附县"]
    assert shufu["coverage"] == "official-only" and shufu["code"] == "653121"
    assert shufu["helpers"] == "广东省" and shufu["mechanisms"] == "对口援疆"
    # a 兵团 division's pairing covers the city it governs as one (第十四师 ↔ 昆玉市)
    assert rows["昆玉市"]["helpers"] == "北京市"


def test_lists_name_each_lists_programme_and_count_per_programme(capsys):
    assert main(["lists"]) == 0
    out = capsys.readouterr().out
    table = {line.split()[0]: line.split() for line in out.splitlines() if line.split()}
    assert table["duikou-zhiyuan"][1:4] == ["pairings", "对口支援", "80"]
    assert table["central-dingdian"][1:4] == ["pairings", "定点帮扶", "6"]
    assert table["east-west-2021"][1:4] == ["pairings", "东西部协作", "31"]
    assert "对口支援: 80 rows (duikou-zhiyuan 80)" in out
    assert "东西部协作: 111 rows (east-west 78, hunan-internal 2, east-west-2021 31)" in out
    assert main(["lists", "--program", "定点帮扶", "--format", "json"]) == 0
    rows = {r["name"]: r for r in json.loads(capsys.readouterr().out)}
    assert set(rows) == {"hunan-internal", "central-dingdian"}
    assert rows["hunan-internal"]["rows"] == 4 and rows["central-dingdian"]["rows"] == 6
    assert rows["central-dingdian"]["repost_only"] == 4  # 北京大学's own page and 甘肃日报's are not


def test_unknown_programme_is_one_line_naming_the_known_ones(store, capsys):
    for argv in (["lists", "--program", "援疆"], ["unpaired", "--list", "hunan-51", "--program", "援疆"]):
        assert main([*argv, "--store", store] if argv[0] == "unpaired" else argv) == 1
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and "unknown programme '援疆'" in err and "对口支援" in err


def test_unpaired_by_programme(store, capsys):
    """The store's pairings are 省内对口帮扶 (长沙→龙山, 湘潭→永顺) and 东西部协作 (济南→湘西州)."""
    rows = _json(capsys, "--list", "hunan-51", "--store", store, "--program", "东西部协作", "--all")["rows"]
    by = {r["county"]: r for r in rows}
    assert by["龙山县"]["coverage"] == "prefecture" and by["龙山县"]["helpers"] == "济南市"
    assert by["龙山县"]["programmes"] == "东西部协作"
    rows = _json(capsys, "--list", "hunan-51", "--store", store, "--program", "省内对口帮扶", "--all")["rows"]
    by = {r["county"]: r for r in rows}
    assert by["龙山县"]["coverage"] == "direct" and by["吉首市"]["coverage"] == "none"
    assert by["泸溪县"]["coverage"] == "official-only" and by["泸溪县"]["helpers"] == "株洲市"
