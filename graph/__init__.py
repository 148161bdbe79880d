"""The knowledge graph and where it is kept: merged facts as a networkx graph, and its stores.

Modules (one job each):
- model        KnowledgeGraph: networkx MultiDiGraph with exact per-document merge and removal
- flat         FlatMerge: a full build's facts merged by key, memory flat in N (spill + COPY FROM)
- evidence     what an edge's evidence adds up to (confidence, status, years); the evidence records
- hierarchy    region attributes and ancestors from the gazetteer
- chains       the PART_OF links and ancestor nodes, reference-counted by the regions that need them
- tables       the graph as flat rows (what every store and tabular export writes)
- export/      one module per format: GraphML, GEXF, node-link JSON, neo4j-admin CSV, Cypher script
- store/       embedded (ladybug file, atomic writes, read-only queries), readback (store → graph,
               or → a view of entities and relations),
               neo4j (official driver), neo4j_cypher (every statement sent to Neo4j), result
The vocabulary (labels, relation types, properties) is bangfu.knowledge.ontology.
"""
