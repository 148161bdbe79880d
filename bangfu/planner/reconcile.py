"""Reconciliation: the official pairing lists set against what the documents say.

Why: a planner's first question is "who is supposed to help this county, and do the documents show it
happening?". Coverage answers it county by county; this report answers it pairing by pairing, in four
groups:

- ``official-only`` (a): an official row no document evidences — nothing written shows the pairing
  working (株洲市→泸溪县 on the sample corpus).
- ``documents-only`` (b): a document pairing no official list has, with why it may be so: ``local`` (both
  sides in one province: a province's own arrangement), ``unit`` (the helper is an organisation: the
  定点帮扶 lists are far from complete), ``other-helper`` (a list pairs the helped unit with someone else
  in that programme: the document is new, or wrong), ``new`` (none of these).
- ``years`` (c): both have the pairing, but the years disagree: ``ended`` (current evidence after the
  row's ``until``), ``replaced`` (the same, and another row took the helped unit over), ``before-start``
  (current evidence before ``since``), ``said-ended`` (a document calls it past while the list has it
  in force after that).
- ``agree`` (both): the list's row and the documents agree (长沙市→龙山县).

Matching is coverage's (``CoverageIndex.official_matches``): a document pairing evidences an official
row when the row's helper is or contains the document's helper (or has its name: 中国石化) and the row's
helped unit is or contains the document's (济南市→龙山县 evidences 济南市→湘西州). Document evidence a
*another* row of the same pair explains (上海→云南 2016–2020 and 2021–) does not count against a row.

Time (``as_of``): the official rows in force that year, the document pairings in force that year (their
current evidence spans it, as coverage counts them) — and, in (c), rows not in force that year that
documents show current in it (the list says ended, the texts say not). Without ``as_of`` every row and
every pairing counts. ``programme`` keeps one programme on both sides.

Public API: ``reconcile(graph, pairings=None, gazetteer=None, as_of=None, programme=None)`` →
``list[ReconRow]``; ``GROUPS``; ``ReconRow.row()`` (flat, for tables and CSV) and ``.to_json()``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from bangfu.knowledge.gazetteer import GazetteerLike
from bangfu.knowledge.lists import OfficialPairing
from bangfu.knowledge.sources import citation
from bangfu.planner.coverage import CoverageIndex, DocPairing
from graph.evidence import year_of

GROUPS = ("official-only", "documents-only", "years", "agree")
# the columns of ReconRow.row(), in the order reports print them
COLUMNS = (
    "group",
    "kind",
    "helper",
    "helped",
    "programme",
    "list_years",
    "doc_years",
    "evidence",
    "sentence",
    "document",
    "list",
    "source",
    "list_source",
    "note",
)
_LETTER = {"official-only": "a", "documents-only": "b", "years": "c", "agree": "both"}


@dataclass
class ReconRow:
    """One line of the report: an official row (groups a, c, agree) or a document pairing (b)."""

    group: str
    kind: str  # the reason within the group (see the module docstring); "" when there is none
    helper: str
    helped: str
    programme: str
    official: OfficialPairing | None = None
    documents: list[DocPairing] = field(default_factory=list)
    others: list[OfficialPairing] = field(default_factory=list)  # other rows of note (a successor …)
    note: str = ""

    def evidence(self) -> list[dict[str, Any]]:
        return [ev for d in self.documents for ev in d.evidence]

    def doc_years(self) -> str:
        years = sorted({y for ev in self.evidence() if (y := year_of(ev.get("date"))) is not None})
        if not years:
            return ""
        return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"

    def row(self) -> dict[str, Any]:
        """The flat row a table or CSV shows: the first evidence sentence and the list's source."""
        first = next(iter(self.evidence()), {})
        p = self.official
        return {
            "group": _LETTER[self.group],
            "kind": self.kind,
            "helper": self.helper,
            "helped": self.helped,
            "programme": self.programme,
            "list_years": p.years() if p is not None else "",
            "doc_years": self.doc_years(),
            "evidence": len(self.evidence()),
            "sentence": first.get("sentence", ""),
            "document": first.get("title") or first.get("doc", ""),
            "list": f"{p.list_name}:{p.row}" if p is not None else "",
            "source": citation(p.source_url, p.notes) if p is not None else "",
            "list_source": p.source_url if p is not None else "",
            "note": self.note,
        }

    def to_json(self) -> dict[str, Any]:
        """Everything behind the row: the official row(s) whole, each document pairing's evidence."""
        return {
            **self.row(),
            "group_name": self.group,
            "official": self.official.to_json() if self.official is not None else None,
            "others": [p.to_json() for p in self.others],
            "documents": [
                {
                    "helper": d.helper_name,
                    "helped_code": d.helped_code,
                    "mechanism": d.mechanism,
                    "status": d.status,
                    "inferred": d.inferred,
                    "evidence": list(d.evidence),
                }
                for d in self.documents
            ],
        }


