# The two commands of README.md:  make run  ·  make test
# Everything they need is installed by the targets below (a virtualenv in .venv, npm packages, and
# Debian packages through scripts/system-deps.sh when missing).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# make's commands (the demo server, messages, type checks) run the development environment, chosen
# explicitly; everywhere else production is the default and refuses to start unsafe (docs/deploy.md).
export SUNDHEDSAFTALE_ENV ?= development

.PHONY: run test install install-test system-deps system-deps-test assets messages lint typecheck \
        test-sqlite test-postgres bench system-deps-bench clean

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_demo
	@echo ""
	@echo "  Sundhedsaftale kører på http://$(HOST):$(PORT)/  (log ind som fx 'sjaelland' eller 'admin')"
	@echo ""
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install-test lint typecheck test-sqlite test-postgres

system-deps:
	@scripts/system-deps.sh run

system-deps-test:
	@scripts/system-deps.sh test

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

install: system-deps $(PY)
	$(PIP) install -q -e .
	$(MAKE) --no-print-directory assets messages

install-test: system-deps-test $(PY)
	$(PIP) install -q -e '.[test]'
	$(MAKE) --no-print-directory assets messages

assets:
	cd frontend && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build

messages:
	$(PY) manage.py compilemessages --ignore=.venv --ignore=frontend --ignore=var -v 0

lint:
	$(VENV)/bin/ruff check src tests benchmarks tools
	$(VENV)/bin/ruff format --check src tests benchmarks tools

typecheck:
	$(VENV)/bin/mypy

# The suite runs on every core (at most four); each worker has a test database of its own.
XDIST := -n auto --maxprocesses=4 --dist loadgroup

# The two walks over every route (the authorization matrix and the API fuzzing, minutes each) run once, in the
# PostgreSQL pass: it is the production database (ADR 0050).
test-sqlite:
	$(VENV)/bin/pytest $(XDIST) -m "not every_route"

# The database-backed tests again on PostgreSQL (127.0.0.1:5432, trust auth; pytest-django makes test_test_gw0, test_test_gw1, …).
test-postgres:
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest $(XDIST) tests/web -m "not e2e"

system-deps-bench:
	@scripts/system-deps.sh bench

# load.py creates (and drops) a scratch database on the PostgreSQL server of PG_URL.
bench: install system-deps-bench
	$(PIP) install -q -e '.[bench]'
	$(PY) benchmarks/load.py --pg-url $(PG_URL)
	$(PY) benchmarks/run.py
	$(PY) benchmarks/national_overview.py
	$(PY) benchmarks/letters.py
	$(PY) benchmarks/assessment.py
	$(PY) benchmarks/import_limits.py
	$(PY) benchmarks/archive.py
	$(PY) benchmarks/engine.py
	$(PY) benchmarks/startup.py
	$(PY) benchmarks/indicators.py
	$(PY) benchmarks/search.py --pg-url $(PG_URL)

clean:
	rm -rf $(VENV) var frontend/node_modules src/sundhedsaftale/web/static/vendor
