"""帮扶图谱's own package: the rooms beside the user's graph/ and loaders/.

- knowledge/  the reference data everyone reads (bottom layer: imports nothing of the project)
- pipeline/   the use cases: build, add, remove; the process pool that reads and extracts
- planner/    the planner's and analyst's questions: coverage, search, the Cypher catalogue
- views/      pictures: network layout and HTML, maps
- cli/        the `bangfu` command, one module per subcommand
- bench/      the national-scale benchmark

docs/architecture.md draws the one direction data flows through them.
"""
