"""Designation lists and official pairings: the planner's side of the coverage question.

Why this module exists: documents never say who is *not* helped. To find the counties nobody helps, the
graph has to be joined to lists someone else made — the shipped ones in data/reference (each row with
its source and its Region code) or a planner's own CSV/XLSX written any way people write county names
(龙山, 龙山县, 湘西州龙山县, 433130). A name that cannot be pinned to one Region is listed back with its
candidates, never dropped and never guessed: an ambiguous short name (龙山: 龙山县 in Hunan, 龙山区 in
Jilin) is settled only by the row's own context (a province or prefecture column, a chained name) or
by the province most of the list's other rows are in.

Shipped files keep the columns of their source (shared/reference) and add ``code`` (the Region code),
``code_kind`` (``exact``: the row names that unit; ``containing``: the row names something without a
standard code, e.g. 洪江区 = 怀化市洪江管理区 or a village, and the code is the official unit that
contains or administers it; ``seat``, pairings only: the row names a 兵团 division, which has no code, and
the code is the county-level city it governs as one, 师市合一 — a seat row covers that city) and
``code_note``. data/reference/lists.csv is the catalogue.

Public API:
- ``catalog()`` → the shipped lists (``ListInfo``), including the ones known to be missing.
- ``load_list(name_or_path, gazetteer=None)`` → ``RegionList`` (shipped name or a user's CSV/XLSX).
- ``parse_list_file(path, gazetteer=None)`` / ``resolve_rows(rows, gazetteer)`` for user lists.
- ``resolve_name(gazetteer, text, context=())`` → ``Resolution`` of one written name.
- ``load_pairings(names=None)`` → ``OfficialPairing`` rows of every shipped pairing list.
- ``programmes()``, ``programme_of(program)``, ``programme_of_mechanism(mechanism)``: the national
  programmes (data/reference/programs.csv) official rows and document pairings belong to.
- ``designations_by_code()`` → code → names of the designation lists it is on (for node annotations).
"""

from __future__ import annotations

import csv
import functools
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bangfu.knowledge.gazetteer import GazetteerLike, get_gazetteer
from bangfu.knowledge.names import normalize
from bangfu.knowledge.paths import data_dir
from bangfu.knowledge.sources import repost_only, row_sources, source
from bangfu.knowledge.textcodec import TextCodecError, decode_text


class ListError(ValueError):
    """A list that cannot be read at all (unknown name, missing list, unsupported file)."""


def reference_dir() -> Path:
    return data_dir() / "reference"


# ---------------------------------------------------------------------------------------------- names
_CODE = re.compile(r"^\d{6}(\d{6})?$")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】")
_EDGE_PUNCT = " ,，;；。.、:：*#\"'“”‘’"
_MIN_SURFACE, _MAX_SURFACE = 2, 24


def normalize_name(text: str) -> str:
    """A written name as the gazetteer spells it: the search index's form (NFKC: 全角 digits and
    brackets; no spaces; simplified characters: 龍山縣 → 龙山县) without bracketed remarks
    (洪江区（洪江管理区）) or stray punctuation."""
    text = normalize(text)
    previous = None
    while previous != text:
        previous, text = text, _BRACKETED.sub("", text)
    return text.strip(_EDGE_PUNCT)


def as_code(text: str) -> str | None:
    """433130 or the 12-digit statistical form 433130000000 → 433130; anything else → None."""
    digits = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))
    if digits.endswith(".0"):  # a spreadsheet number read as float text
        digits = digits[:-2]
    if not _CODE.match(digits):
        return None
    if len(digits) == 12 and digits[6:] != "000000":
        return None  # a township/village code: not a county
    return digits[:6]


def province_code(gaz: GazetteerLike, code: str) -> str:
    region = gaz.by_code[code]
    return str(getattr(region, "province", None) or code)


