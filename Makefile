# The two commands a fresh machine needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# `make test` runs against its own Neo4j instance (own home and ports), never the dev data.
TEST_ENV := NEO4J_URI=bolt://127.0.0.1:7688 PEELGRAPH_NEO4J_INSTANCE=test PEELGRAPH_NEO4J_HTTP_PORT=7475 \
	PEELGRAPH_NEO4J_HEAP=768m PEELGRAPH_NEO4J_PAGECACHE=256m

.PHONY: setup lock wheel run test lint schema neo4j-start neo4j-stop clean chromium jdk

setup: $(VENV)/.installed web/dist/index.html
	@$(BIN)/peelgraph neo4j install

# Exactly the locked versions (hashes checked, nothing resolved afresh), then the project itself, editable, its
# parser compiled by mypyc (setup.py): again whenever a parser source changes, since until then it runs as Python.
$(VENV)/.installed: pyproject.toml setup.py requirements-dev.lock $(wildcard loaders/*.py)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps -e .
	$(BIN)/pip check
	@touch $@

# The wheel a user installs (docs/code-map.md), the web pages built first so that they travel in it.
wheel: $(VENV)/.installed web/dist/index.html
	$(BIN)/pip wheel --quiet --no-deps --wheel-dir dist .

# Re-resolve the locks from pyproject.toml (newest versions its ranges allow; `UPGRADE=` keeps the
# locked ones where they still fit): requirements.lock for an install (the Dockerfile), requirements-dev.lock
# for `make setup`, the same versions in both.
UPGRADE ?= --upgrade
LOCK_OPTIONS := --universal --generate-hashes --python-version 3.11 --quiet
lock:
	@test -x $(BIN)/uv || $(MAKE) $(VENV)/.installed
	$(BIN)/uv pip compile pyproject.toml --extra dev $(UPGRADE) $(LOCK_OPTIONS) -o requirements-dev.lock
	$(BIN)/uv pip compile pyproject.toml -c requirements-dev.lock $(LOCK_OPTIONS) -o requirements.lock

# The Explorer (web/): `npm ci` when the lock file changes, a Vite build when a source does.
WEB_SOURCES := web/package.json web/vite.config.js web/index.html web/playground.html $(wildcard web/src/*)

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build
	@touch $@

# The Node.js clients tests/http/ runs: the GraphQL over HTTP audit (graphql-http) and Apollo Client.
NODE_CLIENTS := tests/http/node
$(NODE_CLIENTS)/node_modules/.package-lock.json: $(NODE_CLIENTS)/package.json $(NODE_CLIENTS)/package-lock.json
	cd $(NODE_CLIENTS) && npm ci --no-audit --no-fund
	@touch $@

# The browser tests drive Debian's Chromium (Playwright's own browser download does not work here).
chromium:
	@command -v chromium >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium)

# javac builds the extension that keeps other web pages off Neo4j's Bolt port (docs/security.md).
jdk:
	@command -v javac >/dev/null || ($(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends openjdk-17-jdk-headless)

run: setup jdk
	$(BIN)/peelgraph neo4j start
	$(BIN)/peelgraph load
	$(BIN)/peelgraph serve

test: setup chromium jdk $(NODE_CLIENTS)/node_modules/.package-lock.json
	@$(TEST_ENV) $(BIN)/pytest; rc=$$?; \
	$(TEST_ENV) $(BIN)/peelgraph neo4j stop >/dev/null; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: nothing was checked" >&2; fi; \
	exit $$rc

# The committed contract, schema.graphql, exported from the code (tests/schema/test_schema_file.py checks it).
schema: $(VENV)/.installed
	$(BIN)/strawberry export-schema peelgraph.schema.api:schema > schema.graphql

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/mypy

neo4j-start: setup
	$(BIN)/peelgraph neo4j start

neo4j-stop:
	$(BIN)/peelgraph neo4j stop

clean:
	-$(BIN)/peelgraph neo4j stop
	-$(TEST_ENV) $(BIN)/peelgraph neo4j stop
	rm -rf $(VENV) .neo4j web/node_modules web/dist $(NODE_CLIENTS)/node_modules build loaders/*.so
