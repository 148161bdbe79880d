"""Benchmarks: a synthetic corpus (corpus.py) and the harness behind `bangfu bench` (run.py)."""