def region_label(gaz: GazetteerLike, code: str) -> str:
    """``龙山县 433130 (湖南省)``: how a candidate is shown to a user choosing between several."""
    region = gaz.by_code[code]
    prov = gaz.by_code.get(province_code(gaz, code))
    where = f" ({prov.name})" if prov is not None and prov.code != code else ""
    return f"{region.name} {code}{where}"


@dataclass(frozen=True)
class Resolution:
    """What a written name resolves to.

    ``code`` is set only when one Region is left; ``candidates`` are the codes still possible (the
    choice a user must make when ambiguous, or suggestions when ``rest`` is not empty); ``rest`` is the
    tail no gazetteer name covers (大安乡 in 龙山县大安乡); ``via`` says which rule decided.
    """

    code: str | None
    candidates: tuple[str, ...] = ()
    via: str = ""
    rest: str = ""
    note: str = ""

    @property
    def status(self) -> str:
        if self.code:
            return "resolved"
        return "ambiguous" if len(self.candidates) > 1 and not self.rest else "unresolved"


def segment(gaz: GazetteerLike, text: str) -> tuple[list[tuple[str, list[str]]], str]:
    """Split a chained name into gazetteer names with the fewest pieces (湘西州|龙山县).

    Returns the pieces with their candidate codes and the unmatched tail. Fewest pieces, not greedy
    longest-first, so a long alias that swallows the start of the next name cannot break the chain.
    """
    n = len(text)
    best: dict[int, tuple[int, int, list[str]]] = {0: (0, -1, [])}
    for i in range(n):
        if i not in best:
            continue
        for j in range(i + _MIN_SURFACE, min(n, i + _MAX_SURFACE) + 1):
            regions = gaz.lookup(text[i:j])
            if regions and (j not in best or best[i][0] + 1 < best[j][0]):
                best[j] = (best[i][0] + 1, i, sorted({r.code for r in regions}))
    end = max(best)
    pieces: list[tuple[str, list[str]]] = []
    j = end
    while j > 0:
        _, i, codes = best[j]
        pieces.append((text[i:j], codes))
        j = i
    pieces.reverse()
    return pieces, text[end:]


def _within_any(gaz: GazetteerLike, code: str, ancestors: Iterable[str]) -> bool:
    return any(code == a or gaz.is_within(code, a) for a in ancestors)


def _narrow(candidates: list[str], keep: list[str]) -> list[str]:
    """Narrow to ``keep`` when that leaves something; a rule that would rule out everything is ignored."""
    return keep if keep else candidates


def resolve_name(gaz: GazetteerLike, text: str, context: Sequence[str] = ()) -> Resolution:
    """Resolve one written name; ``context`` holds codes the row itself places it in (its province or
    prefecture column). List-wide context is ``resolve_rows``'s job."""
    code = as_code(text)
    if code is not None:
        if code in gaz.by_code:
            return Resolution(code, (code,), "code")
        return Resolution(None, (), "code", rest=code, note=f"{code} is not a code in the gazetteer")
    name = normalize_name(text)
    if not name:
        return Resolution(None, (), "", note="empty name")
    if name.isascii():  # gazetteer names are Chinese: a URL, a remark or a number is not one
        return Resolution(None, (), "", rest=name, note="no gazetteer name found in it")
    pieces, rest = segment(gaz, name)
    if not pieces:
        return Resolution(None, (), "", rest=name, note="no gazetteer name found in it")
    surface, candidates = pieces[0]
    via = "name"
    for i, (child, codes) in enumerate(pieces[1:], start=1):
        inside = [c for c in codes if _within_any(gaz, c, [p for p in candidates if p != c])]
        if not inside:  # the chain stops making sense here: keep what it said so far as a hint
            tail = "".join(s for s, _ in pieces[i:]) + rest
            return Resolution(None, tuple(candidates), via, tail, note=f"{tail}: not found inside {surface}")
        surface, candidates, via = child, inside, "chain"
    if len(candidates) > 1:
        exact = [c for c in candidates if gaz.by_code[c].name == surface]
        if len(exact) == 1:
            candidates = exact
    if len(candidates) > 1 and context:
        candidates = _narrow(candidates, [c for c in candidates if _within_any(gaz, c, context)])
        via = "row" if len(candidates) == 1 else via
    note = f"not a gazetteer name: {rest}" if rest else ""
    if len(candidates) == 1 and not rest:
        return Resolution(candidates[0], tuple(candidates), via)
    return Resolution(None, tuple(candidates), via, rest, note)


