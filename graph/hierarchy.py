"""Region facts that come from the gazetteer, not from text: attributes and the chain of ancestors.

The graph asks this module, never the gazetteer directly: a graph built without a gazetteer (tests
on hand-made facts) gets regions with no ancestors, and a code the gazetteer does not know stops the
chain there instead of breaking a build. A county's PART_OF chain (county → prefecture → province) is what lets coverage
count a helper of 湘西州 as covering 龙山县.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bangfu.knowledge.gazetteer import GazetteerLike
from bangfu.knowledge.ontology import region_id


def _as_code(value: Any) -> str | None:
    """Gazetteer fields may hold a code or a node id; the graph wants a bare 6-digit code."""
    if value is None or value == "":
        return None
    text = str(value)
    return text.removeprefix("region:")


class Hierarchy:
    """Attributes and ancestors of regions by code; empty answers when no gazetteer is available."""

    def __init__(self, gazetteer: GazetteerLike | None) -> None:
        self._by_code: dict[str, Any] = dict(getattr(gazetteer, "by_code", {}) or {})
        self._attr_cache: dict[str, dict[str, Any]] = {}

    def __contains__(self, code: str) -> bool:
        return code in self._by_code

    def codes(self) -> Iterator[str]:
        return iter(sorted(self._by_code))

    def parent_code(self, code: str) -> str | None:
        region = self._by_code.get(code)
        parent = _as_code(getattr(region, "parent", None)) if region is not None else None
        return parent if parent and parent != code else None

    def ancestors(self, code: str) -> list[str]:
        """Codes from the parent upward; stops on a cycle or an unknown code."""
        out: list[str] = []
        seen = {code}
        parent = self.parent_code(code)
        while parent and parent not in seen:
            out.append(parent)
            seen.add(parent)
            parent = self.parent_code(parent)
        return out

    def attributes(self, code: str) -> dict[str, Any]:
        """Node properties of a region: name, level, parent, province, lat, lon (only those known).

        Cached per code (the gazetteer does not change under a graph); callers copy, never mutate."""
        if code not in self._attr_cache:
            self._attr_cache[code] = self._attributes(code)
        return self._attr_cache[code]

    def _attributes(self, code: str) -> dict[str, Any]:
        region = self._by_code.get(code)
        if region is None:
            return {}
        attrs: dict[str, Any] = {"code": code}
        for field in ("name", "level", "lat", "lon"):
            value = getattr(region, field, None)
            if value is not None and value != "":
                attrs[field] = value
        parent = self.parent_code(code)
        if parent:
            attrs["parent"] = region_id(parent)
        province = _as_code(getattr(region, "province", None))
        if province and province.isdigit():
            attrs["province"] = region_id(province)
        elif attrs.get("level") == "province":
            attrs["province"] = region_id(code)
        for field in ("lat", "lon"):
            if field in attrs:
                try:
                    attrs[field] = float(attrs[field])
                except (TypeError, ValueError):
                    del attrs[field]
        return attrs
