# cablebase: the two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
CORPUS := $(SHARED)/corpus

.PHONY: demo test lint typecheck install bench clean

$(BIN)/cablebase: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/cablebase

# The main job on the embedded default: parse the sample collection, show what was found.
demo: install
	mkdir -p build
	$(BIN)/cablebase parse $(CORPUS) > build/demo.jsonl || true
	$(BIN)/cablebase parse $(CORPUS) --stats || true
	@echo "records written to build/demo.jsonl ($$(wc -l < build/demo.jsonl) cables)"

lint: install
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: install
	$(BIN)/mypy src

test: lint typecheck
	CABLEBASE_SHARED=$(SHARED) $(BIN)/pytest

bench: install
	$(BIN)/python bench/parse.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