def settle_by_list(
    gaz: GazetteerLike, candidates: Sequence[str], votes: Counter[str], prefer_level: str | None = "county"
) -> tuple[str | None, str]:
    """Pick one of an ambiguous name's candidates by the list's other rows, or none.

    First the province most of the list's resolved rows are in (strictly more votes than any other
    candidate's province), then, among what is left, the level the list is made of (玉树 in a county
    list: 玉树市, not 玉树藏族自治州). Returns (code or None, rule used).
    """
    ranked = [(votes.get(province_code(gaz, c), 0), c) for c in candidates]
    top = max(v for v, _ in ranked)
    left = [c for v, c in ranked if v == top] if top > 0 else list(candidates)
    if len(left) == 1:
        return left[0], "list"
    if prefer_level:
        at_level = [c for c in left if getattr(gaz.by_code[c], "level", None) == prefer_level]
        if len(at_level) == 1:
            return at_level[0], "list+level" if top > 0 else "level"
    return None, ""


# ---------------------------------------------------------------------------------------------- lists
@dataclass(frozen=True)
class ListEntry:
    """One row of a list, resolved or not. ``row`` is the row number in the file (header = 1)."""

    row: int
    raw: str
    code: str | None
    name: str | None = None
    status: str = "resolved"  # resolved | ambiguous | unresolved
    via: str = ""
    candidates: tuple[str, ...] = ()
    exact: bool = True  # False: ``code`` is the unit containing/administering what the row names
    note: str = ""
    source: str | None = None
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        """What to call the row in a report: the gazetteer name, or the row's own words when the
        code stands for a containing unit (洪江区, not 怀化市)."""
        return (self.name if self.exact and self.name else self.raw) or self.raw


@dataclass
class RegionList:
    name: str
    title: str
    entries: list[ListEntry]
    path: str | None = None
    note: str = ""

    @property
    def resolved(self) -> list[ListEntry]:
        return [e for e in self.entries if e.code]

    @property
    def problems(self) -> list[ListEntry]:
        """Rows not pinned to one Region: what the user must be told about."""
        return [e for e in self.entries if not e.code]


@dataclass(frozen=True)
class RawRow:
    """A user's row before resolution: the name cell, codes of its context cells, a code cell."""

    row: int
    name: str
    context: tuple[str, ...] = ()
    code: str | None = None
    fields: dict[str, str] = field(default_factory=dict, compare=False, hash=False)


def resolve_rows(
    rows: Sequence[RawRow],
    gaz: GazetteerLike,
    *,
    prefer_level: str | None = "county",
    source: str | None = None,
) -> list[ListEntry]:
    """Resolve a list's rows, then settle the ambiguous ones by the province the others are in.

    Only rows resolved by their own words (a code, a unique or chained name, the row's context) vote:
    a row settled by the list never settles another.
    """
    first = [_resolve_row(gaz, r) for r in rows]
    votes: Counter[str] = Counter(province_code(gaz, res.code) for res in first if res.code)
    entries: list[ListEntry] = []
    for raw, res in zip(rows, first, strict=True):
        code, via = res.code, res.via
        if code is None and res.status == "ambiguous":
            code, rule = settle_by_list(gaz, res.candidates, votes, prefer_level)
            via = rule or via
        status = "resolved" if code else res.status
        entries.append(
            ListEntry(
                row=raw.row,
                raw=raw.name or (raw.code or ""),
                code=code,
                name=gaz.by_code[code].name if code else None,
                status=status,
                via=via,
                candidates=res.candidates if not code else (code,),
                note=_problem_note(gaz, res) if not code else "",
                source=source,
                fields=dict(raw.fields),
            )
        )
    return entries


