"""KnowledgeGraph merging: idempotence, replacement, exact removal, hierarchy, serialisation."""

from __future__ import annotations

import copy

import networkx as nx
import pytest
from graph_helpers import (
    TEXTS,
    FakeGazetteer,
    extraction_a,
    extraction_b,
    extraction_c,
    extraction_d,
    region,
)

from graph.evidence import aggregate_evidence
from graph.model import KnowledgeGraph

ASSIST = "ASSISTS|对口帮扶"


def snapshot(kg: KnowledgeGraph) -> tuple:
    """Everything observable about the graph, order-independent."""
    nodes = sorted((n, repr(sorted(a.items()))) for n, a in kg.graph.nodes(data=True))
    edges = sorted((u, v, k, repr(sorted(a.items()))) for u, v, k, a in kg.graph.edges(keys=True, data=True))
    return nodes, edges


def three() -> list:
    return [extraction_a(), extraction_b(), extraction_c()]


@pytest.fixture
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph(FakeGazetteer())
    graph.add_extractions(three())
    return graph


def test_entities_merge_by_id_with_aliases_union(kg: KnowledgeGraph) -> None:
    changsha = kg.graph.nodes["region:430100"]
    assert changsha["label"] == "Region"
    assert changsha["aliases"] == ["长沙", "长沙市"]
    assert changsha["n_documents"] == 2
    assert changsha["level"] == "prefecture" and changsha["parent"] == "region:430000"
    assert changsha["lat"] == pytest.approx(28.23)


def test_one_edge_per_fact_with_growing_evidence(kg: KnowledgeGraph) -> None:
    edges = kg.graph.get_edge_data("region:430100", "region:433130")
    assert list(edges) == [ASSIST]
    edge = edges[ASSIST]
    assert edge["n_evidence"] == 2
    assert [e["doc"] for e in edge["evidence"]] == ["b003", "a000"]  # oldest first
    assert edge["first_year"] == 2020 and edge["last_year"] == 2022
    assert edge["confidence"] == 0.95
    assert edge["inferred"] is False
    assert edge["evidence"][1]["doc_number"] is None
    assert edge["evidence"][0]["doc_number"] == "湘扶领办发〔2020〕4号"


def test_evidence_spans_point_into_the_document(kg: KnowledgeGraph) -> None:
    for _, _, data in kg.graph.edges(data=True):
        for ev in data.get("evidence", []):
            assert TEXTS[ev["doc"]][ev["start"] : ev["end"]] == ev["sentence"]


def test_status_from_newest_and_inferred_only_if_all_inferred() -> None:
    base = {"sentence": "x", "start": 0, "end": 1, "title": None, "doc_number": None}
    agg = aggregate_evidence(
        [
            {
                **base,
                "doc": "new",
                "date": "2023-01-01",
                "status": "past",
                "inferred": True,
                "confidence": 0.5,
            },
            {
                **base,
                "doc": "old",
                "date": "2019-05-01",
                "status": "current",
                "inferred": False,
                "confidence": 0.9,
            },
            {
                **base,
                "doc": "undated",
                "date": None,
                "status": "planned",
                "inferred": True,
                "confidence": 0.2,
            },
        ]
    )
    assert agg["status"] == "past"
    assert agg["inferred"] is False
    assert agg["confidence"] == 0.9
    assert (agg["first_year"], agg["last_year"]) == (2019, 2023)


def test_documents_and_mentions(kg: KnowledgeGraph) -> None:
    assert kg.graph.nodes["doc:b003"]["doc_number"] == "湘扶领办发〔2020〕4号"
    assert kg.graph.nodes["doc:c002"]["name"] == "002.txt"  # untitled: the file name
    mention = kg.graph.get_edge_data("region:370000", "doc:c002")["MENTIONED_IN|"]
    assert mention == {"type": "MENTIONED_IN", "aliases": ["山東"]}


def test_groups_are_kept(kg: KnowledgeGraph) -> None:
    groups = kg.graph.nodes["region:430100"]["groups"]
    assert [(g["helped"], g["mechanism"], g["doc"]) for g in groups] == [("7个贫困县", "对口帮扶", "a000")]
    assert list(kg.groups())[0]["helper"] == "region:430100"
    kg.remove_document("a000")
    assert "groups" not in kg.graph.nodes["region:430100"]


