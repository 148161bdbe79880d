"""Coverage: for each county on a list, who helps it — directly, through its prefecture, through its
province — by which mechanism, since when, and where it is written; and what the official lists say.

Why an index and not graph queries: the planner's table covers every county of a list at once (the
benchmark: ~2,800 counties against 100,000 ASSISTS edges). ``CoverageIndex`` reads the graph once into
helped code → pairings, then each county costs a few dictionary look-ups along its gazetteer chain
(county → prefecture → province); the hierarchy comes from the gazetteer, so the graph need not hold
PART_OF edges for regions no document mentions.

Two layers, never mixed: ``coverage`` is decided by the documents alone (direct | prefecture |
province | none); the official pairing lists (bangfu/knowledge/lists.py) are shown beside it. A county that
only an official list covers is ``official-only``; a document pairing no official list has (nor one
containing it) is flagged ``official=False``. Pairings to a village or township inside a county are not
coverage of the county.

Time (``as_of``): a document pairing counts in year Y when the years of its *current* evidence (not
past, not planned) span Y — undated evidence cannot be placed and does not count; an official pairing
counts when Y lies in since..until. Without ``as_of`` every pairing counts, whatever its status.

Programme (``programme``: 东西部协作, 对口支援, 定点帮扶, 省内对口帮扶 — data/reference/programs.csv): an official
row is in its list's programme; a document pairing is in the programmes of the official rows that have it,
of any year (济南→龙山 is 东西部协作 whatever a text calls it), else in its mechanism's. Filtering by one keeps
only that programme's pairings on both layers, so a county 对口支援 covers shows as not covered by 东西部协作.

Public API: ``CoverageIndex(graph, gazetteer=None, pairings=None)``,
``.coverage(entries, as_of=None, programme=None)``
→ ``list[CountyCoverage]``; ``coverage(...)`` for one-off use; ``unpaired(results, level)``;
``entries_from_codes(gazetteer, codes)``; ``DocPairing``, ``LevelCover``, ``CountyCoverage``.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import networkx as nx

from bangfu.knowledge.gazetteer import GazetteerLike, get_gazetteer
from bangfu.knowledge.lists import (
    ListEntry,
    OfficialPairing,
    load_pairings,
    programme_of_mechanism,
)
from graph.evidence import year_of

COVERAGE_LEVELS = ("direct", "prefecture", "province", "official-only", "none")
_RANK = {"direct": 4, "prefecture": 3, "province": 2, "official-only": 1, "none": 0}
# --level county|prefecture|province: the coverage a county needs not to be reported
REQUIRED = {"county": "direct", "prefecture": "prefecture", "province": "province"}
_REGION_CODE = re.compile(r"^region:(\d{6})$")


def _code_of(node_id: str) -> str | None:
    """``region:433130`` → 433130; villages (``region:<county>:<name>``) and non-regions → None."""
    found = _REGION_CODE.match(node_id)
    return found.group(1) if found else None


def _span(years: Iterable[int]) -> str:
    ys = sorted(set(years))
    if not ys:
        return ""
    return str(ys[0]) if ys[0] == ys[-1] else f"{ys[0]}–{ys[-1]}"


class DocPairing(NamedTuple):
    """One ASSISTS edge of the graph, as coverage needs it (built once per index; a NamedTuple because
    an index holds one per edge and builds 100,000 of them)."""

    helper: str  # node id
    helper_name: str
    helper_code: str | None
    helped_code: str
    mechanism: str | None
    status: str
    inferred: bool
    first_year: int | None
    last_year: int | None
    evidence: tuple[dict, ...]
    current: tuple[int, int] | None  # years spanned by current-status dated evidence

    def in_force(self, year: int | None) -> bool:
        if year is None:
            return True
        return self.current is not None and self.current[0] <= year <= self.current[1]

    def years(self) -> list[int]:
        return [y for y in (self.first_year, self.last_year) if y is not None]


class LevelCover:
    """What reaches a county at one step of its chain: ``via`` direct|prefecture|province, ``code`` the
    unit the pairings point at (the county itself, its prefecture or its province).

    One object per (code, via) per query, shared by every county below that code; the pairings in
    force ``as_of`` are filtered on first use, and whether there are any stops at the first one.
    """

    __slots__ = (
        "via",
        "code",
        "as_of",
        "programme",
        "_index",
        "_official",
        "_docs_in_force",
        "_official_in_force",
    )

    def __init__(
        self,
        via: str,
        code: str,
        index: CoverageIndex,
        official: Sequence[OfficialPairing],
        as_of: int | None,
        programme: str | None = None,
    ) -> None:
        self.via, self.code, self.as_of, self.programme = via, code, as_of, programme
        self._index, self._official = index, official
        self._docs_in_force: tuple[DocPairing, ...] | None = None
        self._official_in_force: tuple[OfficialPairing, ...] | None = None

    @property
    def documents(self) -> tuple[DocPairing, ...]:
        if self._docs_in_force is None:
            self._docs_in_force = tuple(d for d in self._index.pairings(self.code) if self._counts(d))
        return self._docs_in_force

    def _counts(self, d: DocPairing) -> bool:
        """Whether a document pairing counts here: in force ``as_of``, in the ``programme`` asked."""
        if self.as_of is not None and not d.in_force(self.as_of):
            return False
        return self.programme is None or self.programme in self._index.programmes_of(d)

    @property
    def official(self) -> tuple[OfficialPairing, ...]:
        if self._official_in_force is None:
            self._official_in_force = tuple(
                p
                for p in self._official
                if p.in_force(self.as_of) and (self.programme is None or p.programme == self.programme)
            )
        return self._official_in_force

    def has_documents(self) -> bool:
        if self._docs_in_force is not None:
            return bool(self._docs_in_force)
        if self.as_of is None and self.programme is None:
            return self._index.has_edges(self.code)
        return any(self._counts(d) for d in self._index.pairings(self.code))


@dataclass
class CountyCoverage:
    """A list row with its coverage; summaries are computed on demand so the query stays cheap."""

    entry: ListEntry
    levels: tuple[LevelCover, ...]
    coverage: str  # one of COVERAGE_LEVELS, or the entry's status (unresolved | ambiguous)
    as_of: int | None
    index: CoverageIndex
    covered_by: LevelCover | None = None  # the chain step that decided ``coverage``
    official_only: bool = False  # ... and it was decided by the official layer

    def covering(self) -> tuple[LevelCover | None, bool]:
        """The chain step behind ``coverage`` and whether it is the official layer's."""
        return self.covered_by, self.official_only

    @property
    def helpers(self) -> list[str]:
        lc, official = self.covering()
        if lc is None:
            return []
        if official:
            return _unique(p.helper for p in lc.official)
        mark = self.as_of is None
        return _unique(
            d.helper_name + (f" ({d.status})" if mark and d.status != "current" else "") for d in lc.documents
        )

    @property
    def mechanisms(self) -> list[str]:
        lc, official = self.covering()
        if lc is None:
            return []
        if official:
            return _unique(p.program for p in lc.official if p.program)
        return _unique(d.mechanism for d in lc.documents if d.mechanism)

    @property
    def programmes(self) -> list[str]:
        """The national programmes of the pairings that decided the coverage (东西部协作, 对口支援 …)."""
        lc, official = self.covering()
        if lc is None:
            return []
        if official:
            return _unique(p.programme for p in lc.official)
        return _unique(x for d in lc.documents for x in sorted(self.index.programmes_of(d)))

    @property
    def years(self) -> str:
        lc, official = self.covering()
        if lc is None:
            return ""
        if official:
            return "; ".join(_unique(p.years() for p in lc.official if p.years()))
        return _span(y for d in lc.documents for y in d.years())

    @property
    def evidence_count(self) -> int:
        lc, official = self.covering()
        return 0 if lc is None or official else sum(len(d.evidence) for d in lc.documents)

    def name_of(self, level: str) -> str:
        """The name of the county's prefecture or province ("" when it has none or is unresolved)."""
        gaz = self.index.gazetteer
        for code in self.index.chain_codes(self.entry.code) if self.entry.code else ():
            region = gaz.by_code[code]
            if getattr(region, "level", None) == level:
                return str(region.name)
        return ""

    def official_summary(self) -> list[str]:
        return _unique(
            f"{p.helper}→{self.index.name(lc.code)} ({lc.via}{', ' + p.years() if p.years() else ''})"
            for lc in self.levels
            for p in lc.official
        )

    def not_official(self) -> list[DocPairing]:
        """Document pairings reaching this county that no official list has (nor a pairing containing it)."""
        return [d for lc in self.levels for d in lc.documents if not self.index.is_official(d, self.as_of)]

    # ---------------------------------------------------------------- output
    def row(self) -> dict[str, Any]:
        """The flat row a planner sorts, filters and downloads."""
        return {
            "row": self.entry.row,
            "county": self.entry.label,
            "code": self.entry.code or "",
            "prefecture": self.name_of("prefecture"),
            "province": self.name_of("province"),
            "coverage": self.coverage,
            "helpers": "; ".join(self.helpers),
            "mechanisms": "; ".join(self.mechanisms),
            "programmes": "; ".join(self.programmes),
            "years": self.years,
            "evidence": self.evidence_count,
            "official": "; ".join(self.official_summary()),
            "not_in_official": "; ".join(
                _unique(f"{d.helper_name}→{self.index.name(d.helped_code)}" for d in self.not_official())
            ),
            "note": self.entry.note,
        }

    def to_json(self) -> dict[str, Any]:
        """Everything behind the row: every pairing at every level with its evidence and sources."""
        e = self.entry
        return {
            **self.row(),
            "entry": {
                "row": e.row,
                "raw": e.raw,
                "status": e.status,
                "via": e.via,
                "exact": e.exact,
                "candidates": list(e.candidates),
                "source": e.source,
            },
            "levels": [
                {
                    "via": lc.via,
                    "code": lc.code,
                    "name": self.index.name(lc.code),
                    "documents": [
                        {
                            "helper": d.helper,
                            "helper_name": d.helper_name,
                            "mechanism": d.mechanism,
                            "status": d.status,
                            "inferred": d.inferred,
                            "first_year": d.first_year,
                            "last_year": d.last_year,
                            "official": self.index.is_official(d, self.as_of),
                            "programmes": sorted(self.index.programmes_of(d)),
                            "evidence": list(d.evidence),
                        }
                        for d in lc.documents
                    ],
                    "official": [p.to_json() for p in lc.official],
                }
                for lc in self.levels
            ],
            "official_within": [
                p.to_json() for p in self.index.official_within(e.code, self.as_of) if e.code
            ],
        }


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