def _problem_note(gaz: GazetteerLike, res: Resolution) -> str:
    """What a user needs to fix a row: why it failed and the places it could mean."""
    choices = ", ".join(region_label(gaz, c) for c in res.candidates if c in gaz.by_code)
    if not choices:
        return res.note
    lead = "could be" if res.status == "ambiguous" else "did you mean"
    return "; ".join(x for x in (res.note, f"{lead}: {choices}") if x)


def _resolve_row(gaz: GazetteerLike, row: RawRow) -> Resolution:
    if row.code:
        by_code = resolve_name(gaz, row.code)
        if by_code.code or not row.name:
            return by_code
    return resolve_name(gaz, row.name, row.context)


# ---------------------------------------------------------------------------------------------- files
_NAME_HEADERS = (
    "county",
    "name",
    "区县",
    "县区",
    "县市区",
    "县名",
    "名称",
    "地区",
    "区域",
    "县",
)
_CODE_HEADERS = ("code", "adcode", "区划代码", "行政区划代码", "代码", "编码")
_CONTEXT_HEADERS = ("province", "prefecture", "city", "省份", "省", "市州", "地市", "州市", "市", "州")
_OTHER_HEADERS = ("序号", "no", "备注", "note", "notes", "source", "来源", "level", "级别", "year", "年")


def _header_kind(cell: str) -> str | None:
    text = normalize_name(cell).lower()
    if not text:
        return None
    for kind, words in (
        ("code", _CODE_HEADERS),
        ("name", _NAME_HEADERS),
        ("context", _CONTEXT_HEADERS),
        ("other", _OTHER_HEADERS),
    ):
        if text in words or (len(text) <= 8 and any(w in text for w in words if len(w) > 1)):
            return kind
    return None