def test_ancestor_chain_from_gazetteer(kg: KnowledgeGraph) -> None:
    part_of = {(u, v) for u, v, d in kg.graph.edges(data=True) if d["type"] == "PART_OF"}
    assert ("region:433130", "region:433100") in part_of
    assert ("region:433100", "region:430000") in part_of
    assert kg.graph.nodes["region:430000"]["n_documents"] == 0  # only an ancestor
    assert "region:430528" not in kg.graph  # not mentioned, not an ancestor of anything mentioned


def test_same_document_twice_changes_nothing(kg: KnowledgeGraph) -> None:
    before = snapshot(kg)
    assert kg.add_extraction(extraction_b()) is False
    assert kg.add_extraction(copy.deepcopy(extraction_a())) is False
    assert snapshot(kg) == before


def test_order_of_documents_does_not_matter(kg: KnowledgeGraph) -> None:
    other = KnowledgeGraph(FakeGazetteer())
    other.add_extractions(reversed(three()))
    assert snapshot(other) == snapshot(kg)


def test_remove_document_keeps_shared_facts(kg: KnowledgeGraph) -> None:
    kg.remove_document("b003")
    assert "doc:b003" not in kg.graph
    assert not kg.graph.has_edge("region:430300", "region:433127")  # only b003 said it
    assert "region:430300" not in kg.graph and "region:433127" not in kg.graph
    assert "region:370100" not in kg.graph
    shared = kg.graph.edges["region:430100", "region:433130", ASSIST]
    assert shared["n_evidence"] == 1 and shared["evidence"][0]["doc"] == "a000"
    assert shared["first_year"] == shared["last_year"] == 2022
    assert kg.graph.nodes["region:430100"]["aliases"] == ["长沙市"]
    assert kg.graph.nodes["region:430100"]["n_documents"] == 1
    # 湘西州 is still mentioned by a000; 济南 → 湘西州 is gone
    assert kg.graph.nodes["region:433100"]["n_documents"] == 1
    assert not kg.graph.has_edge("region:370100", "region:433100")


def test_remove_then_add_restores_the_graph(kg: KnowledgeGraph) -> None:
    before = snapshot(kg)
    for doc_id in ("a000", "b003", "c002"):
        kg.remove_document(doc_id)
        kg.add_extraction({"a000": extraction_a, "b003": extraction_b, "c002": extraction_c}[doc_id]())
        assert snapshot(kg) == before


def test_removing_everything_leaves_an_empty_graph(kg: KnowledgeGraph) -> None:
    for doc_id in kg.document_ids:
        assert kg.remove_document(doc_id)
    assert kg.graph.number_of_nodes() == 0 and kg.graph.number_of_edges() == 0
    assert kg.remove_document("a000") is False


def test_changed_document_replaces_its_facts(kg: KnowledgeGraph) -> None:
    changed = extraction_b(doc_id="b003-v2")  # same path, new content id
    changed.relations = [r for r in changed.relations if r.target != "region:433127"]
    changed.entities = [e for e in changed.entities if e.id != "region:433127"]
    assert kg.add_extraction(changed)
    assert kg.document_ids == ["a000", "b003-v2", "c002"]
    assert "doc:b003" not in kg.graph
    assert "region:433127" not in kg.graph
    shared = kg.graph.edges["region:430100", "region:433130", ASSIST]
    assert sorted(e["doc"] for e in shared["evidence"]) == ["a000", "b003-v2"]


def test_ancestor_that_becomes_a_mention_and_back(kg: KnowledgeGraph) -> None:
    # 湖南省 is only an ancestor; a document that names it makes it live, removing it makes it structural
    ext = extraction_c(doc_id="h1", path="h1.txt")

    ext.entities.append(region("430000", "湖南省", "province", None, "湖南"))
    kg.add_extraction(ext)
    assert kg.graph.nodes["region:430000"]["n_documents"] == 1
    kg.remove_document("h1")
    assert kg.graph.nodes["region:430000"]["n_documents"] == 0
    assert kg.graph.has_edge("region:433100", "region:430000")


def test_json_round_trip(kg: KnowledgeGraph, tmp_path) -> None:
    kg.annotate("region:433130", designations=["湖南51个脱贫县"])
    path = tmp_path / "graph.json"
    kg.save(path)
    again = KnowledgeGraph.load(path, FakeGazetteer())
    assert snapshot(again) == snapshot(kg)
    assert again.graph.nodes["region:433130"]["designations"] == ["湖南51个脱贫县"]


