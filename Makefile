# The two commands: `make run` (API + local Neo4j + demo data + playground) and `make test`.
# Everything they need is installed by the targets below, on a fresh clone.

SHELL := /bin/bash
# Python 3.11, 3.12 or 3.13: PYTHON when given, else the newest of them the machine has.
PYTHON ?= $(shell scripts/find-python.sh)
VENV ?= .venv
BIN := $(VENV)/bin
NEO4J_DATA ?= .neo4j-data
NEO4J_PORT ?= 7687
export NEO4J_DATA NEO4J_PORT

.PHONY: run test containers neo4j reset schema tools browser web peer bench lock fuzz model format operations

## run: serve the API on 127.0.0.1:8000 (or PORT) with a local Neo4j (unless NEO4J_URI) and demo data
run: $(VENV)/.installed tools web
	$(BIN)/python -m scripts.run

## test: ruff, prettier (the JavaScript), mypy (strict), then pytest (unit, integration, HTTP and
## container tests on a real Neo4j: testcontainers' where a Docker engine can be had,
## containers/run.sh; else the launcher)
JAVASCRIPT := web/public/js web/public/playground.js web/operations.mjs bench/peer/server.mjs bench/peer/indexed.mjs tests/http/node
test: $(VENV)/.installed tools browser web peer
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	web/node_modules/.bin/prettier --check --log-level warn $(JAVASCRIPT)
	$(BIN)/mypy
	containers/run.sh $(BIN)/pytest

## containers: the container part alone: engine and images where needed (docs/containers.md),
## the compose stack and Neo4j image tests, and the integration tests through testcontainers
containers: $(VENV)/.installed tools
	containers/run.sh $(BIN)/pytest tests/containers tests/integration

## neo4j: only the database, in the foreground, on bolt://127.0.0.1:$(NEO4J_PORT), data in $(NEO4J_DATA)
neo4j: tools
	localneo4j/run.sh --data $(NEO4J_DATA) --port $(NEO4J_PORT)

## reset: wipe the local database's data directory
reset:
	rm -rf $(NEO4J_DATA)

## schema: export the served schema to schema/schema.graphql
schema: $(VENV)/.installed
	$(BIN)/python -m scripts.export_schema

## tools: the JDK and Maven the local Neo4j needs (from Debian when missing)
tools:
	@scripts/ensure-tools.sh

## browser: Debian's Chromium for the browser tests (Playwright drives it; no browser download)
browser:
	@scripts/ensure-browser.sh

## web: the web client's vendored modules (GraphiQL for the offline playground), from npm
web: web/node_modules/.installed
web/node_modules/.installed: web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --loglevel=error
	touch $@

## peer: the Neo4j GraphQL Library server the benchmark compares against (bench/peer), from npm
peer: bench/peer/node_modules/.installed
bench/peer/node_modules/.installed: bench/peer/package-lock.json
	npm ci --prefix bench/peer --no-audit --no-fund --loglevel=error
	touch $@

## bench: generate and load tier TIER (XS, S, M, L) if needed, measure floor, Vernetzt and peer
## (bench/results/$(TIER).json), then remake docs/benchmarks.md and its plots
TIER ?= XS
bench: $(VENV)/.installed tools peer
	$(BIN)/python -m bench.run --tier $(TIER)
	$(BIN)/python -m bench.report

$(VENV)/.installed: requirements.lock
	@test -n "$(PYTHON)" || { scripts/find-python.sh >/dev/null; exit 1; }
	@$(PYTHON) -c 'import sys; v = sys.version_info[:2]; assert (3, 11) <= v <= (3, 13), \
		f"Python {v[0]}.{v[1]} is not supported: Vernetzt runs on 3.11, 3.12 and 3.13 (PYTHON=...)"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	touch $@

## format: format the Python (ruff) and the JavaScript (prettier, pinned in web/package.json),
## then list the web client's operations again (their text is as prettier writes it)
format: $(VENV)/.installed web
	$(BIN)/ruff format .
	web/node_modules/.bin/prettier --write --log-level warn $(JAVASCRIPT)
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON web/operations.mjs

## operations: list the web client's operations by hash (web/operations.json; a test checks it)
operations:
	node --disable-warning=MODULE_TYPELESS_PACKAGE_JSON web/operations.mjs

## lock: re-pin every dependency (with hashes) after changing pyproject.toml
lock: $(VENV)/.installed
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -o requirements-runtime.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

## fuzz: the long fuzz run (VERNETZT_FUZZ_EXAMPLES operations; the suite runs 120)
fuzz: $(VENV)/.installed tools
	VERNETZT_FUZZ_EXAMPLES=$${VERNETZT_FUZZ_EXAMPLES:-5000} $(BIN)/pytest tests/http/test_fuzz.py

## model: the long model-based run (VERNETZT_MODEL_EXAMPLES sequences of VERNETZT_MODEL_STEPS)
## and the long R29 property run (VERNETZT_EXPLAIN_EXAMPLES random states)
model: $(VENV)/.installed tools
	VERNETZT_MODEL_EXAMPLES=$${VERNETZT_MODEL_EXAMPLES:-1000} VERNETZT_MODEL_STEPS=$${VERNETZT_MODEL_STEPS:-30} \
	VERNETZT_EXPLAIN_EXAMPLES=$${VERNETZT_EXPLAIN_EXAMPLES:-300} \
		$(BIN)/pytest -s tests/reliability/test_model_based.py tests/reliability/test_explanations.py
