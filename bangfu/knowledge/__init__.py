"""The reference knowledge every room reads: the ontology, the gazetteer, the lexicons, the cue words
and the official lists, each read from data/ by one reader. Imports nothing else of the project."""