def read_table(path: Path) -> list[list[str]]:
    """The cells of a CSV/TSV/TXT or XLSX file as text (spreadsheet numbers without ``.0``)."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix == ".xls":
        raise ListError(f"{path}: old .xls workbooks are not read; save it as .xlsx or .csv")
    if suffix not in (".csv", ".tsv", ".txt", ""):
        raise ListError(f"{path}: unsupported list file ({suffix}); use CSV or XLSX, one county per row")
    try:
        text = decode_text(path.read_bytes()).text
    except TextCodecError as exc:
        raise ListError(f"{path}: {exc}") from exc
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel_tab if suffix == ".tsv" else csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def _read_xlsx(path: Path) -> list[list[str]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        for ws in wb.worksheets:
            rows = [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
            if any(any(c for c in row) for row in rows):
                return rows
        return []
    finally:
        wb.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def table_rows(gaz: GazetteerLike, table: list[list[str]]) -> tuple[list[RawRow], list[str] | None]:
    """Turn cells into rows: find the header (if any), the name column, a code column, context columns.

    A first row counts as a header only when none of its cells resolves and one of them reads like a
    column title (县/名称/county/代码…): an unresolvable first county must be listed back, not eaten.
    Without a header the name column is the one where most cells resolve.
    """
    numbered = [(i + 1, row) for i, row in enumerate(table) if any(c.strip() for c in row)]
    if not numbered:
        return [], None
    width = max(len(r) for _, r in numbered)
    header: list[str] | None = None
    first = numbered[0][1]
    kinds = [_header_kind(c) for c in first]
    if any(kinds) and not any(_resolves(gaz, c) for c in first if c):
        header = list(first)
        numbered = numbered[1:]
    else:
        kinds = [None] * width
    kinds += [None] * (width - len(kinds))
    name_col = kinds.index("name") if "name" in kinds else None
    code_col = kinds.index("code") if "code" in kinds else None
    if name_col is None:
        scores = [sum(_resolves(gaz, r[i]) for _, r in numbered if i < len(r)) for i in range(width)]
        text_scores = [
            s if not all(as_code(r[i]) for _, r in numbered if i < len(r) and r[i]) else -1
            for i, s in enumerate(scores)
        ]
        name_col = max(range(width), key=lambda i: (text_scores[i], -i))
    if code_col is None:
        code_col = next(
            (
                i
                for i in range(width)
                if i != name_col
                and all(as_code(r[i]) for _, r in numbered if i < len(r) and r[i])
                and any(i < len(r) and r[i] for _, r in numbered)
            ),
            None,
        )
    context_cols = [i for i, k in enumerate(kinds) if k == "context" and i not in (name_col, code_col)]
    rows: list[RawRow] = []
    for number, cells in numbered:
        cells = cells + [""] * (width - len(cells))
        name = cells[name_col].strip()
        code = cells[code_col].strip() if code_col is not None else None
        context = tuple(c for c in (_context_code(gaz, cells[i]) for i in context_cols) if c)
        if not name and not code:
            name = " ".join(c for c in cells if c.strip())  # a row with no name is still listed back
        fields = {
            (header[i] if header and i < len(header) and header[i] else f"col{i + 1}"): cells[i]
            for i in range(width)
        }
        rows.append(RawRow(number, name, context, code or None, fields))
    return rows, header


def _resolves(gaz: GazetteerLike, cell: str) -> bool:
    return bool(cell) and bool(resolve_name(gaz, cell).candidates)


def _context_code(gaz: GazetteerLike, cell: str) -> str | None:
    res = resolve_name(gaz, cell) if cell else None
    return res.code if res is not None else None


def parse_list_file(path: str | Path, gazetteer: GazetteerLike | None = None) -> RegionList:
    """A user's list (CSV/XLSX, one county per row) resolved against the gazetteer."""
    p = Path(path)
    if not p.is_file():
        raise ListError(f"{p}: no such file")
    gaz = gazetteer or get_gazetteer()
    rows, header = table_rows(gaz, read_table(p))
    entries = resolve_rows(rows, gaz, source=str(p))
    note = f"header: {', '.join(h for h in header if h)}" if header else "no header row"
    return RegionList(name=p.name, title=p.stem, entries=entries, path=str(p), note=note)


# ---------------------------------------------------------------------------------------------- shipped
@dataclass(frozen=True)
class ListInfo:
    """A catalogue row of data/reference/lists.csv: a shipped list, or one known to be missing."""

    name: str
    kind: str  # designation | pairings
    file: str  # empty when the list is missing
    title: str
    expected: int | None
    status: str  # complete | partial | missing
    note: str
    source: str

    @property
    def path(self) -> Path | None:
        return reference_dir() / self.file if self.file else None


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def catalog() -> list[ListInfo]:
    rows = _read_csv(reference_dir() / "lists.csv")
    return [
        ListInfo(
            name=r["name"],
            kind=r["kind"],
            file=r["file"],
            title=r["title"],
            expected=int(r["expected"]) if r["expected"] else None,
            status=r["status"],
            note=r["note"],
            source=r["source"],
        )
        for r in rows
    ]


def list_info(name: str) -> ListInfo:
    for info in catalog():
        if info.name == name:
            return info
    names = ", ".join(i.name for i in catalog() if i.kind == "designation")
    raise ListError(f"no shipped list called {name!r} (shipped: {names}; or give a CSV/XLSX file)")


