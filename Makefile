# Thin wrappers around dev.py (which needs nothing but Python 3.11).
.PHONY: up test install lint format bench

up:
	python3 dev.py up

test:
	python3 dev.py test

install:
	python3 dev.py install

lint:
	.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	.venv/bin/ruff format . && .venv/bin/ruff check --fix .

bench:
	.venv/bin/bangfu bench --docs 1000