class CoverageIndex:
    """helped code → pairings, built once from a graph (networkx MultiDiGraph or KnowledgeGraph)."""

    def __init__(
        self,
        graph: Any,
        gazetteer: GazetteerLike | None = None,
        pairings: Sequence[OfficialPairing] | None = None,
    ) -> None:
        g: nx.MultiDiGraph = graph if isinstance(graph, nx.Graph) else graph.graph  # or a KnowledgeGraph
        self.gazetteer = gazetteer or get_gazetteer()
        self._by_code = self.gazetteer.by_code
        self._nodes = g.nodes
        # helped code → (helper id, edge attributes); made into DocPairings per code on first use
        self._edges: dict[str, list[tuple[str, dict]]] = defaultdict(list)
        self._pairings: dict[str, tuple[DocPairing, ...]] = {}
        # few nodes and dates, many edges: parse each node id and each date once
        self._code_of, self._year = functools.cache(_code_of), functools.cache(year_of)
        self._helpers: dict[str, tuple[str, str | None]] = {}  # node id → (name, code)
        self._official_answers: dict[tuple, tuple[OfficialPairing, ...]] = {}
        code_of = self._code_of
        for u, v, d in g.edges(data=True):
            if d.get("type") == "ASSISTS":
                helped = code_of(v)
                if helped is not None:
                    self._edges[helped].append((u, d))
        pairings = load_pairings() if pairings is None else pairings
        self.official_rows: tuple[OfficialPairing, ...] = tuple(pairings)
        self._official: dict[str, list[OfficialPairing]] = defaultdict(list)
        self._official_inside: dict[str, list[OfficialPairing]] = defaultdict(list)
        for p in pairings:
            for code in p.helped_codes:
                (self._official if p.helped_exact else self._official_inside)[code].append(p)
        self._chains: dict[str, tuple[str, ...]] = {}

    # ---------------------------------------------------------------- document pairings
    def has_edges(self, code: str) -> bool:
        return code in self._edges

    def pairings(self, code: str) -> tuple[DocPairing, ...]:
        """Every document pairing pointing at ``code`` (built on first use, then kept)."""
        found = self._pairings.get(code)
        if found is None:
            found = self._pairings[code] = tuple(
                _doc_pairing(u, self._helper(u), code, d, self._year) for u, d in self._edges.get(code, ())
            )
        return found

    def all_pairings(self) -> Iterator[DocPairing]:
        """Every document pairing of the graph whose helped side is a coded region."""
        for code in self._edges:
            yield from self.pairings(code)

    def _helper(self, node_id: str) -> tuple[str, str | None]:
        helper = self._helpers.get(node_id)
        if helper is None:
            name = self._nodes[node_id].get("name") or node_id.split(":", 1)[-1]
            helper = self._helpers[node_id] = (str(name), self._code_of(node_id))
        return helper

    # ---------------------------------------------------------------- gazetteer helpers
    def name(self, code: str) -> str:
        region = self._by_code.get(code)
        return str(region.name) if region is not None else code

    def chain_codes(self, code: str) -> tuple[str, ...]:
        """The code and its ancestors, from the gazetteer (cached: counties share their ancestors)."""
        chain = self._chains.get(code)
        if chain is None:
            out = [code]
            parent = getattr(self._by_code.get(code), "parent", None)
            while parent and parent in self._by_code and parent not in out:
                out.append(parent)
                parent = getattr(self._by_code[parent], "parent", None)
            chain = self._chains[code] = tuple(out)
        return chain

    def within(self, code: str, ancestor: str) -> bool:
        """Whether ``code`` is ``ancestor`` or lies inside it."""
        return ancestor in self.chain_codes(code)

    # ---------------------------------------------------------------- official layer
    def is_official(self, d: DocPairing, as_of: int | None = None) -> bool:
        """Whether an official list (in force ``as_of``) pairs this helper with this helped unit, or a
        unit containing each (济南市→湘西州 holds 济南市→龙山县)."""
        return any(p.in_force(as_of) for p in self.official_matches(d))

    def official_matches(self, d: DocPairing) -> tuple[OfficialPairing, ...]:
        """The official rows, of any year, that pair this helper (or a unit containing it) with this
        helped unit (or one containing it), nearest helped unit first."""
        key = (d.helper_code, d.helper_name, d.helped_code)
        found = self._official_answers.get(key)
        if found is None:
            found = self._official_answers[key] = tuple(
                p
                for code in self.chain_codes(d.helped_code)
                for p in self._official.get(code, ())
                if d.helper_name == p.helper
                or (d.helper_code and any(self.within(d.helper_code, h) for h in p.helper_codes))
            )
        return found

    def programmes_of(self, d: DocPairing) -> frozenset[str]:
        """The programmes a document pairing belongs to: those of the official rows that have it
        (whatever the year: 济南→龙山 is 东西部协作 however the text calls it), else its mechanism's."""
        matches = self.official_matches(d)
        if matches:
            return frozenset(p.programme for p in matches)
        own = programme_of_mechanism(d.mechanism)
        return frozenset((own,)) if own else frozenset()

    def official_at(self, code: str) -> tuple[OfficialPairing, ...]:
        """The official rows whose helped unit is exactly ``code`` (any year)."""
        return tuple(self._official.get(code, ()))

    def official_within(self, code: str, as_of: int | None = None) -> list[OfficialPairing]:
        """Official pairings with a township or village of this county (shown, not coverage)."""
        return [p for p in self._official_inside.get(code, ()) if p.in_force(as_of)]

    # ---------------------------------------------------------------- the query
    def coverage(
        self, entries: Iterable[ListEntry], *, as_of: int | None = None, programme: str | None = None
    ) -> list[CountyCoverage]:
        """One ``CountyCoverage`` per entry, in the list's order; unresolved entries stay in.
        ``programme`` (东西部协作, 对口支援 …) keeps only the pairings of that programme, documents'
        and official lists' alike."""
        shared: dict[tuple[str, str], LevelCover] = {}
        out: list[CountyCoverage] = []
        for entry in entries:
            if not entry.code or entry.code not in self._by_code:
                status = entry.status if not entry.code else "unresolved"
                out.append(CountyCoverage(entry, (), status, as_of, self))
                continue
            levels: list[LevelCover] = []
            by_document: LevelCover | None = None  # the highest step a document reaches
            by_official: LevelCover | None = None  # the highest step an official list reaches
            for i, code in enumerate(self.chain_codes(entry.code)):
                via = "direct" if i == 0 and entry.exact else _via(self._by_code[code])
                lc = shared.get((code, via))
                if lc is None:
                    lc = shared[(code, via)] = LevelCover(
                        via, code, self, self._official.get(code, ()), as_of, programme
                    )
                if by_document is None:
                    if lc.has_documents():
                        by_document = lc
                    elif by_official is None and lc.official:
                        by_official = lc
                levels.append(lc)
            chain = tuple(levels)
            if by_document is not None:
                out.append(CountyCoverage(entry, chain, by_document.via, as_of, self, by_document))
            elif by_official is not None:
                out.append(CountyCoverage(entry, chain, "official-only", as_of, self, by_official, True))
            else:
                out.append(CountyCoverage(entry, chain, "none", as_of, self))
        return out