def load_shipped(name: str, gazetteer: GazetteerLike | None = None) -> RegionList:
    """A shipped designation list, codes as the data file gives them (tests check them against the
    gazetteer; loading stays a plain read)."""
    info = list_info(name)
    if info.kind != "designation":
        raise ListError(f"{name} is a list of pairings, not of counties; see `bangfu lists`")
    if info.path is None:
        raise ListError(f"{name} ({info.title}) is not shipped: {info.note}")
    gaz = gazetteer or get_gazetteer()
    rows = _read_csv(info.path)
    entries = []
    for i, r in enumerate(rows, start=2):
        code = r.get("code") or None
        region = gaz.by_code.get(code) if code else None
        entries.append(
            ListEntry(
                row=i,
                raw=r["county"],
                code=code if region is not None else None,
                name=region.name if region is not None else None,
                status="resolved" if region is not None else "unresolved",
                via="data",
                candidates=(code,) if code else (),
                exact=r.get("code_kind", "exact") != "containing",
                note=r.get("code_note", "")
                if region is not None
                else f"code {code or '(none)'} not in the gazetteer",
                source=r.get("source_url") or None,
                fields=r,
            )
        )
    return RegionList(name=name, title=info.title, entries=entries, path=str(info.path), note=info.note)


def load_list(name_or_path: str | Path, gazetteer: GazetteerLike | None = None) -> RegionList:
    """A shipped list by name (``hunan-51``) or a user's file by path."""
    text = str(name_or_path)
    if Path(text).suffix or Path(text).exists():
        return parse_list_file(text, gazetteer)
    return load_shipped(text, gazetteer)


def list_rows(info: ListInfo) -> list[dict[str, str]]:
    """The raw rows of a shipped file (empty for a missing list)."""
    return _read_csv(info.path) if info.path is not None else []


# ---------------------------------------------------------------------------------------------- pairings
_YEAR = re.compile(r"(\d{4})")


def _year(text: str) -> tuple[int | None, bool]:
    """``2020`` → (2020, False); ``2020?`` → (2020, True): approximate years stay marked."""
    found = _YEAR.search(text or "")
    return (int(found.group(1)), "?" in text or "约" in text) if found else (None, False)


@dataclass(frozen=True)
class OfficialPairing:
    """One row of an official pairing list: helper → helped, in force from ``since`` to ``until``.

    ``helper_codes`` is empty when the helper is not a region (a university, a company, a park);
    ``helped_codes`` holds several codes for a group row the source does not split one-to-one.
    ``helped_exact`` is False when the helped is below what the gazetteer codes (a township or a
    village) and the code is its county: such a row is shown, but does not cover the whole county.
    An open ``since``/``until`` means the source gives no year, not that the pairing is timeless.
    """

    list_name: str
    row: int
    helper: str
    helped: str
    helper_codes: tuple[str, ...]
    helped_codes: tuple[str, ...]
    helped_exact: bool
    level: str
    since: int | None
    until: int | None
    until_approx: bool
    program: str
    source_url: str
    notes: str
    replaces: str = ""  # the pair (helper→helped as its list writes it) this row takes over from

    @property
    def mechanism(self) -> str:
        """The ASSISTS mechanism this row's programme is (data/reference/programs.csv)."""
        return mechanism_of(self.program)

    @property
    def programme(self) -> str:
        """The national programme this row belongs to (东西部协作, 对口支援, 定点帮扶, 省内对口帮扶):
        what planners filter by; ``program`` is the source's own wording."""
        return programme_of(self.program)

    def in_force(self, year: int | None) -> bool:
        if year is None:
            return True
        return (self.since is None or self.since <= year) and (self.until is None or year <= self.until)

    def to_json(self) -> dict[str, Any]:
        """The row as reports carry it (coverage's JSON, reconciliation's), with its list and source."""
        return {
            "list": self.list_name,
            "row": self.row,
            "helper": self.helper,
            "helped": self.helped,
            "since": self.since,
            "until": self.until,
            "until_approx": self.until_approx,
            "program": self.program,
            "programme": self.programme,
            "source_url": self.source_url,
            "source": source(self.source_url).label if self.source_url else "",
            "repost_only": repost_only(row_sources(self.source_url, self.notes)),
            "notes": self.notes,
        }

    def years(self) -> str:
        if self.since is None and self.until is None:
            return ""
        until = "" if self.until is None else f"{self.until}{'?' if self.until_approx else ''}"
        return f"{self.since or '?'}–{until}"


@functools.cache
def _programs() -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (r["keyword"], r["mechanism"], r["programme"]) for r in _read_csv(reference_dir() / "programs.csv")
    )


