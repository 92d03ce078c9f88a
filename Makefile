# The two commands: `make run` (serve the app with demo data on the embedded defaults) and
# `make test` (install and start what the tests need, run the suite on SQLite and PostgreSQL).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := wsgi

.PHONY: run test install install-test translations migrate seed lint services-stop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# reinstall only when pyproject.toml changes; pip's own cache (~/.cache/pip) keeps downloads
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	scripts/system-deps.sh
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	scripts/system-deps.sh
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	@touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d marketplace/translations

migrate: install translations
	$(BIN)/flask db upgrade

seed: migrate
	$(BIN)/flask seed-demo --if-empty
	$(BIN)/flask search reindex --if-stale

run: seed
	@echo "Serving on http://$(HOST):$(PORT)  (demo logins: instance/demo-logins.txt)"
	$(BIN)/flask run --host $(HOST) --port $(PORT)

test: install-test translations
	scripts/test.sh

lint: install-test
	$(BIN)/ruff check marketplace search tests

services-stop:
	scripts/services/postgres.sh stop
	scripts/services/opensearch.sh stop single
	scripts/services/opensearch.sh stop cluster
	scripts/services/stripe-mock.sh stop

clean:
	rm -rf $(VENV) instance/marketplace.sqlite3 test-output .pytest_cache
