"""The reference knowledge every room reads: the ontology, the gazetteer, the lexicons, the cue words
and the official lists (with their sources), each read from data/ by one reader; and the text rules
every room applies alike: t2s, the form names are compared in (names), the encoding detector
(textcodec). Imports nothing else of the project."""