def _via(region: Any) -> str:
    return "province" if getattr(region, "level", None) == "province" else "prefecture"


def _doc_pairing(
    helper_id: str,
    helper: tuple[str, str | None],
    helped: str,
    d: dict,
    year: Callable[[str | None], int | None] = year_of,
) -> DocPairing:
    evidence = tuple(d.get("evidence") or ())
    status = d.get("status") or "current"
    current = [
        y
        for y in (year(ev.get("date")) for ev in evidence if (ev.get("status") or status) == "current")
        if y is not None
    ]
    return DocPairing(
        helper_id,
        helper[0],
        helper[1],
        helped,
        d.get("mechanism"),
        status,
        bool(d.get("inferred")),
        d.get("first_year"),
        d.get("last_year"),
        evidence,
        (min(current), max(current)) if current else None,
    )


def coverage(
    graph: Any,
    entries: Iterable[ListEntry],
    *,
    gazetteer: GazetteerLike | None = None,
    pairings: Sequence[OfficialPairing] | None = None,
    as_of: int | None = None,
    programme: str | None = None,
) -> list[CountyCoverage]:
    """One-off coverage (builds the index; keep a ``CoverageIndex`` to ask several times)."""
    return CoverageIndex(graph, gazetteer, pairings).coverage(entries, as_of=as_of, programme=programme)


def unpaired(results: Iterable[CountyCoverage], level: str = "county") -> list[CountyCoverage]:
    """The rows below the coverage ``level`` needs (county: no direct helper), plus every row that
    could not be resolved: a planner must see those too."""
    need = _RANK[REQUIRED[level]]
    return [r for r in results if r.coverage not in _RANK or _RANK[r.coverage] < need]


def entries_from_codes(gaz: GazetteerLike, codes: Iterable[str]) -> list[ListEntry]:
    """List entries for bare codes (all counties of a province, a benchmark)."""
    return [
        ListEntry(row=i, raw=code, code=code, name=str(gaz.by_code[code].name), via="code")
        for i, code in enumerate(codes, start=1)
    ]
