"""The use cases that move documents into a store: build, add, remove, over a process pool."""
