"""The knowledge graph: merge facts from many documents, analyse them, persist them in a store."""
