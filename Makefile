# cablebase: the two commands of the README, and the pieces they are made of.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
CORPUS := $(SHARED)/corpus

.PHONY: demo corpus-archive test lint typecheck install vendor bench clean

$(BIN)/cablebase: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

# The reading room's browser libraries come from npm (package.json, pinned by
# package-lock.json); their builds are copied next to our own static files, not committed.
VENDOR := src/cablebase/web/static/vendor
VENDOR_FILES := \
	node_modules/chart.js/dist/chart.umd.min.js \
	node_modules/cytoscape/dist/cytoscape.min.js \
	node_modules/internmap/dist/internmap.min.js \
	node_modules/d3-array/dist/d3-array.min.js \
	node_modules/d3-geo/dist/d3-geo.min.js \
	node_modules/topojson-client/dist/topojson-client.min.js \
	node_modules/world-atlas/countries-110m.json

$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	mkdir -p $(VENDOR)
	cp $(VENDOR_FILES) $(VENDOR)/
	touch $@

vendor: $(VENDOR)/.stamp

install: $(BIN)/cablebase vendor

DEMO := build/demo-archive

# The main job on the embedded default: a synthetic collection in the real cables.csv format,
# ingested into an archive, searched, then served at 127.0.0.1:8000. (Synthetic cables carry
# real Cablegate ids: ingesting the real corpus into the same archive would make its texts
# versions of the synthetic ones, so `make corpus-archive` builds the real one apart.)
demo: install
	mkdir -p build
	test -f build/synthetic-20000.csv || $(BIN)/cablebase synth 20000 -o build/synthetic-20000.csv
	$(BIN)/cablebase ingest build/synthetic-20000.csv --archive $(DEMO)
	$(BIN)/cablebase stats --archive $(DEMO)
	$(BIN)/cablebase search 'tag:PREL "human rights"' --facets -n 5 -f table --archive $(DEMO)
	@echo "archive in $(DEMO); the reading room is at http://127.0.0.1:8000/ (Ctrl+C stops)"
	$(BIN)/cablebase serve --archive $(DEMO) --port 8000

# The real sample collection of ../shared/corpus in an archive of its own.
corpus-archive: install
	$(BIN)/cablebase ingest $(CORPUS) --archive build/corpus-archive
	@echo "try  $(BIN)/cablebase serve --archive build/corpus-archive"

lint: install
	$(BIN)/ruff check src tests bench tools
	$(BIN)/ruff format --check src tests bench tools

typecheck: install
	$(BIN)/mypy src

test: lint typecheck
	CABLEBASE_SHARED=$(SHARED) $(BIN)/pytest

bench: install
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py

clean:
	rm -rf $(VENV) build node_modules $(VENDOR) .pytest_cache .mypy_cache .ruff_cache
