"""The facts extraction produces: the contract between loaders/ and graph/.

Their JSON form is what `bangfu extract` prints (one object per document) and what the graph and the
stores read back, so the field names follow the issue's interface exactly. Types, mechanisms and statuses are the
ontology's (bangfu.knowledge.ontology).
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


class Compact:
    """Pickled as (class, field values) instead of a dict of attributes: every extraction crosses a
    process boundary on its way from a worker to the merge, and the main process unpickling them is
    what bounds a build on many cores (bangfu/bench/scaling.py); this halves its cost per document."""

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return type(self), self.field_values()

    def field_values(self) -> tuple[Any, ...]:
        """The field values in declaration order: ``type(self)(*values)`` is an equal object."""
        return tuple(getattr(self, name) for name in _field_names(type(self)))


@dataclass
class Evidence(Compact):
    """Where a fact is written: ``sentence == original[start:end]`` of the document."""

    sentence: str
    start: int
    end: int


@dataclass
class Entity(Compact):
    id: str
    type: str
    name: str
    code: str | None = None
    aliases: list[str] = field(default_factory=list)
    level: str | None = None
    parent: str | None = None
    # False for a region the text does not name but a named place lies in (衢江区 → 衢州市, 浙江省):
    # it lets a reader of the facts tell 衢州市衢江区 from a namesake; the graph adds it as an ancestor
    mentioned: bool = True

    def to_json(self) -> dict:
        d = {"id": self.id, "type": self.type, "name": self.name, "aliases": sorted(set(self.aliases))}
        if not self.mentioned:
            d["mentioned"] = False
        if self.code:
            d["code"] = self.code
        if self.level:
            d["level"] = self.level
        if self.parent:
            d["parent"] = self.parent
        return d


@dataclass
class Relation(Compact):
    type: str
    source: str
    target: str
    evidence: Evidence
    mechanism: str | None = None
    inferred: bool = False
    status: str = "current"
    confidence: float = 0.9

    def to_json(self) -> dict:
        return {
            "type": self.type,
            "source": self.source,
            "target": self.target,
            "mechanism": self.mechanism,
            "inferred": self.inferred,
            "status": self.status,
            "confidence": round(self.confidence, 3),
            "evidence": asdict(self.evidence),
        }


@dataclass
class Group(Compact):
    """A statement about unnamed or counted places ("7个贫困县"): kept, never turned into pairs."""

    helper: str
    helped: str
    evidence: Evidence
    mechanism: str | None = None

    def to_json(self) -> dict:
        return {
            "helper": self.helper,
            "helped": self.helped,
            "mechanism": self.mechanism,
            "evidence": asdict(self.evidence),
        }


@dataclass
class Extraction(Compact):
    """All facts of one document, plus what could not be resolved (reported, not guessed)."""

    doc: dict
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    unresolved: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "doc": self.doc,
            "entities": [e.to_json() for e in self.entities],
            "relations": [r.to_json() for r in self.relations],
            "groups": [g.to_json() for g in self.groups],
            "unresolved": self.unresolved,
        }

    @classmethod
    def from_json(cls, d: dict) -> Extraction:
        return cls(
            doc=d["doc"],
            entities=[
                Entity(
                    id=e["id"],
                    type=e["type"],
                    name=e["name"],
                    code=e.get("code"),
                    aliases=list(e.get("aliases") or []),
                    level=e.get("level"),
                    parent=e.get("parent"),
                    mentioned=e.get("mentioned", True),
                )
                for e in d.get("entities", [])
            ],
            relations=[
                Relation(
                    type=r["type"],
                    source=r["source"],
                    target=r["target"],
                    evidence=Evidence(**r["evidence"]),
                    mechanism=r.get("mechanism"),
                    inferred=bool(r.get("inferred")),
                    status=r.get("status", "current"),
                    confidence=float(r.get("confidence", 0.9)),
                )
                for r in d.get("relations", [])
            ],
            groups=[
                Group(
                    helper=g["helper"],
                    helped=g["helped"],
                    evidence=Evidence(**g["evidence"]),
                    mechanism=g.get("mechanism"),
                )
                for g in d.get("groups", [])
            ],
            unresolved=list(d.get("unresolved", [])),
        )
