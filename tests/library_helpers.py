"""Documents of our own and what a store holds, for the library tests (add, remove, guarded builds).

The sentences are written for these tests: 株洲市 → 泸溪县 is stated by two documents (a and b), so it
must survive the removal of either; 岳阳市 → 古丈县 only by b, 衡阳市 → 凤凰县 only by c.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from graph.store.embedded import open_store

DOCS = {
    "a.txt": (
        "株洲市对口帮扶泸溪县工作简报\n\n"
        "2021年5月，株洲市与泸溪县签订对口帮扶协议，株洲市对口帮扶泸溪县，共建椪柑产业园。\n"
        "株洲市商务局组织企业赴泸溪县采购农产品。\n\n"
        "2021年5月12日\n"
    ),
    "b.txt": (
        "岳阳市结对帮扶古丈县\n\n"
        "2022年3月，岳阳市结对帮扶古丈县，双方在古丈县举办茶叶推介会。\n"
        "株洲市对口帮扶泸溪县的做法也在会上得到介绍。\n\n"
        "2022年3月8日\n"
    ),
    "c.md": "# 衡阳市帮扶凤凰县消费帮扶周\n\n2023年，衡阳市对口帮扶凤凰县，开展消费帮扶周活动。\n",
}
ZHUZHOU, LUXI = "region:430200", "region:433122"
YUEYANG, GUZHANG = "region:430600", "region:433126"
HENGYANG, FENGHUANG = "region:430400", "region:433123"


def write_docs(folder: Path, names: tuple[str, ...] = ("a.txt", "b.txt")) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text(DOCS[name], encoding="utf-8")
    return folder


def graph_state(store: Path) -> dict[str, object]:
    """Everything a user could tell two stores apart by: documents, node ids, edges, counts."""
    with open_store(store) as s:
        nodes = sorted(s.query("MATCH (n) RETURN n.id").rows)
        edges = sorted(
            tuple(r) for r in s.query("MATCH (a)-[r]->(b) RETURN a.id, label(r), b.id, r.mechanism").rows
        )
        docs = sorted(s.query("MATCH (d:Document) RETURN d.id, d.path").rows)
    return {"nodes": nodes, "edges": edges, "documents": docs, "counts": (len(nodes), len(edges))}


def assists(store: Path) -> set[tuple[str, str]]:
    with open_store(store) as s:
        return {tuple(r) for r in s.query("MATCH (a)-[:ASSISTS]->(b) RETURN a.id, b.id").rows}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
