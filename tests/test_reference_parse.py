"""A planner's own list, written the way people write it: every row resolved, or listed back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lists import ListError, load_list, parse_list_file, resolve_name


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _codes(region_list) -> dict[str, str | None]:
    return {e.raw: e.code for e in region_list.entries}


@pytest.mark.parametrize(
    "written,code",
    [
        ("龙山县", "433130"),
        ("湘西州龙山县", "433130"),
        ("湘西土家族苗族自治州龙山县", "433130"),
        ("湖南省湘西州龙山县", "433130"),
        ("433130", "433130"),
        ("433130000000", "433130"),
        ("４３３１３０", "433130"),
        ("龍山縣", "433130"),
        (" 龙山县 （国家级） ", "433130"),
        ("吉林省龙山区", "220402"),
        ("辽源市龙山区", "220402"),
    ],
)
def test_forms_of_one_name(gaz, written, code):
    assert resolve_name(gaz, written).code == code


def test_short_name_alone_is_ambiguous(gaz):
    res = resolve_name(gaz, "龙山")
    assert res.code is None and res.status == "ambiguous"
    assert {"433130", "220402"} <= set(res.candidates)


def test_chain_that_contradicts_is_not_guessed(gaz):
    res = resolve_name(gaz, "吉林省龙山县")
    assert res.code is None and res.status == "unresolved"
    assert "龙山县: not found inside 吉林省" in res.note


def test_mixed_forms_and_unresolvable_names(gaz, tmp_path):
    path = _write(
        tmp_path,
        "my.csv",
        "县名,备注\n"
        "龙山,short name\n"
        "永顺县,full name\n"
        "湘西州保靖县,chained\n"
        "433122,code\n"
        "湖南省新化县,province chain\n"
        "\n"
        "不存在县,bogus\n"
        "龙山县大安乡,a township\n"
        ",合计\n",
    )
    result = parse_list_file(path, gaz)
    codes = _codes(result)
    # 龙山 settled by the province the other rows are in (湖南), not guessed
    assert codes["龙山"] == "433130"
    assert [e.via for e in result.entries if e.raw == "龙山"] == ["list"]
    assert codes["永顺县"] == "433127" and codes["湘西州保靖县"] == "433125"
    assert codes["433122"] == "433122" and codes["湖南省新化县"] == "431322"
    problems = {e.raw: e for e in result.problems}
    assert set(problems) == {"不存在县", "龙山县大安乡", "合计"}
    assert problems["龙山县大安乡"].candidates == ("433130",)  # a hint, not a resolution
    assert "did you mean: 龙山县 433130 (湖南省)" in problems["龙山县大安乡"].note
    assert problems["不存在县"].status == "unresolved"
    # rows keep their file row numbers (header = 1, blank line 7 skipped)
    assert [e.row for e in result.entries] == [2, 3, 4, 5, 6, 8, 9, 10]


def test_ambiguous_name_with_no_context_is_reported(gaz, tmp_path):
    path = _write(tmp_path, "two.csv", "龙山\n不存在县\n")
    result = parse_list_file(path, gaz)
    [longshan] = [e for e in result.entries if e.raw == "龙山"]
    assert longshan.code is None and longshan.status == "ambiguous"
    assert {"433130", "220402"} <= set(longshan.candidates)
    assert len(result.entries) == 2  # the first row is data, not a header


def test_list_context_can_point_elsewhere(gaz, tmp_path):
    path = _write(tmp_path, "jilin.csv", "龙山\n汪清县\n和龙市\n")
    assert _codes(parse_list_file(path, gaz))["龙山"] == "220402"


def test_row_context_columns(gaz, tmp_path):
    path = _write(tmp_path, "ctx.csv", "省份,县\n吉林省,龙山\n湖南省,龙山\n")
    entries = parse_list_file(path, gaz).entries
    assert [(e.code, e.via) for e in entries] == [("220402", "row"), ("433130", "row")]


def test_row_context_that_rules_out_every_candidate_is_ignored(gaz, tmp_path):
    """广东省 has no 龙山: the row's province cannot be right about both, so the candidates stay as hints."""
    res = resolve_name(gaz, "龙山", ("440000",))
    assert res.code is None and res.status == "ambiguous"
    assert {"433130", "220402"} <= set(res.candidates)
    path = _write(tmp_path, "ctx.csv", "省份,县\n广东省,龙山\n")
    [entry] = parse_list_file(path, gaz).entries
    assert entry.code is None and {"433130", "220402"} <= set(entry.candidates)


def test_code_column_and_gbk(gaz, tmp_path):
    path = _write(tmp_path, "gbk.csv", "序号,区划代码,名称\n1,433130,龙山县\n2,433127000000,永顺\n", "gbk")
    assert [e.code for e in parse_list_file(path, gaz).entries] == ["433130", "433127"]


@pytest.mark.parametrize(
    "name, encoding",
    [
        ("big5.csv", "big5"),  # a list saved on a traditional-Chinese system
        ("unicode.txt", "utf-16"),  # Excel's "Unicode text": UTF-16 with a BOM, tab-separated
        ("bom.csv", "utf-8-sig"),
    ],
)
def test_lists_are_decoded_as_documents_are(gaz, tmp_path, name, encoding):
    sep = "\t" if encoding == "utf-16" else ","
    text = f"縣名{sep}備註\n龍山縣{sep}湘西\n永順縣{sep}\n"
    result = parse_list_file(_write(tmp_path, name, text, encoding), gaz)
    assert [e.code for e in result.entries] == ["433130", "433127"]
    assert result.note == "header: 縣名, 備註"


def test_a_list_that_is_not_text_names_the_file(gaz, tmp_path):
    path = tmp_path / "名单.csv"
    path.write_bytes("Coöperatie façade naïve résumé, élève".encode("latin-1"))
    with pytest.raises(ListError) as info:
        parse_list_file(path, gaz)
    assert str(info.value) == (
        f"{path}: no encoding gives readable Chinese (best: gb18030, 14% everyday characters)"
    )


def test_xlsx(gaz, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["区县", "所属市州"])
    ws.append(["龙山", "湘西州"])
    ws.append([433127, None])
    ws.append(["花垣", None])
    ws.append(["乌有县", None])
    path = tmp_path / "list.xlsx"
    wb.save(path)
    result = load_list(path, gaz)
    assert [e.code for e in result.entries] == ["433130", "433127", "433124", None]
    assert result.problems[0].raw == "乌有县"


def test_unsupported_file(gaz, tmp_path):
    path = _write(tmp_path, "old.xls", "x")
    with pytest.raises(ListError, match="xlsx"):
        load_list(path, gaz)


def test_unknown_list_name(gaz):
    with pytest.raises(ListError, match="hunan-51"):
        load_list("hunan-52", gaz)
