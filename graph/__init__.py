"""The knowledge graph: merge facts from many documents, analyse them, persist them in a store.

Modules (one job each):
- schema       the ontology: labels, relationship types, property types, endpoint pairs, id helpers
- model        KnowledgeGraph: networkx MultiDiGraph with exact per-document merge and removal
- hierarchy    region attributes and PART_OF chains from the gazetteer
- tables       the graph as flat rows (what every store and tabular export writes)
- build        files → Documents → Extractions → KnowledgeGraph → store
- analyst      five analyst questions in portable Cypher, each with its networkx answer
- export       GraphML, GEXF, node-link JSON, neo4j-admin CSV, Cypher script
- store/       embedded (ladybug file, atomic writes, read-only queries), readback (store → graph),
               neo4j (official driver), neo4j_cypher (every statement sent to Neo4j), result
- coverage, reference, lists   the planner's questions (who is not helped), on top of the graph
"""