def test_annotations_survive_a_refresh(kg: KnowledgeGraph) -> None:
    kg.annotate("region:433130", designations=["x"])
    kg.remove_document("b003")
    assert kg.graph.nodes["region:433130"]["designations"] == ["x"]


def test_without_gazetteer_uses_the_extraction_parents() -> None:
    kg = KnowledgeGraph(None)
    kg.add_extraction(extraction_a())
    assert kg.graph.has_edge("region:433130", "region:433100")
    assert kg.graph.has_edge("region:433100", "region:430000")  # parent the extraction named
    assert kg.graph.nodes["region:430000"]["name"] == "430000"  # nothing better is known
    kg.remove_document("a000")
    assert kg.graph.number_of_nodes() == 0


def test_all_regions_option() -> None:
    kg = KnowledgeGraph(FakeGazetteer(), all_regions=True)
    assert "region:430528" in kg.graph and kg.graph.has_edge("region:430528", "region:430500")
    kg.add_extraction(extraction_a())
    kg.remove_document("a000")
    assert kg.graph.number_of_nodes() == len(FakeGazetteer().by_code)


def test_summary(kg: KnowledgeGraph) -> None:
    s = kg.summary()
    assert s["documents"] == 3
    assert s["entities"]["Region"] == 10
    assert s["relations"]["ASSISTS"] == 5
    assert s["relations"]["MENTIONED_IN"] == 17
    assert s["groups"] == 1
    assert isinstance(kg.graph, nx.MultiDiGraph)


def test_parallel_edges_per_mechanism_and_village_chain(kg: KnowledgeGraph) -> None:
    kg.add_extraction(extraction_d())
    keys = set(kg.graph.get_edge_data("region:430100", "region:433130"))
    assert keys == {"ASSISTS|对口帮扶", "ASSISTS|消费帮扶"}
    assert kg.graph.has_edge("region:430528:崀山镇", "region:430528", "PART_OF|")
    assert kg.graph.has_edge("region:430528", "region:430500", "PART_OF|")
    assert kg.graph.nodes["region:430528:崀山镇"]["level"] == "village"
    kg.remove_document("d009")
    assert "region:430528:崀山镇" not in kg.graph and "region:430528" not in kg.graph
    assert set(kg.graph.get_edge_data("region:430100", "region:433130")) == {"ASSISTS|对口帮扶"}


def test_designations_from_reference_lists(kg: KnowledgeGraph) -> None:
    from bangfu.pipeline.build import apply_designations

    n = apply_designations(kg, {"433130": ["湖南51个脱贫县"], "433127": ["湖南51个脱贫县"], "999999": ["x"]})
    assert n == 2
    assert kg.graph.nodes["region:433130"]["designations"] == ["湖南51个脱贫县"]
    assert "designations" not in kg.graph.nodes["region:430100"]


def test_facts_outside_the_ontology_are_refused(kg: KnowledgeGraph) -> None:
    before = snapshot(kg)
    bad = extraction_a(doc_id="bad", path="bad.txt")
    bad.entities[0].type = "County"
    with pytest.raises(ValueError, match="County"):
        kg.add_extraction(bad)
    bad = extraction_a(doc_id="bad", path="bad.txt")
    bad.relations[0].type = "HELPS"
    with pytest.raises(ValueError, match="HELPS"):
        kg.add_extraction(bad)
    assert snapshot(kg) == before and "bad" not in kg.document_ids


def test_a_held_region_stays_whatever_the_documents_say() -> None:
    kg = KnowledgeGraph(FakeGazetteer())
    assert kg.hold_region("region:430523")  # 邵阳县: no document mentions it
    assert kg.graph.nodes["region:430523"]["n_documents"] == 0
    assert kg.graph.has_edge("region:430523", "region:430500") and kg.graph.has_edge(
        "region:430500", "region:430000"
    )
    assert not kg.hold_region("region:999999") and "region:999999" not in kg.graph
    kg.hold_region("region:433130")  # 龙山县, which document a000 mentions
    kg.add_extraction(extraction_a())
    assert kg.graph.nodes["region:433130"]["n_documents"] == 1
    kg.remove_document("a000")
    assert kg.graph.nodes["region:433130"]["n_documents"] == 0  # still there, with its chain
    assert kg.graph.has_edge("region:433130", "region:433100")
    kg.annotate("region:430523", designations=["hunan-51"])
    again = KnowledgeGraph.from_json(kg.to_json(), FakeGazetteer())
    assert again.graph.nodes["region:430523"]["designations"] == ["hunan-51"]
