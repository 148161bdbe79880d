"""app_pages/i18n.py: every label the pages use exists in Chinese and English, with the same placeholders."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from app_pages import PAGES, i18n, reconcile_view
from app_pages.cypher import EXAMPLES
from bangfu.knowledge.ontology import EDGE_TYPES, NODE_LABELS, REGION_LEVELS, STATUSES
from bangfu.planner.coverage import COVERAGE_LEVELS
from bangfu.planner.reconcile import GROUPS

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py"))]


def literal_keys() -> set[str]:
    """Keys passed as a plain string to t(...) anywhere in the app."""
    keys = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def family_keys() -> set[str]:
    """Keys the pages build from data: one per entity type, relation type, level, status, page…"""
    keys = {f"type.{x}" for x in NODE_LABELS}
    keys |= {f"rel.{x}" for x in EDGE_TYPES}
    keys |= {f"level.{x}" for x in REGION_LEVELS}
    keys |= {f"status.{x}" for x in STATUSES}
    keys |= {f"page.{p}" for p in PAGES}
    keys |= {f"cypher.ex.{e.name}" for e in EXAMPLES}
    keys |= {f"search.kind.{k}" for k in ("exact", "prefix", "contains")}
    keys |= {f"planner.show.{k}" for k in ("all", "county", "prefecture", "province")}
    keys |= {f"cypher.engine.{k}" for k in ("embedded", "neo4j")}
    keys |= {f"via.{k}" for k in ("direct", "prefecture", "province")}
    keys |= {f"rec.group.{g}" for g in GROUPS}
    keys |= {f"rec.col.{c}" for c in reconcile_view.COLUMNS}
    return keys


def coverage_keys() -> set[str]:
    keys = {f"coverage.{c}" for c in COVERAGE_LEVELS} | {"coverage.unresolved", "coverage.ambiguous"}
    return keys


def test_every_key_used_is_in_the_table():
    missing = (literal_keys() | coverage_keys()) - set(i18n.TEXTS)
    assert not missing


def test_every_family_is_complete():
    missing = family_keys() - set(i18n.TEXTS)
    assert not missing


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_present_with_the_same_placeholders():
    for key, (zh, en) in i18n.TEXTS.items():
        assert zh.strip() and en.strip(), key
        assert placeholders(zh) == placeholders(en), key


def test_chinese_by_default_english_on_request():
    assert i18n.DEFAULT == "zh"
    assert i18n.t("page.planner") == "覆盖分析"
    assert i18n.t("page.planner", lang="en") == "Planner"
    assert i18n.t("network.size", nodes=3, edges=2) == "当前选择：3 个节点，2 条关系"
    assert i18n.t("type.SomethingNew") == "SomethingNew"  # an unknown key shows, never fails a page
