"""The shipped lists: every row resolves to a Region code, and the codes agree with the names.

The code column of data/reference is data, written once from the names; these tests hold it to the
gazetteer, so a changed gazetteer (水城县 → 水城区) or a mistyped code fails here, not in a report.
"""

from __future__ import annotations

import pytest

from bangfu.knowledge.gazetteer import get_gazetteer
from bangfu.knowledge.lists import (
    catalog,
    designations_by_code,
    list_info,
    list_rows,
    load_list,
    load_pairings,
    resolve_name,
)


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def _designation_rows():
    for info in catalog():
        if info.kind == "designation":
            for i, row in enumerate(list_rows(info), start=2):
                yield pytest.param(info.name, i, row, id=f"{info.name}:{i}")


def _context(gaz, row: dict[str, str]) -> tuple[str, ...]:
    out = []
    for key in ("province", "prefecture"):
        if row.get(key):
            res = resolve_name(gaz, row[key])
            assert res.code, f"{row[key]} does not resolve"
            out.append(res.code)
    return tuple(out)


@pytest.mark.parametrize("name,row_number,row", list(_designation_rows()))
def test_every_designation_row_resolves_to_its_code(gaz, name, row_number, row):
    assert row["source_url"], "every row keeps its source"
    code = row["code"]
    assert code in gaz.by_code, f"row {row_number}: {code} is not a gazetteer code"
    if row["code_kind"] == "containing":
        # the documented exception: no standard code for the unit itself (洪江区 = 怀化市洪江管理区)
        assert row["code_note"], "a containing code must say why"
        assert not resolve_name(gaz, row["county"], _context(gaz, row)).code
        return
    assert row["code_kind"] == "exact"
    res = resolve_name(gaz, row["county"], _context(gaz, row))
    assert res.code == code, (row["county"], res)
    assert gaz.by_code[code].level == "county"


def test_hongjiang_is_kept_and_coded_as_huaihua(gaz):
    hunan = load_list("hunan-51", gaz)
    [entry] = [e for e in hunan.entries if e.raw == "洪江区"]
    assert entry.code == "431200" and not entry.exact
    assert entry.label == "洪江区" and "洪江管理区" in entry.note


def test_shipped_counts_match_the_catalogue(gaz):
    assert len(load_list("hunan-51", gaz).resolved) == 51
    national = load_list("national-160", gaz)
    assert len(national.entries) == 93 and not national.problems
    info = list_info("national-160")
    assert info.expected == 160 and info.status == "partial"
    missing = list_info("hunan-provincial-key")
    assert missing.status == "missing" and missing.path is None


def test_missing_list_is_an_error_not_an_empty_list(gaz):
    from bangfu.knowledge.lists import ListError

    with pytest.raises(ListError, match="not shipped"):
        load_list("hunan-provincial-key", gaz)


def test_every_pairing_row_resolves(gaz):
    pairings = load_pairings()
    assert {p.list_name for p in pairings} == {"east-west", "hunan-internal"}
    assert len(pairings) == 78 + 12
    for p in pairings:
        assert p.helped_codes, (p.list_name, p.row, p.helped)
        for code in (*p.helped_codes, *p.helper_codes):
            assert code in gaz.by_code, (p.list_name, p.row, code)
        if p.helped_exact and len(p.helped_codes) == 1:
            assert resolve_name(gaz, p.helped).code == p.helped_codes[0], (p.row, p.helped)
        if len(p.helper_codes) == 1 and "/" not in p.helper:
            assert resolve_name(gaz, p.helper).code == p.helper_codes[0], (p.row, p.helper)


def test_pairing_years(gaz):
    pairings = {(p.helper, p.helped, p.list_name): p for p in load_pairings()}
    xiangtan = pairings[("湘潭市", "永顺县", "hunan-internal")]
    assert (xiangtan.since, xiangtan.until, xiangtan.until_approx) == (1994, 2020, True)
    assert xiangtan.in_force(2020) and not xiangtan.in_force(2021)
    hengyang = pairings[("衡阳市", "永顺县", "hunan-internal")]
    assert not hengyang.in_force(2020) and hengyang.in_force(2021)


def test_unit_and_village_rows_do_not_cover_a_county(gaz):
    rows = [p for p in load_pairings() if p.helper == "湖南大学"]
    assert len(rows) == 1 and not rows[0].helped_exact and not rows[0].helper_codes
    assert rows[0].helped_codes == ("430524",)  # 隆回县, the county the village is in


def test_designations_by_code():
    d = designations_by_code()
    assert d["433130"] == ["hunan-51"]
    assert "431200" not in d  # 洪江区's stand-in code is not itself designated