def reconcile(
    graph: Any,
    pairings: Sequence[OfficialPairing] | None = None,
    gazetteer: GazetteerLike | None = None,
    *,
    as_of: int | None = None,
    programme: str | None = None,
) -> list[ReconRow]:
    """The report's rows, group by group (a, b, c, agree), each group in the lists' order."""
    index = CoverageIndex(graph, gazetteer, pairings)
    return Reconciler(index, as_of, programme).rows()


class Reconciler:
    """One pass over the document pairings, then one verdict per official row."""

    def __init__(self, index: CoverageIndex, as_of: int | None, programme: str | None) -> None:
        self.index, self.as_of, self.programme = index, as_of, programme
        self.docs = [
            d for d in index.all_pairings() if programme is None or programme in index.programmes_of(d)
        ]
        self.matched: dict[int, list[DocPairing]] = defaultdict(list)  # id(official row) → its documents
        for d in self.docs:
            for p in index.official_matches(d):
                self.matched[id(p)].append(d)
        rows = index.official_rows
        self.official = [p for p in rows if programme is None or p.programme == programme]
        self.successors: dict[tuple[str, str], list[OfficialPairing]] = defaultdict(list)
        for p in rows:
            if p.replaces and "→" in p.replaces:
                helper, helped = p.replaces.split("→", 1)
                self.successors[(helper, helped)].append(p)

    def rows(self) -> list[ReconRow]:
        out: dict[str, list[ReconRow]] = {g: [] for g in GROUPS}
        for p in _unique_rows(self.official):
            row = self._verdict(p)
            if row is not None:
                out[row.group].append(row)
        out["documents-only"] = [
            self._unlisted(d) for d in self.docs if self._counts(d) and not self._listed(d)
        ]
        return [r for g in GROUPS for r in out[g]]

    # ------------------------------------------------------------------ documents
    def _counts(self, d: DocPairing) -> bool:
        return self.as_of is None or d.in_force(self.as_of)

    def _listed(self, d: DocPairing) -> bool:
        return any(
            self.programme is None or p.programme == self.programme for p in self.index.official_matches(d)
        )

    def _unlisted(self, d: DocPairing) -> ReconRow:
        gaz, index = self.index.gazetteer, self.index
        helped = index.name(d.helped_code)
        mine = index.programmes_of(d)
        programme = ", ".join(sorted(mine))
        others = [
            p
            for code in index.chain_codes(d.helped_code)
            for p in index.official_at(code)
            if p.in_force(self.as_of) and (not mine or p.programme in mine)
        ]
        if d.helper_code is None:
            kind, note = "unit", "the helper is an organisation: unit lists (定点帮扶) are far from complete"
        elif _province(gaz, d.helper_code) == _province(gaz, d.helped_code):
            kind, note = (
                "local",
                "both sides in one province: a province's own arrangement, on no national list",
            )
        elif others:
            kind = "other-helper"
            note = "the lists pair it with " + "; ".join(
                dict.fromkeys(f"{p.helper} ({p.list_name})" for p in others)
            )
        else:
            kind, note = "new", "no list pairs this helper or this helped unit"
        return ReconRow("documents-only", kind, d.helper_name, helped, programme, None, [d], others, note)

    # ------------------------------------------------------------------ official rows
    def _verdict(self, p: OfficialPairing) -> ReconRow | None:
        docs = self.matched.get(id(p), [])
        conflicts: dict[str, list[str]] = defaultdict(list)
        support = explained = False
        for d in docs:
            rivals = [q for q in self.index.official_matches(d) if q is not p]
            for ev in d.evidence:
                y = year_of(ev.get("date"))
                status = ev.get("status") or d.status
                if y is None or status == "planned":
                    support = support or (status == "current" and self._counts(d))
                    continue
                if status == "past":
                    if p.until is None or p.until > y:
                        conflicts["said-ended"].append(f"{y}: a document calls it past")
                    continue
                if p.in_force(y):
                    support = support or self._counts(d)
                elif any(q.in_force(y) for q in rivals):
                    explained = True  # another row of the pair holds that year
                elif p.until is not None and y > p.until:
                    kind = "replaced" if self._successors(p) else "ended"
                    conflicts[kind].append(f"{y}: current evidence after {p.until}")
                else:
                    conflicts["before-start"].append(f"{y}: current evidence before {p.since}")
        if conflicts:
            if not p.in_force(self.as_of) and not self._conflict_in(conflicts, self.as_of):
                return None
            notes = [f"{k}: {'; '.join(dict.fromkeys(v))}" for k, v in conflicts.items()]
            successors = self._successors(p)
            if successors:
                notes.append("taken over by " + "; ".join(f"{q.helper} ({q.years()})" for q in successors))
            return self._row("years", ", ".join(conflicts), p, docs, " · ".join(notes), successors)
        if not p.in_force(self.as_of):
            return None
        if support:
            return self._row("agree", "", p, docs, "")
        if not docs:
            note = "no document names this pairing"
        elif explained:
            note = "documents name the pair only in years another row of it holds"
        else:
            note = f"documents name it, but none in force in {self.as_of}"
        if not p.helped_exact:
            note += "; a township or village: documents are matched at county level only"
        return self._row("official-only", "", p, docs, note)

    @staticmethod
    def _conflict_in(conflicts: dict[str, list[str]], year: int | None) -> bool:
        """Whether a conflict is about ``year`` (the evidence of that year is what disagrees)."""
        return year is not None and any(item.startswith(f"{year}:") for v in conflicts.values() for item in v)

    def _successors(self, p: OfficialPairing) -> list[OfficialPairing]:
        return self.successors.get((p.helper, p.helped), [])

    def _row(
        self,
        group: str,
        kind: str,
        p: OfficialPairing,
        docs: list[DocPairing],
        note: str,
        others: Iterable[OfficialPairing] = (),
    ) -> ReconRow:
        return ReconRow(group, kind, p.helper, p.helped, p.programme, p, list(docs), list(others), note)


def _unique_rows(rows: Iterable[OfficialPairing]) -> list[OfficialPairing]:
    """One row per pairing and period: a pair two lists both carry (济南市→湘西州 in east-west and
    hunan-internal) is reported once, from the first list."""
    seen: set[tuple] = set()
    out = []
    for p in rows:
        key = (p.helper_codes or (p.helper,), p.helped_codes, p.since, p.until)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _province(gaz: GazetteerLike, code: str) -> str:
    region = gaz.by_code.get(code)
    return str(getattr(region, "province", None) or code)


def counts(rows: Iterable[ReconRow]) -> dict[str, int]:
    """Rows per group, every group named (0 when empty)."""
    out = dict.fromkeys(GROUPS, 0)
    for r in rows:
        out[r.group] += 1
    return out
