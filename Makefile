# Concours — the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.12 || command -v python3.13 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
MANAGE := $(BIN)/python manage.py
# Tests run on two processes (the machine has two cores); override with PYTEST_WORKERS=0.
PYTEST_WORKERS ?= 2
# Packages that import no Django: typed strictly and tested to 100 % branch coverage.
PURE_CORES := eligibility scoring repertoire hashchain conflicts draw interchange timetable voting

.PHONY: help setup install migrate messages messages-update demo run test test-fast lint format bench deploy-check clean

help:
	@echo "make run    set everything up and serve the demo on http://$(HOST):$(PORT)/"
	@echo "make test   set up what the tests need and run the whole suite"
	@echo "make bench  run every benchmark under benchmarks/ (one 'name: value' line per figure)"
	@echo "make lint   ruff check, ruff format --check, mypy --strict on the pure cores"

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 12), "Concours needs Python 3.12 or newer; set PYTHON=/path/to/python3.12"'
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the lock file changes.
$(VENV)/.installed: requirements/lock.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/lock.txt
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(MANAGE) migrate --no-input -v 0

messages: install
	$(MANAGE) compilemessages --ignore=.venv -v 0

# After changing user-facing strings: refresh the catalogue, then translate the new entries.
messages-update: install
	$(MANAGE) makemessages -l zh_Hans --ignore=.venv --ignore=staticfiles --ignore=data --no-location --no-obsolete

# Loads the demo only into an empty database; never touches data that is already there.
demo: migrate
	$(MANAGE) load_demo --if-empty

setup: install migrate messages demo

# The task worker (e-mails, reminders) runs beside the server and stops with it.
run: setup
	$(MANAGE) demo_logins
	@$(MANAGE) db_worker --no-startup-delay & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(HOST):$(PORT)

# Lint, the pure cores at 100 % branch coverage, then the whole suite (browser tests included).
test: install messages lint
	$(BIN)/python -m pytest $(PURE_CORES:%=concours/%) -q --cov-branch \
		$(PURE_CORES:%=--cov=concours/%) --cov-report=term-missing:skip-covered --cov-fail-under=100
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --timeout=300

test-fast: install messages
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not browser"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict $(PURE_CORES:%=concours/%)

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install migrate
	@for script in benchmarks/bench_*.py; do $(BIN)/python "$$script" || exit 1; done

# The production settings pass Django's deployment checks.
deploy-check: install
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
	ALLOWED_HOSTS=concours.example.org $(MANAGE) check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .mypy_cache