def _program_row(program: str) -> tuple[str, str, str]:
    """The programs.csv row a list's programme names: the first keyword it contains; the last row
    (对口帮扶) is the default for a programme that names none."""
    table = _programs()
    return next((row for row in table if row[0] in program), table[-1])


def mechanism_of(program: str) -> str:
    """The ASSISTS mechanism a list's programme names (对口援疆 → 对口支援)."""
    return _program_row(program)[1]


def programme_of(program: str) -> str:
    """The national programme a list's programme belongs to, what a planner filters by
    (东西部扶贫协作(2016-2020) → 东西部协作, 湖南省内对口帮扶(湘西) → 省内对口帮扶)."""
    return _program_row(program)[2]


def programmes() -> tuple[str, ...]:
    """Every programme a planner can filter by, in programs.csv's order."""
    return tuple(dict.fromkeys(row[2] for row in _programs()))


def check_programme(name: str | None) -> str | None:
    """A programme a user typed, or a ``ListError`` naming the ones there are."""
    if name is None or name in programmes():
        return name
    raise ListError(f"unknown programme {name!r} (one of: {', '.join(programmes())})")


def programme_of_mechanism(mechanism: str | None) -> str:
    """The programme of a document pairing's mechanism (携手奔小康 → 东西部协作); a mechanism no
    programme lists (消费帮扶, 结对帮扶) is its own, an unknown one (None) is ""."""
    if not mechanism:
        return ""
    return next((row[2] for row in _programs() if row[1] == mechanism), mechanism)


def _codes(text: str) -> tuple[str, ...]:
    return tuple(c for c in (text or "").replace(",", ";").split(";") if c.strip())


def load_pairings(names: Iterable[str] | None = None) -> list[OfficialPairing]:
    """Every row of the shipped pairing lists (or of the named ones)."""
    wanted = set(names) if names is not None else None
    out: list[OfficialPairing] = []
    for info in catalog():
        if info.kind != "pairings" or info.path is None or (wanted is not None and info.name not in wanted):
            continue
        for i, r in enumerate(_read_csv(info.path), start=2):
            since, _ = _year(r.get("since", ""))
            until, approx = _year(r.get("until", ""))
            out.append(
                OfficialPairing(
                    list_name=info.name,
                    row=i,
                    helper=r["helper"],
                    helped=r["helped"],
                    helper_codes=_codes(r.get("helper_code", "")),
                    helped_codes=_codes(r.get("helped_code", "")),
                    helped_exact=r.get("helped_code_kind", "exact") != "containing",
                    level=r.get("level", ""),
                    since=since,
                    until=until,
                    until_approx=approx,
                    program=r.get("program", ""),
                    source_url=r.get("source_url", ""),
                    notes=r.get("notes", ""),
                    replaces=r.get("replaces", ""),
                )
            )
    return out


def designations_by_code() -> dict[str, list[str]]:
    """code → names of the shipped designation lists it is on (``designations`` on Region nodes)."""
    out: dict[str, list[str]] = {}
    for info in catalog():
        if info.kind != "designation" or info.path is None:
            continue
        for r in _read_csv(info.path):
            if r.get("code") and r.get("code_kind", "exact") == "exact":
                out.setdefault(r["code"], []).append(info.name)
    return out


@dataclass(frozen=True)
class ProvinceRole:
    """One region's side in a province-internal programme (珠三角 helps 粤东西北, 苏南 helps 苏北)."""

    program: str
    province: str
    side: str  # helper | helped
    code: str
    source: str


def province_internal_roles() -> list[ProvinceRole]:
    """data/reference/province_internal_roles.csv: which side of a province-internal programme a
    region is on, so a two-sided statement inside one province gets its direction."""
    path = reference_dir() / "province_internal_roles.csv"
    return [
        ProvinceRole(r["program"], r["province"], r["side"], r["code"], r["source"]) for r in _read_csv(path)
    ]
